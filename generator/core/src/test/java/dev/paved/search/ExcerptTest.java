package dev.paved.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a search result shows of a document's text: its start, white space made single, cut at a word. */
class ExcerptTest {

    @Test
    void shortTextIsShownWholeWithoutTrailingSpace() {
        assertEquals("Billing runs nightly.", StaticIndexWriter.excerpt("  Billing \n runs\tnightly.   \n\n"));
    }

    @Test
    void longTextIsCutAtAWordAndSaysSo() {
        String text = "word ".repeat(200);
        String excerpt = StaticIndexWriter.excerpt(text);
        assertTrue(excerpt.endsWith("word…"), excerpt);
        assertTrue(excerpt.length() <= StaticIndexWriter.EXCERPT_CHARS + 1, excerpt.length() + " chars");
    }

    @Test
    void textEndingJustAtTheLimitIsNotMarkedCut() {
        String text = "x".repeat(StaticIndexWriter.EXCERPT_CHARS) + "   ";
        assertEquals("x".repeat(StaticIndexWriter.EXCERPT_CHARS), StaticIndexWriter.excerpt(text));
    }
}
