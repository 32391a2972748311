package dev.paved.site;

import dev.paved.diagnostic.Code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a portal from {@code catalogs/broken}: malformed YAML, unknown kinds, path traversal and script injection
 * in titles, descriptions, links and Markdown. The portal is still built, and nothing from the input runs.
 */
class HostileInputTest {

    @TempDir
    static Path temp;

    private static Path site;
    private static Pipeline.Result result;

    @BeforeAll
    static void build() throws IOException {
        site = temp.resolve("site");
        PavedConfig config = new PavedConfig("Test", "", List.of(TestFiles.resource("catalogs/broken")),
                temp.resolve("no-content"), java.util.Optional.empty(), site, TestFiles.resource("catalogs"), List.of());
        result = Pipeline.build(config, Pipeline.Options.defaults());
    }

    @Test
    void theRestOfThePortalIsBuilt() {
        assertEquals(7, result.entities());
        assertTrue(Files.isRegularFile(site.resolve("catalog/default/component/safe-service/index.html")));
        assertTrue(Files.isRegularFile(site.resolve("docs/default/component/safe-service/guide/index.html")));
        assertTrue(result.count(Severity.ERROR) > 0);
    }

    @Test
    void noScriptFromTheInputSurvives() throws IOException {
        List<Pattern> themeScripts = inlineScriptsOfTheTheme();
        for (Path file : SiteChecks.htmlFiles(site)) {
            Document page = SiteChecks.parse(file);
            for (Element script : page.select("script")) {
                if (!script.hasAttr("src") && themeScripts.stream().anyMatch(t -> t.matcher(script.data()).matches())) {
                    continue; // the theme's own
                }
                if (script.id().equals("api-spec") && script.attr("type").equals("application/json")) {
                    // An API definition for its viewer: data, which nothing in it can end.
                    assertFalse(script.data().contains("</"), site.relativize(file) + ": " + script);
                    continue;
                }
                // The theme's scripts, and the graph explorer's data (the catalog as JSON in a script Paved writes).
                assertTrue(script.attr("src").matches("(/|(\\.\\./)*)assets/(paved|search|scaffold|entity|api|graph"
                                + "|vendor/highlight/\\w+\\.min|vendor/swagger-ui/swagger-ui-bundle"
                                + "|vendor/asyncapi-react/index|vendor/elk/elk\\.bundled)\\.[0-9a-f]+\\.js")
                                || script.attr("src").matches("(\\.\\./)*graph/graph-data\\.js"),
                        site.relativize(file) + " has a foreign script: " + script);
            }
            for (Element el : page.getAllElements()) {
                el.attributes().forEach(a -> assertFalse(a.getKey().toLowerCase().startsWith("on"),
                        site.relativize(file) + " has an event handler: " + el));
                for (String attr : List.of("href", "src")) {
                    assertFalse(el.attr(attr).trim().toLowerCase().startsWith("javascript:"),
                            site.relativize(file) + " has a javascript: URL: " + el);
                }
            }
            assertTrue(page.select("iframe, object, embed").isEmpty(), site.relativize(file) + " embeds a frame");
        }
    }

    /**
     * The theme's inline scripts (layout.peb's colour scheme, the 404 page's base), each as a pattern in which what
     * Pebble fills in (always inside a JavaScript string, escaped for one) may be any text without quote or newline.
     */
    private static List<Pattern> inlineScriptsOfTheTheme() throws IOException {
        List<Pattern> scripts = new ArrayList<>();
        try (var templates = Files.walk(TestFiles.projectRoot().resolve("themes/default/templates"))) {
            for (Path template : templates.filter(Files::isRegularFile).toList()) {
                Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(Files.readString(template));
                while (m.find()) {
                    List<String> literal = Arrays.stream(m.group(1).split("\\{\\{.*?}}", -1)).map(Pattern::quote)
                            .toList();
                    scripts.add(Pattern.compile(String.join("[^'\\n]*", literal), Pattern.DOTALL));
                }
            }
        }
        return scripts;
    }

    @Test
    void hostileTextIsShownAsText() {
        Document page = SiteChecks.parse(site.resolve("catalog/default/component/hostile/index.html"));
        assertEquals("<script>alert('title')</script>Hostile", page.selectFirst("h1").text());
        assertTrue(page.selectFirst("p.description").text().contains("<img src=x onerror="));
        assertEquals("click me", page.selectFirst(".unsafe-link").text());
    }

