package dev.paved.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page that cannot be rendered is a problem naming it, and everything else is built (issue 17, item 1): in a
 * doc set of the portal, in the portal's own pages and in {@code paved techdocs}. Fixture
 * {@code pipeline/failing-page}: beside the unrenderable pages, a task list with a footnote and reference links (the
 * shape of MkDocs Material's {@code reference/diagrams.md}), which renders.
 */
class FailingPageTest {

    private static final Path FIXTURE = TestFiles.resource("pipeline/failing-page");

    @Test
    void thePortalIsBuiltWithoutThePagesThatFail(@TempDir Path out) throws IOException {
        Pipeline.Result result = Pipeline.build(ConfigReader.read(FIXTURE, new Diagnostics()).withOutput(out),
                Pipeline.Options.defaults());

        List<Diagnostic> failed = failures(result);
        assertEquals(List.of("catalog/docs/nested.md", "content/deep.md"), failed.stream()
                .map(d -> d.file().substring(d.file().indexOf("failing-page/") + "failing-page/".length())).toList(),
                result.diagnostics().toString());
        String docs = "docs/default/component/diagrams/";
        assertTrue(Files.isRegularFile(out.resolve(docs + "index.html")));
        assertFalse(Files.exists(out.resolve(docs + "nested/index.html")));
        assertFalse(Files.exists(out.resolve("deep/index.html")));
        assertTrue(Jsoup.parse(out.resolve("guide/index.html").toFile()).text().contains("How the portal is organised"));
        assertDiagramsPage(Jsoup.parse(out.resolve(docs + "diagrams/index.html").toFile()));
    }

    @Test
    void techdocsBuildsTheOtherPages(@TempDir Path out) throws IOException {
        Pipeline.Result result = Pipeline.techdocs(FIXTURE.resolve("catalog"), out, Optional.empty(), false);

        List<Diagnostic> failed = failures(result);
        assertEquals(1, failed.size(), result.diagnostics().toString());
        assertTrue(failed.get(0).file().endsWith("docs/nested.md"), failed.toString());
        assertTrue(failed.get(0).message().startsWith("could not render nested.md: "), failed.toString());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertFalse(Files.exists(out.resolve("nested/index.html")));
        assertDiagramsPage(Jsoup.parse(out.resolve("diagrams/index.html").toFile()));
        assertTrue(Files.readString(out.resolve("techdocs_metadata.json")).contains("Diagrams"));
    }

    private static List<Diagnostic> failures(Pipeline.Result result) {
        List<Diagnostic> failed = result.diagnostics().stream().filter(d -> d.code() == Code.PAGE_FAILED).toList();
        assertEquals(failed.size(), result.diagnostics().size(), "nothing else is wrong: " + result.diagnostics());
        return failed;
    }

    /** The task list, its footnote and its reference links, rendered. */
    private static void assertDiagramsPage(Document page) {
        assertEquals(3, page.select("li.task-list-item").size(), page.html());
        assertEquals("https://mermaid.example/", page.select("a:containsOwn(Mermaid)").first().attr("href"));
        assertEquals("../index.html", page.select("a:containsOwn(extra setup)").attr("href"));
        assertEquals(1, page.select("sup a.footnote-ref").size(), page.html());
    }
}
