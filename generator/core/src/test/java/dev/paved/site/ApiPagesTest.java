package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API pages as written, read back without a browser: GraphQL and gRPC definitions as tables with their types linked,
 * AsyncAPI channels with every message and its payload, OpenAPI and AsyncAPI definitions embedded for their viewer,
 * each page loading only its own viewer, and definitions that cannot be read shown as their source with the reason.
 */
class ApiPagesTest {

    @TempDir
    static Path site;

    @BeforeAll
    static void build() throws IOException {
        Pipeline.build(ConfigReader.read(TestFiles.resource("api"), new Diagnostics()).withOutput(site),
                Pipeline.Options.defaults());
    }

    @Test
    void aGraphQlSchemaIsListedTypeByTypeWithItsTypesLinked() {
        Document page = page("warehouse-graph");
        assertEquals(List.of("graphql-WarehouseQuery", "graphql-WarehouseMutation", "graphql-WarehouseSubscription",
                        "graphql-Instant", "graphql-Node", "graphql-Location", "graphql-StockItem",
                        "graphql-SearchResult", "graphql-PickStatus", "graphql-PickLine", "graphql-PickList"),
                page.select("section.graphql-type").eachAttr("id"));
        assertEquals(11, page.select(".api-index a").size(), "an index links every type");
        Element query = page.getElementById("graphql-WarehouseQuery");
        assertEquals("query WarehouseQuery", query.selectFirst("h3").text());
        Element items = row(page.getElementById("graphql-Location"), "items");
        assertEquals("first: Int = 10 after: String", items.select(".arguments li").text());
        assertEquals("[StockItem!]!", items.select("td").get(1).text());
        assertEquals("#graphql-StockItem", items.select("td").get(1).selectFirst("a").attr("href"));
        assertTrue(row(page.getElementById("graphql-StockItem"), "legacyBin").text()
                .contains("deprecated: Use location.code."));
        assertEquals("One of: Location | StockItem", page.getElementById("graphql-SearchResult")
                .selectFirst("p").text());
        for (Element link : page.select(".graphql-schema a[href^=#]")) {
            assertNotNull(page.getElementById(link.attr("href").substring(1)), "no target for " + link);
        }
        assertNull(page.selectFirst("details.source[open]"), "the source is there, folded");
        assertNoViewer(page);
    }

