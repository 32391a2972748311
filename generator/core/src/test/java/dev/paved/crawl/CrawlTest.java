package dev.paved.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.paved.pipeline.Pipeline;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawling repositories served by a real smart-HTTP git server on loopback (JGit's GitServlet): what is fetched,
 * what a second crawl costs, and what happens with a missing, empty, slow, failing or vanished repository.
 */
class CrawlTest {

    @TempDir
    static Path root;

    private static GitServer server;
    private static TestRepos repos;

    static String catalog(String name, String extra) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: The %s service.
                  annotations:
                    backstage.io/techdocs-ref: dir:.
                spec:
                  type: service
                  lifecycle: production
                  owner: group:default/team-a
                %s""".formatted(name, name, extra);
    }

    @BeforeAll
    static void serveRepositories() throws Exception {
        repos = new TestRepos(root.resolve("work"), Files.createDirectories(root.resolve("served")));
        repos.commit("payments", Map.of(
                "catalog-info.yaml", catalog("payments", ""),
                "mkdocs.yml", "site_name: Payments\n",
                "docs/index.md", "# Payments\n\nHow payments work.\n",
                "README.md", "# payments\n",
                "src/Main.java", "class Main {}\n"));
        repos.commitBinary("payments", "assets/model.bin", 2_000_000, 1);
        repos.commit("billing", Map.of(".backstage/billing.yaml", catalog("billing", ""),
                ".backstage/group.yaml", """
                        apiVersion: backstage.io/v1alpha1
                        kind: Group
                        metadata:
                          name: team-a
                        spec:
                          type: team
                          children: []
                        """));
        repos.empty("empty");
        server = GitServer.start(repos.served());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Crawler crawler(Path cache) {
        return new Crawler(new Crawler.Options(cache, 4, Duration.ofSeconds(3), 2, Pipeline.READS), System::getenv,
                HttpClient.newHttpClient());
    }

    private static Crawler.Crawled only(List<Crawler.Crawled> crawled, String name) {
        return crawled.stream().filter(c -> c.repository().name().endsWith(name)).findFirst().orElseThrow();
    }

    @Test
    void fetchesOnlyWhatThePortalReadsAndNothingTwice(@TempDir Path cache) throws Exception {
        Repository payments = Repository.of(server.url("payments"));
        List<String> lines = new ArrayList<>();
        Crawler.Crawled first = crawler(cache).crawl(List.of(new RepositorySource.Single(payments)),
                new Diagnostics(), lines::add).get(0);
        assertEquals("fetched", first.status());
        Path checkout = first.checkout().orElseThrow();
        assertTrue(Files.isRegularFile(checkout.resolve("catalog-info.yaml")));
        assertTrue(Files.isRegularFile(checkout.resolve("docs/index.md")));
        assertTrue(Files.isRegularFile(checkout.resolve("README.md")), "scorecards read the README");
        assertFalse(Files.exists(checkout.resolve("src/Main.java")), "source code is not needed");
        assertFalse(Files.exists(checkout.resolve("assets/model.bin")));
        assertEquals(1, lines.size(), "one progress line per repository: " + lines);
        assertTrue(lines.get(0).matches("\\[1/1] .*payments +fetched +[0-9a-f]{8} .*ETA.*0 failed\\)"), lines.get(0));

        // Only the last commit, and no file contents beyond the needed ones: not the 2 MB binary.
        Path bare;
        try (Stream<Path> s = Files.list(cache.resolve("repos"))) {
            bare = s.findFirst().orElseThrow();
        }
        try (var r = new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build()) {
            ObjectId binary = ObjectId.fromString(blobId(root.resolve("work/payments/assets/model.bin")));
            assertFalse(r.getObjectDatabase().has(binary), "the big file's content was downloaded");
            assertTrue(r.getObjectDatabase().has(ObjectId.fromString(blobId(
                    root.resolve("work/payments/catalog-info.yaml")))));
        }
        assertTrue(size(bare) < 200_000, "the cache holds " + size(bare) + " bytes");

        // Nothing changed: nothing fetched. A new commit: fetched again.
        Crawler.Crawled second = crawler(cache).crawl(List.of(new RepositorySource.Single(payments)),
                new Diagnostics(), l -> { }).get(0);
        assertEquals("unchanged", second.status());
        assertEquals(first.commit(), second.commit());
        repos.commit("payments", Map.of("docs/index.md", "# Payments\n\nHow payments work now.\n"));
        Crawler.Crawled third = crawler(cache).crawl(List.of(new RepositorySource.Single(payments)),
                new Diagnostics(), l -> { }).get(0);
        assertEquals("fetched", third.status());
        assertTrue(Files.readString(third.checkout().orElseThrow().resolve("docs/index.md")).contains("now"));
    }

    @Test
    void realCGitServesOnlyTheNeededFilesToo(@TempDir Path cache, @TempDir Path work) throws Exception {
        // Real git answers a fetch of file contents with nothing when told the client has the commit: the crawl
        // must fetch them as a client without it.
        try (CGitServer cgit = CGitServer.start(repos.served(), work)) {
            Crawler.Crawled c = crawler(cache).crawl(List.of(new RepositorySource.Single(Repository.of(
                    cgit.url("payments")))), new Diagnostics(), l -> { }).get(0);
            assertEquals("fetched", c.status(), c.error());
            Path checkout = c.checkout().orElseThrow();
            assertTrue(Files.readString(checkout.resolve("catalog-info.yaml")).contains("name: payments"));
            assertTrue(Files.isRegularFile(checkout.resolve("docs/index.md")));
            assertFalse(Files.exists(checkout.resolve("assets/model.bin")));
            Path bare;
            try (Stream<Path> s = Files.list(cache.resolve("repos"))) {
                bare = s.findFirst().orElseThrow();
            }
            assertTrue(size(bare) < 200_000, "the cache holds " + size(bare) + " bytes");
            assertEquals("unchanged", crawler(cache).crawl(List.of(new RepositorySource.Single(Repository.of(
                    cgit.url("payments")))), new Diagnostics(), l -> { }).get(0).status());
        }
    }

    @Test
    void badRepositoriesAreReportedAndTheRestIsCrawled(@TempDir Path cache) throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        List<RepositorySource> sources = List.of(
                new RepositorySource.Single(Repository.of(server.url("payments"))),
                new RepositorySource.Single(Repository.of(server.url("gone"))),
                new RepositorySource.Single(Repository.of(server.url("empty"))),
                new RepositorySource.Single(Repository.of(server.url("slow", "late"))),
                new RepositorySource.Single(Repository.of(server.url("broken", "oops"))),
                new RepositorySource.Single(new Repository("secret", server.url("gone2").replace("http://",
                        "http://alice:hunter2@"), "", List.of(), "")),
                new RepositorySource.Single(new Repository("payments-dev", server.url("payments"), "no-such-branch",
                        List.of(), "")));
        long start = System.nanoTime();
        Map<String, Crawler.Crawled> crawled = crawler(cache).crawl(sources, diagnostics, l -> { }).stream()
                .collect(Collectors.toMap(c -> c.repository().name(), c -> c));
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "a slow server must not hold the crawl");

        assertEquals("fetched", crawled.get("git/payments").status());
        assertEquals("failed", crawled.get("git/gone").status());
        assertEquals("empty", crawled.get("git/empty").status());
        assertEquals("failed", crawled.get("slow/late").status());
        assertEquals("failed", crawled.get("broken/oops").status());
        assertEquals("failed", crawled.get("payments-dev").status());
        assertTrue(crawled.get("payments-dev").error().contains("no-such-branch"), crawled.get("payments-dev").error());
        List<Diagnostic> warnings = diagnostics.sorted();
        assertEquals(5, warnings.stream().filter(d -> d.code() == Code.REPOSITORY_UNREACHABLE).count(),
                warnings.toString());
        for (Diagnostic d : warnings) {
            assertFalse(d.message().contains("hunter2") || d.message().contains("alice"),
                    "a credential in a message: " + d.message());
        }
        assertTrue(Files.readString(cache.resolve(CrawlState.FILE)).contains("payments"));
        assertFalse(Files.readString(cache.resolve(CrawlState.FILE)).contains("hunter2"));
    }

    @Test
    void aRepositoryThatVanishesKeepsItsLastGoodData(@TempDir Path cache) throws Exception {
        repos.commit("ephemeral", Map.of("catalog-info.yaml", catalog("ephemeral", "")));
        RepositorySource source = new RepositorySource.Single(Repository.of(server.url("ephemeral")));
        Crawler.Crawled first = crawler(cache).crawl(List.of(source), new Diagnostics(), l -> { }).get(0);
        assertEquals("fetched", first.status());

        Files.move(repos.served().resolve("ephemeral.git"), repos.served().resolve("ephemeral-moved.git"));
        try {
            Diagnostics diagnostics = new Diagnostics();
            Crawler.Crawled second = crawler(cache).crawl(List.of(source), diagnostics, l -> { }).get(0);
            assertEquals("stale", second.status());
            assertEquals(first.commit(), second.commit());
            assertTrue(Files.isRegularFile(second.checkout().orElseThrow().resolve("catalog-info.yaml")));
            assertTrue(diagnostics.sorted().get(0).message().contains("is used"), diagnostics.sorted().toString());
        } finally {
            Files.move(repos.served().resolve("ephemeral-moved.git"), repos.served().resolve("ephemeral.git"));
        }
    }

    @Test
    void buildsAPortalFromTheServersRepositories(@TempDir Path dir) throws Exception {
        PavedConfig config = PavedConfig.defaults(dir).withOutput(dir.resolve("site")).withRepositories(List.of(
                new RepositorySource.Single(Repository.of(server.url("payments"))),
                new RepositorySource.Single(new Repository("billing", server.url("billing"), "main",
                        List.of(".backstage/*.yaml"), "")),
                new RepositorySource.Single(Repository.of(server.url("gone")))), true);
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());
        Path site = result.output();
        assertEquals(3, result.entities(), result.diagnostics().toString());
        assertTrue(Files.isRegularFile(site.resolve("catalog/default/component/payments/index.html")));
        assertTrue(Files.isRegularFile(site.resolve("catalog/default/component/billing/index.html")));
        assertTrue(Files.readString(site.resolve("docs/default/component/payments/index.html"))
                .contains("How payments work"));
        String page = Files.readString(site.resolve("repositories/index.html"));
        assertTrue(page.contains("git/gone") && page.contains("failed"), "the portal shows the failed repository");
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.REPOSITORY_UNREACHABLE));
        assertTrue(Files.readString(site.resolve("index.html")).contains("repositories/index.html"));
    }

    @Test
    void secretsInRepositoryUrlsAreShownNowhere(@TempDir Path dir) throws Exception {
        // A password holding an @, and a token in the query: the repositories are unreachable, so their URLs reach
        // the diagnostics (stderr), the repositories and problems pages and crawl-state.json.
        String userInfo = server.url("gone5").replace("http://", "http://user:p@ss-SECRET@");
        String query = server.url("gone6") + "?private_token=tok-SECRET&page=2";
        PavedConfig config = PavedConfig.defaults(dir).withOutput(dir.resolve("site")).withRepositories(List.of(
                new RepositorySource.Single(Repository.of(userInfo)),
                new RepositorySource.Single(Repository.of(query))), true);
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());
        String repositories = Files.readString(result.output().resolve("repositories/index.html"));
        List<String> shown = new ArrayList<>(List.of(repositories,
                Files.readString(result.output().resolve("problems/index.html")),
                Files.readString(config.cache().resolve(CrawlState.FILE))));
        result.diagnostics().forEach(d -> shown.add(d.toString()));
        assertEquals(2, result.diagnostics().stream().filter(d -> d.code() == Code.REPOSITORY_UNREACHABLE).count(),
                result.diagnostics().toString());
        for (String text : shown) {
            assertFalse(text.contains("SECRET") || text.contains("p@ss"), "a credential is shown: " + text);
        }
        assertTrue(repositories.contains("gone6.git?private_token=***&amp;page=2"), repositories);
        // A name made from a URL is made from the URL without its credentials.
        assertEquals("git.example.com/payments", Repository.of("https://u:tok-SECRET@git.example.com/payments.git")
                .name());
    }

    @Test
    void aTokenIsNotSentOverPlainHttpToAnotherHost(@TempDir Path cache) throws Exception {
        // 0.0.0.0 reaches this machine's servers but is not a loopback address: the token must be refused before
        // anything is sent, so the server never hears of it.
        List<String> heard = new ArrayList<>();
        HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", x -> {
            heard.add(x.getRequestURI().toString());
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        listener.start();
        try {
            Diagnostics diagnostics = new Diagnostics();
            String url = "http://0.0.0.0:" + listener.getAddress().getPort() + "/acme/x.git?private_token=abc";
            Crawler.Crawled c = new Crawler(new Crawler.Options(cache, 1, Duration.ofSeconds(5), 2, Pipeline.READS),
                    Map.of("GIT_TOKEN", "s3cret")::get, HttpClient.newHttpClient()).crawl(List.of(
                    new RepositorySource.Single(new Repository("acme/x", url, "", List.of(), "GIT_TOKEN"))),
                    diagnostics, l -> { }).get(0);
            assertEquals("failed", c.status());
            String refusal = "the token in GIT_TOKEN is not sent over plain http to http://0.0.0.0:"
                    + listener.getAddress().getPort() + "/acme/x.git?private_token=***: use https";
            assertTrue(c.error().startsWith(refusal), c.error());
            Diagnostic d = diagnostics.sorted().get(0);
            assertEquals(Code.REPOSITORY_UNREACHABLE, d.code());
            assertTrue(d.message().contains(refusal), d.message());
            assertEquals(List.of(), heard, "nothing was sent");
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void aBackstageAppConfigIsEnough(@TempDir Path dir) throws Exception {
        // A Backstage user's app-config.yaml, its location a blob URL on the (loopback) git host.
        String blob = server.url("payments").replaceAll("\\.git$", "") + "/blob/main/catalog-info.yaml";
        Files.writeString(dir.resolve("app-config.yaml"), """
                catalog:
                  locations:
                    - type: url
                      target: %s
                """.formatted(blob));
        Files.writeString(dir.resolve("paved.yaml"), "appConfig: app-config.yaml\noutput: site\n");
        Diagnostics problems = new Diagnostics();
        PavedConfig config = dev.paved.config.ConfigReader.read(dir, problems);
        assertEquals(List.of(), problems.sorted());
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());
        assertEquals(1, result.entities(), result.diagnostics().toString());
        assertTrue(Files.isRegularFile(dir.resolve("site/catalog/default/component/payments/index.html")));
        assertTrue(Files.isRegularFile(dir.resolve("target/paved-cache/crawl-state.json")), "the cache is the project's");
    }

    @Test
    void aLongUnrelatedHistoryIsNotDownloaded(@TempDir Path cache) throws Exception {
        // 40 commits of 100 KB of incompressible data each: 4 MB of history the portal does not need.
        repos.commit("monolith", Map.of("catalog-info.yaml", catalog("monolith", "")));
        for (int i = 0; i < 40; i++) {
            repos.commitBinary("monolith", "data/blob.bin", 100_000, i);
        }
        repos.commit("monolith", Map.of("docs/index.md", "# Monolith\n"));
        Crawler.Crawled c = crawler(cache).crawl(List.of(new RepositorySource.Single(Repository.of(
                server.url("monolith")))), new Diagnostics(), l -> { }).get(0);
        assertEquals("fetched", c.status(), c.error());
        long bytes;
        try (Stream<Path> s = Files.list(cache.resolve("repos"))) {
            bytes = size(s.findFirst().orElseThrow());
        }
        assertTrue(bytes < 200_000, "the cache holds " + bytes + " bytes of a 4 MB history");
    }

    private static String blobId(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return new org.eclipse.jgit.lib.ObjectInserter.Formatter().idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                bytes).name();
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static Optional<Path> none() {
        return Optional.empty();
    }
}
