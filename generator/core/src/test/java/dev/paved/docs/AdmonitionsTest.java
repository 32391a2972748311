package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Admonitions and collapsible blocks as TechDocs renders them (each expected fragment is what Python-Markdown 3.4.1
 * with {@code admonition} and {@code pymdownx.details} 9.5 gave for the same Markdown, blank lines aside).
 */
class AdmonitionsTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String render(String markdown) {
        return renderer.render(markdown).replaceAll("\n+", "\n").strip();
    }

    @Test
    void titleIsMarkdownAndTheDefaultTitleIsTheType() {
        assertEquals("<div class=\"admonition note\">\n<p class=\"admonition-title\">Title <strong>bold</strong> and "
                + "<code>code</code></p>\n<p>Body</p>\n</div>", render("!!! note \"Title **bold** and `code`\"\n    Body\n"));
        assertEquals("<div class=\"admonition warning\">\n<p class=\"admonition-title\">Warning</p>\n<p>Careful</p>\n"
                + "</div>", render("!!! Warning\n    Careful\n"));
    }

    @Test
    void smartSymbolsAndOrdinalsInATitle() {
        assertEquals("<div class=\"admonition note\">\n<p class=\"admonition-title\">The 1<sup>st</sup> step ©</p>\n"
                + "<p>x</p>\n</div>", render("!!! note \"The 1st step (c)\"\n    x\n"));
    }

    @Test
    void anEmptyTitleLeavesTheTitleOut() {
        assertEquals("<div class=\"admonition note\">\n<p>no title</p>\n</div>", render("!!! note \"\"\n    no title\n"));
    }

    @Test
    void aTypeNoThemeKnowsIsKeptAsWritten() {
        assertEquals("<div class=\"admonition test\">\n<p class=\"admonition-title\">Custom</p>\n<p>x</p>\n</div>",
                render("!!! test \"Custom\"\n    x\n"));
    }

    @Test
    void collapsibleBlocksAreDetailsOpenWithAPlus() {
        assertEquals("<details class=\"tip\">\n<summary><strong>Sum</strong></summary>\n<p>Hidden</p>\n</details>",
                render("??? tip \"**Sum**\"\n    Hidden\n"));
        assertEquals("<details class=\"warning\" open>\n<summary>Warning</summary>\n<p>open</p>\n</details>",
                render("???+ Warning\n    open\n"));
    }

    @Test
    void aLinkInATitleIsRewrittenAndReportedAtItsLine() {
        List<String> seen = new ArrayList<>();
        MarkdownRenderer.Parsed page = renderer.parse("# Page\n\ntext\n\n!!! danger \"See [the guide](guide.md)\"\n"
                + "    b\n", 3);
        String html = renderer.render(page, (url, line) -> {
            seen.add(url + "@" + line);
            return "guide/";
        });
        assertTrue(html.contains("<p class=\"admonition-title\">See <a href=\"guide/\">the guide</a></p>"), html);
        assertEquals(List.of("guide.md@8"), seen, "line 5 of the Markdown after 3 lines of front matter");
    }

    @Test
    void rawHtmlInATitleStaysInTheTitle() {
        String html = render("!!! danger \"A <b>bold\"\n    body\n");
        assertTrue(html.contains("<p class=\"admonition-title\">A <b>bold</b></p>\n<p>body</p>"), html);
    }
}
