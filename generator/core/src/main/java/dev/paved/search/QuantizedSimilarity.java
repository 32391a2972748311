package dev.paved.search;

import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * Lucene's BM25 with every per-term, per-field score rounded to a multiple of {@code 1/}{@value #SCALE} (and at
 * least that), and the average field length held steady in steps (see {@link #steadyLength}). Rounded scores are what the static index stores as integers; sums of them are exact in floats, so
 * a query's score is the same whether Lucene's {@code IndexSearcher} adds them or the browser does, in any order,
 * and ties are real ties (broken by document number, lowest first, as Lucene does).
 */
final class QuantizedSimilarity extends Similarity {

    /** Scores are stored as {@code round(score * SCALE)}. */
    static final int SCALE = 256;

    private final BM25Similarity bm25 = new BM25Similarity();

    @Override
    public long computeNorm(FieldInvertState state) {
        return bm25.computeNorm(state);
    }

    @Override
    public SimScorer scorer(float boost, CollectionStatistics collectionStats, TermStatistics... termStats) {
        SimScorer exact = bm25.scorer(boost, steadyLength(collectionStats), termStats);
        return new SimScorer() {
            @Override
            public float score(float freq, long norm) {
                return quantized(exact.score(freq, norm)) / (float) SCALE;
            }

            @Override
            public Explanation explain(Explanation freq, long norm) {
                Explanation bm = exact.explain(freq, norm);
                return Explanation.match(score(freq.getValue().floatValue(), norm), "BM25 rounded to 1/" + SCALE,
                        bm);
            }
        };
    }

    /**
     * The statistics with the average field length rounded up to a step of a sixteenth of an octave (4.4 %): an edit
     * to one page moves the true average by far less, so it leaves every other document's scores, and the index
     * files holding them, as they were. Rounding up keeps the statistics consistent (at least one occurrence per
     * posting).
     */
    static CollectionStatistics steadyLength(CollectionStatistics stats) {
        if (stats.docCount() <= 0 || stats.sumTotalTermFreq() <= 0) {
            return stats;
        }
        double average = (double) stats.sumTotalTermFreq() / stats.docCount();
        double steady = Math.pow(2, Math.ceil(Math.log(average) / Math.log(2) * LENGTH_STEPS) / LENGTH_STEPS);
        long sum = Math.max(stats.sumTotalTermFreq(), (long) Math.ceil(steady * stats.docCount()));
        return new CollectionStatistics(stats.field(), stats.maxDoc(), stats.docCount(), sum, stats.sumDocFreq());
    }

    /** Steps per doubling of the average field length. */
    private static final int LENGTH_STEPS = 16;

    /** The stored integer form of a BM25 score. */
    static int quantized(float score) {
        return Math.max(1, Math.round(score * SCALE));
    }
}
