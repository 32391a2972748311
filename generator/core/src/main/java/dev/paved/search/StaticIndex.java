package dev.paved.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A portal's exported search index, read from its files: what {@code paved search} answers from, with the same
 * plan and arithmetic as the browser.
 *
 * <p>Format 2, under the site's {@code search/} folder. Every file but the manifest has a hash of its content
 * ({@code <h>}, six hex digits) in its name, so files of two builds never mix and a publish rewrites only what
 * changed:
 * <ul>
 *   <li>{@code manifest.json}: the parameters of analysis and planning, the facets, the first term of every shard,
 *       and {@code hashes}: {@code t} and {@code d}, the hashes of the numbered files in order, concatenated, and
 *       {@code facets};</li>
 *   <li>{@code t/<n>.<h>.bin}, gzip: shard {@code n}'s terms, in Java {@code String} order; for each: UTF-8
 *       length and bytes, document count, then 0 and the postings, or {@code k > 0} and three hash bytes for
 *       postings in {@code p/<k-1>.<h>.bin}; postings are (document-number delta, score) pairs; every number an
 *       unsigned LEB128 varint and every score {@code round(BM25 × boost × scale)} summed over fields;</li>
 *   <li>{@code d/<n>.<h>.json.gz}: documents {@code n×chunkSize …}, each {@code [url, title, context, excerpt]};</li>
 *   <li>{@code facets.<h>.json.gz}: per facet its values and each document's value (1-based, 0 for none).</li>
 * </ul>
 */
public final class StaticIndex {

    /** The entry point, relative to the site's search folder. */
    public static final String MANIFEST = "manifest.json";
    /** The version of the file layout. */
    public static final int FORMAT = 2;
    /** Bytes of content hash in file names (hex: twice as many characters). */
    static final int HASH_BYTES = StaticIndexWriter.HASH_CHARS / 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One result.
     *
     * @param document the document number
     * @param score    the score, in units of {@code 1/scale}
     * @param url      the result's URL relative to the site root
     */
    public record Hit(int document, int score, String url, String title, String context, String excerpt) {
    }

    /**
     * The answer to a query.
     *
     * @param total  how many documents matched (after filters)
     * @param hits   the best ones, best first
     * @param facets per facet, how many of the matches have each value
     * @param terms  the index terms that were looked up
     */
    public record Results(int total, List<Hit> hits, Map<String, Map<String, Integer>> facets, List<String> terms) {
    }

    private final Path folder;
    private final JsonNode manifest;
    private final List<String> firstTerms;
    private final Map<Integer, Shard> shards = new HashMap<>();
    private JsonNode facets;

    private StaticIndex(Path folder, JsonNode manifest) {
        this.folder = folder;
        this.manifest = manifest;
        List<String> first = new ArrayList<>();
        manifest.path("shards").forEach(n -> first.add(n.asText()));
        this.firstTerms = List.copyOf(first);
    }

