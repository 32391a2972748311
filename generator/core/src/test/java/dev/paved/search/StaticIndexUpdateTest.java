package dev.paved.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported index changes where the text changed: files are named by their content, so after one page gains a
 * sentence most files keep their names (a publish skips them) and the manifest names only current files.
 */
class StaticIndexUpdateTest {

    private static final String[] WORDS = ("parcel route depot label invoice customer driver scan tracking billing "
            + "warehouse shipment courier address postcode weight volume pallet truck van bike locker pickup return "
            + "refund tariff zone hub sorter conveyor barcode manifest carrier schedule slot window delay exception")
            .split(" ");

    @Test
    void editingOnePageRewritesFewFiles(@TempDir Path dir) throws IOException {
        List<SearchDocument> before = documents(1_500, -1);
        List<SearchDocument> after = documents(1_500, 1_234);
        Map<String, byte[]> first = export(before);
        Map<String, byte[]> second = export(after);

        Set<String> rewritten = new HashSet<>(second.keySet());
        rewritten.removeAll(first.keySet());
        rewritten.remove(StaticIndex.MANIFEST);
        int total = second.size() - 1;
        assertTrue(total > 100, "a multi-file index: " + total);
        assertTrue(rewritten.stream().anyMatch(f -> f.startsWith("t/")), "the new words' shards: " + rewritten);
        assertTrue(rewritten.size() * 10 < total, rewritten.size() + " of " + total + " files rewritten: " + rewritten);
        // Unchanged names have unchanged bytes: nothing is cached under a name whose content moved.
        for (String f : second.keySet()) {
            if (first.containsKey(f) && !f.equals(StaticIndex.MANIFEST)) {
                assertEquals(java.util.Arrays.hashCode(first.get(f)), java.util.Arrays.hashCode(second.get(f)), f);
            }
        }
        // The new word is found, from exactly the files the new manifest names.
        Path site = dir.resolve("search");
        for (Map.Entry<String, byte[]> e : second.entrySet()) {
            Path p = site.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        StaticIndex index = StaticIndex.open(dir);
        StaticIndex.Results results = index.search("zyxnewword", Map.of(), 5);
        assertEquals(1, results.total());
        assertEquals("page-1234.html", results.hits().get(0).url());
    }

    private static Map<String, byte[]> export(List<SearchDocument> documents) {
        try (SearchIndex index = SearchIndex.build(documents)) {
            return index.export();
        }
    }

    /** Deterministic pages of random words; page {@code edited} gains a sentence with a new word. */
    private static List<SearchDocument> documents(int count, int edited) {
        Random random = new Random(42);
        List<SearchDocument> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 150 + random.nextInt(100); w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(500)).append(' ');
            }
            if (i == edited) {
                text.append("The zyxnewword service was added.");
            }
            out.add(new SearchDocument("page-" + i + ".html", "Page " + i, "Docs", Map.of("kind", "Component"),
                    Map.of(SearchField.TITLE, "Page " + i, SearchField.TEXT, text.toString())));
        }
        return out;
    }
}