    @Test
    void docsOutsideTheRepositoryAreRefusedAndNothingIsWrittenOutsideTheOutput() throws IOException {
        Diagnostic refused = result.diagnostics().stream()
                .filter(d -> d.code().equals(Code.PATH_OUTSIDE_REPOSITORY) && d.file().contains("escape")).findFirst()
                .orElseThrow();
        assertEquals(6, refused.line());
        assertFalse(Files.exists(site.resolve("docs/default/component/escape-artist")));
        try (var files = Files.list(temp)) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().endsWith("site")),
                    "the builds wrote only into their output folders");
        }
    }

    @Test
    void danglingReferencesAreMarkedAndListedAsProblems() {
        Document page = SiteChecks.parse(site.resolve("catalog/default/component/safe-service/index.html"));
        Element missing = page.selectFirst(".facts .ref.missing");
        assertEquals("ghost-system ⚠", missing.text());
        assertTrue(page.select("a[href*=ghost-system]").isEmpty(), "a missing entity is not linked");

        Document problems = SiteChecks.parse(site.resolve("problems/index.html"));
        assertTrue(problems.select("tr.warning").text().contains("system:ghost-system"));
        assertTrue(problems.select("tr.error").text().contains("malformed.yaml:5"));
    }

    @Test
    void brokenDocLinksAreWarningsWithTheirLine() {
        List<Diagnostic> links = result.diagnostics().stream()
                .filter(d -> d.code() == Code.BROKEN_LINK || d.code() == Code.BROKEN_ANCHOR)
                .filter(d -> d.file().contains("safe/docs")).toList();
        assertEquals(List.of(Code.BROKEN_LINK, Code.BROKEN_ANCHOR), links.stream().map(Diagnostic::code).sorted().toList());
        links.forEach(d -> assertEquals(5, d.line(), d.toString()));
    }

    @Test
    void strictTurnsEveryWarningIntoAnError() throws IOException {
        PavedConfig config = new PavedConfig("Test", "", List.of(TestFiles.resource("catalogs/broken")),
                temp.resolve("no-content"), java.util.Optional.empty(), temp.resolve("strict-site"), TestFiles.resource("catalogs"), List.of());
        Pipeline.Result strict = Pipeline.build(config, Pipeline.Options.defaults().withStrict(true));

        assertEquals(0, strict.count(Severity.WARNING));
        assertEquals(result.count(Severity.ERROR) + result.count(Severity.WARNING), strict.count(Severity.ERROR));
        assertTrue(strict.diagnostics().stream().anyMatch(d -> d.code().equals(Code.DANGLING_REF)
                && d.severity() == Severity.ERROR));
    }

    @Test
    void navLinksThatAreNotWebLinksAreDropped() {
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.BROKEN_LINK
                && d.message().contains("javascript:")), result.diagnostics().toString());
        Document docs = SiteChecks.parse(site.resolve("docs/default/component/hostile/index.html"));
        assertTrue(docs.select(".docs-nav a").eachAttr("href").stream().noneMatch(h -> h.contains("javascript")));
    }

    @Test
    void pagesThatWouldOverwriteEachOtherAreReportedNotCrashed() {
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.DUPLICATE_PAGE
                && d.message().contains("README.md")), result.diagnostics().toString());
        assertTrue(SiteChecks.parse(site.resolve("docs/default/component/hostile/index.html"))
                .selectFirst("h1").text().contains("Hostile docs"), "index.md wins over README.md");
    }

    @Test
    void theSiteShowsPathsRelativeToTheProject() {
        Document problems = SiteChecks.parse(site.resolve("problems/index.html"));
        assertTrue(problems.select("td code").eachText().stream().noneMatch(t -> t.startsWith("/")),
                "no absolute build-machine path in the site");
    }

    @Test
    void problemsReachTheTeamThatOwnsTheEntity() {
        Document catalog = SiteChecks.parse(site.resolve("catalog/index.html"));
        Element marker = catalog.selectFirst("tr:has(a[href$=safe-service/index.html]) .problem-marker");
        assertEquals("⚠ 3", marker.text(), "the dangling system and two broken doc links");

        Document team = SiteChecks.parse(site.resolve("problems/default/team-a/index.html"));
        List<String> rows = team.select("tbody tr").eachText();
        assertTrue(rows.stream().anyMatch(r -> r.contains("ghost-system")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("index.md:5") && r.contains("nowhere.md")), rows.toString());

        Document index = SiteChecks.parse(site.resolve("problems/index.html"));
        assertEquals("../problems/default/team-a/index.html",
                index.selectFirst(".team-problems a").attr("href"));
    }

    @Test
    void theCatalogIsExportedAsJsonAndCsv() throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(site.resolve("catalog.json").toFile());
        assertEquals(result.entities(), json.path("items").size());
        var safe = java.util.stream.StreamSupport.stream(json.path("items").spliterator(), false)
                .filter(i -> i.at("/metadata/name").asText().equals("safe-service")).findFirst().orElseThrow();
        assertEquals("team-a", safe.at("/spec/owner").asText());
        assertTrue(safe.path("relations").toString().contains("{\"type\":\"ownedBy\",\"targetRef\":\"group:default/team-a\"}"));
        assertEquals("broken/components/safe/catalog-info.yaml", safe.path("source").asText());

        List<String> csv = Files.readAllLines(site.resolve("catalog.csv"));
        assertEquals("ref,kind,namespace,name,title,type,lifecycle,owner,system,tags,description", csv.get(0));
        assertEquals(result.entities() + 1, csv.size());
        assertTrue(csv.contains("component:default/safe-service,Component,default,safe-service,Safe service,service,"
                + "production,group:default/team-a,system:default/ghost-system,,"
                + "A component that does everything right."), csv.toString());
    }
}
