package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Footnotes as MkDocs writes them (the expected HTML is what Python-Markdown 3.4.1 gave for the same page). */
class FootnotesTest {

    @Test
    void numberedInTheOrderDefinedAndAnchoredByLabel() {
        String html = new MarkdownRenderer().render("A[^1] b[^note] c[^1].\n\n[^1]: First.\n[^note]: Second\n"
                + "    para two.\n");
        String expected = "<p>A<sup id=\"fnref:1\"><a class=\"footnote-ref\" href=\"#fn:1\">1</a></sup> "
                + "b<sup id=\"fnref:note\"><a class=\"footnote-ref\" href=\"#fn:note\">2</a></sup> "
                + "c<sup id=\"fnref2:1\"><a class=\"footnote-ref\" href=\"#fn:1\">1</a></sup>.</p>";
        assertEquals(expected, html.substring(0, html.indexOf("</p>") + 4).strip());
        org.jsoup.nodes.Element notes = org.jsoup.Jsoup.parseBodyFragment(html).selectFirst("div.footnote");
        assertEquals(java.util.List.of("fn:1", "fn:note"), notes.select("li").eachAttr("id"));
        assertEquals("First.\u00a0↩↩", notes.select("li").get(0).selectFirst("p").wholeText());
        assertEquals(java.util.List.of("#fnref:1", "#fnref2:1"),
                notes.select("li").get(0).select("p > a.footnote-backref").eachAttr("href"));
        assertEquals("Jump back to footnote 2 in the text",
                notes.select("li").get(1).selectFirst("p > a.footnote-backref").attr("title"));
    }
}
