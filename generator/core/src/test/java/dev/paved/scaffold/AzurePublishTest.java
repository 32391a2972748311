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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish:azure}: the repository is created through a loopback stand-in for Azure DevOps' REST API
 * ({@code POST {org}/{project}/_apis/git/repositories}, answering as its documentation shows and making a bare
 * repository on a real smart-HTTP git server), then the output is pushed to it with JGit.
 */
class AzurePublishTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUID = "5febef5a-833d-4e14-b9c0-14cb638f91e6";

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    @Test
    void theRepositoryIsCreatedThenPushedTo() throws Exception {
        Path served = dir.resolve("served");
        HttpServer api = azure(served);
        try (GitServer git = GitServer.start(served)) {
            String base = git.url("x").replaceFirst("x\\.git$", "");
            Scaffolder.Options options = options(dir.resolve("out"), false, base, api);
            SoftwareTemplate t = template();
            Scaffolder.Result result = Scaffolder.run(t, Map.of("name", "notifier"), options);

            String basic = "Basic " + Base64.getEncoder().encodeToString(":s3cr3t".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("POST /tern/parcels/_apis/git/repositories?api-version=7.1 " + basic
                    + " {\"name\":\"notifier\"}"), calls, "the PAT as Basic's password, the project in the path");
            assertEquals(List.of(base + "tern/parcels/_git/notifier#master"), result.pushes(), "master, as Backstage");
            assertEquals("https://dev.azure.com/tern/parcels/_git/notifier " + GUID, result.text().get(0)
                    .get("content"));
            try (Git clone = Git.cloneRepository().setURI(base + "tern/parcels/_git/notifier")
                    .setDirectory(dir.resolve("clone").toFile()).call()) {
                assertEquals("# notifier\n", Files.readString(dir.resolve("clone/README.md")));
                assertEquals(result.links().get(0).get("url"), clone.getRepository().resolve("HEAD").getName(),
                        "commitHash is the pushed commit");
            }

            // Created already: the API says 409, its id is read, and the push (unrelated history) is refused.
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(t,
                    Map.of("name", "notifier", "readme", "again"), options(dir.resolve("out2"), false, base, api)));
            assertEquals(List.of("POST /tern/parcels/_apis/git/repositories?api-version=7.1",
                    "GET /tern/parcels/_apis/git/repositories/notifier?api-version=7.1"),
                    calls.subList(1, 3).stream().map(c -> c.substring(0, c.indexOf(" Basic"))).toList());
            assertTrue(log.contains("  found tern/parcels/notifier through http://127.0.0.1:"
                    + api.getAddress().getPort()), log.toString());
            assertTrue(e.getMessage().startsWith("step 'publish' (publish:azure): "), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t") || e.getMessage().contains(basic.substring(6)));

            calls.clear();
            log.clear();
            Scaffolder.Result dry = Scaffolder.run(t, Map.of("name", "planned"), options(dir.resolve("dry"), true,
                    base, api));
            assertEquals(List.of(), calls, "a dry run calls nothing");
            assertEquals("https://dev.azure.com/tern/parcels/_git/planned (dry run)", dry.text().get(0)
                    .get("content"));
            assertTrue(log.contains("  would create tern/parcels/planned through http://127.0.0.1:"
                    + api.getAddress().getPort()), log.toString());
            assertFalse(Files.exists(served.resolve("tern/parcels/_git/planned")));
        } finally {
            api.stop(0);
        }
    }

    @Test
    void azureRefusalsAndBadLocationsAreClearErrors() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", x -> send(x, 401, "{\"$id\":\"1\",\"message\":\"TF400813: The user is not "
                + "authorized to access this resource.\",\"typeName\":\"UnauthorizedRequestException\"}"));
        api.start();
        try {
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(template(),
                    Map.of("name", "notifier"), options(dir.resolve("out"), false, "http://127.0.0.1:1/", api)));
            assertEquals("step 'publish' (publish:azure): creating tern/parcels/notifier answered HTTP 401: "
                    + "TF400813: The user is not authorized to access this resource. (the token is missing or invalid)",
                    e.getMessage());
        } finally {
            api.stop(0);
        }
        Path bad = dir.resolve("bad/template.yaml");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: bad}
                spec:
                  type: service
                  steps:
                    - id: publish
                      action: publish:azure
                      input: {repoUrl: "dev.azure.com?repo=notifier"}
                """);
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(bad),
                Map.of(), new Scaffolder.Options(dir.resolve("o"), false, Map.of(), null, Map.of(), null, log::add)));
        assertEquals("step 'publish' (publish:azure): repoUrl 'dev.azure.com?repo=notifier' names no organization, "
                + "project and repo (host?organization=…&project=…&repo=…)", e.getMessage());
    }

    private SoftwareTemplate template() throws IOException {
        Path template = dir.resolve("t");
        Files.createDirectories(template.resolve("skeleton"));
        Files.writeString(template.resolve("skeleton/README.md"), "# ${{ values.name }}${{ values.readme }}\n");
        Files.writeString(template.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: t}
                spec:
                  type: service
                  parameters:
                    - properties:
                        name: {type: string}
                        readme: {type: string, default: ""}
                  steps:
                    - id: fetch
                      action: fetch:template
                      input: {url: ./skeleton, values: {name: '${{ parameters.name }}', readme: '${{ parameters.readme }}'}}
                    - id: publish
                      action: publish:azure
                      input:
                        repoUrl: dev.azure.com?owner=parcels&repo=${{ parameters.name }}&organization=tern
                        description: The ${{ parameters.name }} service
                  output:
                    links:
                      - {title: Commit, url: '${{ steps.publish.output.commitHash }}'}
                    text:
                      - title: Repository
                        content: ${{ steps.publish.output.remoteUrl }} ${{ steps.publish.output.repositoryId }}
                """);
        return SoftwareTemplate.read(template.resolve("template.yaml"));
    }

    private Scaffolder.Options options(Path out, boolean dryRun, String gitBase, HttpServer api) {
        return new Scaffolder.Options(out, dryRun, Map.of("https://dev.azure.com/", gitBase), null, Map.of(),
                "s3cr3t", log::add, Map.of("dev.azure.com", "http://127.0.0.1:" + api.getAddress().getPort()),
                Set.of());
    }

    /** Azure DevOps' repositories API on loopback: creates a bare repository under {@code served}. */
    private HttpServer azure(Path served) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/tern/parcels/_apis/git/repositories", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders()
                    .getFirst("Authorization") + (body.isEmpty() ? "" : " " + body));
            if (x.getRequestMethod().equals("GET")) {
                send(x, 200, "{\"id\":\"" + GUID + "\",\"name\":\"notifier\"}");
                return;
            }
            JsonNode json = JSON.readTree(body);
            String name = json.path("name").asText();
            Path bare = served.resolve("tern/parcels/_git/" + name);
            if (Files.exists(bare)) {
                send(x, 409, "{\"$id\":\"1\",\"message\":\"TF400948: A Git repository with the name " + name
                        + " already exists.\",\"typeName\":\"GitRepositoryNameAlreadyExistsException\"}");
                return;
            }
            try (Git git = Git.init().setBare(true).setInitialBranch("master").setDirectory(bare.toFile()).call()) {
                StoredConfig config = git.getRepository().getConfig();
                config.setBoolean("http", null, "receivepack", true);
                config.save();
            } catch (Exception e) {
                throw new IOException(e);
            }
            String web = "https://dev.azure.com/tern/parcels/_git/" + name;
            send(x, 201, "{\"id\":\"" + GUID + "\",\"name\":\"" + name + "\",\"remoteUrl\":\"https://tern@dev.azure"
                    + ".com/tern/parcels/_git/" + name + "\",\"webUrl\":\"" + web + "\",\"project\":{\"name\":"
                    + "\"parcels\"}}");
        });
        api.start();
        return api;
    }
}
