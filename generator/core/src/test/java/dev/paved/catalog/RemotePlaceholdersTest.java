package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.RemoteTexts.RemoteText;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Placeholders naming absolute URLs take their text from the {@link RemoteTexts} the build hands the catalog (the
 * crawl's URL reader, tested with a server in {@code RemoteTextsTest}); here a reader of fixed answers.
 */
class RemotePlaceholdersTest {

    private static final String AT = "https://github.com/acme/apis/blob/main/";

    private static final Map<String, RemoteText> ANSWERS = Map.of(
            AT + "links.json", new RemoteText.Read("[{\"url\": \"https://petstore.example\", \"title\": \"Shop\"}]",
                    Optional.empty()),
            AT + "petstore.yaml", new RemoteText.Read("openapi: 3.0.0\ninfo: {title: Petstore, version: '1'}\n"
                    + "paths: {}\n", Optional.empty()),
            AT + "bundled.yaml", new RemoteText.Read("openapi: 3.0.0\ninfo: {title: B, version: '1'}\npaths: {}\n"
                    + "components: {schemas: {Pet: {$ref: './pet.yaml'}, Local: {$ref: '#/components/schemas/Pet'}}}\n",
                    Optional.empty()),
            AT + "offline.yaml", new RemoteText.NotRead(RemoteText.Why.NOT_FETCHED, "https://raw.githubusercontent"
                    + ".com/acme/apis/main/offline.yaml could not be reached: ConnectException"),
            AT + "stale.yaml", new RemoteText.Read("openapi: 3.0.0\n", Optional.of("HTTP 503; kept from "
                    + "2024-05-01T10:00:00Z")),
            AT + "broken.yaml?token=s3cr3t-in-the-url", new RemoteText.Read("a: [", Optional.empty()));

    private final Diagnostics diagnostics = new Diagnostics();
    private final Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(
            TestFiles.resource("catalogs/remote"))), Set.of(), ANSWERS::get, diagnostics);

    private Entity api(String name) {
        return catalog.entities().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private List<Diagnostic> with(Code code) {
        return diagnostics.sorted().stream().filter(d -> d.code() == code).toList();
    }

    @Test
    void theTextReadIsTheValueAsALocalFilesWouldBe() {
        assertTrue(api("petstore").specText("definition").orElseThrow().contains("title: Petstore"));
        assertEquals("https://petstore.example", api("petstore").links().get(0).url(),
                "$json parses what it read");
    }

    @Test
    void aRemoteDefinitionsOwnFileRefsAreNotBundledAndSaidSo() {
        String definition = api("bundled").specText("definition").orElseThrow();
        assertTrue(definition.contains("./pet.yaml") && definition.contains("#/components/schemas/Pet"), definition);
        assertTrue(with(Code.PLACEHOLDER_REMOTE).stream().anyMatch(d -> d.message().contains("$ref ./pet.yaml is "
                + "not bundled")), diagnostics.sorted().toString());
    }

    @Test
    void aUrlNotReadIsKeptWithTodaysWarningAndAStaleCopyIsUsedWithItsOwn() {
        assertEquals(AT + "offline.yaml", api("offline").specText("definition").orElseThrow());
        Diagnostic offline = with(Code.PLACEHOLDER_REMOTE).stream().filter(d -> d.message().contains("offline"))
                .findFirst().orElseThrow();
        assertEquals(35, offline.line(), "the placeholder's line");
        assertTrue(offline.message().contains("could not be reached"), offline.message());

        assertEquals("openapi: 3.0.0\n", api("stale").specText("definition").orElseThrow());
        List<Diagnostic> stale = with(Code.PLACEHOLDER_STALE);
        assertEquals(1, stale.size());
        assertEquals(46, stale.get(0).line());
        assertTrue(stale.get(0).message().contains("HTTP 503; kept from 2024-05-01T10:00:00Z"));
    }

    @Test
    void aTextThatDoesNotParseIsAnErrorNamingTheUrlWithoutItsSecrets() {
        List<Diagnostic> unreadable = with(Code.PLACEHOLDER_UNREADABLE);
        assertEquals(1, unreadable.size(), diagnostics.sorted().toString());
        assertTrue(unreadable.get(0).message().contains("broken.yaml?token=***"), unreadable.get(0).message());
        assertFalse(diagnostics.sorted().toString().contains("s3cr3t"));
        assertTrue(catalog.entities().stream().noneMatch(e -> e.name().equals("broken")));
    }
}
