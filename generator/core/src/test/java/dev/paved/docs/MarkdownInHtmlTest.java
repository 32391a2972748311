package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code md_in_html} as TechDocs renders it (each expected fragment is what Python-Markdown 3.4.1 with
 * {@code md_in_html} and {@code attr_list} gave for the same Markdown, blank lines aside).
 */
class MarkdownInHtmlTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String render(String markdown) {
        return renderer.render(markdown).replaceAll("\n+", "\n").strip();
    }

    @Test
    void theContentOfAnElementMarkedMarkdownIsMarkdown() {
        assertEquals("<div>\n<p><em>a</em></p>\n<div class=\"x\">\n<p><strong>b</strong></p>\n</div>\n</div>",
                render("<div markdown>\n*a*\n<div class=\"x\" markdown=\"1\">\n**b**\n</div>\n</div>\n"));
    }

    @Test
    void aFigureWithAnImageAndCaption() {
        assertEquals("<figure>\n<p><img src=\"shot.png\" alt=\"Shot\" width=\"250\"></p>\n"
                + "<figcaption>The menu.</figcaption>\n</figure>",
                render("<figure markdown>\n![Shot](shot.png){ width=\"250\" }\n<figcaption>The menu.</figcaption>\n"
                        + "</figure>\n"));
    }

    @Test
    void contentIndentedUnderItsTagIsCodeOnlyAtTheTopLevel() {
        assertEquals("<figure>\n<pre><code>![Shot](shot.png)\n</code></pre>\n</figure>",
                render("<figure markdown>\n    ![Shot](shot.png)\n</figure>\n"));
        // In an admonition Python-Markdown keeps the element as HTML and renders the image inside it.
        String html = render("!!! note\n    <figure markdown>\n        ![Shot](shot.png)\n    </figure>\n");
        assertTrue(html.contains("<img src=\"shot.png\" alt=\"Shot\">") && !html.contains("<code>"), html);
    }

    @Test
    void withoutTheAttributeHtmlStaysRawAndInlineElementsAreNotBlocks() {
        assertEquals("<div>\n*raw*\n</div>", render("<div>\n*raw*\n</div>\n"));
        assertEquals("<p><span><em>x</em></span> after</p>", render("<span markdown>*x*</span> after\n"));
    }

    @Test
    void onlyPythonMarkdownsBlockElementsStartAnHtmlBlock() {
        // <span> alone on its line starts an HTML block in CommonMark; in Python-Markdown it is inline HTML.
        assertEquals("<p><span>\n<em>x</em>\n</span></p>", render("<span>\n*x*\n</span>\n"));
        String html = render("<center>\n  Ask on [Slack](https://example.com/slack)\n</center>\n");
        assertTrue(html.contains("<a href=\"https://example.com/slack\">Slack</a>"), html);
    }

    @Test
    void anElementInFencedCodeIsLeftAsWritten() {
        assertEquals("<pre><code>&lt;div markdown&gt;\n*a*\n&lt;/div&gt;\n</code></pre>",
                render("```\n<div markdown>\n*a*\n</div>\n```\n"));
    }
}
