package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code .proto} file read into what a gRPC API page lists ({@code api/definitions/inventory.proto}). */
class ProtoFilesTest {

    private static final ApiViews.ProtoFile FILE = ProtoFiles.read(ApiFixtures.definition("inventory-grpc"));

    @Test
    void theFilesPackageSyntaxAndImports() {
        assertEquals("acme.inventory.v2", FILE.packageName());
        assertEquals("proto3", FILE.syntax());
        assertEquals(List.of("google/protobuf/timestamp.proto", "acme/common/money.proto"), FILE.imports());
    }

    @Test
    void servicesListTheirMethodsWithRequestResponseAndStreaming() {
        assertEquals(1, FILE.services().size());
        ApiViews.ProtoService service = FILE.services().get(0);
        assertEquals("Inventory", service.name());
        assertEquals("Inventory keeps stock levels per warehouse.", service.description());
        assertEquals(List.of("GetStock", "WatchStock", "UploadCounts", "Sync"),
                service.methods().stream().map(ApiViews.ProtoMethod::name).toList());
        assertEquals(List.of("none", "response", "request", "both"), service.methods().stream()
                .map(m -> m.requestStreaming() ? m.responseStreaming() ? "both" : "request"
                        : m.responseStreaming() ? "response" : "none").toList());
        ApiViews.ProtoMethod get = service.methods().get(0);
        assertEquals("GetStockRequest", get.request().text());
        assertEquals("grpc-GetStockRequest", get.request().anchor());
        assertEquals("grpc-Stock", get.response().anchor());
        assertEquals("Reads one item's stock.", get.description());
    }

    @Test
    void messagesListTheirFieldsWithNumbersTypesAndLabelsInTheOrderWritten() {
        assertEquals(List.of("GetStockRequest", "Stock", "Stock.Level", "WatchStockRequest", "Count",
                "UploadSummary"), FILE.messages().stream().map(ApiViews.ProtoMessage::name).toList(),
                "a nested message follows its parent under a dotted name");
        ApiViews.ProtoMessage stock = message("Stock");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), stock.fields().stream().map(ApiViews.ProtoField::number)
                .toList(), "a oneof's fields where they are written");
        assertEquals(List.of("", "repeated", "", "", "", "oneof source", "oneof source", ""),
                stock.fields().stream().map(ApiViews.ProtoField::label).toList());
        assertEquals("The article number.", stock.fields().get(0).description());
        assertEquals("optional", message("GetStockRequest").fields().get(1).label(), "proto3 optional");
        assertEquals("Every warehouse when unset.", message("GetStockRequest").fields().get(1).description(),
                "a trailing comment describes its field");
    }

    @Test
    void typesAreResolvedAsProtobufResolvesThemAndLinkedWhenTheFileDefinesThem() {
        ApiViews.ProtoMessage stock = message("Stock");
        assertEquals("grpc-Stock.Level", stock.fields().get(1).type().anchor(), "a nested type from its parent");
        ApiViews.TypeRef map = stock.fields().get(2).type();
        assertEquals("map<string, Level>", map.text());
        assertEquals("Level", map.name());
        assertEquals("grpc-Stock.Level", map.anchor(), "a map's value type is linked");
        assertNull(stock.fields().get(3).type().anchor(), "an imported type is named, not linked");
        assertEquals("google.protobuf.Timestamp", stock.fields().get(3).type().text());
        assertEquals("grpc-Stock.Level", stock.fields().get(7).type().anchor(), "a dotted name");
        assertEquals("grpc-Stock.Level.State", message("Stock.Level").fields().get(2).type().anchor(),
                "an enum nested in a nested message");
        assertEquals("grpc-Count", message("UploadSummary").fields().get(1).type().anchor(),
                "a fully qualified name in the file's package");
        assertNull(message("Count").fields().get(0).type().anchor(), "a scalar is not linked");
    }

    @Test
    void enumsListTheirValuesWithNumbers() {
        assertEquals(List.of("Stock.Level.State", "Rejection"),
                FILE.enums().stream().map(ApiViews.ProtoEnum::name).toList());
        ApiViews.ProtoEnum state = FILE.enums().get(0);
        assertEquals(List.of("STATE_UNSPECIFIED 0", "AVAILABLE 1", "RESERVED 2"),
                state.values().stream().map(v -> v.name() + " " + v.number()).toList());
        assertEquals("Counted but not yet put away.", state.values().get(2).description());
        assertEquals("Why a count was rejected.", FILE.enums().get(1).description());
    }

    @Test
    void theDemosRoutePlanningServiceIsRead() {
        ApiViews.ProtoFile demo = ProtoFiles.read(ApiFixtures.demo("route-planning-api").specText("definition")
                .orElseThrow());
        assertEquals(List.of("GetRoute", "EstimateArrival", "Replan", "WatchVan"),
                demo.services().get(0).methods().stream().map(ApiViews.ProtoMethod::name).toList());
        assertTrue(demo.services().get(0).methods().get(3).responseStreaming());
        assertFalse(demo.messages().isEmpty());
    }

    @Test
    void aFileThatDoesNotParseIsRefusedWithTheParsersReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProtoFiles.read(ApiFixtures.definition("broken-grpc")));
        assertFalse(e.getMessage().isBlank());
        assertThrows(IllegalArgumentException.class, () -> ProtoFiles.read("message A { string a = ; }"));
    }

    private static ApiViews.ProtoMessage message(String name) {
        return FILE.messages().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
