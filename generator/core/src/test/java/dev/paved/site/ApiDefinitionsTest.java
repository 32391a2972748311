package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What API pages are given of OpenAPI and AsyncAPI definitions: AsyncAPI's messages, {@code oneOf} ones each listed,
 * with their payloads' properties; the viewer chosen per document, and the document embedded for it.
 */
class ApiDefinitionsTest {

    @Test
    void everyMessageOfAOneOfIsListedWithItsPayload() {
        Views.ApiDefinition api = ApiDefinitions.read(ApiFixtures.api("shipment-events"));
        Views.Operation events = operation(api, "shipments/{shipmentId}/events");
        assertEquals("SUBSCRIBE", events.method());
        assertEquals(List.of("ShipmentPacked", "ShipmentDispatched", "ShipmentCancelled"),
                events.messages().stream().map(ApiViews.Message::name).toList(),
                "a referenced message by its name, one without a name by its reference, an inline one by its name");

        ApiViews.Message packed = events.messages().get(0);
        assertEquals("Shipment packed", packed.title());
        assertEquals("All items of the shipment are packed.", packed.summary());
        assertEquals("application/json", packed.contentType(), "defaultContentType applies");
        assertEquals("ShipmentPacked", packed.payloadType());
        assertEquals(List.of("shipmentId", "occurredAt", "parcels", "parcels[].weightGrams"),
                packed.payload().stream().map(ApiViews.SchemaField::name).toList(),
                "allOf parts merged, a referenced part looked up, array items followed");
        ApiViews.SchemaField occurred = packed.payload().get(1);
        assertEquals("string (date-time)", occurred.type());
        assertTrue(occurred.required(), "required as its allOf part says");
        assertEquals("The shipment's id.", packed.payload().get(0).description());
        assertEquals(1, packed.payload().get(3).depth());
        assertEquals("array of object", packed.payload().get(2).type());

        ApiViews.Message dispatched = events.messages().get(1);
        assertEquals("application/avro", dispatched.contentType(), "a message's own content type wins");
        assertEquals(List.of("shipmentId", "occurredAt", "carrier"),
                dispatched.payload().stream().map(ApiViews.SchemaField::name).toList());

        ApiViews.SchemaField reason = events.messages().get(2).payload().get(0);
        assertEquals("string: customer, fraud, stock", reason.type());
        assertTrue(reason.required());

        assertEquals(List.of("shipmentId"), events.parameters().stream().map(Views.Param::name).toList(),
                "channel parameters are listed");
        assertEquals("The shipment's id.", events.parameters().get(0).description());
    }

    @Test
    void aSelfReferringPayloadIsFollowedOnce() {
        Views.Operation returns = operation(ApiDefinitions.read(ApiFixtures.api("shipment-events")),
                "shipments/returns");
        assertEquals("PUBLISH", returns.method());
        ApiViews.Message message = returns.messages().get(0);
        assertEquals("ReturnReported", message.name(), "named by its reference");
        assertEquals(List.of("items", "items[].sku", "items[].quantity", "items[].parent"),
                message.payload().stream().map(ApiViews.SchemaField::name).toList());
        assertEquals("Item", message.payload().get(3).type());
    }

    @Test
    void asyncApi3OperationsListTheirMessagesOrTheirChannels() {
        Views.ApiDefinition api = ApiDefinitions.read(ApiFixtures.api("shipment-events-v3"));
        assertEquals("asyncapi", api.viewer());
        assertEquals(2, api.operations().size());
        Views.Operation packed = api.operations().get(0);
        assertEquals("RECEIVE", packed.method());
        assertEquals("shipments.{shipmentId}.events", packed.path(), "the channel's address");
        assertEquals("Receive packed shipments", packed.summary());
        assertEquals(List.of("ShipmentPacked"), packed.messages().stream().map(ApiViews.Message::name).toList());
        assertEquals("parcels", packed.messages().get(0).payload().get(0).name());
        assertEquals(List.of("ShipmentPacked", "ShipmentDispatched"),
                api.operations().get(1).messages().stream().map(ApiViews.Message::name).toList(),
                "without messages of its own an operation has its channel's");
    }

    @Test
    void theDemosParcelEventsChannelListsBothOfItsMessages() {
        Views.ApiDefinition api = ApiDefinitions.read(ApiFixtures.demo("parcel-events"));
        Views.Operation events = operation(api, "parcel-events");
        assertEquals(List.of("ParcelScanned", "ParcelStatusChanged"),
                events.messages().stream().map(ApiViews.Message::name).toList());
        assertTrue(events.messages().get(0).payload().stream().anyMatch(f -> f.name().equals("scanType")
                && f.type().equals("string: inbound, sort, load, unload")));
    }

    @Test
    void openApiDocumentsAreEmbeddedForSwaggerUiAsJsonThatCannotCloseTheScript() throws IOException {
        Views.ApiDefinition api = ApiDefinitions.read(ApiFixtures.api("legacy-swagger"));
        assertEquals("swagger-ui", api.viewer(), "Swagger 2.0 is drawn by Swagger UI too");
        assertFalse(api.specJson().contains("</"), api.specJson());
        assertFalse(api.specJson().contains("<b>"), api.specJson());
        JsonNode embedded = new ObjectMapper().readTree(api.specJson());
        assertEquals("List stock </script><b>", embedded.at("/paths/~1stock/get/summary").asText(),
                "the text is the same once the JSON is read");

        Views.ApiDefinition v3 = ApiDefinitions.read(ApiFixtures.api("stock-openapi"));
        assertEquals("swagger-ui", v3.viewer());
        assertEquals("3.0.3", new ObjectMapper().readTree(v3.specJson()).path("openapi").asText(),
                "YAML is embedded as JSON");
        assertEquals(List.of("GET /stock/{sku}"), v3.operations().stream().map(o -> o.method() + " " + o.path())
                .toList(), "the server-written summary stays");
    }

    @Test
    void aDefinitionThatIsNotReadableKeepsItsSourceOnly() {
        Views.ApiDefinition api = ApiDefinitions.read(ApiFixtures.api("not-yaml"));
        assertEquals("", api.viewer());
        assertEquals("", api.specJson());
        assertTrue(api.operations().isEmpty());
        assertEquals("openapi: 3.0.0\ninfo: [unclosed", api.source());
    }

    @Test
    void graphQlAndGrpcDefinitionsAreReadAtBuildTimeAndTheirProblemsSaid() {
        Views.ApiDefinition graph = ApiDefinitions.read(ApiFixtures.api("warehouse-graph"));
        assertNotNull(graph.graphql());
        assertEquals("", graph.problem());
        assertEquals("", graph.viewer());

        Views.ApiDefinition broken = ApiDefinitions.read(ApiFixtures.api("broken-graph"));
        assertNull(broken.graphql());
        assertFalse(broken.problem().isEmpty(), "the parser's reason is shown");
        assertTrue(broken.source().contains("parcel(id: ID!: Parcel"), "the source is shown as it is");

        Views.ApiDefinition grpc = ApiDefinitions.read(ApiFixtures.api("inventory-grpc"));
        assertNotNull(grpc.grpc());
        Views.ApiDefinition brokenGrpc = ApiDefinitions.read(ApiFixtures.api("broken-grpc"));
        assertNull(brokenGrpc.grpc());
        assertFalse(brokenGrpc.problem().isEmpty());
    }

    private static Views.Operation operation(Views.ApiDefinition api, String path) {
        return api.operations().stream().filter(o -> o.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation on " + path + ": " + api.operations()));
    }
}
