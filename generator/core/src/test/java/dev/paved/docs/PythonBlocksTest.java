package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Blocks Python-Markdown starts where flexmark would not, or the other way round (each page's structure checked
 * against Python-Markdown 3.4.1 with admonition and pymdownx 9.5's superfences).
 */
class PythonBlocksTest {

    private static Document render(String markdown) {
        return Jsoup.parse(new MarkdownRenderer().render(markdown));
    }

    @Test
    void aFenceWithAnOptionSuperfencesDoesNotKnowIsText() {
        // Python-Markdown: the header is a paragraph, "# mkdocs.yml" a heading, and the closing fence opens a code
        // block that runs to the next fence.
        Document page = render("""
                ```yaml tab="Source"
                # mkdocs.yml
                site_name: Example
                ```

                ```python title="app.py" hl_lines="1"
                print("hi")
                ```
                """);
        assertEquals("```yaml tab=\"Source\"", page.selectFirst("p").text());
        assertEquals("mkdocs.yml", page.selectFirst("h1").ownText());
        assertEquals(1, page.select("pre").size(), page.html());
        assertTrue(page.selectFirst("pre").text().contains("```python title=\"app.py\" hl_lines=\"1\""), page.html());
    }

    @Test
    void knownOptionsAndInlineCodeAreLeftAsTheyAre() {
        Document page = render("""
                ```python title="app.py" hl_lines="1 2-3" linenums="1"
                print("hi")
                ```

                ```data.sector``` is a value.
                """);
        assertEquals("print(\"hi\")", page.selectFirst("pre code").text());
        assertEquals("data.sector", page.selectFirst("p code").text());
        assertFalse(PythonBlocks.superFence("python hl_lines=\"first\""));
        assertTrue(PythonBlocks.superFence("{.python .numbered}"));
        assertTrue(PythonBlocks.superFence("plantuml format=\"svg\" alt=\"Diagram\""), "read by the diagram extension");
    }

    @Test
    void anAdmonitionBodyIndentedAsCodeIsReadOneLevelLess() {
        // Python-Markdown 3.4 dedents such a body twice (and puts it in the title's paragraph): code without indent.
        Document page = render("""
                !!! info "Example"
                            site_name: Cats
                            nav: []
                """);
        assertEquals("site_name: Cats\nnav: []\n", page.selectFirst(".admonition pre code").wholeText());
        assertEquals("Example", page.selectFirst(".admonition-title").text());
    }

    @Test
    void aBlockElementIsRawHtmlToItsClosingTagBlankLinesAndAll() {
        // Python-Markdown: <details> without a markdown attribute keeps its Markdown as text, to </details>.
        Document page = render("""
                <details>
                  <summary>Getting started</summary>

                - [Creating forms](Creating-forms)

                <div>nested</div>

                </details>

                After **bold**.
                """);
        assertTrue(page.select("details a, details li").isEmpty(), page.html());
        assertTrue(page.selectFirst("details").text().contains("[Creating forms](Creating-forms)"), page.html());
        assertEquals("bold", page.selectFirst("p strong").text());
        assertFalse(page.html().contains("<!--"), "the comments that hold the block together are dropped");
    }

    @Test
    void anElementMarkedMarkdownIsStillMarkdown() {
        Document page = render("""
                <div markdown="1">

                - [Creating forms](Creating-forms)

                </div>
                """);
        assertEquals("Creating-forms", page.selectFirst("div li a").attr("href"));
    }
}
