package dev.paved.scaffold;

import static dev.paved.scaffold.LoopbackJson.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.crawl.GitServer;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * With a token, {@code publish:github} creates the repository through the host's REST API (here a loopback stand-in
 * for GitHub's, which creates a bare repository on a real smart-HTTP git server) and then pushes to it.
 */
class RepositoryCreationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsThenPushesAndToleratesAnExistingRepository(@TempDir Path dir) throws Exception {
        Path served = dir.resolve("served");
        List<String> calls = new ArrayList<>();
        List<JsonNode> bodies = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/users/tern", x -> send(x, 200, "{\"login\":\"tern\",\"type\":\"Organization\"}"));
        api.createContext("/orgs/tern/repos", x -> {
            calls.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                    + x.getRequestHeaders().getFirst("Authorization"));
            JsonNode body = JSON.readTree(x.getRequestBody());
            bodies.add(body);
            Path bare = served.resolve("tern/" + body.path("name").asText() + ".git");
            if (Files.exists(bare)) {
                send(x, 422, "{\"message\":\"Repository creation failed.\",\"errors\":[{\"message\":\"name already exists on this account\"}]}");
                return;
            }
            try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
                StoredConfig config = git.getRepository().getConfig();
                config.setBoolean("http", null, "receivepack", true);
                config.save();
            } catch (Exception e) {
                throw new IOException(e);
            }
            send(x, 201, "{\"full_name\":\"tern/" + body.path("name").asText() + "\"}");
        });
        api.start();
        Path template = dir.resolve("t");
        Files.createDirectories(template.resolve("skeleton"));
        Files.writeString(template.resolve("skeleton/README.md"), "# ${{ values.name }}\n");
        Files.writeString(template.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: t}
                spec:
                  type: service
                  steps:
                    - {id: fetch, action: fetch:template, input: {url: ./skeleton, values: {name: '${{ parameters.name }}'}}}
                    - id: publish
                      action: publish:github
                      input:
                        repoUrl: github.example.com?owner=tern&repo=${{ parameters.name }}
                        description: The ${{ parameters.name }} service
                        repoVisibility: internal
                """);
        try (GitServer git = GitServer.start(served)) {
            String base = git.url("x").replaceFirst("x\\.git$", "");
            List<String> log = new ArrayList<>();
            Scaffolder.Options options = new Scaffolder.Options(dir.resolve("out"), false,
                    Map.of("https://github.example.com/", base), null, Map.of(), "s3cr3t", log::add,
                    Map.of("github.example.com", "http://127.0.0.1:" + api.getAddress().getPort()), java.util.Set.of());
            SoftwareTemplate t = SoftwareTemplate.read(template.resolve("template.yaml"));
            Scaffolder.Result result = Scaffolder.run(t, Map.of("name", "notifier"), options);

            assertEquals(List.of("POST /orgs/tern/repos Bearer s3cr3t"), calls);
            assertEquals("notifier", bodies.get(0).path("name").asText());
            assertEquals("The notifier service", bodies.get(0).path("description").asText());
            assertEquals("internal", bodies.get(0).path("visibility").asText());
            assertTrue(bodies.get(0).path("private").asBoolean());
            assertEquals(List.of(base + "tern/notifier.git#main"), result.pushes());
            try (Git clone = Git.cloneRepository().setURI(base + "tern/notifier.git")
                    .setDirectory(dir.resolve("clone").toFile()).call()) {
                assertEquals("# notifier\n", Files.readString(dir.resolve("clone/README.md")));
            }

            // It exists now: the API says so, the run goes on, and the push is refused (unrelated history).
            Files.writeString(template.resolve("skeleton/README.md"), "# ${{ values.name }}, again\n");
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(t,
                    Map.of("name", "notifier"), new Scaffolder.Options(dir.resolve("out2"), false,
                            options.gitUrls(), null, Map.of(), "s3cr3t", log::add, options.apiUrls(), java.util.Set.of())));
            assertEquals(2, calls.size());
            assertTrue(log.contains("  found tern/notifier through http://127.0.0.1:" + api.getAddress().getPort()), log.toString());
            assertTrue(e.getMessage().contains("refused the push") || e.getMessage().contains("cannot push"), e.getMessage());
        } finally {
            api.stop(0);
        }
    }


    @Test
    void aTokenForAPlainHttpApiIsRefusedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
        SoftwareTemplate t = SoftwareTemplate.read(TestFiles.resource(
                "scaffold/templates/publish-github/template.yaml"));
        Scaffolder.Options options = new Scaffolder.Options(dir.resolve("out"), false, Map.of(), null, Map.of(),
                "s3cret", l -> { }, Map.of("github.example.com", "http://github.example.com/api/v3"), Set.of());
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(t, Map.of("name", "x"),
                options));
        assertEquals("step 'publish' (publish:github): the token in PAVED_GIT_TOKEN is not sent over plain http to "
                + "http://github.example.com/api/v3: use https (plain http only to loopback: 127.0.0.0/8, ::1, "
                + "localhost)", e.getMessage());
    }

    @Test
    void theTokenDoesNotFollowARedirectToAnotherOrigin(@TempDir Path dir) throws Exception {
        List<String> elsewhere = new ArrayList<>();
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", x -> {
            elsewhere.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                    + x.getRequestHeaders().getFirst("Authorization"));
            send(x, 401, "{\"message\":\"Bad credentials\"}");
        });
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/users/tern", x -> send(x, 200, "{\"login\":\"tern\",\"type\":\"Organization\"}"));
        api.createContext("/orgs/tern/repos", x -> {
            x.getResponseHeaders().add("Location", "http://127.0.0.1:" + other.getAddress().getPort()
                    + "/orgs/tern/repos");
            x.sendResponseHeaders(307, -1);
            x.close();
        });
        other.start();
        api.start();
        try {
            SoftwareTemplate t = SoftwareTemplate.read(TestFiles.resource(
                    "scaffold/templates/publish-github/template.yaml"));
            Scaffolder.Options options = new Scaffolder.Options(dir.resolve("out"), false, Map.of(), null, Map.of(),
                    "s3cret", l -> { }, Map.of("github.example.com", "http://127.0.0.1:" + api.getAddress().getPort()),
                    Set.of());
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(t,
                    Map.of("name", "x"), options));
            assertTrue(e.getMessage().contains("answered HTTP 401"), e.getMessage());
            assertEquals(List.of("POST /orgs/tern/repos null"), elsewhere, "the redirect was followed, without the "
                    + "token");
        } finally {
            api.stop(0);
            other.stop(0);
        }
    }
}
