package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pymdownx.snippets} as TechDocs runs it: files named from the folder of {@code mkdocs.yml}, never from
 * outside it (fixture: {@code src/test/resources/markdown/snippets}; its page's HTML checked against Python-Markdown
 * 3.4.1 with pymdownx 9.5's snippets, superfences and smartsymbols).
 */
class SnippetsTest {

    private static final Path FIXTURE = Path.of("src/test/resources/markdown/snippets");

    @Test
    void filesAreIncludedWhereTheyAreNamedEvenInCode() {
        Diagnostics diagnostics = new Diagnostics();
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(FIXTURE, FIXTURE).orElseThrow();
        String html = docs.pages().get(0).html();

        assertTrue(html.contains("<h1 id=\"label-printer\"><a href=\"#label-printer\" class=\"headerlink\">¶</a>Label printer</h1>") && html.contains("Prints <strong>labels</strong>."), html);
        // A block of names, and a snippet that includes another.
        assertTrue(html.contains("<p>first part\nsecond part</p>\n<p>first part</p>"), html);
        assertTrue(html.contains("<code class=\"language-python\">print(&quot;hi&quot;)\n</code>")
                || html.contains("<code class=\"language-python\">print(\"hi\")\n</code>"), html);
        assertTrue(html.contains("<p>;--8← \"README.md\"</p>"), "an escaped marker is left as written: " + html);
        assertTrue(!html.contains("hostname") && !html.contains("missing.md"), html);

        List<String> warnings = diagnostics.sorted().stream().map(d -> d.line() + " " + d.message()).toList();
        assertTrue(warnings.contains("16 Snippet parts/missing.md does not exist; not included"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("18 Snippet ../../") && w.contains("outside the folder")),
                warnings.toString());
    }

    @Test
    void anIncludedFileIsAnInputOfTheDocSet(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("mkdocs.yml"), "site_name: S\n");
        Files.writeString(dir.resolve("README.md"), "# One\n");
        Files.writeString(dir.resolve("docs/index.md"), "--8<-- \"README.md\"\n");
        TechDocsBuilder builder = new TechDocsBuilder(new MarkdownRenderer(), new Diagnostics());
        DocInputs inputs = builder.buildTracked(new TechDocsBuilder.Location(dir, dir, "S", Optional.empty(),
                SourcePosition.of("catalog-info.yaml")), new Diagnostics()).inputs();
        String before = builder.digest(inputs);
        Files.writeString(dir.resolve("README.md"), "# Two\n");
        assertNotEquals(before, builder.digest(inputs), "editing an included README must rebuild the docs");
    }

    @Test
    void aFileIncludingItselfStops(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("loop.md"), "loop\n--8<-- \"loop.md\"\n");
        Files.writeString(dir.resolve("docs/index.md"), "--8<-- \"loop.md\"\n");
        Diagnostics diagnostics = new Diagnostics();
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(dir, dir).orElseThrow();
        assertTrue(docs.pages().get(0).html().contains("<p>loop</p>"), docs.pages().get(0).html());
        List<Diagnostic> found = diagnostics.sorted();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("includes itself"), found.toString());
    }
}
