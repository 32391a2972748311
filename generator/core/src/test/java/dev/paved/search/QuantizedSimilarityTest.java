package dev.paved.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.CollectionStatistics;
import org.junit.jupiter.api.Test;

/** The average field length BM25 sees moves in steps, so one edited page does not move every score. */
class QuantizedSimilarityTest {

    @Test
    void anEditLeavesTheAverageLengthWhereItWas() {
        CollectionStatistics before = new CollectionStatistics("text", 10_000, 10_000, 6_000_000, 3_000_000);
        CollectionStatistics after = new CollectionStatistics("text", 10_000, 10_000, 6_000_007, 3_000_005);
        long steady = QuantizedSimilarity.steadyLength(before).sumTotalTermFreq();
        assertEquals(steady, QuantizedSimilarity.steadyLength(after).sumTotalTermFreq());
        assertTrue(steady >= 6_000_007 && steady < 6_000_000 * 1.045, "rounded up, by less than a step: " + steady);

        CollectionStatistics doubled = new CollectionStatistics("text", 10_000, 10_000, 12_000_000, 6_000_000);
        assertNotEquals(steady, QuantizedSimilarity.steadyLength(doubled).sumTotalTermFreq(), "a real change shows");
    }
}
