package dev.paved.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ConditionalTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Analysis for engineering text, the same at index and query time and mirrored by the browser's search module
 * ({@code themes/default/assets/search.js}):
 * <ol>
 *   <li>tokens are runs of letters and digits ({@link Character#isLetterOrDigit(int)}), at most
 *       {@value #MAX_TOKEN_LENGTH} chars;</li>
 *   <li>{@link WordDelimiterGraphFilter} splits on case changes and letter/digit changes, keeping the original
 *       ({@code CustomerApi} gives {@code CustomerApi}, {@code Customer}, {@code Api}), so that
 *       {@code customer-api}, {@code customer_api} and {@code CustomerApi} all match {@code customer api};</li>
 *   <li>lower case, English stop words removed, and Lucene's minimal English (plural) stemmer.</li>
 * </ol>
 * The plural-only stemmer is chosen because the browser must stem exactly as Lucene does: it is a handful of rules,
 * where Porter's stemmer would be a second implementation to keep identical.
 */
final class SearchAnalyzer extends Analyzer {

    static final int MAX_TOKEN_LENGTH = CharTokenizer.DEFAULT_MAX_WORD_LEN;
    static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    static final int SPLIT_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private final boolean forIndex;
    private final boolean stemAndStop;

    private SearchAnalyzer(boolean forIndex, boolean stemAndStop) {
        this.forIndex = forIndex;
        this.stemAndStop = stemAndStop;
    }

    /** The analyzer documents are indexed with. */
    static SearchAnalyzer forIndex() {
        return new SearchAnalyzer(true, true);
    }

    /** The analyzer queries are analyzed with. */
    static SearchAnalyzer forQuery() {
        return new SearchAnalyzer(false, true);
    }

    /** Lower-cased tokens and parts without stemming or stop words: what a prefix being typed is matched with. */
    static SearchAnalyzer forPrefix() {
        return new SearchAnalyzer(false, false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
        // The splitter only runs on tokens it would split: it passes the others through unchanged, at a cost.
        TokenStream stream = new ConditionalTokenFilter(tokenizer, in -> new WordDelimiterGraphFilter(in, true,
                WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, SPLIT_FLAGS, null)) {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

            @Override
            protected boolean shouldFilter() {
                return splits(term.buffer(), term.length());
            }
        };
        // No FlattenGraphFilter at index time: positions are not indexed (see SearchIndex), so the token graph the
        // splitter makes does not matter, and flattening it cost a third of indexing time.
        stream = new LowerCaseFilter(stream);
        if (stemAndStop) {
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new EnglishMinimalStemFilter(stream);
        }
        return new TokenStreamComponents(tokenizer, stream);
    }

    /**
     * Whether {@link WordDelimiterGraphFilter} with {@link #SPLIT_FLAGS} would split a token of letters and
     * digits: at a change from lower case to upper case, or between letters and digits.
     */
    static boolean splits(char[] text, int length) {
        int last = type(text[0]);
        for (int i = 1; i < length; i++) {
            int type = type(text[i]);
            if ((type & last) == 0 && !((last & UPPER) != 0 && (type & ALPHA) != 0)) {
                return true;
            }
            last = type;
        }
        return false;
    }

    private static final int UPPER = 0x02;
    private static final int ALPHA = 0x03;

    private static int type(char c) {
        return c < WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.length
                ? WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE[c] : WordDelimiterIterator.getType(c);
    }

    /** A term and where in the text its token ends. */
    record Token(String term, int endOffset) {
    }

    /** The tokens of a text, in order, duplicates kept. */
    List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream stream = tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(new Token(term.toString(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String
        }
        return out;
    }
}
