package dev.paved.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.gitops.GitOps;
import dev.paved.pipeline.Pipeline;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History for the developer metrics (issue 21): a crawl with a window fetches the branch's commits of that window
 * (metadata only), the GitOps files' versions at those commits and the tags pointing into it, incrementally, over
 * JGit's smart-HTTP server and real C git. The repositories' commits are dated by the test, inside the window and
 * before it.
 */
class HistoryCrawlTest {

    private static final Duration WINDOW = Duration.ofDays(180);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** The server refuses {@code deepen-since} requests while this is set. */
    private static final AtomicBoolean REFUSE_HISTORY = new AtomicBoolean();

    @TempDir
    static Path root;

    private static GitServer server;
    private static TestRepos repos;

    @BeforeAll
    static void serve() throws Exception {
        repos = new TestRepos(root.resolve("work"), Files.createDirectories(root.resolve("served")));
        server = GitServer.start(repos.served(), new RefuseDeepen());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String deployment(int replicas) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: " + replicas + "\n";
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    /**
     * A repository with two commits before the window (the first with a tag) and four inside it (two tagged), the
     * deployment changed in some: its commits by label.
     */
    private static Map<String, String> history(String name) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("old1", repos.commitAt(name, Map.of("catalog-info.yaml", CrawlTest.catalog(name, ""),
                "deploy/kustomization.yaml", "resources:\n  - deployment.yaml\n",
                "deploy/deployment.yaml", deployment(1), "src/Main.java", "class Main {}\n"), daysAgo(400)));
        ids.put("old2", repos.commitAt(name, Map.of("deploy/deployment.yaml", deployment(2)), daysAgo(300)));
        repos.tag(name, "v0.9.0", true);
        ids.put("in1", repos.commitAt(name, Map.of("deploy/deployment.yaml", deployment(3),
                "src/Main.java", "class Main { int a; }\n"), daysAgo(150)));
        ids.put("in2", repos.commitAt(name, Map.of("src/Main.java", "class Main { int b; }\n"), daysAgo(100)));
        repos.tag(name, "v1.0.0", true);
        ids.put("in3", repos.commitAt(name, Map.of("deploy/deployment.yaml", deployment(4)), daysAgo(20)));
        repos.tag(name, "v1.1.0", false);
        ids.put("in4", repos.commitAt(name, Map.of("README.md", "# " + name + "\n"), daysAgo(5)));
        return ids;
    }

    private static Crawler.Options history(Path cache) {
        return new Crawler.Options(cache, 2, Duration.ofSeconds(20), 1, Pipeline.READS).withHistory(WINDOW)
                .withHistoryNeeds(GitOps.NEEDS);
    }

    private static Crawler.Crawled crawl(Crawler.Options options, String url, Diagnostics diagnostics)
            throws IOException {
        return new Crawler(options, Map.<String, String>of()::get, HttpClient.newHttpClient())
                .crawl(List.of(new RepositorySource.Single(Repository.of(url))), diagnostics, l -> { }).get(0);
    }

