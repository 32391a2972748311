package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The actions that reach the platform: {@code http:backstage:request} answered from the built catalog,
 * {@code argocd:create-resources} as a manifest to propose, {@code github:actions:dispatch} through GitHub's REST API
 * (a loopback server answering as GitHub's documentation shows).
 */
class PlatformActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void catalogRequestsAreAnsweredFromTheBuiltCatalog() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.run(fixture("backstage-request"), Map.of(), options(out, false).withCatalog(catalog()));
        JsonNode report = JSON.readTree(Files.readString(out.resolve("report.json")));
        assertEquals(JSON.readTree("""
                [{"metadata": {"name": "label-printer"}, "spec": {"owner": "team-parcels"}},
                 {"metadata": {"name": "parcel-service"}, "spec": {"owner": "team-parcels"}}]"""),
                report.get("services"), "two filters are alternatives; fields picks");
        assertEquals(2, report.get("owned").asInt(), "relations.ownedBy, by-query's totalItems");
        assertEquals(200, report.get("code").asInt());
        assertEquals("team-parcels", report.get("owner").asText(), "by-name");
        assertTrue(log.contains("  GET /api/catalog/entities/by-name/component/default/parcel-service → 200 (from the "
                + "built catalog)"), log.toString());
    }

    @Test
    void aMissingEntityIs404AndAnErrorUnlessTheTemplateContinues() throws Exception {
        Scaffolder.Options options = options(dir.resolve("out"), true).withCatalog(catalog());
        Scaffolder.run(fixture("backstage-request"), Map.of("path", "/api/catalog/entities/by-name/component/default/nope"),
                options);
        assertTrue(log.contains("  GET /api/catalog/entities/by-name/component/default/nope → 404 (from the built "
                + "catalog)"), log.toString());

        Path copy = dir.resolve("templates/backstage-request/template.yaml");
        Files.writeString(copy, Files.readString(copy).replace("continueOnBadResponse: true", "continueOnBadResponse: false"));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(copy),
                Map.of("path", "/api/catalog/entities/by-name/component/default/nope"),
                options(dir.resolve("run"), false).withCatalog(catalog())));
        assertEquals("step 'one' (http:backstage:request): GET /api/catalog/entities/by-name/component/default/nope "
                + "answered 404: No entity named 'component:default/nope' found", e.getMessage());
    }

    @Test
    void everyOtherRequestIsRefusedByName() throws Exception {
        SoftwareTemplate template = fixture("backstage-request");
        Path copy = dir.resolve("templates/backstage-request/template.yaml");
        Files.writeString(copy, Files.readString(copy).replace("method: GET", "method: DELETE"));
        assertEquals(List.of("step 'services' (http:backstage:request): Paved answers only GET requests of the catalog "
                        + "API, not DELETE /api/catalog/entities?filter=kind=${{ parameters.kind }},spec.type=service&"
                        + "filter=metadata.tags=printing&fields=metadata.name,spec.owner (there is no Backstage backend "
                        + "to send it to)"),
                Scaffolder.check(SoftwareTemplate.read(copy), Map.of()), "refused before anything runs");

        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(template,
                Map.of("path", "/proxy/httpbin/delay/10"), options(dir.resolve("out"), true)));
        assertTrue(e.getMessage().startsWith("step 'one' (http:backstage:request): Paved answers only GET "
                + "/api/catalog/entities"), e.getMessage());
        assertTrue(e.getMessage().endsWith("not /proxy/httpbin/delay/10"), e.getMessage());
    }

    @Test
    void catalogFetchGivesEntitiesAsTheCatalogApiDoesAndNotificationsArePrinted() throws Exception {
        Scaffolder.run(fixture("catalog-fetch"), Map.of(), options(dir.resolve("out"), false).withCatalog(catalog()));
        assertTrue(log.contains("  component:default/nope is not in the catalog (optional)"), log.toString());
        assertTrue(log.contains("  notification for group:default/team-parcels (normal): parcel-service has a new "
                + "sibling — experimental [Paved sends no notifications: printed here]"), log.toString());

        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("catalog-fetch"),
                Map.of("component", "component:default/nope"), options(dir.resolve("out2"), false)
                        .withCatalog(catalog())));
        assertEquals("step 'one' (catalog:fetch): component:default/nope is not in the catalog", e.getMessage());
        log.clear();
        Scaffolder.run(fixture("catalog-fetch"), Map.of("component", "component:default/nope"),
                options(dir.resolve("dry"), true).withCatalog(catalog()));
        assertTrue(log.contains("  component:default/nope is not in the catalog: a run would stop here"),
                "a dry run, whose values may be samples, goes on: " + log);
    }

    @Test
    void argoCdResourcesBecomeAManifestToPropose() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.Result result = Scaffolder.run(fixture("argocd"), Map.of("name", "parcel-service",
                "namespace", "parcels"), options(out, false));
        assertEquals(List.of("argocd/parcel-service.yaml"), result.files());
        List<JsonNode> docs = StructuredText.yamlDocuments(Files.readString(out.resolve("argocd/parcel-service.yaml")),
                "manifest");
        assertEquals("AppProject", docs.get(0).path("kind").asText());
        assertEquals("https://github.com/tern/parcel-service.git", docs.get(0).at("/spec/sourceRepos/0").asText());
        JsonNode app = docs.get(1);
        assertEquals("Application", app.path("kind").asText());
        assertEquals("argocd", app.at("/metadata/namespace").asText());
        assertEquals("parcel-service", app.at("/metadata/labels/backstage-name").asText(),
                "found by argocd/app-selector: backstage-name=parcel-service");
        assertEquals("main", app.at("/metadata/annotations/argocd~1instance-name").asText());
        assertEquals("deploy/overlays/prod", app.at("/spec/source/path").asText());
        assertEquals("parcels", app.at("/spec/destination/namespace").asText());
        assertTrue(log.contains("  wrote argocd/parcel-service.yaml"), log.toString());

        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("argocd"),
                Map.of("name", "parcel-service", "namespace", "../../etc"), options(dir.resolve("bad"), false)));
        assertEquals("step 'argocd' (argocd:create-resources): input 'namespace' is '../../etc', not a Kubernetes "
                + "name (lower-case letters, digits, '-' and '.')", e.getMessage());
        TemplateException out2 = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("argocd"),
                Map.of("name", "..", "namespace", "parcels"), options(dir.resolve("bad2"), false)));
        assertTrue(out2.getMessage().contains("input 'appName' is '..', not a Kubernetes name"), out2.getMessage());
    }

    @Test
    void aWorkflowIsDispatchedThroughGitHubsApi() throws Exception {
        List<String> requests = new ArrayList<>();
        HttpServer api = github(requests, 204, "");
        try {
            String note = "<script>alert(1)</script> ${{ secrets.X }}";
            Scaffolder.run(fixture("dispatch"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcel-service",
                    "note", note), options(dir.resolve("out"), false, api));
            assertEquals(1, requests.size());
            assertEquals("POST /repos/tern/parcel-service/actions/workflows/pages.yml/dispatches Bearer s3cr3t",
                    requests.get(0).lines().findFirst().orElseThrow());
            JsonNode body = JSON.readTree(requests.get(0).lines().skip(1).findFirst().orElseThrow());
            assertEquals("main", body.path("ref").asText());
            assertEquals("staging", body.at("/inputs/environment").asText());
            assertEquals(note, body.at("/inputs/note").asText(), "text stays text");
            assertTrue(log.contains("  started workflow pages.yml of tern/parcel-service on main"), log.toString());

            log.clear();
            Scaffolder.run(fixture("dispatch"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcel-service"),
                    options(dir.resolve("dry"), true, api));
            assertEquals(1, requests.size(), "a dry run sends nothing");
            assertTrue(log.get(log.size() - 1).startsWith("  would start workflow pages.yml of tern/parcel-service on "
                    + "main (POST http://127.0.0.1:"), log.toString());
        } finally {
            api.stop(0);
        }
    }

    @Test
    void githubsRefusalsAreClearErrors() throws Exception {
        Map<Integer, String> expected = Map.of(
                401, "answered HTTP 401: Bad credentials (the token is missing or invalid)",
                404, "answered HTTP 404: Not Found (no such repository or workflow, or the token cannot see it)",
                422, "answered HTTP 422: Workflow does not have 'workflow_dispatch' trigger (the workflow has no "
                        + "workflow_dispatch trigger, the ref does not exist, or the inputs are not the workflow's)");
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            String message = switch (e.getKey()) {
                case 401 -> "Bad credentials";
                case 404 -> "Not Found";
                default -> "Workflow does not have 'workflow_dispatch' trigger";
            };
            HttpServer api = github(new ArrayList<>(), e.getKey(), "{\"message\":\"" + message
                    + "\",\"documentation_url\":\"https://docs.github.com/rest\"}");
            try {
                TemplateException error = assertThrows(TemplateException.class, () -> Scaffolder.run(
                        fixture("dispatch"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcel-service"),
                        options(dir.resolve("out"), false, api)));
                assertEquals("step 'dispatch' (github:actions:dispatch): starting workflow pages.yml of "
                        + "tern/parcel-service on main " + e.getValue(), error.getMessage());
                assertFalse(error.getMessage().contains("s3cr3t"));
            } finally {
                api.stop(0);
            }
        }
    }

    @Test
    void githubPagesAreEnabledThroughGitHubsApi() throws Exception {
        for (int status : List.of(201, 409, 422)) {
            List<String> requests = new ArrayList<>();
            HttpServer api = github(requests, status, status == 201 ? "{\"url\":\"https://tern.github.io/docs\"}"
                    : "{\"message\":\"" + (status == 409 ? "GitHub Pages is already enabled." : "Invalid request.")
                    + "\"}");
            try {
                Map<String, Object> values = Map.of("repoUrl", "github.example.com?owner=tern&repo=docs");
                if (status == 422) {
                    TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("pages"),
                            values, options(dir.resolve("out"), false, api)));
                    assertEquals("step 'pages' (github:pages:enable): enabling GitHub Pages of tern/docs answered HTTP "
                            + "422: Invalid request.", e.getMessage());
                    continue;
                }
                Scaffolder.run(fixture("pages"), values, options(dir.resolve("out"), false, api));
                assertEquals("POST /repos/tern/docs/pages Bearer s3cr3t", requests.get(0).lines().findFirst()
                        .orElseThrow());
                assertEquals(JSON.readTree("{\"build_type\":\"workflow\",\"source\":{\"branch\":\"main\","
                        + "\"path\":\"/docs\"}}"), JSON.readTree(requests.get(0).lines().skip(1).findFirst()
                        .orElseThrow()));
                assertTrue(log.contains(status == 201 ? "  GitHub Pages of tern/docs enabled"
                        : "  GitHub Pages of tern/docs were enabled already"), log.toString());
            } finally {
                api.stop(0);
            }
        }
    }

    @Test
    void theTokenGoesOnlyToItsHosts() throws Exception {
        List<String> requests = new ArrayList<>();
        HttpServer api = github(requests, 204, "");
        try {
            String port = String.valueOf(api.getAddress().getPort());
            Scaffolder.Options elsewhere = new Scaffolder.Options(dir.resolve("out"), false, Map.of(), null, Map.of(),
                    "s3cr3t", log::add, Map.of("evil.example.com", "http://127.0.0.1:" + port),
                    Set.of("github.example.com"));
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("dispatch"),
                    Map.of("repoUrl", "evil.example.com?owner=tern&repo=parcel-service"), elsewhere));
            assertEquals("step 'dispatch' (github:actions:dispatch): starting workflow pages.yml of tern/parcel-service "
                    + "on main needs PAVED_GIT_TOKEN for evil.example.com, which is not one of the token's hosts "
                    + "(--token-host)", e.getMessage());
            assertEquals(List.of(), requests, "nothing sent");
        } finally {
            api.stop(0);
        }
    }

    @Test
    void anEnvironmentIsCreatedWithItsBranchPoliciesAndVariables() throws Exception {
        List<String> requests = new ArrayList<>();
        HttpServer api = github(requests, 200, "{\"name\":\"staging\"}");
        try {
            Scaffolder.run(fixture("environment"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcels"),
                    options(dir.resolve("out"), false, api));
            assertEquals(List.of("PUT /repos/tern/parcels/environments/staging Bearer s3cr3t",
                    "POST /repos/tern/parcels/environments/staging/deployment-branch-policies Bearer s3cr3t",
                    "POST /repos/tern/parcels/environments/staging/deployment-branch-policies Bearer s3cr3t",
                    "POST /repos/tern/parcels/environments/staging/variables Bearer s3cr3t",
                    "POST /repos/tern/parcels/environments/staging/variables Bearer s3cr3t"),
                    requests.stream().map(r -> r.lines().findFirst().orElseThrow()).toList());
            assertEquals(JSON.readTree("{\"deployment_branch_policy\":{\"protected_branches\":false,"
                    + "\"custom_branch_policies\":true}}"), body(requests.get(0)));
            assertEquals(JSON.readTree("{\"name\":\"release/*\",\"type\":\"branch\"}"), body(requests.get(2)));
            assertEquals(JSON.readTree("{\"name\":\"REPLICAS\",\"value\":\"2\"}"), body(requests.get(4)),
                    "GitHub's variables are text");
            assertTrue(log.contains("  created tern/parcels's environment staging"), log.toString());

            requests.clear();
            Scaffolder.run(fixture("environment"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcels"),
                    options(dir.resolve("dry"), true));
            assertEquals(List.of(), requests, "a dry run sends nothing, and needs no token");
            assertTrue(log.contains("  would create tern/parcels's environment staging (PUT "
                    + "https://github.example.com/api/v3/repos/tern/parcels/environments/staging)"), log.toString());
        } finally {
            api.stop(0);
        }
    }

    @Test
    void environmentSecretsAreRefusedByNameBeforeAnythingRuns() throws Exception {
        fixture("environment");
        Path copy = dir.resolve("templates/environment/template.yaml");
        Files.writeString(copy, Files.readString(copy) + "        secrets:\n          DB_PASSWORD: hunter2\n");
        List<String> problems = Scaffolder.check(SoftwareTemplate.read(copy), Map.of("repoUrl",
                "github.example.com?owner=tern&repo=parcels"));
        assertEquals(List.of("step 'environment' (github:environment:create): input 'secrets' is not supported: GitHub "
                + "takes environment secrets only sealed with libsodium's sealed box for the repository's public key, "
                + "which Paved does not do; set them in the repository's settings or with gh secret set --env"),
                problems);
    }

    @Test
    void environmentAndLabelRefusalsAreClearErrors() throws Exception {
        Map<Integer, String> messages = Map.of(401, "Bad credentials", 404, "Not Found", 422, "Validation Failed");
        for (Map.Entry<Integer, String> e : messages.entrySet()) {
            HttpServer api = github(new ArrayList<>(), e.getKey(), "{\"message\":\"" + e.getValue() + "\"}");
            try {
                TemplateException env = assertThrows(TemplateException.class, () -> Scaffolder.run(
                        fixture("environment"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcels"),
                        options(dir.resolve("out"), false, api)));
                assertEquals("step 'environment' (github:environment:create): creating tern/parcels's environment "
                        + "staging answered HTTP " + e.getKey() + ": " + e.getValue() + switch (e.getKey()) {
                            case 401 -> " (the token is missing or invalid)";
                            case 404 -> " (no such repository, or the token cannot see it)";
                            default -> " (the branch policy or another input is not one GitHub accepts)";
                        }, env.getMessage());
                TemplateException label = assertThrows(TemplateException.class, () -> Scaffolder.run(
                        fixture("issues-label"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcels"),
                        options(dir.resolve("out"), false, api)));
                assertTrue(label.getMessage().startsWith("step 'label' (github:issues:label): labeling issue 42 of "
                        + "tern/parcels answered HTTP " + e.getKey() + ": " + e.getValue()), label.getMessage());
                assertFalse(env.getMessage().contains("s3cr3t") || label.getMessage().contains("s3cr3t"));
            } finally {
                api.stop(0);
            }
        }
    }

    @Test
    void labelsAreAddedToAnIssueOrPullRequest() throws Exception {
        List<String> requests = new ArrayList<>();
        HttpServer api = github(requests, 200, "[{\"name\":\"backstage-terraform\"}]");
        try {
            Scaffolder.run(fixture("issues-label"), Map.of("repoUrl", "github.example.com?owner=tern&repo=parcels"),
                    options(dir.resolve("out"), false, api));
            assertEquals("POST /repos/tern/parcels/issues/42/labels Bearer s3cr3t",
                    requests.get(0).lines().findFirst().orElseThrow());
            assertEquals(JSON.readTree("{\"labels\":[\"backstage-terraform\",\"needs-review\"]}"),
                    body(requests.get(0)));
            assertTrue(log.contains("  labeled issue 42 of tern/parcels [backstage-terraform, needs-review]"),
                    log.toString());

            Scaffolder.Options elsewhere = new Scaffolder.Options(dir.resolve("out"), false, Map.of(), null, Map.of(),
                    "s3cr3t", log::add, Map.of("evil.example.com", "http://127.0.0.1:" + api.getAddress().getPort()),
                    Set.of("github.example.com"));
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(fixture("issues-label"),
                    Map.of("repoUrl", "evil.example.com?owner=tern&repo=parcels"), elsewhere));
            assertEquals("step 'label' (github:issues:label): labeling issue 42 of tern/parcels [backstage-terraform, "
                    + "needs-review] needs PAVED_GIT_TOKEN for evil.example.com, which is not one of the token's hosts "
                    + "(--token-host)", e.getMessage());
            assertEquals(1, requests.size(), "nothing sent to a host the token is not for");
        } finally {
            api.stop(0);
        }
    }

    private static JsonNode body(String request) throws IOException {
        return JSON.readTree(request.lines().skip(1).findFirst().orElseThrow());
    }

    /** A GitHub API on loopback answering the dispatch with {@code status}; requests recorded as "METHOD path auth\nbody". */
    private static HttpServer github(List<String> requests, int status, String body) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/repos/", x -> {
            requests.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + " "
                    + x.getRequestHeaders().getFirst("Authorization") + "\n"
                    + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(x, status, body);
        });
        api.start();
        return api;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    private Catalog catalog() {
        return CatalogReader.read(List.of(CatalogSource.of(TestFiles.resource("scaffold/catalog/catalog-info.yaml"))),
                new Diagnostics());
    }

    private Scaffolder.Options options(Path out, boolean dryRun) {
        return new Scaffolder.Options(out, dryRun, Map.of(), null, Map.of(), null, log::add);
    }

    private Scaffolder.Options options(Path out, boolean dryRun, HttpServer api) {
        return new Scaffolder.Options(out, dryRun, Map.of(), null, Map.of(), "s3cr3t", log::add,
                Map.of("github.example.com", "http://127.0.0.1:" + api.getAddress().getPort()), Set.of());
    }

    private SoftwareTemplate fixture(String name) throws IOException {
        return TemplateFixtures.read(name, dir);
    }
}
