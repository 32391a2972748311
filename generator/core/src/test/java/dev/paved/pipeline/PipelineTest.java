package dev.paved.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.crawl.Crawler;
import dev.paved.crawl.GitServer;
import dev.paved.crawl.Repository;
import dev.paved.crawl.RepositorySource;
import dev.paved.crawl.RepositoryTree;
import dev.paved.crawl.TestRepos;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.TechDocsBuilder;
import dev.paved.scorecard.Scoreboard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build as one pipeline: what each stage hands on, and what the site makes of it. */
class PipelineTest {

    @Test
    void problemsFoundWhilePlacingPagesAreOnTheProblemsPagesAndTheEntityPage(@TempDir Path out) throws IOException {
        Path project = TestFiles.resource("pipeline/late-problems");
        PavedConfig config = ConfigReader.read(project, new Diagnostics()).withOutput(out);

        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());

        Diagnostic techdocs = only(result, Code.DANGLING_REF);
        assertTrue(techdocs.message().contains("techdocs-entity component:no-docs"), techdocs.message());
        List<String> collisions = result.diagnostics().stream().filter(d -> d.code() == Code.DUPLICATE_PAGE)
                .map(Diagnostic::message).toList();
        assertEquals(2, collisions.size(), result.diagnostics().toString());
        assertTrue(collisions.get(0).contains("create/index.html"), collisions.get(0));
        assertTrue(collisions.get(1).contains("search/index.html"), collisions.get(1));

