package dev.paved.scaffold;

import static dev.paved.scaffold.LoopbackJson.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.config.PavedConfig;
import dev.paved.crawl.GitServer;
import dev.paved.crawl.RepositorySource;
import dev.paved.diagnostic.Code;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's infrastructure golden paths, round trip: the template proposes its change to the platform's GitOps
 * repository by pull request (a real smart-HTTP git server, a loopback stand-in for GitHub's API), the change is
 * merged, and the next build of a portal crawling that repository shows the new Resource and its owner.
 */
class InfrastructureTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GITOPS = "tern-logistics/platform-gitops";

    @TempDir
    Path dir;

    private GitServer git;
    private Path bare;
    private HttpServer api;
    private final Map<String, JsonNode> opened = new ConcurrentHashMap<>();

    /** The GitOps repository: a catalog of the platform's resources, with the teams and systems they belong to. */
    @BeforeEach
    void gitopsRepository() throws Exception {
        bare = dir.resolve("served/" + GITOPS + ".git");
        try (Git g = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
            StoredConfig config = g.getRepository().getConfig();
            config.setBoolean("http", null, "receivepack", true);
            config.save();
        }
        Path work = dir.resolve("seed");
        try (Git g = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            Files.createDirectories(work.resolve("catalog/resources"));
            Files.writeString(work.resolve("catalog-info.yaml"), """
                    apiVersion: backstage.io/v1alpha1
                    kind: Location
                    metadata: {name: platform-gitops}
                    spec:
                      targets: [./catalog/platform.yaml, ./catalog/resources/*.yaml]
                    """);
            Files.writeString(work.resolve("catalog/platform.yaml"), """
                    apiVersion: backstage.io/v1alpha1
                    kind: Group
                    metadata: {name: team-parcels}
                    spec: {type: team, children: []}
                    ---
                    apiVersion: backstage.io/v1alpha1
                    kind: System
                    metadata: {name: parcel-tracking}
                    spec: {owner: group:team-parcels}
                    """);
            Files.writeString(work.resolve("catalog/resources/.keep"), "");
            g.add().addFilepattern(".").call();
            g.commit().setMessage("The platform's GitOps repository").setSign(false).call();
            g.push().setRemote(bare.toUri().toString()).add("main").call();
        }
        git = GitServer.start(dir.resolve("served"));
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", x -> {
            String call = x.getRequestMethod() + " " + x.getRequestURI().getRawPath();
            byte[] body = x.getRequestBody().readAllBytes();
            if (call.equals("GET /repos/" + GITOPS)) {
                send(x, 200, "{\"full_name\":\"" + GITOPS + "\",\"default_branch\":\"main\"}");
            } else if (call.equals("POST /repos/" + GITOPS + "/pulls")) {
                opened.put("pull", JSON.readTree(body));
                send(x, 201, "{\"number\":12,\"html_url\":\"https://github.com/" + GITOPS + "/pull/12\","
                        + "\"base\":{\"ref\":\"main\"}}");
            } else if (call.equals("POST /repos/" + GITOPS + "/pulls/12/requested_reviewers")) {
                send(x, 201, "{}");
            } else {
                send(x, 404, "{\"message\":\"Not Found\"}");
            }
        });
        api.start();
    }

    @AfterEach
    void stop() throws Exception {
        api.stop(0);
        git.close();
    }

    @Test
    void aDatabaseIsProposedMergedAndListedByTheNextBuild() throws Exception {
        Scaffolder.Result result = run("postgresql-database", Map.of("name", "orders-db",
                "owner", "group:default/team-parcels", "system", "system:default/parcel-tracking",
                "environment", "production", "storageGB", "100"));

        assertEquals("Database orders-db in production", opened.get("pull").path("title").asText());
        assertEquals("database/orders-db-production", opened.get("pull").path("head").asText());
        assertEquals(List.of("https://github.com/" + GITOPS + "/pull/12"), result.links().stream()
                .map(l -> String.valueOf(l.get("url"))).toList());
        String claim = file("database/orders-db-production", "databases/production/orders-db.yaml");
        assertTrue(claim.contains("kind: PostgreSQLInstance") && claim.contains("storageGB: 100"), claim);

        merge("database/orders-db-production");
        Document page = nextBuild("catalog/default/resource/orders-db-production/index.html");
        assertEquals("orders-db (production)", page.selectFirst("h1").text());
        assertEquals("team-parcels", page.selectFirst(".card.about dd a").text().toLowerCase().replace(' ', '-'),
                "its owner, linked");
    }

    @Test
    void anEnvironmentIsProposedMergedAndListedByTheNextBuild() throws Exception {
        run("team-environment", Map.of("team", "team-parcels", "environment", "staging"));

        assertEquals("Namespace team-parcels-staging", opened.get("pull").path("title").asText());
        String quota = file("environment/team-parcels-staging",
                "environments/team-parcels-staging/resourcequota.yaml");
        assertTrue(quota.contains("namespace: team-parcels-staging") && quota.contains("requests.memory: 16Gi"),
                quota);
        String binding = file("environment/team-parcels-staging",
                "environments/team-parcels-staging/rolebinding.yaml");
        assertTrue(binding.contains("name: team-parcels") && binding.contains("name: edit"), binding);

        merge("environment/team-parcels-staging");
        Document page = nextBuild("catalog/default/resource/team-parcels-staging/index.html");
        assertEquals("team-parcels in staging", page.selectFirst("h1").text());
    }

    private Scaffolder.Result run(String template, Map<String, Object> values) throws Exception {
        SoftwareTemplate t = SoftwareTemplate.read(TestFiles.projectRoot()
                .resolve("catalog/templates/" + template + "/template.yaml"));
        return Scaffolder.run(t, values, new Scaffolder.Options(dir.resolve("out-" + template), false,
                Map.of("https://github.com/", git.url("x").replaceFirst("x\\.git$", "")), null, Map.of(),
                "gitops-t0ken", line -> { }, Map.of("github.com", "http://127.0.0.1:" + api.getAddress().getPort()),
                Set.of()));
    }

    /** A file of a branch of the GitOps repository. */
    private String file(String branch, String path) throws IOException {
        try (Repository r = Git.open(bare.toFile()).getRepository()) {
            ObjectId tip = r.resolve("refs/heads/" + branch + ":" + path);
            return new String(r.open(tip).getBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Merges the pull request: main moves to its branch, as a fast-forward merge on the host would. */
    private void merge(String branch) throws IOException {
        try (Repository r = Git.open(bare.toFile()).getRepository()) {
            RefUpdate update = r.updateRef("refs/heads/main");
            update.setNewObjectId(r.resolve("refs/heads/" + branch));
            assertEquals(RefUpdate.Result.FAST_FORWARD, update.update());
        }
    }

    /** The next build of a portal crawling the GitOps repository: the page at {@code path}. */
    private Document nextBuild(String path) throws IOException {
        PavedConfig d = PavedConfig.defaults(dir.resolve("portal"));
        PavedConfig config = new PavedConfig(d.title(), d.baseUrl(), List.of(), d.content(), d.theme(),
                dir.resolve("portal/site"), dir.resolve("portal"), d.rules(),
                List.of(new RepositorySource.Single(dev.paved.crawl.Repository.of(git.url(GITOPS)))),
                dir.resolve("portal/cache"), List.of(), "", d.remoteImages());
        Pipeline.Result build = Pipeline.build(config, Pipeline.Options.defaults().withCache(false));
        assertTrue(build.diagnostics().stream().noneMatch(x -> x.code() == Code.DANGLING_REF), build.summary());
        Path page = build.output().resolve(path);
        assertTrue(Files.isRegularFile(page), path + " after the merge: " + build.summary());
        return Jsoup.parse(page.toFile());
    }
}
