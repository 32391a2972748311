package dev.paved.search;

import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * Lucene's BM25 with every per-term, per-field score rounded to a multiple of {@code 1/}{@value #SCALE} (and at
 * least that). Rounded scores are what the static index stores as integers; sums of them are exact in floats, so
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
        SimScorer exact = bm25.scorer(boost, collectionStats, termStats);
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

    /** The stored integer form of a BM25 score. */
    static int quantized(float score) {
        return Math.max(1, Math.round(score * SCALE));
    }
}