    private static Crawler.Crawled crawl(Crawler.Options options, String url) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        Crawler.Crawled c = crawl(options, url, diagnostics);
        assertEquals(List.of(), diagnostics.sorted());
        return c;
    }

    private static Path bare(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache.resolve("repos"))) {
            return s.filter(p -> p.toString().endsWith(".git")).findFirst().orElseThrow();
        }
    }

    private static org.eclipse.jgit.lib.Repository open(Path bare) throws IOException {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build();
    }

    private static ObjectId blob(String text) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectId id(String hex) {
        return ObjectId.fromString(hex);
    }

    /** The commits a reader walking from {@code head} sees, newest first (the walk honours the shallow file). */
    private static List<String> walk(org.eclipse.jgit.lib.Repository r, String head) throws IOException {
        List<String> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(r)) {
            walk.markStart(walk.parseCommit(id(head)));
            for (RevCommit c : walk) {
                out.add(c.getName());
            }
        }
        return out;
    }

    /** What git's deepen-since gives: the source's commits of the branch committed within the window. */
    private static List<String> expectedWindow(String name) throws IOException {
        List<String> out = new ArrayList<>();
        try (org.eclipse.jgit.lib.Repository source = open(repos.served().resolve(name + ".git"));
             RevWalk walk = new RevWalk(source)) {
            walk.markStart(walk.parseCommit(source.resolve("refs/heads/main")));
            walk.setRevFilter(CommitTimeRevFilter.after(Instant.now().minus(WINDOW)));
            for (RevCommit c : walk) {
                out.add(c.getName());
            }
        }
        return out;
    }

    /**
     * The bare repository after a history crawl of {@link #history(String)}'s repository: the window's commits, its
     * oldest one the only shallow boundary, nothing older; the deployment's versions of the window, not the older
     * ones nor the source code's; the window's tags.
     */
    private static void assertHistory(Path cache, String name, Map<String, String> ids, List<String> window)
            throws IOException {
        assertEquals(window, expectedWindow(name), "the test's dates");
        try (org.eclipse.jgit.lib.Repository r = open(bare(cache))) {
            String head = window.get(0);
            assertEquals(head, r.resolve("refs/paved/head").name());
            assertEquals(window, walk(r, head), "a reader walking from the crawled commit");
            assertEquals(Set.of(id(ids.get("in1"))), r.getObjectDatabase().getShallowCommits(),
                    "only the window's oldest commit is a shallow boundary");
            for (String old : List.of("old1", "old2")) {
                assertFalse(r.getObjectDatabase().has(id(ids.get(old))), "a commit before the window: " + old);
            }
            for (int replicas : List.of(3, 4)) {
                assertTrue(r.getObjectDatabase().has(blob(deployment(replicas))), "deployment v" + replicas);
            }
            assertTrue(r.getObjectDatabase().has(blob("resources:\n  - deployment.yaml\n")));
            for (int replicas : List.of(1, 2)) {
                assertFalse(r.getObjectDatabase().has(blob(deployment(replicas))), "deployment v" + replicas
                        + " (before the window)");
            }
            for (String source : List.of("class Main {}\n", "class Main { int a; }\n", "class Main { int b; }\n")) {
                assertFalse(r.getObjectDatabase().has(blob(source)), "source code is not needed: " + source);
            }
            Ref annotated = r.getRefDatabase().peel(r.exactRef("refs/tags/v1.0.0"));
            assertNotNull(annotated, "the annotated tag in the window");
            assertEquals(ids.get("in2"), annotated.getPeeledObjectId().name());
            assertEquals(Constants.OBJ_TAG, r.open(annotated.getObjectId()).getType());
            assertEquals(ids.get("in3"), r.exactRef("refs/tags/v1.1.0").getObjectId().name());
            assertNull(r.exactRef("refs/tags/v0.9.0"), "a tag before the window");
        }
    }

    private static List<String> labels(Map<String, String> ids, String... labels) {
        return Stream.of(labels).map(ids::get).toList();
    }

    @Test
    void fetchesTheWindowsCommitsGitOpsVersionsAndTags(@TempDir Path cache) throws Exception {
        Map<String, String> ids = history("orders");
        Crawler.Crawled c = crawl(history(cache), server.url("orders"));
        assertEquals("fetched", c.status(), c.error());
        assertEquals(ids.get("in4"), c.commit());
        assertHistory(cache, "orders", ids, labels(ids, "in4", "in3", "in2", "in1"));
        Path checkout = c.checkout().orElseThrow();
        assertEquals(deployment(4), Files.readString(checkout.resolve("deploy/deployment.yaml")));
        assertFalse(Files.exists(checkout.resolve("src/Main.java")));
    }

    @Test
    void aLaterCrawlFetchesOnlyTheNewCommits(@TempDir Path cache) throws Exception {
        Map<String, String> ids = history("ledger");
        crawl(history(cache), server.url("ledger"));
        Set<String> packsBefore = packs(cache);
        ids.put("new1", repos.commitAt("ledger", Map.of("deploy/deployment.yaml", deployment(5)), daysAgo(2)));
        ids.put("new2", repos.commitAt("ledger", Map.of("src/Main.java", "class Main { int c; }\n"), daysAgo(1)));

        Crawler.Crawled second = crawl(history(cache), server.url("ledger"));
        assertEquals("fetched", second.status());
        assertHistory(cache, "ledger", ids, labels(ids, "new2", "new1", "in4", "in3", "in2", "in1"));
        try (org.eclipse.jgit.lib.Repository r = open(bare(cache))) {
            assertTrue(r.getObjectDatabase().has(blob(deployment(5))));
        }
        // JGit's server answers a deepen-since fetch with the whole window, the client's haves notwithstanding (its
        // depth walk); real git sends only the new commits (realCGitServesTheHistoryIncrementallyToo). What the
        // client asks for is the same: it must not have lost its haves, which the C git case checks.
        Set<ObjectId> received = objectsOfPacksSince(cache, packsBefore);
        assertTrue(received.containsAll(Set.of(id(ids.get("new1")), id(ids.get("new2")))), received.toString());
        assertFalse(received.contains(id(ids.get("old2"))));

        // Nothing changed: nothing fetched, no new pack.
        Set<String> packsAfter = packs(cache);
        assertEquals("unchanged", crawl(history(cache), server.url("ledger")).status());
        assertEquals(packsAfter, packs(cache));
    }

    @Test
    void withoutAWindowOnlyTheLastCommitIsFetchedAsBefore(@TempDir Path cache) throws Exception {
        Map<String, String> ids = history("invoices");
        Crawler.Options options = new Crawler.Options(cache, 2, Duration.ofSeconds(20), 1, Pipeline.READS);
        assertEquals(Duration.ZERO, options.history());
        Crawler.Crawled c = crawl(options, server.url("invoices"));
        assertEquals("fetched", c.status());
        try (org.eclipse.jgit.lib.Repository r = open(bare(cache))) {
            assertEquals(List.of(ids.get("in4")), walk(r, ids.get("in4")));
            assertEquals(Set.of(id(ids.get("in4"))), r.getObjectDatabase().getShallowCommits());
            assertFalse(r.getObjectDatabase().has(id(ids.get("in3"))));
            assertNull(r.exactRef(HistoryFetch.HISTORY_REF));
            assertEquals(List.of(), r.getRefDatabase().getRefsByPrefix(Constants.R_TAGS));
        }
        assertEquals(Pipeline.READS.id(), Files.readString(c.checkout().orElseThrow()
                .resolve(RepositoryFetcher.NEEDS_FILE)));
        // The factory's default is the metrics' window.
        assertEquals(Duration.ofDays(180), Crawler.Options.in(cache, Pipeline.READS).history());
    }

    @Test
    void realCGitServesTheHistoryIncrementallyToo(@TempDir Path cache, @TempDir Path work) throws Exception {
        Map<String, String> ids = history("payroll");
        try (CGitServer cgit = CGitServer.start(repos.served(), work)) {
            Crawler.Crawled first = crawl(history(cache), cgit.url("payroll"));
            assertEquals("fetched", first.status(), first.error());
            assertHistory(cache, "payroll", ids, labels(ids, "in4", "in3", "in2", "in1"));

            Set<String> packsBefore = packs(cache);
            ids.put("new1", repos.commitAt("payroll", Map.of("deploy/deployment.yaml", deployment(5)), daysAgo(2)));
            ids.put("new2", repos.commitAt("payroll", Map.of("README.md", "# payroll, again\n"), daysAgo(1)));
            repos.tag("payroll", "v1.2.0", true);
            Crawler.Crawled second = crawl(history(cache), cgit.url("payroll"));
            assertEquals("fetched", second.status(), second.error());
            assertHistory(cache, "payroll", ids, labels(ids, "new2", "new1", "in4", "in3", "in2", "in1"));
            Set<ObjectId> received = objectsOfPacksSince(cache, packsBefore);
            assertTrue(received.containsAll(Set.of(id(ids.get("new1")), id(ids.get("new2")))), received.toString());
            for (String old : List.of("in1", "in2", "in3", "in4")) {
                assertFalse(received.contains(id(ids.get(old))), "the second crawl fetched " + old + " again");
            }
            try (org.eclipse.jgit.lib.Repository r = open(bare(cache))) {
                assertTrue(r.getObjectDatabase().has(blob(deployment(5))));
                assertEquals(ids.get("new2"), r.getRefDatabase().peel(r.exactRef("refs/tags/v1.2.0"))
                        .getPeeledObjectId().name());
            }
        }
    }

    @Test
    void aHistoryThatCannotBeFetchedKeepsTheFilesAndIsTriedAgain(@TempDir Path cache) throws Exception {
        Map<String, String> ids = history("shipping");
        Diagnostics diagnostics = new Diagnostics();
        Crawler.Crawled first;
        REFUSE_HISTORY.set(true);
        try {
            first = crawl(history(cache), server.url("shipping"), diagnostics);
        } finally {
            REFUSE_HISTORY.set(false);
        }
        assertEquals("fetched", first.status());
        assertEquals(ids.get("in4"), first.commit());
        assertTrue(Files.readString(first.checkout().orElseThrow().resolve("catalog-info.yaml"))
                .contains("name: shipping"));
        List<Diagnostic> warnings = diagnostics.sorted();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(Code.REPOSITORY_UNREACHABLE, warnings.get(0).code());
        assertTrue(warnings.get(0).message().contains("history") && warnings.get(0).message().contains("are used"),
                warnings.get(0).message());

        // The checkout says its history is missing: the next crawl fetches again, though the commit is the same.
        Crawler.Crawled second = crawl(history(cache), server.url("shipping"));
        assertEquals("fetched", second.status());
        assertHistory(cache, "shipping", ids, labels(ids, "in4", "in3", "in2", "in1"));
        assertEquals("unchanged", crawl(history(cache), server.url("shipping")).status());
    }

    private static Set<String> packs(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(bare(cache).resolve("objects/pack"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".idx"))
                    .collect(Collectors.toSet());
        }
    }

    /** The objects of the packs written since {@code before} was listed. */
    private static Set<ObjectId> objectsOfPacksSince(Path cache, Set<String> before) throws IOException {
        Set<ObjectId> out = new HashSet<>();
        for (String name : packs(cache)) {
            if (!before.contains(name)) {
                File idx = bare(cache).resolve("objects/pack").resolve(name).toFile();
                PackIndex.open(idx).forEach(e -> out.add(e.toObjectId()));
            }
        }
        return out;
    }

    /** Answers 500 to a git request asking for {@code deepen-since} while {@link #REFUSE_HISTORY} is set. */
    private static final class RefuseDeepen implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!REFUSE_HISTORY.get() || !"POST".equals(http.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = http.getInputStream().readAllBytes();
            InputStream plain = "gzip".equals(http.getHeader("Content-Encoding"))
                    ? new GZIPInputStream(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body);
            if (new String(plain.readAllBytes(), StandardCharsets.ISO_8859_1).contains("deepen-since")) {
                ((HttpServletResponse) response).sendError(500, "no history today");
                return;
            }
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public ServletInputStream getInputStream() {
                    ByteArrayInputStream in = new ByteArrayInputStream(body);
                    return new ServletInputStream() {
                        @Override
                        public boolean isFinished() {
                            return in.available() == 0;
                        }

                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setReadListener(ReadListener listener) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public int read() {
                            return in.read();
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            return in.read(b, off, len);
                        }
                    };
                }
            }, response);
        }
    }
}
