package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * pymdown-extensions' inline marks, as TechDocs renders them (each expected fragment is what Python-Markdown 3.4 with
 * pymdownx 9.5 gave for the same line).
 */
class InlineMarksTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String inline(String markdown) {
        String html = renderer.render(markdown).strip();
        return html.substring("<p>".length(), html.length() - "</p>".length());
    }

    @Test
    void markCaretAndTilde() {
        assertEquals("<mark>highlighted</mark> text", inline("==highlighted== text"));
        assertEquals("<ins>inserted</ins> text", inline("^^inserted^^ text"));
        assertEquals("H<sub>2</sub>O and x<sup>2</sup>", inline("H~2~O and x^2^"));
        assertEquals("<del>struck</del>", inline("~~struck~~"));
    }

    @Test
    void smartSymbols() {
        assertEquals("™ © (C) ® ℅ ± → ← ↔ ≠ ¼ ½ ¾ ⅓ ⅔ ⅛ ⅞ ⅚ 1<sup>st</sup> 2<sup>nd</sup> 3<sup>rd</sup> 4<sup>th</sup> "
                + "11<sup>th</sup> 21<sup>st</sup> 101<sup>st</sup>", inline("(tm) (c) (C) (r) c/o +/- --> <-- "
                + "<--> =/= 1/4 1/2 3/4 1/3 2/3 1/8 7/8 5/6 1st 2nd 3rd 4th 11th 21st 101st"));
        assertEquals("a→b x©y ½x 10/20 21/4 a1st 2st", inline("a-->b x(c)y 1/2x 10/20 21/4 a1st 2st"));
        assertEquals("<code>(c)</code> and ©", inline("`(c)` and (c)"));
    }

    @Test
    void keys() {
        assertEquals("Press <span class=\"keys\"><kbd class=\"key-control\">Ctrl</kbd><span>+</span>"
                + "<kbd class=\"key-alt\">Alt</kbd><span>+</span><kbd class=\"key-delete\">Del</kbd></span>",
                inline("Press ++ctrl+alt+del++"));
        assertEquals("<span class=\"keys\"><kbd class=\"key-control\">Ctrl</kbd></span> then "
                + "<span class=\"keys\"><kbd class=\"key-alt\">Alt</kbd></span>", inline("++ctrl++ then ++alt++"));
        assertEquals("<span class=\"keys\"><kbd class=\"key-num-plus\">Num +</kbd></span>", inline("++add++"));
        assertEquals("<span class=\"keys\"><kbd class=\"key-control\">Ctrl</kbd><span>+</span><kbd>x\"y</kbd>"
                + "</span>", inline("++ctrl+\"x\\\"y\"++"));
        assertEquals("<span class=\"keys\"><kbd>single</kbd></span>", inline("++'single'++"));
        assertEquals("++Ctrl+A++ ++ctrl + a++ ++ctrl+foo++", inline("++Ctrl+A++ ++ctrl + a++ ++ctrl+foo++"));
        assertEquals("<code>++ctrl++</code>", inline("`++ctrl++`"));
    }

    @Test
    void unmatchedMarksStayText() {
        assertEquals("a == b and 2 ^ 3", inline("a == b and 2 ^ 3"));
        assertEquals("x = ==y", inline("x = ==y"));
    }
}
