package dev.paved.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.crawl.Integration;
import dev.paved.crawl.RepositorySource.Provider;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.Snapshot.Status;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CI snapshots, end to end, against a loopback server answering as GitHub's REST API (on {@code 127.0.0.1}) and
 * GitLab's (on {@code localhost}) do in their documentation, from the files in
 * {@code src/test/resources/integrations/}.
 *
 * <p>The fixture project ({@code integrations/project}) configures both hosts with {@code snapshots: true} and a
 * token each, set in the environment by the build (surefire). Its catalog names a GitHub repository (twice), a
 * GitLab project and a GitHub repository the token may not read. A build then shows, on each entity page's CI/CD
 * tab, the latest run of each active workflow on the default branch (workflows and runs read over two pages), the
 * latest pipelines, each with its live badge, "as of" the build; the scorecard facts {@code hasCi} and
 * {@code ciPassing} follow. Faults (401, 500, a timeout) give one warning per service and cards that say so.
 */
class CiSnapshotsTest {

    private static final String GITHUB_TOKEN = "ci-t0ken-github-never-shown";
    private static final String GITLAB_TOKEN = "ci-t0ken-gitlab-never-shown";
    private static final String REPO = "/api/v3/repos/tern-logistics/route-planner";
    private static final String PROJECT = "/api/v4/projects/tern%2Flabel-renderer";

    @TempDir
    Path dir;

