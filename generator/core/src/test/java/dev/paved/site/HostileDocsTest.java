package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's docs are published on the portal's own origin, beside every other team's: nothing in them may run
 * there (issue 15, item 2), and nothing may be written outside their own folder (item 5). Fixture:
 * {@code hostile/assets}.
 */
class HostileDocsTest {

    @TempDir
    static Path out;
    static Pipeline.Result result;
    static final Path FIXTURE = TestFiles.resource("hostile/assets");
    static final String DOCS = "docs/default/component/scripted-docs/";

    @BeforeAll
    static void build() throws IOException {
        result = Pipeline.build(ConfigReader.read(FIXTURE, new Diagnostics()).withOutput(out),
                Pipeline.Options.defaults());
    }

    @Test
    void pagesScriptsAndXmlAreNotPublishedAndTheAuthorIsToldWhich() throws IOException {
        for (String left : List.of("evil.html", "evil.js", "evil.xml")) {
            assertFalse(Files.exists(out.resolve(DOCS + left)), left);
        }
        assertFalse(Files.exists(out.resolve("evil.html")), "content/evil.html is not published either");
        List<Diagnostic> notPublished = result.diagnostics().stream()
                .filter(d -> d.code() == Code.FILE_NOT_PUBLISHED).toList();
        assertEquals(2, notPublished.size(), "one problem per folder: " + notPublished);
        assertTrue(notPublished.get(0).message().contains("evil.html, evil.js, evil.xml"), notPublished.toString());
        // The page's link to the left-out file says why it leads nowhere.
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.BROKEN_LINK
                && d.message().contains("evil.html, which is not published")), result.diagnostics().toString());
    }

    @Test
    void passiveFilesAreCopiedAsTheyAreAndSvgCleaned() throws IOException {
        Path docs = FIXTURE.resolve("catalog/docs");
        for (String same : List.of("diagram.png", "notes.txt")) {
            assertArrayEquals(Files.readAllBytes(docs.resolve(same)), Files.readAllBytes(out.resolve(DOCS + same)),
                    same);
        }
        String svg = Files.readString(out.resolve(DOCS + "evil.svg"));
        assertFalse(svg.contains("script") || svg.contains("onload") || svg.contains("pwned"), svg);
        assertTrue(Files.isRegularFile(out.resolve("about/index.html")), "content pages are built");
    }

    @Test
    void anIncludedSiteNameCannotClimbOutOfItsDocSet() throws IOException {
        assertTrue(Files.readString(out.resolve(DOCS + "planted/index.html")).contains("Planted page"));
        List<Path> planted;
        try (Stream<Path> files = Files.walk(out)) {
            planted = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".html"))
                    .filter(p -> read(p).contains("Written only under") || read(p).contains("Twin page")).toList();
        }
        for (Path page : planted) {
            assertTrue(out.relativize(page).toString().startsWith(DOCS), "written outside its docs: " + page);
        }
        List<String> nav = result.diagnostics().stream().filter(d -> d.code() == Code.MKDOCS_NAV)
                .map(Diagnostic::message).toList();
        assertEquals(2, nav.size(), nav.toString());
        assertTrue(nav.get(0).contains("\"../../../../planted\"") && nav.get(0).contains("under planted/"),
                nav.toString());
        assertTrue(nav.get(1).contains("twin") && nav.get(1).contains("not included"), nav.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
