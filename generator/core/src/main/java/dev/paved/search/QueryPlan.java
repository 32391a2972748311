package dev.paved.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which index terms a query looks up. The browser's search module computes the same plan; both then add up the
 * terms' precomputed scores. The plan is:
 * <ol>
 *   <li>the query's analyzed terms (see {@link SearchAnalyzer}), distinct, the first {@value #MAX_TERMS};</li>
 *   <li>when the query ends inside a word (the user is typing it), completions of that word's last token and last
 *       part, lower-cased and unstemmed, of at least {@value #MIN_PREFIX} chars: the {@value #MAX_EXPANSIONS}
 *       index terms starting with it that occur in the most documents (ties: the smaller term). Completions are
 *       only looked for when the prefix's terms lie in at most {@value #MAX_PREFIX_SHARDS} shards, so a short
 *       prefix of a large index costs no more downloads than a word.</li>
 * </ol>
 */
final class QueryPlan {

    static final int MIN_PREFIX = 2;
    static final int MAX_EXPANSIONS = 8;
    static final int MAX_PREFIX_SHARDS = 2;
    static final int MAX_TERMS = 32;

    /** The term dictionary as the plan sees it: sorted shards of (term, document count). */
    interface Dictionary {
        /** The shard whose range holds {@code term}: the last one whose first term is not after it, or -1. */
        int shardOf(String term);

        /** The terms of a shard with how many documents each occurs in, in order. */
        Map<String, Integer> terms(int shard);
    }

    private static final SearchAnalyzer QUERY = SearchAnalyzer.forQuery();
    private static final SearchAnalyzer PREFIX = SearchAnalyzer.forPrefix();

    private QueryPlan() {
    }

    static List<String> terms(String query, Dictionary dictionary) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (SearchAnalyzer.Token t : QUERY.tokens(query)) {
            if (out.size() == MAX_TERMS) {
                break;
            }
            out.add(t.term());
        }
        for (String prefix : openPrefixes(query)) {
            out.addAll(completions(prefix, dictionary));
        }
        return List.copyOf(out);
    }

    /** The lower-cased tokens ending where the query ends, when it ends in a letter or digit. */
    static List<String> openPrefixes(String query) {
        if (query.isEmpty() || !Character.isLetterOrDigit(query.codePointBefore(query.length()))) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (SearchAnalyzer.Token t : PREFIX.tokens(query)) {
            if (t.endOffset() == query.length() && t.term().length() >= MIN_PREFIX) {
                out.add(t.term());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> completions(String prefix, Dictionary dictionary) {
        int first = Math.max(0, dictionary.shardOf(prefix));
        int last = dictionary.shardOf(prefix + '\uffff');
        if (last < 0 || last - first + 1 > MAX_PREFIX_SHARDS) {
            return List.of();
        }
        List<Map.Entry<String, Integer>> found = new ArrayList<>();
        for (int s = first; s <= last; s++) {
            dictionary.terms(s).entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).forEach(found::add);
        }
        found.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Integer.compare(b.getValue(), a.getValue())
                : a.getKey().compareTo(b.getKey()));
        return found.stream().limit(MAX_EXPANSIONS).map(Map.Entry::getKey).toList();
    }
}
