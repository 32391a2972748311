package dev.paved.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawl to match (issue 16, item 3): a repository whose organisation listing shows the same marker of its last
 * change as at its last crawl is not contacted at all. A loopback API server answers as GitHub, GitLab and Gitea do,
 * from the fixtures in {@code crawl/recrawl/} (each listing's clone URLs and markers filled in), and the repositories
 * are served by a real git server that keeps every request it hears.
 */
class RecrawlTest {

    @TempDir
    static Path root;

    private static TestRepos repos;
    private static GitServer git;
    private static HttpServer api;
    /** Each repository's last change as the APIs list it; a test's push moves one. */
    private static final Map<String, Instant> STAMPS = new ConcurrentHashMap<>();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(git|stamp:([a-z]+))}}");

    @BeforeAll
    static void start() throws Exception {
        repos = new TestRepos(root.resolve("work"), Files.createDirectories(root.resolve("served")));
        for (String name : List.of("payments", "billing")) {
            repos.commit(name, Map.of("catalog-info.yaml", CrawlTest.catalog(name, ""),
                    "mkdocs.yml", "site_name: " + name + "\n",
                    "docs/index.md", "# " + name + "\n\nHow " + name + " works.\n"));
        }
        STAMPS.put("payments", Instant.parse("2024-05-02T09:30:11Z"));
        STAMPS.put("billing", Instant.parse("2024-04-28T14:02:37Z"));
        git = GitServer.start(repos.served());
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // GitHub and Gitea list an organisation's repositories; GitLab a group's projects (the JDK server matches
        // the decoded path: acme%2Fplatform arrives as acme/platform).
        api.createContext("/github/orgs/acme/repos", x -> list(x, "github-acme.json",
                DateTimeFormatter.ISO_INSTANT));
        api.createContext("/gitlab/groups/acme/platform/projects", x -> list(x, "gitlab-acme-platform.json",
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)));
        api.createContext("/gitea/orgs/acme/repos", x -> list(x, "gitea-acme.json",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(2))));
        api.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.stop(0);
        git.close();
    }

    /** Answers with a fixture listing, its clone URLs on the git server and its markers as the service writes them. */
    private static void list(HttpExchange x, String fixture, DateTimeFormatter stampFormat) throws IOException {
        String template = Files.readString(TestFiles.resource("crawl/recrawl/" + fixture));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder body = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(body, Matcher.quoteReplacement(m.group(2) == null
                    ? git.url("x").replaceAll("/x\\.git$", "")
                    : stampFormat.format(STAMPS.get(m.group(2)))));
        }
        m.appendTail(body);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static RepositorySource.Organisation org(RepositorySource.Provider provider) {
        String base = "http://127.0.0.1:" + api.getAddress().getPort();
        return switch (provider) {
            case GITHUB -> new RepositorySource.Organisation(provider, base + "/github", "acme", "",
                    "catalog-info.yaml", RepositorySource.Filters.defaults());
            case GITLAB -> new RepositorySource.Organisation(provider, base + "/gitlab", "acme/platform", "",
                    "catalog-info.yaml", RepositorySource.Filters.defaults());
            case GITEA -> new RepositorySource.Organisation(provider, base + "/gitea", "acme", "",
                    "catalog-info.yaml", RepositorySource.Filters.defaults());
        };
    }

    private static Map<String, Crawler.Crawled> crawl(Path cache, RepositorySource source) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        List<Crawler.Crawled> crawled = new Crawler(new Crawler.Options(cache, 2, Duration.ofSeconds(20), 2,
                Pipeline.READS), Map.<String, String>of()::get, HttpClient.newHttpClient()).crawl(List.of(source),
                diagnostics, l -> { });
        assertEquals(List.of(), diagnostics.sorted());
        return crawled.stream().collect(Collectors.toMap(c -> c.repository().name().replaceAll(".*/", ""),
                c -> c));
    }

    /** The repositories the git server heard of since {@code from} requests. */
    private static TreeSet<String> asked(int from) {
        return git.requests().subList(from, git.requests().size()).stream()
                .map(r -> r.replaceAll("^\\S+ /git/([^/]+)\\.git/.*$", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aSecondBuildWithNothingChangedAsksTheGitServerNothing(@TempDir Path dir) throws Exception {
        PavedConfig config = PavedConfig.defaults(dir).withRepositories(List.of(org(RepositorySource.Provider.GITHUB)),
                true);
        Pipeline.Result first = Pipeline.build(config.withOutput(dir.resolve("first")), Pipeline.Options.defaults());
        assertEquals(2, first.entities(), first.diagnostics().toString());
        assertEquals(Set.of("billing", "payments"), asked(0), "the first build fetched both");
        String state = Files.readString(config.cache().resolve(CrawlState.FILE));
        assertTrue(state.contains("\"stamp\" : \"2024-05-02T09:30:11Z\""), state);

        int heard = git.requests().size();
        Pipeline.Result second = Pipeline.build(config.withOutput(dir.resolve("second")), Pipeline.Options.defaults());
        assertEquals(List.of(), git.requests().subList(heard, git.requests().size()), "the second build asked");
        assertEquals(2, second.entities(), second.diagnostics().toString());
        assertEquals(Files.readString(dir.resolve("first/catalog.json")),
                Files.readString(dir.resolve("second/catalog.json")));
        assertTrue(Files.readString(dir.resolve("second/docs/default/component/payments/index.html"))
                .contains("How payments works"));
    }

    @Test
    void gitHubGitLabAndGiteaMarkersAreEachTrusted(@TempDir Path caches) throws Exception {
        for (RepositorySource.Provider provider : RepositorySource.Provider.values()) {
            Path cache = caches.resolve(provider.name());
            Map<String, Crawler.Crawled> first = crawl(cache, org(provider));
            assertEquals("fetched", first.get("payments").status(), provider.name());
            int heard = git.requests().size();
            Map<String, Crawler.Crawled> second = crawl(cache, org(provider));
            assertEquals(Set.of(), asked(heard), provider + ": the git server was asked");
            for (String name : List.of("payments", "billing")) {
                assertEquals("unchanged", second.get(name).status(), provider + " " + name);
                assertEquals(first.get(name).commit(), second.get(name).commit());
                assertEquals(first.get(name).checkout(), second.get(name).checkout());
            }
        }
    }

    @Test
    void aPushIsFetchedAndOnlyThatRepositoryIsAsked(@TempDir Path cache) throws Exception {
        Map<String, Crawler.Crawled> first = crawl(cache, org(RepositorySource.Provider.GITHUB));
        Instant before = STAMPS.get("billing");
        try {
            repos.commit("billing", Map.of("docs/index.md", "# billing\n\nHow billing works since the push.\n"));
            STAMPS.put("billing", Instant.parse("2024-05-06T07:45:00Z"));
            int heard = git.requests().size();
            Map<String, Crawler.Crawled> second = crawl(cache, org(RepositorySource.Provider.GITHUB));
            assertEquals(Set.of("billing"), asked(heard), "only the pushed repository is asked");
            assertEquals("fetched", second.get("billing").status());
            assertFalse(second.get("billing").commit().equals(first.get("billing").commit()));
            assertTrue(Files.readString(second.get("billing").checkout().orElseThrow().resolve("docs/index.md"))
                    .contains("since the push"));
            assertEquals("unchanged", second.get("payments").status());

            // The new marker is recorded: a third crawl asks nothing.
            heard = git.requests().size();
            assertEquals("unchanged", crawl(cache, org(RepositorySource.Provider.GITHUB)).get("billing").status());
            assertEquals(Set.of(), asked(heard));
        } finally {
            STAMPS.put("billing", before);
        }
    }

    @Test
    void aDeletedCheckoutIsFetchedAgainUnderTheSameMarker(@TempDir Path cache) throws Exception {
        Map<String, Crawler.Crawled> first = crawl(cache, org(RepositorySource.Provider.GITEA));
        Path checkout = first.get("payments").checkout().orElseThrow();
        RepositoryFetcher.deleteTree(checkout);
        int heard = git.requests().size();
        Map<String, Crawler.Crawled> second = crawl(cache, org(RepositorySource.Provider.GITEA));
        assertEquals(Set.of("payments"), asked(heard), "only the repository without its checkout is asked");
        assertEquals("fetched", second.get("payments").status());
        assertTrue(Files.isRegularFile(checkout.resolve("catalog-info.yaml")));
        assertEquals("unchanged", second.get("billing").status());
    }

    @Test
    void aGitLabMarkerOfTheLastHourIsNotTrusted(@TempDir Path cache) throws Exception {
        // GitLab moves last_activity_at at most once an hour: a push made within the hour after the marker's time
        // may not move it, so a crawl made then cannot vouch for the repository; the next one asks again.
        Instant before = STAMPS.get("payments");
        try {
            STAMPS.put("payments", Instant.now().minus(10, ChronoUnit.MINUTES));
            crawl(cache, org(RepositorySource.Provider.GITLAB));
            int heard = git.requests().size();
            Map<String, Crawler.Crawled> second = crawl(cache, org(RepositorySource.Provider.GITLAB));
            assertEquals(Set.of("payments"), asked(heard), "only the recently active repository is asked");
            assertEquals("unchanged", second.get("payments").status());
        } finally {
            STAMPS.put("payments", before);
        }
    }

    @Test
    void markersAreReadAsEachServiceWritesThem() {
        for (String value : List.of("2024-05-02T09:30:11Z", "2024-05-02T09:30:11.482Z", "2024-05-02T11:30:11+02:00")) {
            VersionStamp stamp = VersionStamp.of(value, VersionStamp.ON_EVERY_PUSH).orElseThrow();
            assertEquals(value, stamp.value());
            assertTrue(stamp.time().toString().startsWith("2024-05-02T09:30:11"), stamp.toString());
            assertFalse(stamp.coveredBy("2024-05-02T09:31:00Z"), "a look within the settling time vouches");
            assertTrue(stamp.coveredBy("2024-05-02T09:36:00Z"));
            assertFalse(stamp.coveredBy(""), "no look vouches for nothing");
        }
        for (String missing : new String[] {null, "", "null", "yesterday"}) {
            assertTrue(VersionStamp.of(missing, VersionStamp.ON_EVERY_PUSH).isEmpty(), missing);
        }
        VersionStamp gitLab = VersionStamp.of("2024-05-02T09:30:11.482Z", VersionStamp.HOURLY).orElseThrow();
        assertFalse(gitLab.coveredBy("2024-05-02T10:20:00Z"), "GitLab may hide a push for an hour");
        assertTrue(gitLab.coveredBy("2024-05-02T10:40:00Z"));
    }
}
