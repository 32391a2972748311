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
    void unmatchedMarksStayText() {
        assertEquals("a == b and 2 ^ 3", inline("a == b and 2 ^ 3"));
        assertEquals("x = ==y", inline("x = ==y"));
    }
}