    /** What the server heard: host, method, path and query, and which token came with it. */
    private record Heard(String host, String request, String authorization, String privateToken) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int port;
    /** The fault every answer has: 0 for none, an HTTP status, or -1 to answer too late. */
    private volatile int fault;
    /** When not empty: the Retry-After of a 429 the next request to the GitHub repository gets, once. */
    private volatile String limitOnce = "";

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    private void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads); // a late answer holds up no other request
        server.start();
        port = server.getAddress().getPort();
    }

    private void answer(HttpExchange x) throws IOException {
        String host = x.getRequestHeaders().getFirst("Host");
        String path = x.getRequestURI().getRawPath();
        String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
        heard.add(new Heard(host, x.getRequestMethod() + " " + path + (query.isEmpty() ? "" : "?" + query),
                x.getRequestHeaders().getFirst("Authorization"), x.getRequestHeaders().getFirst("PRIVATE-TOKEN")));
        if (fault == -1) {
            sleep();
        }
        if (!limitOnce.isEmpty() && path.equals(REPO)) {
            String wait = limitOnce;
            limitOnce = "";
            x.getResponseHeaders().set("Retry-After", wait);
            x.getResponseHeaders().set("x-ratelimit-remaining", "0");
            send(x, 429, "{\"message\":\"API rate limit exceeded\"}", "");
            return;
        }
        if (fault > 0) {
            send(x, fault, fault == 401 ? fixture("github/bad-credentials.json") : "{\"message\":\"boom\"}", "");
            return;
        }
        boolean page2 = query.contains("page=2");
        if (host.equals("127.0.0.1:" + port) && path.startsWith("/api/v3/")) {
            if (!("Bearer " + GITHUB_TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, fixture("github/bad-credentials.json"), "");
            } else if (path.equals(REPO)) {
                send(x, 200, fixture("github/repo.json"), "");
            } else if (path.equals(REPO + "/actions/workflows")) {
                send(x, 200, fixture(page2 ? "github/workflows-2.json" : "github/workflows-1.json"),
                        page2 ? "" : next(path, query));
            } else if (path.equals(REPO + "/actions/runs") && query.contains("branch=trunk")) {
                send(x, 200, fixture(page2 ? "github/runs-2.json" : "github/runs-1.json"),
                        page2 ? "" : next(path, query));
            } else if (path.equals(REPO + "/deployments")) {
                send(x, 200, fixture("github/deployments.json"), "");
            } else {
                send(x, 404, fixture("github/not-found.json"), "");
            }
        } else if (host.equals("localhost:" + port) && path.startsWith("/api/v4/")) {
            if (!GITLAB_TOKEN.equals(x.getRequestHeaders().getFirst("PRIVATE-TOKEN"))) {
                send(x, 401, "{\"message\":\"401 Unauthorized\"}", "");
            } else if (path.equals(PROJECT)) {
                send(x, 200, fixture("gitlab/project.json"), "");
            } else if (path.equals(PROJECT + "/pipelines") && query.contains("ref=main")) {
                send(x, 200, fixture("gitlab/pipelines.json"), "");
            } else {
                send(x, 404, "{\"message\":\"404 Project Not Found\"}", "");
            }
        } else {
            send(x, 404, "{}", "");
        }
    }

    /** GitHub's {@code Link} header to the second page. */
    private String next(String path, String query) {
        return "<http://127.0.0.1:" + port + path + "?" + query + "&page=2>; rel=\"next\", <http://127.0.0.1:"
                + port + path + "?" + query + "&page=2>; rel=\"last\"";
    }

    private static void sleep() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String fixture(String name) throws IOException {
        return Files.readString(TestFiles.resource("integrations/" + name), StandardCharsets.UTF_8)
                .replace("@PORT@", String.valueOf(port));
    }

    private static void send(HttpExchange x, int status, String body, String link) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (!link.isEmpty()) {
            x.getResponseHeaders().set("Link", link);
        }
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    /** The fixture project with the server's port in its paved.yaml. */
    private PavedConfig project() throws IOException {
        Path fixture = TestFiles.resource("integrations/project");
        Path project = dir.resolve("project");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = project.resolve(fixture.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(from).replace("@PORT@", String.valueOf(port)));
            }
        }
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.read(project, problems);
        assertEquals(List.of(), problems.sorted(), "the fixture's paved.yaml is read without problems");
        return config;
    }

    private long asked(String request) {
        return heard.stream().filter(h -> h.request().startsWith(request)).count();
    }

    private void tokensWentOnlyToTheirHosts() {
        assertFalse(heard.isEmpty());
        for (Heard h : heard) {
            if (h.authorization() != null) {
                assertEquals("127.0.0.1:" + port, h.host(), "the GitHub token goes to GitHub's host only: " + h);
            }
            if (h.privateToken() != null) {
                assertEquals("localhost:" + port, h.host(), "the GitLab token goes to GitLab's host only: " + h);
            }
        }
    }

    private static void showsNoToken(String where, String text) {
        assertFalse(text.contains(GITHUB_TOKEN) || text.contains(GITLAB_TOKEN), where + " shows a token");
    }

    private static Document page(Pipeline.Result result, String name) throws IOException {
        return Jsoup.parse(result.output().resolve("catalog/default/component/" + name + "/index.html").toFile());
    }

    @Test
    void aBuildShowsEachWorkflowsLatestRunAndTheLatestPipelinesWithTheirLiveBadges() throws IOException {
        serve();
        Pipeline.Result result = Pipeline.build(project(), Pipeline.Options.defaults().withThreads(2)
                .withCache(false));

        // GitHub: the repository is asked once for the two entities naming it; workflows and runs over two pages,
        // the runs on the default branch the repository names (trunk).
        assertEquals(1, heard.stream().filter(h -> h.request().equals("GET " + REPO)).count());
        assertEquals(2, asked("GET " + REPO + "/actions/workflows"));
        assertEquals(2, asked("GET " + REPO + "/actions/runs?branch=trunk"));
        Document planner = page(result, "route-planner");
        assertNotNull(planner.selectFirst("nav.entity-tabs a[data-tab=ci]"), "a CI/CD tab");
        Element ci = planner.selectFirst("section#ci");
        assertNotNull(ci);
        assertTrue(ci.selectFirst(".as-of").text().startsWith("As of 20"), ci.selectFirst(".as-of").text());
        List<Element> rows = ci.select("table.runs tbody tr");
        assertEquals(List.of("CI", "Deploy", "Nightly <script>alert('workflow')</script>"),
                rows.stream().map(r -> r.child(0).text()).toList(), "active workflows only, in order");
        assertEquals(List.of("completed success", "in_progress", "completed success"),
                rows.stream().map(r -> (r.child(1).text() + " " + r.child(2).text()).trim()).toList(),
                "each workflow's latest run, not an older one");
        assertEquals("https://github.com/tern-logistics/route-planner/actions/runs/30433642",
                rows.get(0).selectFirst("a").attr("href"));
        assertEquals("2024-05-02T10:15:00Z", rows.get(0).selectFirst("time").attr("datetime"));
        assertEquals("https://127.0.0.1:" + port + "/tern-logistics/route-planner/actions/workflows/ci.yml/badge.svg",
                rows.get(0).selectFirst("img.badge").attr("src"), "the live badge, from the integration's host");
        assertTrue(planner.select("script").stream().noneMatch(s -> s.data().contains("alert")),
                "no script from the API's text");
        assertTrue(planner.select("a[href^=javascript]").isEmpty(), "no javascript: link from the API");
        assertEquals("silver", planner.selectFirst(".scorecard-result .level").text(), "hasCi and ciPassing");

        // GitLab: the latest pipelines on the project's default branch, and its pipeline badge.
        Document labels = page(result, "label-renderer");
        List<Element> pipelines = labels.select("section#ci table.runs tbody tr");
        assertEquals(List.of("Pipeline #1048 completed failed", "Pipeline #1047 completed success"),
                pipelines.stream().map(r -> r.child(0).text() + " " + r.child(1).text() + " " + r.child(2).text())
                        .toList());
        assertEquals("http://localhost:" + port + "/tern/label-renderer/badges/main/pipeline.svg",
                pipelines.get(0).selectFirst("img.badge").attr("src"));
        assertEquals("bronze", labels.selectFirst(".scorecard-result .level").text(),
                "has CI, but its latest pipeline failed");

        // A repository the token may not read: its card says so, with one warning; the rest built.
        Element refused = page(result, "secret-project").selectFirst("section#ci .integration-card.refused");
        assertNotNull(refused);
        assertTrue(refused.text().contains("HTTP 404"), refused.text());
        List<Diagnostic> warnings = result.diagnostics().stream()
                .filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("tern-logistics/secret-project"));

        tokensWentOnlyToTheirHosts();
        result.diagnostics().forEach(d -> showsNoToken("a diagnostic", d.message()));
        try (Stream<Path> files = Files.walk(result.output())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                showsNoToken(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
    }

    private Snapshots take(PavedConfig config, Integrations.Options options, Diagnostics problems) {
        Catalog catalog = CatalogReader.read(config.sources().stream().map(CatalogSource::of).toList(),
                new Diagnostics());
        return Integrations.take(catalog, config.integrations(), List.of(), RemoteImages.ANY, options, problems);
    }

    private static Integrations.Options options() {
        return Integrations.Options.defaults().withTimeout(Duration.ofSeconds(1))
                .withEnvironment(Map.of("PAVED_TEST_CI_TOKEN", GITHUB_TOKEN, "PAVED_TEST_CI_GITLAB_TOKEN",
                        GITLAB_TOKEN)::get)
                .withClock(Clock.fixed(Instant.parse("2024-05-03T06:00:00Z"), ZoneOffset.UTC));
    }

    private static EntityRef component(String name) {
        return EntityRef.parse(name, "component", "default");
    }

    /** 401 (the token refused), 500 and a timeout (-1): each host is asked once, warned about once. */
    @ParameterizedTest
    @ValueSource(ints = {401, 500, -1})
    void aServiceThatRefusesOrFailsGivesOneWarningAndCardsThatSaySo(int status) throws IOException {
        serve();
        fault = status;
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = take(project(), options(), problems);

        Status expected = status == 401 ? Status.REFUSED : Status.UNREACHABLE;
        for (String name : List.of("route-planner", "route-planner-worker", "secret-project", "label-renderer")) {
            Snapshot s = snapshots.of(component(name)).get(0);
            assertEquals(expected, s.status(), name);
            assertEquals(Instant.parse("2024-05-03T06:00:00Z"), s.asOf());
            assertTrue(s.message().contains(status == -1 ? "did not answer within 1 s" : "HTTP " + status),
                    s.message());
            showsNoToken("a card", s.toString());
            assertEquals(Map.of(), snapshots.facts(component(name)), "nothing known, so no fact");
        }
        assertEquals(1, heard.stream().filter(h -> h.host().startsWith("127.0.0.1")).count(),
                "GitHub's host is not asked again once it failed");
        assertEquals(1, heard.stream().filter(h -> h.host().startsWith("localhost")).count());
        List<Diagnostic> warnings = problems.sorted();
        assertEquals(2, warnings.size(), "one warning per service: " + warnings);
        warnings.forEach(w -> {
            assertEquals(Code.INTEGRATION_UNAVAILABLE, w.code());
            showsNoToken("a warning", w.message());
        });
        tokensWentOnlyToTheirHosts();
    }

    /** GitHub's record of a repository's deployments is a card on the Deployments tab, its text shown as text. */
    @Test
    void theRepositorysDeploymentsAreACardOnTheDeploymentsTab() throws IOException {
        serve();
        Pipeline.Result result = Pipeline.build(project(), Pipeline.Options.defaults().withThreads(2));
        Element card = page(result, "route-planner").selectFirst("section#deployments .integration-card.deployments");
        assertNotNull(card, "a deployments card");
        List<String> rows = card.select("table.host-deployments tbody tr").eachText();
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("production v1.1.0 9f1c2e4"), rows.get(0));
        assertTrue(rows.get(1).contains("<script>alert('ref')</script>"), "the ref is text: " + rows.get(1));
        assertTrue(card.select("script").isEmpty());
        assertTrue(heard.stream().anyMatch(h -> h.request().startsWith("GET " + REPO + "/deployments")));
        tokensWentOnlyToTheirHosts();
    }

    /**
     * With the cache, a build that cannot reach the service shows the runs the last build was told, as of then, and
     * why they are not newer; the scorecard facts follow them.
     */
    @Test
    void aServiceThatIsDownShowsItsLastAnswerAndSaysWhy() throws IOException {
        serve();
        PavedConfig config = project();
        Pipeline.Result first = Pipeline.build(config, Pipeline.Options.defaults().withThreads(2));
        Element before = page(first, "route-planner").selectFirst("section#ci .integration-card");
        assertEquals("ok", before.className().replaceAll(".* ", ""));

        fault = 500;
        Pipeline.Result second = Pipeline.build(config, Pipeline.Options.defaults().withThreads(2));
        Element after = page(second, "route-planner").selectFirst("section#ci .integration-card");
        assertEquals(before.select("table.runs").outerHtml(), after.select("table.runs").outerHtml(),
                "the runs it said last");
        assertEquals(before.selectFirst(".as-of").text(), after.selectFirst(".as-of").text(), "as of then");
        assertTrue(after.selectFirst(".integration-message").text().startsWith("Not newer: "),
                after.selectFirst(".integration-message").text());
        assertTrue(after.selectFirst(".integration-message").text().contains("HTTP 500"));
        assertEquals(1, second.diagnostics().stream().filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE)
                .filter(d -> d.message().contains("127.0.0.1")).count(), "it is still said, once");
        showsNoToken("the kept snapshots", Files.readString(config.cache().resolve("integrations/snapshots.json")));
    }

    /** A rate limit that resets within the wait is waited for, once; a longer one gives up at once. */
    @ParameterizedTest
    @ValueSource(strings = {"1", "3600"})
    void aRateLimitedAnswerIsAskedAgainOnlyWhenItsResetIsNear(String retryAfter) throws IOException {
        serve();
        limitOnce = retryAfter;
        Diagnostics problems = new Diagnostics();
        long start = System.nanoTime();
        Snapshots snapshots = take(project(), options().withRateLimitWait(Duration.ofSeconds(2)), problems);
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        Snapshot planner = snapshots.of(component("route-planner")).get(0);
        if (retryAfter.equals("1")) {
            assertEquals(Status.OK, planner.status(), planner.message());
            assertEquals(2, heard.stream().filter(h -> h.request().equals("GET " + REPO)).count(),
                    "asked again after the wait");
        } else {
            assertEquals(Status.REFUSED, planner.status());
            assertTrue(planner.message().contains("rate limit is reached for 3600 s"), planner.message());
            assertEquals(1, heard.stream().filter(h -> h.request().equals("GET " + REPO)).count(),
                    "not asked again in this build");
            assertTrue(seconds < 5, "no hour-long wait: " + seconds);
        }
    }

    @Test
    void snapshotFactsAreTheLatestFinishedRunOfEachWorkflow() throws IOException {
        serve();
        Snapshots snapshots = take(project(), options(), new Diagnostics());
        assertEquals(Map.of("hasCi", true, "ciPassing", true), snapshots.facts(component("route-planner")));
        assertSame(snapshots.of(component("route-planner")).get(0),
                snapshots.of(component("route-planner-worker")).get(0), "one snapshot per repository");
        assertEquals(Map.of("hasCi", true, "ciPassing", false), snapshots.facts(component("label-renderer")));
        assertEquals(Map.of(), snapshots.facts(component("secret-project")));
    }

    @Test
    void withoutSnapshotsTrueNothingIsAsked() throws IOException {
        serve();
        PavedConfig config = project();
        List<Integration> notAsked = config.integrations().stream().map(i -> new Integration(i.provider(),
                i.host(), i.apiBaseUrl(), i.rawBaseUrl(), i.tokenVariable())).toList();
        Catalog catalog = CatalogReader.read(config.sources().stream().map(CatalogSource::of).toList(),
                new Diagnostics());
        assertSame(Snapshots.NONE, Integrations.take(catalog, notAsked, List.of(), RemoteImages.ANY, options(),
                new Diagnostics()));
        assertEquals(List.of(), heard);

        // The demo organisation's paved.yaml asks no integration: its build makes no call.
        PavedConfig demo = ConfigReader.read(TestFiles.projectRoot(), new Diagnostics());
        assertTrue(demo.integrations().stream().noneMatch(Integration::snapshots));
    }

    @Test
    void aTokenIsNotSentOverPlainHttpToAnotherHost() {
        Integration plain = new Integration(Provider.GITHUB, "ci.example.com", "http://ci.example.com/api/v3", "",
                "PAVED_TEST_CI_TOKEN", true);
        Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(TestFiles.resource(
                "integrations/project/catalog"))), new Diagnostics());
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = Integrations.take(catalog, List.of(plain), List.of(), RemoteImages.ANY, options(), problems);
        Snapshot s = snapshots.of(component("route-planner")).get(0);
        assertEquals(Status.REFUSED, s.status());
        assertTrue(s.message().contains("not sent over plain http"), s.message());
        assertEquals(1, problems.sorted().size());
    }
}
