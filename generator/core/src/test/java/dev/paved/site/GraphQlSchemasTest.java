package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A GraphQL schema's SDL read into the types its API page lists ({@code api/definitions/warehouse.graphql}). */
class GraphQlSchemasTest {

    private static final ApiViews.GraphQlSchema SCHEMA = GraphQlSchemas.read(
            ApiFixtures.definition("warehouse-graph"));

    @Test
    void operationTypesComeFirstThenTheOthersAsWritten() {
        assertEquals(List.of("WarehouseQuery", "WarehouseMutation", "WarehouseSubscription", "Instant", "Node",
                        "Location", "StockItem", "SearchResult", "PickStatus", "PickLine", "PickList"),
                SCHEMA.types().stream().map(ApiViews.GraphQlType::name).toList(),
                "the schema definition names the operation types; built-in scalars are not listed");
        assertEquals(List.of("query", "mutation", "subscription", "", "", "", "", "", "", "", ""),
                SCHEMA.types().stream().map(ApiViews.GraphQlType::operation).toList());
        assertEquals(List.of("type", "type", "type", "scalar", "interface", "type", "type", "union", "enum", "input",
                "type"), SCHEMA.types().stream().map(ApiViews.GraphQlType::kind).toList());
        assertEquals("The warehouse graph: stock, locations and pick lists.", SCHEMA.description());
    }

    @Test
    void fieldsHaveTheirArgumentsTypesDefaultsAndDescriptions() {
        ApiViews.GraphQlType location = type("Location");
        assertEquals("graphql-Location", location.anchor());
        assertEquals(List.of("Node"), location.interfaces().stream().map(ApiViews.TypeRef::name).toList());
        assertEquals("graphql-Node", location.interfaces().get(0).anchor(), "an interface links to its definition");
        ApiViews.GraphQlField items = field(location, "items");
        assertEquals("[StockItem!]!", items.type().text());
        assertEquals("graphql-StockItem", items.type().anchor());
        assertEquals(List.of("first", "after"), items.arguments().stream().map(ApiViews.GraphQlField::name).toList());
        assertEquals("10", items.arguments().get(0).defaultValue());
        assertEquals("Int", items.arguments().get(0).type().text());
        assertNull(items.arguments().get(0).type().anchor(), "built-in scalars are not linked");
        assertEquals("Aisle, shelf and bin, e.g. A-03-2.", field(location, "code").description());
        assertEquals("Creates a pick list.", field(type("WarehouseMutation"), "createPickList").description());
        assertEquals("[PickLine!]!", field(type("WarehouseMutation"), "createPickList").arguments().get(0).type()
                .text());
        assertEquals("graphql-Instant", field(type("WarehouseMutation"), "createPickList").arguments().get(1).type()
                .anchor(), "a custom scalar is linked");
        assertEquals("1", field(type("PickLine"), "quantity").defaultValue(), "an input field's default");
    }

    @Test
    void deprecationsCarryTheirReason() {
        ApiViews.GraphQlType item = type("StockItem");
        assertEquals("Use location.code.", field(item, "legacyBin").deprecation());
        assertEquals("", field(item, "oldCode").deprecation(), "deprecated without a reason");
        assertNull(field(item, "sku").deprecation());
        ApiViews.GraphQlType status = type("PickStatus");
        assertEquals(List.of("OPEN", "PICKING", "DONE", "CANCELLED"),
                status.values().stream().map(ApiViews.GraphQlValue::name).toList());
        assertEquals("Pick lists are deleted instead.", status.values().get(3).deprecation());
    }

    @Test
    void unionsListTheirMembersAndExtensionsAreFoldedIn() {
        assertEquals(List.of("Location", "StockItem"),
                type("SearchResult").members().stream().map(ApiViews.TypeRef::name).toList());
        assertEquals(List.of("node", "search", "pickLists"),
                type("WarehouseQuery").fields().stream().map(ApiViews.GraphQlField::name).toList(),
                "an extend type adds its fields to the type");
        assertEquals("An ISO-8601 instant.", type("Instant").description());
    }

    @Test
    void withoutASchemaDefinitionTheOperationTypesAreFoundByName() {
        ApiViews.GraphQlSchema schema = GraphQlSchemas.read("""
                type Book { title: String }
                type Mutation { addBook(title: String!): Book }
                type Query { books: [Book] }
                """);
        assertEquals(List.of("Query", "Mutation", "Book"),
                schema.types().stream().map(ApiViews.GraphQlType::name).toList());
    }

    @Test
    void anSdlThatDoesNotParseIsRefusedWithTheParsersReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphQlSchemas.read(ApiFixtures.definition("broken-graph")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GraphQlSchemas.read("type A { a: B }\ntype A { b: C }"),
                "a type defined twice");
        String deep = "type Q { f: " + "[".repeat(5000) + "Int" + "]".repeat(5000) + " }";
        assertThrows(IllegalArgumentException.class, () -> GraphQlSchemas.read(deep), "nesting is bounded");
    }

    private static ApiViews.GraphQlType type(String name) {
        return SCHEMA.types().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static ApiViews.GraphQlField field(ApiViews.GraphQlType type, String name) {
        return type.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