        Document problems = Jsoup.parse(out.resolve("problems/index.html").toFile());
        assertTrue(problems.text().contains("names an entity without docs"), "the problems page lists it");
        assertTrue(problems.text().contains("which another page already uses"), "the problems page lists it");
        Document checkout = Jsoup.parse(out.resolve("catalog/default/component/checkout/index.html").toFile());
        assertTrue(checkout.text().contains("names an entity without docs"), "the entity page lists its problem");
        for (String page : List.of("index.html", "catalog/index.html", "about/index.html",
                "catalog/default/component/no-docs/index.html")) {
            Document d = Jsoup.parse(out.resolve(page).toFile());
            assertEquals(String.valueOf(result.diagnostics().size()), d.select(".problems-link .badge").text(),
                    "every page counts every problem: " + page);
            assertFalse(d.select("a[href$=create/index.html]").text().contains("Create") && d.text()
                    .contains("A page that wants"), "the rejected page is not shown");
        }
        // The portal's own pages keep their paths; the colliding content pages are left out (of the menus and
        // of search too), the others are built.
        assertTrue(Files.readString(out.resolve("search/index.html")).contains("data-search-page"),
                "search/index.html is the portal's search page");
        assertFalse(Files.readString(out.resolve("create/index.html")).contains("A page that wants"),
                "create/index.html is the template gallery");
        assertTrue(Files.readString(out.resolve("about/index.html")).contains("This page is fine"));
        Pipeline.read(ConfigReader.read(project, new Diagnostics()), Pipeline.Options.defaults(), new Diagnostics())
                .content().pages().forEach(p -> assertEquals("about/index.html", p.outputPath(),
                        "only the placed page is shown and searched"));
    }

    @Test
    void whatTheDocsReadStaysInTheRepositoryWhateverDocsDirSays() {
        for (String docsDir : List.of("../outside", "/etc", "a\u0000b", "docs/../../..", "C:/x")) {
            Map<String, String> files = Map.of("mkdocs.yml", "site_name: X\ndocs_dir: \"" + docsDir + "\"\n",
                    "docs/index.md", "# X\n", "src/Main.java", "class Main {}\n");
            RepositoryTree tree = new RepositoryTree(null, List.copyOf(files.keySet()),
                    path -> Optional.ofNullable(files.get(path)));
            Set<String> read = TechDocsBuilder.NEEDS.select(tree);
            assertTrue(files.keySet().containsAll(read), docsDir + ": " + read);
            assertFalse(read.contains("src/Main.java"), docsDir + ": " + read);
            assertTrue(read.contains("mkdocs.yml"), docsDir + ": " + read);
        }
    }

    @Test
    void aCrawledRepositoryGivesWhatTheSameFolderGivesLocally(@TempDir Path dir) throws Exception {
        Path fixture = TestFiles.resource("pipeline/crawl-needs");
        Path service = fixture.resolve("service");

        Path local = Files.createDirectories(dir.resolve("local"));
        PavedConfig localConfig = config(local, fixture, List.of(service), List.of());
        Pipeline.Result localBuild = Pipeline.build(localConfig, Pipeline.Options.defaults());

        TestRepos repos = new TestRepos(dir.resolve("work"), Files.createDirectories(dir.resolve("served")));
        repos.commit("ledger", filesOf(service));
        try (GitServer server = GitServer.start(dir.resolve("served"))) {
            Path crawled = Files.createDirectories(dir.resolve("crawled"));
            PavedConfig crawledConfig = config(crawled, fixture, List.of(), List.of(new RepositorySource.Single(
                    Repository.of(server.url("ledger")))));
            Pipeline.Result crawledBuild = Pipeline.build(crawledConfig, Pipeline.Options.defaults());

            for (Pipeline.Result build : List.of(localBuild, crawledBuild)) {
                assertEquals(List.of(), build.diagnostics(), build.output().toString());
                Path docs = build.output().resolve("docs/default/component/ledger");
                assertTrue(Files.readString(docs.resolve("reconciliation/index.html")).contains("bank's statement"),
                        "the docs under docs_dir: documentation are built from " + build.output());
                assertFalse(Files.exists(docs.resolve("ignored/index.html")), "docs/ is not the docs_dir");
            }
            for (PavedConfig c : List.of(localConfig, crawledConfig)) {
                Scoreboard scores = Pipeline.read(c, Pipeline.Options.defaults(), new Diagnostics()).scores();
                Scoreboard.Result ledger = scores.results().get(0);
                assertEquals("ledger", ledger.entity().name());
                assertEquals(List.of(true, true), ledger.rules().stream().map(Scoreboard.RuleResult::passed).toList(),
                        "LICENCE counts as a licence and the docs are built, crawled or not");
            }
        }
    }

    @Test
    void theCrawlerFetchesWhatTheStagesReadAndNothingElse(@TempDir Path dir) throws Exception {
        Path service = TestFiles.resource("pipeline/crawl-needs/service");
        Map<String, String> files = new TreeMap<>(filesOf(service));
        files.put("src/Ledger.java", "class Ledger {}\n");
        files.put("documentation/diagram.png", "not really a png\n");
        TestRepos repos = new TestRepos(dir.resolve("work"), Files.createDirectories(dir.resolve("served")));
        repos.commit("ledger", files);
        try (GitServer server = GitServer.start(dir.resolve("served"))) {
            PavedConfig config = config(dir, service, List.of(), List.of(new RepositorySource.Single(
                    Repository.of(server.url("ledger")))));
            var crawled = Pipeline.crawl(config, Pipeline.crawlOptions(config), Crawler.Progress
                    .lines(l -> { }), new Diagnostics()).get(0);
            assertEquals(List.of("LICENCE", "catalog-info.yaml", "docs/ignored.md", "documentation/diagram.png",
                    "documentation/index.md", "documentation/reconciliation.md", "mkdocs.yml"),
                    crawled.files().stream().sorted().toList());
            // The same rule, asked of the local folder, names the same docs.
            assertEquals(Pipeline.filesRead(service, List.of("catalog-info.yaml")).get("docs"),
                    List.of("docs/ignored.md", "documentation/index.md", "documentation/reconciliation.md",
                            "mkdocs.yml"));
        }
    }

    @Test
    void entitiesSharingAFolderShareItsDocsEachUnderItsOwnTitle(@TempDir Path out) throws IOException {
        PavedConfig config = ConfigReader.read(TestFiles.resource("pipeline/shared-docs"), new Diagnostics())
                .withOutput(out);
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());

        assertEquals(1, result.diagnostics().size(), "the broken link once: " + result.diagnostics());
        assertEquals(Code.BROKEN_LINK, result.diagnostics().get(0).code());
        for (String[] entity : List.of(new String[] {"orders-api", "Orders API"},
                new String[] {"orders-worker", "Orders worker"})) {
            Document page = Jsoup.parse(out.resolve("docs/default/component/" + entity[0] + "/index.html").toFile());
            assertTrue(page.text().contains("Both the API and the worker"), entity[0]);
            assertTrue(page.title().contains(" · " + entity[1] + " · "), "titled by its entity: " + page.title());
        }
    }

    @Test
    void aBuildThatFailsMidwayLeavesThePreviousSiteAsItWas(@TempDir Path dir) throws IOException {
        PavedConfig config = ConfigReader.read(TestFiles.resource("pipeline/shared-docs"), new Diagnostics())
                .withOutput(dir.resolve("site"));
        Pipeline.build(config, Pipeline.Options.defaults());
        Map<String, String> before = snapshot(dir.resolve("site"));

        // A theme whose home page fails: it is rendered after the entity and docs pages, so the build fails
        // midway, with part of the new site written.
        Path theme = Files.createDirectories(dir.resolve("theme/templates"));
        Files.writeString(theme.resolve("home.peb"), "{% include \"no-such-template\" %}\n");
        PavedConfig broken = new PavedConfig(config.title(), config.baseUrl(), config.sources(), config.content(),
                Optional.of(theme.getParent()), config.output(), config.projectDir(), config.rules(),
                config.repositories(), config.cache(), config.scorecards(), config.previousScorecards(),
                config.remoteImages());
        IOException failed = assertThrows(IOException.class, () -> Pipeline.build(broken,
                Pipeline.Options.defaults()));

        assertTrue(failed.getMessage().startsWith("Cannot build the portal into " + dir.resolve("site") + ": "),
                failed.getMessage());
        assertTrue(failed.getMessage().endsWith("; the previous site is unchanged"), failed.getMessage());
        assertFalse(failed.getMessage().contains("\n"), "one line: " + failed.getMessage());
        assertEquals(before, snapshot(dir.resolve("site")), "the previous site, byte for byte");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("site", "theme"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing of the failed build is left");
        }
    }

    /** Every file of a folder and its bytes. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    @Test
    void aParallelBuildIsByteIdenticalToASerialOne(@TempDir Path dir) throws IOException {
        for (Path project : List.of(TestFiles.projectRoot(), TestFiles.resource("pipeline/late-problems"),
                TestFiles.resource("pipeline/shared-docs"))) {
            PavedConfig config = ConfigReader.read(project, new Diagnostics());
            Pipeline.Result serial = Pipeline.build(config.withOutput(dir.resolve("serial")),
                    Pipeline.Options.defaults().withThreads(1));
            Pipeline.Result parallel = Pipeline.build(config.withOutput(dir.resolve("parallel")),
                    Pipeline.Options.defaults().withThreads(8));
            assertEquals(serial.diagnostics(), parallel.diagnostics());
            Map<String, byte[]> a = tree(serial.output());
            Map<String, byte[]> b = tree(parallel.output());
            assertEquals(a.keySet(), b.keySet(), "the same files");
            assertTrue(a.size() > 10, "files: " + a.size());
            List<String> differ = new ArrayList<>();
            a.forEach((path, bytes) -> {
                if (!Arrays.equals(bytes, b.get(path))) {
                    differ.add(path);
                }
            });
            assertEquals(List.of(), differ, "files that differ between 1 and 8 threads in " + project);
        }
    }

    @Test
    void theCoreHasNoCommandLineLibraries() {
        // The CLI module holds picocli and the progress bar; the core (and so the Maven plugin) does without.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("me.tongfei.progressbar.ProgressBar"));
    }

    private static Diagnostic only(Pipeline.Result result, Code code) {
        List<Diagnostic> found = result.diagnostics().stream().filter(d -> d.code() == code).toList();
        assertEquals(1, found.size(), result.diagnostics().toString());
        return found.get(0);
    }

    private static PavedConfig config(Path dir, Path fixture, List<Path> sources, List<RepositorySource> repos) {
        PavedConfig d = PavedConfig.defaults(dir);
        return new PavedConfig(d.title(), d.baseUrl(), sources, dir.resolve("content"), d.theme(),
                dir.resolve("site"), dir, d.rules(), repos, dir.resolve("cache"),
                List.of(fixture.resolve("scorecard.yaml")), "", d.remoteImages());
    }

    private static Map<String, String> filesOf(Path folder) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.put(folder.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return out;
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** PAVED-E022 (docs promised but not there) is an error wherever it is raised, as its code says. */
    @Test
    void aDocsFolderWithoutPagesIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mkdocs.yml"), "site_name: Empty\n");
        Files.createDirectories(dir.resolve("docs"));
        Pipeline.Result result = Pipeline.techdocs(dir, dir.resolve("site"), Optional.empty(), false);
        List<Diagnostic> missing = result.diagnostics().stream().filter(d -> d.code() == Code.TECHDOCS_MISSING)
                .toList();
        assertEquals(1, missing.size(), result.diagnostics().toString());
        assertEquals(dev.paved.diagnostic.Severity.ERROR, missing.get(0).severity());
    }
}