    /**
     * Opens the index of a built site.
     *
     * @param site the site's root folder (the one with {@code search/})
     * @throws IOException when there is no index there or it has another format
     */
    public static StaticIndex open(Path site) throws IOException {
        Path folder = site.resolve("search");
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no search index at " + file + "; build the portal first (paved build)");
        }
        JsonNode manifest = JSON.readTree(file.toFile());
        if (manifest.path("format").asInt() != FORMAT) {
            throw new IOException(file + " has format " + manifest.path("format") + "; this Paved reads " + FORMAT);
        }
        String hashes = manifest.path("hashes").path("t").asText() + manifest.path("hashes").path("d").asText()
                + manifest.path("hashes").path("facets").asText();
        if (!manifest.path("base").asText().isEmpty() || !hashes.matches("[0-9a-f]*")) {
            throw new IOException(file + " names invalid index files");
        }
        return new StaticIndex(folder, manifest);
    }

    /** How many documents the index holds. */
    public int size() {
        return manifest.path("documents").asInt();
    }

    /**
     * Answers a query as the portal's search box does.
     *
     * @param filters facet values the results must have, e.g. {@code kind=API}
     * @param limit   how many hits to return
     */
    public Results search(String query, Map<String, String> filters, int limit) throws IOException {
        List<String> terms = plan(query);
        Map<Integer, Integer> scores = new HashMap<>();
        for (String term : terms) {
            int s = dictionary().shardOf(term);
            if (s < 0) {
                continue;
            }
            Shard shard = shard(s);
            Entry e = shard.entries.get(term);
            if (e == null) {
                continue;
            }
            byte[] data = e.file > 0 ? gunzip(read("p/" + (e.file - 1) + "." + e.hash + ".bin")) : shard.data;
            int pos = e.file > 0 ? 0 : e.offset;
            int doc = 0;
            int[] cursor = {pos};
            for (int i = 0; i < e.count; i++) {
                doc += varint(data, cursor);
                int score = varint(data, cursor);
                scores.merge(doc, score, Integer::sum);
            }
        }
        Map<String, int[]> facetDocs = new LinkedHashMap<>();
        Map<String, List<String>> facetValues = new LinkedHashMap<>();
        if (!scores.isEmpty()) {
            for (JsonNode f : manifest.path("facets")) {
                JsonNode node = facets().path(f.asText());
                List<String> values = new ArrayList<>();
                node.path("values").forEach(v -> values.add(v.asText()));
                int[] docs = new int[node.path("docs").size()];
                for (int i = 0; i < docs.length; i++) {
                    docs[i] = node.path("docs").get(i).asInt();
                }
                facetValues.put(f.asText(), values);
                facetDocs.put(f.asText(), docs);
            }
        }
        List<int[]> matches = new ArrayList<>();
        scores.forEach((doc, score) -> {
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                int[] docs = facetDocs.get(filter.getKey());
                if (docs == null || doc >= docs.length || docs[doc] == 0
                        || !facetValues.get(filter.getKey()).get(docs[doc] - 1).equals(filter.getValue())) {
                    return;
                }
            }
            matches.add(new int[] {doc, score});
        });
        matches.sort((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[0], b[0]));
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        facetDocs.forEach((facet, docs) -> {
            Map<String, Integer> c = new TreeMap<>();
            for (int[] m : matches) {
                if (m[0] < docs.length && docs[m[0]] > 0) {
                    c.merge(facetValues.get(facet).get(docs[m[0]] - 1), 1, Integer::sum);
                }
            }
            counts.put(facet, c);
        });
        List<Hit> hits = new ArrayList<>();
        for (int[] m : matches.subList(0, Math.min(limit, matches.size()))) {
            JsonNode row = document(m[0]);
            hits.add(new Hit(m[0], m[1], row.path(0).asText(), row.path(1).asText(), row.path(2).asText(),
                    row.path(3).asText()));
        }
        return new Results(matches.size(), hits, counts, terms);
    }

    /** The index terms a query looks up (see {@link QueryPlan}). */
    List<String> plan(String query) {
        return QueryPlan.terms(query, dictionary());
    }

    /** The scale scores are stored in. */
    int scale() {
        return manifest.path("scale").asInt();
    }

    private QueryPlan.Dictionary dictionary() {
        return new QueryPlan.Dictionary() {
            @Override
            public int shardOf(String term) {
                int i = Collections.binarySearch(firstTerms, term);
                return i >= 0 ? i : -i - 2;
            }

            @Override
            public Map<String, Integer> terms(int shard) {
                Map<String, Integer> out = new LinkedHashMap<>();
                shard(shard).entries.forEach((t, e) -> out.put(t, e.count));
                return out;
            }
        };
    }

    private record Entry(int count, int file, String hash, int offset) {
    }

    private record Shard(byte[] data, Map<String, Entry> entries) {
    }

    private Shard shard(int n) {
        return shards.computeIfAbsent(n, k -> {
            try {
                byte[] data = gunzip(read("t/" + k + "." + hash("t", k) + ".bin"));
                Map<String, Entry> entries = new LinkedHashMap<>();
                int[] cursor = {0};
                while (cursor[0] < data.length) {
                    int length = varint(data, cursor);
                    String term = new String(data, cursor[0], length, StandardCharsets.UTF_8);
                    cursor[0] += length;
                    int count = varint(data, cursor);
                    int file = varint(data, cursor);
                    String hash = null;
                    if (file > 0) {
                        hash = java.util.HexFormat.of().formatHex(data, cursor[0], cursor[0] + HASH_BYTES);
                        cursor[0] += HASH_BYTES;
                    }
                    entries.put(term, new Entry(count, file, hash, cursor[0]));
                    if (file == 0) {
                        for (int i = 0; i < 2 * count; i++) {
                            varint(data, cursor);
                        }
                    }
                }
                return new Shard(data, entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private JsonNode facets() throws IOException {
        if (facets == null) {
            facets = JSON.readTree(gunzip(read("facets." + manifest.path("hashes").path("facets").asText()
                    + ".json.gz")));
        }
        return facets;
    }

    private JsonNode document(int n) throws IOException {
        int chunk = manifest.path("chunkSize").asInt();
        JsonNode rows = JSON.readTree(gunzip(read("d/" + (n / chunk) + "." + hash("d", n / chunk) + ".json.gz")));
        return rows.path(n % chunk);
    }

    /** The content hash in the name of numbered file {@code n} of {@code kind} (t or d), from the manifest. */
    private String hash(String kind, int n) {
        String all = manifest.path("hashes").path(kind).asText();
        int chars = 2 * HASH_BYTES;
        if ((n + 1) * chars > all.length()) {
            throw new UncheckedIOException(new IOException("the search manifest names no file " + kind + "/" + n));
        }
        return all.substring(n * chars, (n + 1) * chars);
    }

    private byte[] read(String path) throws IOException {
        return Files.readAllBytes(folder.resolve(path));
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static int varint(byte[] data, int[] cursor) {
        int value = 0;
        int shift = 0;
        while (true) {
            byte b = data[cursor[0]++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }
}
