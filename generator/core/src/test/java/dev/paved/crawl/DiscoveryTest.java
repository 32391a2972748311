package dev.paved.crawl;

import dev.paved.pipeline.Pipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organisation discovery against a loopback HTTP server answering as GitHub's, GitLab's and Gitea's REST APIs do
 * (bodies and headers of the real shape: pagination, rate limits, 401, 404, 500), with the repositories served by
 * a real git server, so that discovery leads to a crawl.
 */
class DiscoveryTest {

    @TempDir
    static Path root;

    private static GitServer git;
    private static HttpServer api;
    /** Another origin (another port): it must never hear a token meant for {@link #api}. */
    private static HttpServer elsewhere;
    private static final List<String> ELSEWHERE_HEARD = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final AtomicInteger RATE_LIMITED = new AtomicInteger();
    private static final AtomicInteger FAILURES = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        TestRepos repos = new TestRepos(root.resolve("work"), Files.createDirectories(root.resolve("served")));
        for (String name : List.of("payments", "billing", "old", "lib", "forked")) {
            repos.commit(name, Map.of("catalog-info.yaml", CrawlTest.catalog(name, "")));
        }
        git = GitServer.start(repos.served());
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/github/orgs/acme/repos", DiscoveryTest::github);
        api.createContext("/github/orgs/nobody/repos", x -> send(x, 404, "{\"message\":\"Not Found\"}", Map.of()));
        // The JDK server matches decoded paths: the request's acme%2Fplatform arrives as acme/platform.
        api.createContext("/gitlab/groups/acme/platform/projects", DiscoveryTest::gitlab);
        api.createContext("/gitea/orgs/acme/repos", DiscoveryTest::gitea);
        api.createContext("/open/orgs/acme/repos", x -> send(x, 200, "[" + repo("acme/payments", "payments", false,
                false, "") + "," + repo("acme/billing", "billing", false, false, "") + "]", Map.of()));
        api.createContext("/down/orgs/acme/repos", x -> {
            FAILURES.incrementAndGet();
            send(x, 500, "{}", Map.of());
        });
        // A token goes with a same-origin redirect, never with one to another origin nor to a next page there.
        api.createContext("/renamed/orgs/acme/repos", x -> redirect(x, "/authed/orgs/acme/repos"));
        api.createContext("/authed/orgs/acme/repos", x -> {
            boolean authorized = "Bearer t0ken".equals(x.getRequestHeaders().getFirst("Authorization"));
            send(x, authorized ? 200 : 401, authorized ? "[" + repo("acme/payments", "payments", false, false, "")
                    + "]" : "{\"message\":\"Bad credentials\"}", Map.of());
        });
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", x -> {
            ELSEWHERE_HEARD.add(x.getRequestURI().getPath() + " Authorization="
                    + x.getRequestHeaders().getFirst("Authorization"));
            send(x, 200, "[" + repo("acme/billing", "billing", false, false, "") + "]", Map.of());
        });
        api.createContext("/moved/orgs/acme/repos", x -> redirect(x, elsewhereUrl("/moved/orgs/acme/repos")));
        api.createContext("/paged/orgs/acme/repos", x -> send(x, 200, "[" + repo("acme/payments", "payments",
                false, false, "") + "]", Map.of("link", "<" + elsewhereUrl("/paged/orgs/acme/repos?page=2")
                + ">; rel=\"next\"")));
        api.start();
        elsewhere.start();
    }

    private static String elsewhereUrl(String path) {
        return "http://127.0.0.1:" + elsewhere.getAddress().getPort() + path;
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    @AfterAll
    static void stop() throws Exception {
        api.stop(0);
        elsewhere.stop(0);
        git.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private static String repo(String fullName, String name, boolean fork, boolean archived, String topics) {
        return """
                {"id": 1, "name": "%s", "full_name": "%s", "clone_url": "%s", "default_branch": "main",
                 "fork": %s, "archived": %s, "topics": [%s], "visibility": "internal"}"""
                .formatted(name, fullName, git.url(name), fork, archived, topics);
    }

    private static void github(HttpExchange x) throws IOException {
        if (!"Bearer t0ken".equals(x.getRequestHeaders().getFirst("Authorization"))) {
            send(x, 401, "{\"message\":\"Bad credentials\"}", Map.of());
            return;
        }
        if (RATE_LIMITED.getAndIncrement() == 0) {
            send(x, 403, "{\"message\":\"API rate limit exceeded\"}", Map.of("x-ratelimit-remaining", "0",
                    "x-ratelimit-reset", String.valueOf(System.currentTimeMillis() / 1000 + 1)));
            return;
        }
        String query = x.getRequestURI().getQuery();
        if (query.contains("page=2")) {
            send(x, 200, "[" + repo("acme/lib", "lib", false, false, "\"library\"") + ","
                    + repo("acme/forked", "forked", true, false, "") + "]", Map.of(
                    "link", "<" + base() + "/github/orgs/acme/repos?per_page=100&type=all&page=1>; rel=\"prev\""));
        } else {
            send(x, 200, "[" + repo("acme/payments", "payments", false, false, "\"payments\"") + ","
                    + repo("acme/old", "old", false, true, "") + "," + repo("acme/billing", "billing", false, false,
                    "") + "]", Map.of("link", "<" + base()
                    + "/github/orgs/acme/repos?per_page=100&type=all&page=2>; rel=\"next\", <" + base()
                    + "/github/orgs/acme/repos?per_page=100&type=all&page=2>; rel=\"last\""));
        }
    }

    private static void gitlab(HttpExchange x) throws IOException {
        if (!"gl-t0ken".equals(x.getRequestHeaders().getFirst("PRIVATE-TOKEN"))) {
            send(x, 401, "{\"message\":\"401 Unauthorized\"}", Map.of());
            return;
        }
        assertTrue(x.getRequestURI().getRawPath().contains("acme%2Fplatform"), "GitLab wants the group path encoded");
        assertTrue(x.getRequestURI().getQuery().contains("include_subgroups=true"));
        boolean second = x.getRequestURI().getQuery().contains("page=2");
        String project = """
                {"id": 7, "path_with_namespace": "acme/platform/%s", "http_url_to_repo": "%s",
                 "default_branch": "main", "archived": false, "topics": []}""";
        send(x, 200, "[" + (second ? project.formatted("billing", git.url("billing"))
                : project.formatted("payments", git.url("payments"))) + "]",
                second ? Map.of() : Map.of("x-next-page", "2", "x-total-pages", "2"));
    }

    private static void gitea(HttpExchange x) throws IOException {
        if (!"token gt-t0ken".equals(x.getRequestHeaders().getFirst("Authorization"))) {
            send(x, 401, "{\"message\":\"token is required\"}", Map.of());
            return;
        }
        boolean second = x.getRequestURI().getQuery().contains("page=2");
        send(x, 200, second ? "[]" : "[" + repo("acme/payments", "payments", false, false, "") + "]",
                second ? Map.of("x-total-count", "1") : Map.of("x-total-count", "1", "link", "<" + base()
                        + "/gitea/orgs/acme/repos?limit=50&page=2>; rel=\"next\""));
    }

    private static void send(HttpExchange x, int status, String body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static Crawler crawler(Path cache, Map<String, String> env) {
        return new Crawler(new Crawler.Options(cache, 2, Duration.ofSeconds(20), 2, Pipeline.READS), env::get,
                HttpClient.newHttpClient());
    }

    private static RepositorySource.Organisation org(RepositorySource.Provider provider, String path, String org,
                                                     String token, RepositorySource.Filters filters) {
        return new RepositorySource.Organisation(provider, base() + path, org, token, "catalog-info.yaml", filters);
    }

    @Test
    void gitHubOrganisationAcrossPagesAndARateLimit(@TempDir Path cache) throws Exception {
        RepositorySource.Filters filters = new RepositorySource.Filters(null, "", List.of(), List.of("library"),
                false, false);
        Diagnostics diagnostics = new Diagnostics();
        List<Crawler.Crawled> crawled = crawler(cache, Map.of("GITHUB_TOKEN", "t0ken")).crawl(List.of(
                org(RepositorySource.Provider.GITHUB, "/github", "acme", "GITHUB_TOKEN", filters)), diagnostics,
                l -> { });
        // Archived, forks (excluded here) and the "library" topic are left out; both pages were read.
        assertEquals(List.of("acme/billing", "acme/payments"), crawled.stream().map(c -> c.repository().name())
                .toList());
        assertTrue(crawled.stream().allMatch(c -> c.status().equals("fetched")), crawled.toString());
        assertEquals(List.of(), diagnostics.sorted());
        assertTrue(RATE_LIMITED.get() >= 3, "the rate-limited request was retried after the reset");
    }

    @Test
    void repositoryPatternKeepsMatchingNamesOnly(@TempDir Path cache) throws Exception {
        RepositorySource.Filters filters = new RepositorySource.Filters(Pattern.compile("pay.*"), "", List.of(),
                List.of(), true, false);
        List<Crawler.Crawled> crawled = crawler(cache, Map.of("GITHUB_TOKEN", "t0ken")).crawl(List.of(
                org(RepositorySource.Provider.GITHUB, "/github", "acme", "GITHUB_TOKEN", filters)), new Diagnostics(),
                l -> { });
        assertEquals(List.of("acme/payments"), crawled.stream().map(c -> c.repository().name()).toList());
    }

    @Test
    void gitLabGroupWithSubgroupsAndGiteaOrganisation(@TempDir Path cache) throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        List<Crawler.Crawled> crawled = crawler(cache, Map.of("GITLAB_TOKEN", "gl-t0ken", "GITEA_TOKEN", "gt-t0ken"))
                .crawl(List.of(
                        org(RepositorySource.Provider.GITLAB, "/gitlab", "acme/platform", "GITLAB_TOKEN",
                                RepositorySource.Filters.defaults()),
                        org(RepositorySource.Provider.GITEA, "/gitea", "acme", "GITEA_TOKEN",
                                RepositorySource.Filters.defaults())), diagnostics, l -> { });
        // Gitea's acme/payments has the clone URL of GitLab's: the same repository is crawled once.
        assertEquals(List.of("acme/platform/billing", "acme/platform/payments"),
                crawled.stream().map(c -> c.repository().name()).toList());
        assertEquals(List.of(), diagnostics.sorted());
    }

    @Test
    void failedDiscoveryIsReportedWithItsReason(@TempDir Path cache) throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        List<Crawler.Crawled> crawled = crawler(cache, Map.of("GITHUB_TOKEN", "wrong")).crawl(List.of(
                org(RepositorySource.Provider.GITHUB, "/github", "acme", "GITHUB_TOKEN",
                        RepositorySource.Filters.defaults()),
                org(RepositorySource.Provider.GITHUB, "/github", "nobody", "", RepositorySource.Filters.defaults()),
                org(RepositorySource.Provider.GITHUB, "/down", "acme", "", RepositorySource.Filters.defaults()),
                org(RepositorySource.Provider.GITEA, "/gitea", "acme", "UNSET_TOKEN",
                        RepositorySource.Filters.defaults())), diagnostics, l -> { });
        assertTrue(crawled.isEmpty());
        List<String> messages = diagnostics.sorted().stream().filter(d -> d.code() == Code.DISCOVERY_FAILED)
                .map(d -> d.message()).toList();
        assertEquals(4, messages.size(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("401 (the token is missing or invalid)")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("404 (no such organisation")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("500")), messages.toString());
        assertTrue(FAILURES.get() >= OrgDiscovery.ATTEMPTS, "a server error is retried");
        assertTrue(messages.stream().anyMatch(m -> m.contains("UNSET_TOKEN is not set")), messages.toString());
        assertFalse(messages.toString().contains("wrong"), "the token never appears");
    }

    @Test
    void aPortalIsBuiltFromAnOrganisation(@TempDir Path dir) throws Exception {
        dev.paved.config.PavedConfig config = dev.paved.config.PavedConfig.defaults(dir).withOutput(dir.resolve("site"))
                .withRepositories(List.of(org(RepositorySource.Provider.GITHUB, "/open", "acme", "",
                        RepositorySource.Filters.defaults())), true);
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());
        assertEquals(2, result.entities(), result.diagnostics().toString());
        assertTrue(Files.isRegularFile(dir.resolve("site/catalog/default/component/payments/index.html")));
        assertTrue(Files.isRegularFile(dir.resolve("site/catalog/default/component/billing/index.html")));
        assertTrue(Files.readString(dir.resolve("site/repositories/index.html")).contains("acme/billing"));
    }

    @Test
    void aTokenStaysOnItsOriginAcrossRedirectsAndPages(@TempDir Path cache) throws Exception {
        Map<String, String> env = Map.of("GITHUB_TOKEN", "t0ken");
        Diagnostics diagnostics = new Diagnostics();
        List<Crawler.Crawled> crawled = crawler(cache, env).crawl(List.of(
                org(RepositorySource.Provider.GITHUB, "/renamed", "acme", "GITHUB_TOKEN",
                        RepositorySource.Filters.defaults()),
                org(RepositorySource.Provider.GITHUB, "/moved", "acme", "GITHUB_TOKEN",
                        RepositorySource.Filters.defaults()),
                org(RepositorySource.Provider.GITHUB, "/paged", "acme", "GITHUB_TOKEN",
                        RepositorySource.Filters.defaults())), diagnostics, l -> { });
        assertEquals(List.of(), diagnostics.sorted(), "the same-origin redirect kept the token");
        assertEquals(List.of("acme/billing", "acme/payments"), crawled.stream().map(c -> c.repository().name())
                .toList());
        assertEquals(List.of("/moved/orgs/acme/repos Authorization=null", "/paged/orgs/acme/repos Authorization=null"),
                ELSEWHERE_HEARD.stream().sorted().toList(), "another origin heard the token");
    }

    @Test
    void aTokenForAPlainHttpApiIsRefused(@TempDir Path cache) throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        crawler(cache, Map.of("GITHUB_TOKEN", "t0ken-SECRET")).crawl(List.of(new RepositorySource.Organisation(
                RepositorySource.Provider.GITHUB, "http://github.example.com/api/v3?private_token=abc", "acme",
                "GITHUB_TOKEN", "catalog-info.yaml", RepositorySource.Filters.defaults())), diagnostics, l -> { });
        List<String> shown = diagnostics.sorted().stream().map(Object::toString).toList();
        assertEquals(1, shown.size(), shown.toString());
        assertTrue(shown.get(0).contains("could not list the repositories of acme: the token in GITHUB_TOKEN is not "
                + "sent over plain http to http://github.example.com/api/v3?private_token=***: use https"),
                shown.get(0));
        assertFalse(shown.get(0).contains("abc") || shown.get(0).contains("SECRET"), shown.get(0));
    }
}