    @Test
    void aProtoFileListsServicesMessagesAndEnums() {
        Document page = page("inventory-grpc");
        assertEquals("Package acme.inventory.v2 · proto3 · imports google/protobuf/timestamp.proto "
                + "acme/common/money.proto", page.selectFirst(".proto-file").text());
        Element service = page.getElementById("grpc-Inventory");
        assertEquals(List.of("GetStock GetStockRequest Stock Reads one item's stock.",
                        "WatchStock WatchStockRequest stream Stock Streams every change of stock levels.",
                        "UploadCounts stream Count UploadSummary Takes a stream of counts from a hand scanner.",
                        "Sync stream Count stream Stock"),
                service.select("tbody tr").eachText());
        Element stock = page.getElementById("grpc-Stock");
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"),
                stock.select("tbody tr td:first-child").eachText());
        assertEquals("3 by_warehouse map<string, Level>", String.join(" ", row(stock, "by_warehouse").select("td")
                .eachText().subList(0, 3)));
        assertEquals("#grpc-Stock.Level", row(stock, "by_warehouse").selectFirst("a").attr("href"));
        assertEquals("oneof source", row(stock, "scanner_id").select("td").get(3).text());
        assertNull(row(stock, "updated_at").selectFirst("a"), "an imported type is not linked");
        assertEquals(List.of("STATE_UNSPECIFIED 0", "AVAILABLE 1", "RESERVED 2 Counted but not yet put away."),
                page.getElementById("grpc-Stock.Level.State").select("tbody tr").eachText());
        assertNotNull(page.selectFirst("details.source code.language-protobuf"), "beside the source");
        assertNoViewer(page);
    }

    @Test
    void definitionsThatCannotBeReadShowTheirSourceAndWhy() {
        for (String name : List.of("broken-graph", "broken-grpc")) {
            Document page = page(name);
            Element problem = page.selectFirst(".api-problem");
            assertNotNull(problem, name);
            assertFalse(problem.selectFirst(".reason").text().isBlank(), name);
            assertNotNull(page.selectFirst("details.source[open] code"), name + ": the source is open");
            assertTrue(page.select(".graphql-schema, .grpc-schema").isEmpty(), name);
        }
        Document notYaml = page("not-yaml");
        assertNull(notYaml.getElementById("api-spec"), "nothing for a viewer to draw");
        assertNoViewer(notYaml);
        assertEquals("openapi: 3.0.0\ninfo: [unclosed", notYaml.selectFirst("details.source[open] code").wholeText());
    }

    @Test
    void anAsyncApiChannelListsEveryMessageOfItsOneOfWithItsPayload() throws IOException {
        Document page = page("shipment-events");
        Element channel = page.select("table.operations tbody tr").stream()
                .filter(r -> r.select("td:nth-child(2) code").text().equals("shipments/{shipmentId}/events")).findFirst()
                .orElseThrow();
        assertEquals(List.of("ShipmentPacked", "ShipmentDispatched", "ShipmentCancelled"),
                channel.select(".message-name").eachText());
        assertEquals(List.of("shipmentId string required The shipment's id.", "occurredAt string (date-time) required",
                        "parcels array of object", "parcels[].weightGrams integer"),
                channel.select(".message").first().select(".payload li").eachText());
        assertEquals("depth-1", channel.select(".message").first().select(".payload li").last().className());
        assertEquals("shipmentId channel required", channel.select("td").get(3).text());

        assertViewer(page, "asyncapi", "vendor/asyncapi-react/index.");
        assertEquals("2.6.0", new ObjectMapper().readTree(page.getElementById("api-spec").data())
                .path("asyncapi").asText());
    }

    @Test
    void openApiDocumentsAreEmbeddedForSwaggerUiWithTheSummaryAsTheirFallback() throws IOException {
        Document page = page("legacy-swagger");
        assertViewer(page, "swagger-ui", "vendor/swagger-ui/swagger-ui-bundle.");
        assertNotNull(page.selectFirst("link[href*=vendor/swagger-ui/swagger-ui.]"));
        String embedded = page.getElementById("api-spec").data();
        assertFalse(embedded.contains("</"), "nothing in it can close its script element");
        assertEquals("List stock </script><b>", new ObjectMapper().readTree(embedded)
                .at("/paths/~1stock/get/summary").asText());
        assertNotNull(page.selectFirst("details.api-summary[open] table.operations"),
                "without JavaScript the operations are listed");
        assertTrue(page.select(".operations b").isEmpty(), "the summary's text is text");
    }

    private static void assertViewer(Document page, String viewer, String bundle) {
        assertEquals(viewer, page.selectFirst("section.api-definition").attr("data-viewer"));
        Element target = page.getElementById("api-viewer");
        assertTrue(target.hasAttr("hidden"), "hidden until drawn, so that without JavaScript it takes no room");
        assertEquals("application/json", page.getElementById("api-spec").attr("type"));
        List<String> scripts = page.select("script[src]").eachAttr("src");
        assertTrue(scripts.stream().anyMatch(s -> s.contains(bundle)), scripts.toString());
        assertTrue(scripts.stream().anyMatch(s -> s.contains("assets/api.")), scripts.toString());
        assertEquals(1, scripts.stream().filter(s -> s.contains("vendor/swagger-ui/")
                || s.contains("vendor/asyncapi-react/")).count(), "only its own viewer: " + scripts);
    }

    private static void assertNoViewer(Document page) {
        assertTrue(page.select("script[src*=vendor/swagger-ui], script[src*=vendor/asyncapi-react], "
                + "script[src*=assets/api.]").isEmpty(), "no viewer is loaded");
        assertNotNull(page.selectFirst("link[href*=assets/api.]"), "the API stylesheet is");
    }

    private static Document page(String name) {
        return SiteChecks.parse(site.resolve("catalog/default/api/" + name + "/index.html"));
    }

    /** The table row whose first cell's code is {@code name}. */
    private static Element row(Element within, String name) {
        return within.select("tbody tr").stream().filter(r -> r.select("td code.field-name").text().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + name + " in " + within.id()));
    }
}
