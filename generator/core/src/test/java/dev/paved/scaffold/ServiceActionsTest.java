package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.paved.integrations.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The actions that reach the portal's services: {@code pagerduty:service:create} (PagerDuty's REST API),
 * {@code rundeck:job:execute} (Rundeck's), {@code http:backstage:request} of an app-config proxy; each against a
 * loopback server answering as the service's API documentation shows.
 */
class ServiceActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    /** "METHOD path" (path with its query) → status and body. */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private HttpServer server;

    record Answer(int status, String body) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aPagerDutyServiceIsCreatedWithAnEventsIntegration() throws Exception {
        start();
        answers.put("POST /services", new Answer(201, """
                {"service": {"id": "PSVC123", "name": "parcel-service", "html_url":
                 "https://tern.pagerduty.com/service-directory/PSVC123"}}"""));
        answers.put("POST /services/PSVC123/integrations", new Answer(201, """
                {"integration": {"id": "PINT9", "type": "events_api_v2_inbound_integration",
                 "integration_key": "R0UT1NGKEY"}}"""));
        Scaffolder.Result result = Scaffolder.run(fixture("pagerduty"), Map.of("name", "parcel-service",
                "policy", "PEP42", "grouping", "intelligent"), options(false));
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("POST /services Token token=pd-s3cr3t application/vnd.pagerduty+json;version=2",
                requests.get(0).lines().findFirst().orElseThrow());
        assertEquals(JSON.readTree("""
                {"service": {"type": "service", "name": "parcel-service", "description": "On call for parcel-service",
                 "escalation_policy": {"id": "PEP42", "type": "escalation_policy_reference"},
                 "alert_creation": "create_alerts_and_incidents",
                 "alert_grouping_parameters": {"type": "intelligent"}}}"""), body(requests.get(0)));
        assertEquals("POST /services/PSVC123/integrations Token token=pd-s3cr3t "
                + "application/vnd.pagerduty+json;version=2", requests.get(1).lines().findFirst().orElseThrow());
        assertEquals("events_api_v2_inbound_integration", body(requests.get(1)).at("/integration/type").asText());
        assertEquals("PSVC123", body(requests.get(1)).at("/integration/service/id").asText());
        assertEquals("https://tern.pagerduty.com/service-directory/PSVC123", result.links().get(0).get("url"));
        assertEquals("PSVC123 R0UT1NGKEY default", result.text().get(0).get("content"));
        assertTrue(log.contains("  created the PagerDuty service parcel-service (PSVC123)"), log.toString());
        assertFalse(String.join("\n", log).contains("R0UT1NGKEY") || String.join("\n", log).contains("pd-s3cr3t"),
                "neither the token nor the integration key is logged: " + log);

        requests.clear();
        log.clear();
        Scaffolder.Result dry = Scaffolder.run(fixture("pagerduty"), Map.of("name", "parcel-service",
                "policy", "PEP42"), options(true));
        assertEquals(List.of(), requests, "a dry run sends nothing");
        assertEquals("(dry run) (dry run) default", dry.text().get(0).get("content"));
        assertTrue(log.contains("  would create the PagerDuty service parcel-service with escalation policy PEP42 "
                + "and an Events API v2 integration (POST http://127.0.0.1:" + server.getAddress().getPort()
                + "/services)"), log.toString());
    }

    @Test
    void pagerDutysRefusalsAndAMissingConfigurationAreClearErrors() throws Exception {
        start();
        answers.put("POST /services", new Answer(400, """
                {"error": {"message": "Invalid Input Provided", "code": 2001,
                 "errors": ["Escalation policy not found."]}}"""));
        TemplateException invalid = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("pagerduty"),
                Map.of("name", "parcel-service", "policy", "NOPE"), options(false)));
        assertEquals("step 'pd' (pagerduty:service:create): creating the PagerDuty service parcel-service answered "
                + "HTTP 400: Invalid Input Provided; Escalation policy not found.", invalid.getMessage());
        answers.put("POST /services", new Answer(401, "{\"error\": {\"message\": \"Unauthorized\", \"code\": 2006}}"));
        TemplateException refused = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("pagerduty"),
                Map.of("name", "parcel-service", "policy", "PEP42"), options(false)));
        assertEquals("step 'pd' (pagerduty:service:create): creating the PagerDuty service parcel-service answered "
                + "HTTP 401: Unauthorized (the token in PAGERDUTY_TOKEN is missing or invalid)", refused.getMessage());
        assertFalse(refused.getMessage().contains("pd-s3cr3t"));

        TemplateException grouping = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("pagerduty"),
                Map.of("name", "parcel-service", "policy", "PEP42", "grouping", "daily"), options(false)));
        assertEquals("step 'pd' (pagerduty:service:create): input 'alertGrouping' is 'daily', not one of time, "
                + "intelligent, content_based", grouping.getMessage());

        int sent = requests.size();
        TemplateException none = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("pagerduty"),
                Map.of("name", "parcel-service", "policy", "PEP42"), new Scaffolder.Options(dir.resolve("out"),
                        false, Map.of(), null, Map.of(), null, log::add)));
        assertEquals("step 'pd' (pagerduty:service:create): no PagerDuty service is configured (services: pagerduty: "
                + "{url: …, token: VARIABLE} in paved.yaml)", none.getMessage());
        TemplateException unset = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("pagerduty"),
                Map.of("name", "parcel-service", "policy", "PEP42"), options(false).withPlatform(new Platform(
                        List.of(pagerDuty()), Map.of(), name -> null))));
        assertEquals("step 'pd' (pagerduty:service:create): PagerDuty needs a token: the variable PAGERDUTY_TOKEN is "
                + "not set", unset.getMessage());
        TemplateException plain = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("pagerduty"),
                Map.of("name", "parcel-service", "policy", "PEP42"), options(false).withPlatform(new Platform(
                        List.of(new Service("pagerduty", "", "http://pagerduty.example.com", "PAGERDUTY_TOKEN",
                                Map.of())), Map.of(), name -> "pd-s3cr3t"))));
        assertTrue(plain.getMessage().startsWith("step 'pd' (pagerduty:service:create): "), plain.getMessage());
        assertTrue(plain.getMessage().contains("http://pagerduty.example.com"), plain.getMessage());
        assertEquals(sent, requests.size(), "nothing sent without a service, a token, or over plain http");
    }

    @Test
    void aRundeckJobIsRunAndFollowedToItsEnd() throws Exception {
        start();
        String job = "/api/41/job/dadc0afe-911b-4265-ba1f-5fe512cada39/run";
        answers.put("POST " + job, new Answer(200, """
                {"id": 1234, "href": "http://rundeck/api/41/execution/1234", "permalink":
                 "https://rundeck.example.com/project/NA/execution/show/1234", "status": "running"}"""));
        answers.put("GET /api/41/execution/1234", new Answer(200, """
                {"id": 1234, "status": "succeeded", "permalink":
                 "https://rundeck.example.com/project/NA/execution/show/1234"}"""));
        answers.put("GET /api/41/execution/1234/output", new Answer(200, """
                {"id": "1234", "completed": true, "entries": [{"log": "creating i-0abc"}, {"log": "done"}]}"""));
        Scaffolder.Result result = Scaffolder.run(fixture("rundeck"), Map.of(), options(false));
        assertEquals(List.of("POST " + job + " rd-s3cr3t application/json", "GET /api/41/execution/1234 rd-s3cr3t "
                + "application/json", "GET /api/41/execution/1234/output rd-s3cr3t application/json"),
                requests.stream().map(r -> r.lines().findFirst().orElseThrow()).toList());
        assertEquals(JSON.readTree("{\"options\": {\"ENV\": \"staging\", \"TTL\": \"7\"}}"), body(requests.get(0)),
                "Rundeck's options are text");
        assertEquals("1234 succeeded https://rundeck.example.com/project/NA/execution/show/1234 creating i-0abc\ndone",
                result.text().get(0).get("content"));
        assertTrue(log.contains("  execution 1234 ended: succeeded"), log.toString());

        requests.clear();
        Scaffolder.Result started = Scaffolder.run(fixture("rundeck"), Map.of("waitForJob", false), options(false));
        assertEquals(1, requests.size(), "without waitForJob, only the run");
        assertEquals("1234 running https://rundeck.example.com/project/NA/execution/show/1234 ",
                started.text().get(0).get("content"));

        answers.put("GET /api/41/execution/1234", new Answer(200, "{\"id\": 1234, \"status\": \"failed\"}"));
        TemplateException failed = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("rundeck"),
                Map.of(), options(false)));
        assertEquals("step 'run' (rundeck:job:execute): execution 1234 of the Rundeck job "
                + "dadc0afe-911b-4265-ba1f-5fe512cada39 of NA ended failed; its log ends: creating i-0abc / done",
                failed.getMessage());
        answers.put("POST " + job, new Answer(404, "{\"error\": true, \"apiversion\": 41, \"errorCode\": "
                + "\"api.error.item.doesnotexist\", \"message\": \"Job ID does not exist\"}"));
        TemplateException missing = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("rundeck"),
                Map.of(), options(false)));
        assertEquals("step 'run' (rundeck:job:execute): running the Rundeck job dadc0afe-911b-4265-ba1f-5fe512cada39 "
                + "of NA answered HTTP 404: Job ID does not exist", missing.getMessage());

        requests.clear();
        log.clear();
        Scaffolder.run(fixture("rundeck"), Map.of(), options(true));
        assertEquals(List.of(), requests, "a dry run sends nothing");
        assertTrue(log.contains("  would run the Rundeck job dadc0afe-911b-4265-ba1f-5fe512cada39 of NA with options "
                + "[ENV, TTL] and wait for it (POST http://127.0.0.1:" + server.getAddress().getPort() + job + ")"),
                log.toString());
    }

    @Test
    void aProxyOfTheAppConfigAnswersProxyRequests() throws Exception {
        start();
        answers.put("POST /anything/parcels?size=2&owner=team%20parcels", new Answer(200,
                "{\"echo\": \"parcel-service\"}"));
        Map<String, Platform.Proxy> proxies = Platform.proxies(JSON.readTree("""
                {"proxy": {"endpoints": {"/httpbin": {"target": "http://127.0.0.1:%d",
                  "headers": {"Authorization": "Bearer ${HTTPBIN_TOKEN}"}, "allowedMethods": ["GET", "POST"]}}}}"""
                .formatted(server.getAddress().getPort())));
        Scaffolder.Options options = options(false).withPlatform(new Platform(List.of(), proxies,
                name -> name.equals("HTTPBIN_TOKEN") ? "hb-s3cr3t" : null));
        Scaffolder.Result result = Scaffolder.run(fixture("proxy"), Map.of("method", "POST"), options);
        assertEquals(1, requests.size(), requests.toString());
        assertEquals("POST /anything/parcels?size=2&owner=team%20parcels Bearer hb-s3cr3t null test=hello",
                requests.get(0).lines().findFirst().orElseThrow(), "the proxy's header, not the step's Authorization; the step's other headers");
        assertEquals(JSON.readTree("{\"name\": \"parcel-service\"}"), body(requests.get(0)));
        assertEquals("200 application/json parcel-service", result.text().get(0).get("content"));
        assertTrue(log.contains("  POST /proxy/httpbin/anything/parcels (through the proxy /httpbin to http://127.0.0.1:"
                + server.getAddress().getPort() + ") → 200"), log.toString());
        assertFalse(String.join("\n", log).contains("hb-s3cr3t"));

        requests.clear();
        log.clear();
        Scaffolder.run(fixture("proxy"), Map.of(), options(true).withPlatform(options.platform()));
        assertEquals(List.of(), requests, "a dry run sends nothing");
        assertTrue(log.contains("  would send GET /proxy/httpbin/anything/parcels (through the proxy /httpbin to "
                + "http://127.0.0.1:" + server.getAddress().getPort() + ")"), log.toString());

        TemplateException delete = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("proxy"),
                Map.of("method", "DELETE"), options));
        assertEquals("step 'request' (http:backstage:request): the proxy /httpbin allows only GET, POST, not DELETE",
                delete.getMessage());
        answers.put("GET /anything/parcels?size=2&owner=team%20parcels", new Answer(503, "{}"));
        TemplateException down = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("proxy"),
                Map.of(), options));
        assertTrue(down.getMessage().endsWith(") answered 503 (continueOnBadResponse: true lets the template go "
                + "on)"), down.getMessage());
        TemplateException unset = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("proxy"),
                Map.of(), options(false).withPlatform(new Platform(List.of(), proxies, name -> null))));
        assertEquals("step 'request' (http:backstage:request): the proxy /httpbin's header Authorization names "
                + "HTTPBIN_TOKEN, which is not set", unset.getMessage());
        TemplateException plain = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("proxy"),
                Map.of(), options(false).withPlatform(new Platform(List.of(), Platform.proxies(JSON.readTree("""
                        {"proxy": {"/httpbin": {"target": "http://httpbin.example.com",
                          "headers": {"X-Api-Key": "${HTTPBIN_TOKEN}"}}}}""")), name -> "hb-s3cr3t"))));
        assertEquals("step 'request' (http:backstage:request): the proxy /httpbin's headers are not sent over plain "
                + "http to http://httpbin.example.com: use https (plain http only to loopback)", plain.getMessage());

        Path literal = dir.resolve("templates/proxy/template.yaml");
        Files.writeString(literal, Files.readString(literal).replace("${{ parameters.method }}", "PUT"));
        assertEquals(List.of("step 'request' (http:backstage:request): the proxy /httpbin allows only GET, POST, not "
                + "PUT"), Scaffolder.check(SoftwareTemplate.read(literal), Map.of(), options.platform()),
                "refused before anything runs");
        assertEquals(1, Scaffolder.check(SoftwareTemplate.read(literal), Map.of()).size(),
                "without the proxy, named as before");
    }

    private Service pagerDuty() {
        return new Service("pagerduty", "", "http://127.0.0.1:" + server.getAddress().getPort(), "PAGERDUTY_TOKEN",
                Map.of());
    }

    private Scaffolder.Options options(boolean dryRun) {
        List<Service> services = server == null ? List.of() : List.of(pagerDuty(), new Service("rundeck", "",
                "http://127.0.0.1:" + server.getAddress().getPort(), "RUNDECK_TOKEN", Map.of()));
        return new Scaffolder.Options(dir.resolve(dryRun ? "dry" : "out"), dryRun, Map.of(), null, Map.of(), null,
                log::add).withPlatform(new Platform(services, Map.of(),
                name -> Map.of("PAGERDUTY_TOKEN", "pd-s3cr3t", "RUNDECK_TOKEN", "rd-s3cr3t").get(name)));
    }

    /** A loopback API answering from {@link #answers}; requests recorded as "METHOD path auth accept\nbody". */
    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            String uri = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? ""
                    : "?" + x.getRequestURI().getRawQuery());
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                auth = x.getRequestHeaders().getFirst("X-Rundeck-Auth-Token");
            }
            requests.add(x.getRequestMethod() + " " + uri + " " + auth + " "
                    + x.getRequestHeaders().getFirst("Accept")
                    + (x.getRequestHeaders().containsKey("test") ? " test=" + x.getRequestHeaders().getFirst("test")
                    : "") + "\n"
                    + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer answer = answers.getOrDefault(x.getRequestMethod() + " " + uri, new Answer(404,
                    "{\"error\": {\"message\": \"Not Found\"}}"));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                x.getResponseBody().write(bytes);
            }
            x.close();
        });
        server.start();
    }

    private static JsonNode body(String request) throws IOException {
        return JSON.readTree(request.substring(request.indexOf('\n') + 1));
    }

    private SoftwareTemplate fixture(String name) throws IOException {
        return TemplateFixtures.read(name, dir);
    }
}
