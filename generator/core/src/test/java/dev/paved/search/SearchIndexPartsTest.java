package dev.paved.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index built from parts kept by an earlier build is the index built from nothing, and a build with one page
 * edited, added or removed indexes only the part that holds it. An index of several parts ranks as Lucene does.
 */
class SearchIndexPartsTest {

    private static final String[] WORDS = {"billing", "invoice", "parcel", "route", "depot", "label", "tracking",
            "kafka", "grpc", "schema", "runbook", "deploy", "alert", "latency", "owner", "queue"};

    /** Parts kept in memory, counting what was indexed. */
    private static final class Memory implements SearchIndex.Parts {
        final Map<String, Map<String, byte[]>> kept = new HashMap<>();
        int indexed;

        @Override
        public Optional<Map<String, byte[]>> find(String key) {
            return Optional.ofNullable(kept.get(key));
        }

        @Override
        public void keep(String key, Map<String, byte[]> files) {
            indexed++;
            kept.put(key, files);
        }
    }

    @Test
    void onePageChangedIndexesOnePartAndTheIndexIsTheSame() {
        List<SearchDocument> documents = documents(9000);
        int parts = SearchIndex.parts(documents).size();
        assertTrue(parts >= 3, "several parts: " + parts);

        Memory memory = new Memory();
        assertSameIndex(documents, memory);
        assertEquals(parts, memory.indexed, "a first build indexes every part");

        memory.indexed = 0;
        assertSameIndex(documents, memory);
        assertEquals(0, memory.indexed, "nothing changed: nothing indexed");

        List<SearchDocument> edited = new ArrayList<>(documents);
        SearchDocument page = edited.get(4321);
        edited.set(4321, new SearchDocument(page.url(), page.title(), page.context(), page.facets(),
                Map.of(SearchField.TITLE, page.title(), SearchField.TEXT, page.field(SearchField.TEXT)
                        + " zyxnewword")));
        memory.indexed = 0;
        assertSameIndex(edited, memory);
        assertEquals(1, memory.indexed, "one page edited: its part indexed");

        List<SearchDocument> added = new ArrayList<>(edited);
        added.add(2500, document("added.html", new Random(7)));
        memory.indexed = 0;
        assertSameIndex(added, memory);
        assertTrue(memory.indexed <= 2, "one page added: its part indexed (split in two at most): "
                + memory.indexed);

        List<SearchDocument> removed = new ArrayList<>(added);
        removed.remove(7000);
        memory.indexed = 0;
        assertSameIndex(removed, memory);
        assertTrue(memory.indexed <= 2, "one page removed: its part indexed (joined with the next at most): "
                + memory.indexed);
    }

    @Test
    void anIndexOfManyPartsRanksAsLucene(@TempDir Path site) throws IOException {
        List<SearchDocument> documents = documents(6000);
        assertTrue(SearchIndex.parts(documents).size() >= 3, "several parts");
        try (SearchIndex index = SearchIndex.build(documents)) {
            for (Map.Entry<String, byte[]> file : index.export().entrySet()) {
                Path p = site.resolve("search").resolve(file.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, file.getValue());
            }
            StaticIndex exported = StaticIndex.open(site);
            List<String> differ = new ArrayList<>();
            int found = 0;
            for (String word : WORDS) {
                for (String query : List.of(word + "7", word + "42 " + WORDS[word.length() % WORDS.length] + "3")) {
                    List<String> plan = exported.plan(query);
                    BooleanQuery.Builder lucene = new BooleanQuery.Builder();
                    for (String term : plan) {
                        for (SearchField f : SearchField.values()) {
                            lucene.add(new BoostQuery(new TermQuery(new Term(f.field(), term)), f.boost()),
                                    BooleanClause.Occur.SHOULD);
                        }
                    }
                    List<String> expected = new ArrayList<>();
                    for (ScoreDoc d : index.searcher().search(lucene.build(), 10).scoreDocs) {
                        expected.add(d.doc + ":" + Math.round(d.score * QuantizedSimilarity.SCALE));
                    }
                    List<String> actual = exported.search(query, Map.of(), 10).hits().stream()
                            .map(h -> h.document() + ":" + h.score()).toList();
                    found += expected.size();
                    if (!expected.equals(actual)) {
                        differ.add(query + ": Lucene " + expected + ", exported " + actual);
                    }
                }
            }
            assertTrue(found > 100, "the queries find documents: " + found);
            assertEquals(List.of(), differ);
        }
    }

    @Test
    void aDamagedPartIsIndexedAgain() {
        List<SearchDocument> documents = documents(3000);
        Memory memory = new Memory();
        assertSameIndex(documents, memory);
        memory.kept.replaceAll((key, files) -> {
            Map<String, byte[]> damaged = new HashMap<>(files);
            String first = new TreeSet<>(files.keySet()).first();
            damaged.put(first, new byte[] {1, 2, 3});
            return damaged;
        });
        memory.indexed = 0;
        assertSameIndex(documents, memory);
        assertEquals(SearchIndex.parts(documents).size(), memory.indexed, "every damaged part indexed again");
    }

    /** Builds with {@code parts} and without, and compares every exported file. */
    private static void assertSameIndex(List<SearchDocument> documents, SearchIndex.Parts parts) {
        Map<String, byte[]> expected;
        try (SearchIndex index = SearchIndex.build(documents)) {
            expected = index.export();
        }
        Map<String, byte[]> actual;
        try (SearchIndex index = SearchIndex.build(documents, parts)) {
            actual = index.export();
        }
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }

    private static List<SearchDocument> documents(int count) {
        Random random = new Random(16);
        List<SearchDocument> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(document("page-" + i + ".html", random));
        }
        return out;
    }

    private static SearchDocument document(String url, Random random) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 20 + random.nextInt(30); w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(200)).append(' ');
        }
        String title = WORDS[random.nextInt(WORDS.length)] + " " + url;
        return new SearchDocument(url, title, "Docs", Map.of("kind", "component"),
                Map.of(SearchField.TITLE, title, SearchField.TEXT, text.toString()));
    }
}
