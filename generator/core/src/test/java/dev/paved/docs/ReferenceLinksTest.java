package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reference-style links as Python-Markdown (MkDocs) reads them (issue 17, item 2): brackets with a definition are
 * links, wherever the definition is in the page; brackets without one are text, not links to a page of their name.
 */
class ReferenceLinksTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void bracketsWithoutADefinitionStayText() {
        String html = renderer.render("""
                ### `spec` [varies]

                Installed as a plugin [1], or [not at all][].
                """);
        assertFalse(html.contains("<a href=\"varies\""), html);
        assertFalse(html.contains("href=\"1\""), html);
        assertFalse(html.contains("href=\"not at all\""), html);
        assertTrue(html.contains("<code>spec</code> [varies]"), html);
        assertTrue(html.contains("a plugin [1], or [not at all][]."), html);
    }

    @Test
    void bracketsWithADefinitionAreLinksAndChecked() {
        Diagnostics diagnostics = new Diagnostics();
        List<MarkdownPages.Rendered> pages = MarkdownPages.render(List.of(
                new MarkdownPages.Source("index.md", """
                        # Home

                        Read [the guide][guide], then [Tool] and [missing].

                          [guide]: guide.md#setup
                          [Tool]: https://tool.example/
                          [missing]: gone.md
                        """, 0, "docs/index.md"),
                new MarkdownPages.Source("guide.md", "# Guide\n\n## Setup\n", 0, "docs/guide.md")),
                Set.of(), renderer, diagnostics);

        String html = pages.get(0).html();
        assertTrue(html.contains("<a href=\"guide/index.html#setup\">the guide</a>"), html);
        assertTrue(html.contains("<a href=\"https://tool.example/\">Tool</a>"), html);
        assertFalse(html.contains("[guide]:"), "a definition is not shown: " + html);
        List<String> problems = diagnostics.sorted().stream().map(Diagnostic::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("docs/index.md:3:") && problems.get(0).contains("gone.md"),
                problems.toString());
    }

    @Test
    void inlineLinksFootnotesAndAutolinksAreUnchanged() {
        String html = renderer.render("See [docs](https://docs.example/)[^1] or <https://x.example/>.\n\n[^1]: A note.\n");
        assertTrue(html.contains("<a href=\"https://docs.example/\">docs</a>"), html);
        assertTrue(html.contains("class=\"footnote-ref\""), html);
        assertTrue(html.contains("<a href=\"https://x.example/\">https://x.example/</a>"), html);
    }
}
