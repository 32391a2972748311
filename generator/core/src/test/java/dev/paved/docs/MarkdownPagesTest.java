package dev.paved.docs;

import dev.paved.diagnostic.Code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkdownPagesTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void pagesGoToDirectoryUrls() {
        assertEquals("index.html", MarkdownPages.outputPath("index.md"));
        assertEquals("index.html", MarkdownPages.outputPath("README.md"));
        assertEquals("guide/index.html", MarkdownPages.outputPath("guide.md"));
        assertEquals("runbooks/index.html", MarkdownPages.outputPath("runbooks/index.md"));
        assertEquals("runbooks/paging/index.html", MarkdownPages.outputPath("runbooks/paging.md"));
    }

    @Test
    void rewritesLinksBetweenPagesAndToImages() {
        List<MarkdownPages.Rendered> pages = MarkdownPages.render(List.of(
                new MarkdownPages.Source("runbooks/paging.md",
                        "# Paging\n\n[home](../index.md) [scale](../ops.md#scaling-up) ![d](../img/d.svg)", 0, "p.md"),
                new MarkdownPages.Source("index.md", "# Home", 0, "i.md"),
                new MarkdownPages.Source("ops.md", "# Ops\n\n## Scaling up", 0, "o.md")),
                Set.of("img/d.svg"), renderer, new Diagnostics());

        String html = pages.get(0).html();
        assertTrue(html.contains("href=\"../../index.html\""), html);
        assertTrue(html.contains("href=\"../../ops/index.html#scaling-up\""), html);
        assertTrue(html.contains("src=\"../../img/d.svg\""), html);
    }

    @Test
    void reportsBrokenLinksAndAnchorsWithTheirLine() {
        Diagnostics diagnostics = new Diagnostics();
        MarkdownPages.render(List.of(new MarkdownPages.Source("index.md",
                "# Home\n\ntext\n\n[gone](gone.md) and [anchor](#nope)", 3, "docs/index.md")),
                Set.of(), renderer, diagnostics);

        List<Diagnostic> found = diagnostics.sorted();
        assertEquals(List.of(Code.BROKEN_LINK, Code.BROKEN_ANCHOR), found.stream().map(Diagnostic::code).sorted().toList());
        found.forEach(d -> assertEquals(8, d.line(), "line 5 of the Markdown after 3 lines of front matter"));
    }

    @Test
    void stripsScriptsButKeepsStructure() {
        String html = renderer.render("# T\n\n<script>x()</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                + "!!! note \"Heads up\"\n    Body\n");
        assertTrue(!html.contains("<script"), html);
        assertTrue(html.contains("<table"), html);
        assertTrue(html.contains("<div class=\"admonition note\">\n<p class=\"admonition-title\">Heads up</p>"), html);
        assertTrue(html.contains("id=\"t\""), html);
    }

    @Test
    void tabsDetailsAndMermaidFencesRenderAsTheThemeExpects() {
        String html = renderer.render("""
                === "curl"

                    ```bash
                    curl x
                    ```

                === "Java"

                    Call `client.status()`.

                ??? note "Closed"
                    Hidden body.

                ```mermaid
                graph LR; a-->b
                ```
                """);
        assertTrue(html.contains("<div class=\"tabbed-set tabbed-alternate\">\n<div class=\"tabbed-labels\">"
                + "<label>curl</label><label>Java</label></div>\n<div class=\"tabbed-content\">\n"
                + "<div class=\"tabbed-block\">\n<pre><code class=\"language-bash\">curl x"), html);
        assertTrue(html.contains("<code>client.status()</code>"), html);
        assertTrue(html.contains("<details class=\"note\">\n<summary>Closed</summary>\n<p>Hidden body.</p>"), html);
        assertTrue(html.contains("class=\"language-mermaid\""), html);
    }

    @Test
    void linesAfterTabsAreStillReportedAtTheirSourceLine() {
        Diagnostics diagnostics = new Diagnostics();
        MarkdownPages.render(List.of(new MarkdownPages.Source("index.md",
                "# Home\n\n=== \"A\"\n\n    [in a tab](missing-a.md)\n\n=== \"B\"\n\n    b\n\n[after](missing-b.md)\n",
                0, "index.md")), Set.of(), renderer, diagnostics);
        List<Integer> lines = diagnostics.sorted().stream().map(Diagnostic::line).toList();
        assertEquals(List.of(5, 11), lines);
    }
}
