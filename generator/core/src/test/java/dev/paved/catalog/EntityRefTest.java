package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EntityRefTest {

    @Test
    void fillsKindAndNamespaceFromTheDefaults() {
        assertEquals(new EntityRef("group", "default", "team-a"), EntityRef.parse("team-a", "group", "default"));
        assertEquals(new EntityRef("user", "ops", "bo"), EntityRef.parse("user:bo", "group", "ops"));
        assertEquals(new EntityRef("group", "people", "x"), EntityRef.parse("people/x", "group", "default"));
        assertEquals(new EntityRef("component", "a", "b"), EntityRef.parse("component:a/b", null, "default"));
    }

    @Test
    void comparesCaseInsensitively() {
        assertEquals(EntityRef.parse("Component:Default/My-Service", null, "default"),
                EntityRef.parse("component:my-service", null, "default"));
        assertEquals("component:default/my-service", EntityRef.parse("Component:My-Service", null, "x").toString()
                .replace(":x/", ":default/"));
    }

    @Test
    void aColonAfterTheSlashIsPartOfTheName() {
        assertEquals(new EntityRef("group", "ns", "a:b"), EntityRef.parse("ns/a:b", "group", "default"));
    }

    @Test
    void rejectsWhatIsNotAReferenceWithBackstagesWording() {
        var empty = assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("group:", "group", "default"));
        assertEquals("Entity reference \"group:\" was not on the form [<kind>:][<namespace>/]<name>",
                empty.getMessage());
        var noKind = assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("db", null, "default"));
        assertEquals("Entity reference \"db\" had missing or empty kind", noKind.getMessage());
    }
}
