package dev.paved.scaffold;

import static dev.paved.scaffold.LoopbackJson.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.paved.crawl.GitServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backstage's GitHub module splits {@code publish:github} into {@code github:repo:create} and
 * {@code github:repo:push} (here against a loopback stand-in for GitHub's REST API and a real smart-HTTP git server);
 * the community annotator module's {@code catalog:scaffolded-from}, {@code catalog:template:version} and
 * {@code catalog:annotate} annotate the entity file the template wrote.
 */
class GitHubModuleActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void aRepositoryIsCreatedThenPushedTo() throws Exception {
        Path served = dir.resolve("served");
        List<String> calls = new ArrayList<>();
        HttpServer api = api(calls, served, 201);
        try (GitServer git = GitServer.start(served)) {
            String base = git.url("x").replaceFirst("x\\.git$", "");
            Scaffolder.Result result = Scaffolder.run(fixture("repo-create-push"), Map.of(), options(dir.resolve("out"),
                    false, base, api));
            assertEquals(List.of("POST /orgs/tern/repos Bearer s3cr3t {\"name\":\"notifier\",\"description\":\"The "
                    + "notifier service\",\"private\":false}"), calls);
            assertEquals(List.of(base + "tern/notifier.git#main"), result.pushes());
            try (Git clone = Git.cloneRepository().setURI(base + "tern/notifier.git")
                    .setDirectory(dir.resolve("clone").toFile()).call()) {
                assertEquals("# notifier\n", Files.readString(dir.resolve("clone/README.md")));
                String hash = clone.log().call().iterator().next().getName();
                assertEquals("First notifier", clone.log().call().iterator().next().getFullMessage());
                assertTrue(log.contains("  https://github.example.com/tern/notifier.git "
                        + "https://github.example.com/tern/notifier/blob/main " + hash), log.toString());
            }
        } finally {
            api.stop(0);
        }
    }

    @Test
    void aDryRunPlansWithoutNetworkOrToken() throws Exception {
        Scaffolder.Result result = Scaffolder.run(fixture("repo-create-push"), Map.of(), new Scaffolder.Options(
                dir.resolve("out"), true, Map.of(), null, Map.of(), null, log::add));
        assertEquals(List.of("https://github.example.com/tern/notifier.git#main"), result.pushes());
        assertTrue(log.contains("  would create tern/notifier through https://github.example.com/api/v3"),
                log.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void creationRefusalsAreClearErrorsNamingTheStep() throws Exception {
        for (int status : List.of(401, 404, 422)) {
            HttpServer api = api(new ArrayList<>(), dir.resolve("served"), status);
            try {
                TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                        fixture("repo-create-push"), Map.of(), options(dir.resolve("out" + status), false,
                                "http://127.0.0.1:1/", api)));
                assertTrue(e.getMessage().startsWith("step 'create' (github:repo:create): creating tern/notifier "
                        + "answered HTTP " + status + ": "), e.getMessage());
                assertFalse(e.getMessage().contains("s3cr3t"));
            } finally {
                api.stop(0);
            }
        }
        TemplateException none = assertThrows(TemplateException.class, () -> Scaffolder.run(
                fixture("repo-create-push"), Map.of(), new Scaffolder.Options(dir.resolve("none"), false, Map.of(),
                        null, Map.of(), null, log::add)));
        assertEquals("step 'create' (github:repo:create): creating tern/notifier needs PAVED_GIT_TOKEN for "
                + "github.example.com", none.getMessage());
    }

    @Test
    void pushingToARepositoryThatIsNotThereSaysWhoMakesIt() throws Exception {
        Path template = fixture("repo-create-push").directory().resolve("template.yaml");
        Files.writeString(template, Files.readString(template).replaceFirst("(?s)    - id: create.*?(    - id: push)",
                "$1"));
        try (GitServer git = GitServer.start(dir.resolve("served"))) {
            String base = git.url("x").replaceFirst("x\\.git$", "");
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                    SoftwareTemplate.read(template), Map.of(), new Scaffolder.Options(dir.resolve("out"), false,
                            Map.of("https://github.example.com/", base), null, Map.of(), null, log::add)));
            assertTrue(e.getMessage().startsWith("step 'push' (github:repo:push): cannot push to " + base
                    + "tern/notifier.git"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(the repository must exist, empty: github:repo:create makes it)"),
                    e.getMessage());
        }
    }

    @Test
    void theAnnotatorActionsAnnotateTheEntityFile() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.run(fixture("annotator"), Map.of(), new Scaffolder.Options(out, false, Map.of(), null, Map.of(),
                null, log::add));
        JsonNode entity = StructuredText.yaml(Files.readString(out.resolve("catalog-info.yaml")), "test");
        assertEquals("template:default/annotated", entity.at("/spec/scaffoldedFrom").asText());
        assertEquals("6", entity.at("/metadata/annotations/backstage.io~1template-version").asText(),
                "the template's own version when the input gives none");
        assertEquals("tern/label-printer", entity.at("/metadata/annotations/github.com~1project-slug").asText(),
                "kept");
        assertEquals("parcels", entity.at("/metadata/annotations/example.com~1team").asText());
        assertEquals("gold", entity.at("/metadata/labels/tier").asText());
        assertEquals("experimental", entity.at("/spec/lifecycle").asText());
        assertEquals("team-parcels", entity.at("/spec/owner").asText());
        assertTrue(log.contains("  template:default/annotated"), "output annotatedObject: " + log);

        Scaffolder.run(fixture("annotator"), Map.of("version", "7.1"), new Scaffolder.Options(dir.resolve("out2"),
                false, Map.of(), null, Map.of(), null, log::add));
        assertEquals("7.1", StructuredText.yaml(Files.readString(dir.resolve("out2/catalog-info.yaml")), "test")
                .at("/metadata/annotations/backstage.io~1template-version").asText(), "the input's version wins");

        log.clear();
        Scaffolder.run(fixture("annotator"), Map.of(), new Scaffolder.Options(dir.resolve("dry"), true, Map.of(),
                null, Map.of(), null, log::add));
        assertTrue(log.contains("  would annotate ./catalog-info.yaml"), log.toString());
        assertTrue(log.contains("  template:default/annotated"), "a dry run reads the planned file: " + log);
    }

    @Test
    void anEntityFileThatIsNotThereIsAClearError() throws Exception {
        Path template = fixture("annotator").directory().resolve("template.yaml");
        Files.writeString(template, Files.readString(template).replace("    - id: scaffolded-from\n",
                "    - id: scaffolded-from\n      input: {entityFilePath: service/catalog-info.yaml}\n"));
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                SoftwareTemplate.read(template), Map.of(), new Scaffolder.Options(dir.resolve("out"), false, Map.of(),
                        null, Map.of(), null, log::add)));
        assertEquals("step 'scaffolded-from' (catalog:scaffolded-from): there is no service/catalog-info.yaml in the "
                + "output folder to annotate (entityFilePath)", e.getMessage());
    }

    /**
     * GitHub's API on loopback: {@code /users/tern} is an organisation; {@code POST /orgs/tern/repos} answers
     * {@code status}, and on 201 makes the bare repository the git server serves.
     */
    private static HttpServer api(List<String> calls, Path served, int status) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/users/tern", x -> send(x, 200, "{\"login\":\"tern\",\"type\":\"Organization\"}"));
        api.createContext("/orgs/tern/repos", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                    + x.getRequestHeaders().getFirst("Authorization") + " " + body);
            if (status != 201) {
                send(x, status, "{\"message\":\"" + switch (status) {
                    case 401 -> "Bad credentials";
                    case 404 -> "Not Found";
                    default -> "Repository creation failed.";
                } + "\"}");
                return;
            }
            String name = JSON.readTree(body).path("name").asText();
            try (Git git = Git.init().setBare(true).setInitialBranch("main")
                    .setDirectory(served.resolve("tern/" + name + ".git").toFile()).call()) {
                StoredConfig config = git.getRepository().getConfig();
                config.setBoolean("http", null, "receivepack", true);
                config.save();
            } catch (Exception e) {
                throw new IOException(e);
            }
            send(x, 201, "{\"full_name\":\"tern/" + name + "\"}");
        });
        api.start();
        return api;
    }


    private Scaffolder.Options options(Path out, boolean dryRun, String gitBase, HttpServer api) {
        return new Scaffolder.Options(out, dryRun, Map.of("https://github.example.com/", gitBase), null, Map.of(),
                "s3cr3t", log::add, Map.of("github.example.com", "http://127.0.0.1:" + api.getAddress().getPort()),
                Set.of());
    }

    private SoftwareTemplate fixture(String name) throws IOException {
        return TemplateFixtures.read(name, dir);
    }
}
