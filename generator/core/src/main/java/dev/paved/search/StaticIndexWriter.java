package dev.paved.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;

/**
 * Writes a Lucene index as static files (format in {@link StaticIndex}): every term's postings across all fields
 * merged into one list of (document, score), the scores computed by Lucene's own similarity from its own
 * statistics and norms, so that adding them up gives exactly what {@link IndexSearcher} gives.
 */
final class StaticIndexWriter {

    /** A shard is closed once its terms take this many bytes before compression. */
    static final int SHARD_BYTES = 12 * 1024;
    /** A term whose postings take more bytes than this gets a file of its own, fetched only when queried. */
    static final int OWN_FILE_BYTES = 2 * 1024;
    static final int CHUNK_DOCS = 16;
    static final int EXCERPT_CHARS = 320;
    /** Hex digits of the content hash in every file name (three bytes in a shard's pointer to a postings file). */
    static final int HASH_CHARS = 6;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IndexSearcher searcher;
    private final List<SearchDocument> documents;
    private final Map<String, byte[]> files = new TreeMap<>();

    StaticIndexWriter(IndexSearcher searcher, List<SearchDocument> documents) {
        this.searcher = searcher;
        this.documents = documents;
    }

    Map<String, byte[]> write() throws IOException {
        List<String> firstTerms = new ArrayList<>();
        writeTerms(searcher.getIndexReader().leaves(), firstTerms);
        writeDocuments();
        writeFacets();
        // Every file's name carries a hash of its content, so a publish writes only the files whose content
        // changed, and a reader never mixes versions: the manifest names the exact files of one build. The
        // numbered files' hashes go in the manifest in number order; a postings file is named by its shard.
        String[] termHashes = new String[firstTerms.size()];
        String[] docHashes = new String[(documents.size() + CHUNK_DOCS - 1) / CHUNK_DOCS];
        String facetsHash = "";
        Map<String, byte[]> named = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String path = e.getKey();
            if (path.startsWith("p/")) {
                named.put(path, e.getValue());
                continue;
            }
            String h = hash(e.getValue());
            int dot = path.indexOf('.');
            named.put(path.substring(0, dot) + "." + h + path.substring(dot), e.getValue());
            if (path.startsWith("t/")) {
                termHashes[Integer.parseInt(path.substring(2, dot))] = h;
            } else if (path.startsWith("d/")) {
                docHashes[Integer.parseInt(path.substring(2, dot))] = h;
            } else {
                facetsHash = h;
            }
        }
        String tHashes = String.join("", termHashes);
        String dHashes = String.join("", docHashes);
        Map<String, byte[]> out = new TreeMap<>();
        named.entrySet().parallelStream().map(e -> Map.entry(e.getKey(), gzip(e.getValue()))).toList()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        out.put(StaticIndex.MANIFEST, manifest(firstTerms, tHashes, dHashes, facetsHash));
        return out;
    }


    private void writeTerms(List<LeafReaderContext> leaves, List<String> firstTerms) throws IOException {
        TreeSet<String> vocabulary = new TreeSet<>(); // String order: the order the browser compares in
        for (LeafReaderContext leaf : leaves) {
            for (SearchField f : SearchField.values()) {
                Terms terms = leaf.reader().terms(f.field());
                if (terms == null) {
                    continue;
                }
                TermsEnum e = terms.iterator();
                for (BytesRef t = e.next(); t != null; t = e.next()) {
                    vocabulary.add(t.utf8ToString());
                }
            }
        }
        long[][] norms = norms(leaves);
        // Postings are computed for ranges of the vocabulary in parallel, then laid out in shards in order.
        List<String> ordered = new ArrayList<>(vocabulary);
        int ranges = Math.max(1, Math.min(4 * Runtime.getRuntime().availableProcessors(), ordered.size() / 2000));
        List<byte[][]> computed = java.util.stream.IntStream.range(0, ranges).parallel()
                .mapToObj(r -> postings(leaves, norms, ordered.subList(r * ordered.size() / ranges,
                        (r + 1) * ordered.size() / ranges)))
                .flatMap(List::stream).toList();
        ByteSink shard = new ByteSink();
        int shardTerms = 0;
        int ownFiles = 0;
        for (int t = 0; t < ordered.size(); t++) {
            String term = ordered.get(t);
            byte[] postings = computed.get(t)[0];
            int count = computed.get(t)[1].length == 0 ? 0 : readInt(computed.get(t)[1]);
            if (shardTerms == 0) {
                firstTerms.add(term);
            }
            byte[] utf8 = term.getBytes(StandardCharsets.UTF_8);
            shard.varint(utf8.length);
            shard.bytes(utf8, utf8.length);
            shard.varint(count);
            if (postings.length > OWN_FILE_BYTES) {
                String h = hash(postings);
                files.put("p/" + ownFiles + "." + h + ".bin", postings);
                shard.varint(++ownFiles);
                byte[] raw = HexFormat.of().parseHex(h);
                shard.bytes(raw, raw.length);
            } else {
                shard.varint(0);
                shard.bytes(postings, postings.length);
            }
            shardTerms++;
            if (shard.size() >= SHARD_BYTES) {
                files.put("t/" + (firstTerms.size() - 1) + ".bin", shard.toByteArray());
                shard.reset();
                shardTerms = 0;
            }
        }
        if (shardTerms > 0) {
            files.put("t/" + (firstTerms.size() - 1) + ".bin", shard.toByteArray());
        }
    }

    /**
     * For each term, in order: its encoded postings and its document count (4 bytes). A term's statistics are summed
     * over the segments, as {@link IndexSearcher} sums them, and its documents numbered from each segment's base.
     */
    private List<byte[][]> postings(List<LeafReaderContext> leaves, long[][] norms, List<String> terms) {
        try {
            Similarity similarity = searcher.getSimilarity();
            int maxDoc = searcher.getIndexReader().maxDoc();
            int[] scores = new int[maxDoc];
            int[] touched = new int[maxDoc];
            ByteSink postings = new ByteSink();
            SearchField[] fields = SearchField.values();
            TermsEnum[][] enums = new TermsEnum[fields.length][leaves.size()];
            PostingsEnum[][] reuse = new PostingsEnum[fields.length][leaves.size()];
            boolean[] found = new boolean[leaves.size()];
            CollectionStatistics[] collections = new CollectionStatistics[fields.length];
            for (int i = 0; i < fields.length; i++) {
                collections[i] = searcher.collectionStatistics(fields[i].field());
                for (int l = 0; l < leaves.size(); l++) {
                    Terms t = leaves.get(l).reader().terms(fields[i].field());
                    enums[i][l] = t == null ? null : t.iterator();
                }
            }
            // Each segment's terms are walked forward once, in their (UTF-8 byte) order, rather than looked up in
            // every segment for every term: most terms are in a few segments only.
            BytesRef[] terms8 = terms.stream().map(BytesRef::new).toArray(BytesRef[]::new);
            Integer[] order = new Integer[terms8.length];
            Arrays.setAll(order, n -> n);
            Arrays.sort(order, (a, b) -> terms8[a].compareTo(terms8[b]));
            BytesRef[][] current = new BytesRef[fields.length][leaves.size()];
            boolean[][] started = new boolean[fields.length][leaves.size()];
            byte[][][] out = new byte[terms8.length][][];
            for (int index : order) {
                int count = 0;
                BytesRef bytes = terms8[index];
                for (int i = 0; i < fields.length; i++) {
                    SearchField f = fields[i];
                    int docFreq = 0;
                    long totalTermFreq = 0;
                    for (int l = 0; l < leaves.size(); l++) {
                        TermsEnum e = enums[i][l];
                        found[l] = e != null && advance(e, i, l, bytes, current, started);
                        if (found[l]) {
                            docFreq += e.docFreq();
                            totalTermFreq += e.totalTermFreq();
                        }
                    }
                    if (docFreq == 0) {
                        continue;
                    }
                    var stats = searcher.termStatistics(new Term(f.field(), bytes), docFreq, totalTermFreq);
                    Similarity.SimScorer scorer = similarity.scorer(f.boost(), collections[i], stats);
                    for (int l = 0; l < leaves.size(); l++) {
                        if (!found[l]) {
                            continue;
                        }
                        int base = leaves.get(l).docBase;
                        PostingsEnum docs = enums[i][l].postings(reuse[i][l], PostingsEnum.FREQS);
                        reuse[i][l] = docs;
                        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
                            int doc = base + d;
                            int q = QuantizedSimilarity.quantized(scorer.score(docs.freq(), norms[i][doc]));
                            if (scores[doc] == 0) {
                                touched[count++] = doc;
                            }
                            scores[doc] += q;
                        }
                    }
                }
                Arrays.sort(touched, 0, count);
                postings.reset();
                int last = 0;
                for (int i = 0; i < count; i++) {
                    int doc = touched[i];
                    postings.varint(doc - last);
                    postings.varint(scores[doc]);
                    last = doc;
                    scores[doc] = 0;
                }
                out[index] = new byte[][] {postings.toByteArray(), intBytes(count)};
            }
            return Arrays.asList(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory
        }
    }

    /**
     * Moves a segment's terms forward to {@code target}, given in increasing order: whether the segment has it (the
     * enumeration then stands on it).
     */
    private static boolean advance(TermsEnum e, int field, int leaf, BytesRef target, BytesRef[][] current,
                                   boolean[][] started) throws IOException {
        BytesRef at = current[field][leaf];
        if (!started[field][leaf]) {
            started[field][leaf] = true;
            at = e.seekCeil(target) == TermsEnum.SeekStatus.END ? null : e.term();
        } else {
            while (at != null && at.compareTo(target) < 0) {
                at = e.next();
            }
        }
        current[field][leaf] = at;
        return at != null && at.bytesEquals(target);
    }

    /**
     * Every document's norm of each field, by field and document number, read once rather than for each term (1
     * where a document has none).
     */
    private long[][] norms(List<LeafReaderContext> leaves) throws IOException {
        SearchField[] fields = SearchField.values();
        long[][] out = new long[fields.length][searcher.getIndexReader().maxDoc()];
        for (int i = 0; i < fields.length; i++) {
            Arrays.fill(out[i], 1L);
            for (LeafReaderContext leaf : leaves) {
                NumericDocValues values = leaf.reader().getNormValues(fields[i].field());
                if (values == null) {
                    continue;
                }
                for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                    out[i][leaf.docBase + d] = values.longValue();
                }
            }
        }
        return out;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int readInt(byte[] b) {
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private void writeDocuments() throws IOException {
        for (int start = 0; start < documents.size(); start += CHUNK_DOCS) {
            ArrayNode chunk = JSON.createArrayNode();
            for (SearchDocument d : documents.subList(start, Math.min(documents.size(), start + CHUNK_DOCS))) {
                ArrayNode row = chunk.addArray();
                row.add(d.url()).add(d.title()).add(d.context()).add(excerpt(d.field(SearchField.TEXT)));
            }
            files.put("d/" + (start / CHUNK_DOCS) + ".json.gz", JSON.writeValueAsBytes(chunk));
        }
    }

    private void writeFacets() throws IOException {
        ObjectNode facets = JSON.createObjectNode();
        for (String facet : SearchDocument.FACETS) {
            TreeSet<String> values = new TreeSet<>();
            documents.forEach(d -> {
                String v = d.facets().get(facet);
                if (v != null && !v.isEmpty()) {
                    values.add(v);
                }
            });
            List<String> ordered = new ArrayList<>(values);
            Map<String, Integer> ordinal = new LinkedHashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                ordinal.put(ordered.get(i), i + 1);
            }
            ObjectNode node = facets.putObject(facet);
            ArrayNode names = node.putArray("values");
            ordered.forEach(names::add);
            ArrayNode docs = node.putArray("docs");
            documents.forEach(d -> docs.add(ordinal.getOrDefault(d.facets().getOrDefault(facet, ""), 0)));
        }
        files.put("facets.json.gz", JSON.writeValueAsBytes(facets));
    }

    private byte[] manifest(List<String> firstTerms, String termHashes, String docHashes, String facetsHash)
            throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", StaticIndex.FORMAT);
        m.put("base", "");
        ObjectNode hashes = m.putObject("hashes");
        hashes.put("t", termHashes);
        hashes.put("d", docHashes);
        hashes.put("facets", facetsHash);
        m.put("documents", documents.size());
        m.put("chunkSize", CHUNK_DOCS);
        m.put("scale", QuantizedSimilarity.SCALE);
        m.put("maxTokenLength", SearchAnalyzer.MAX_TOKEN_LENGTH);
        m.put("minPrefix", QueryPlan.MIN_PREFIX);
        m.put("maxExpansions", QueryPlan.MAX_EXPANSIONS);
        m.put("maxPrefixShards", QueryPlan.MAX_PREFIX_SHARDS);
        m.put("maxTerms", QueryPlan.MAX_TERMS);
        ArrayNode stop = m.putArray("stopWords");
        new TreeSet<>(SearchAnalyzer.STOP_WORDS.stream().map(o -> new String((char[]) o)).toList())
                .forEach(stop::add);
        ArrayNode fields = m.putObject("fields").putArray("boosts");
        for (SearchField f : SearchField.values()) {
            fields.addObject().put("field", f.field()).put("boost", f.boost());
        }
        ArrayNode facets = m.putArray("facets");
        SearchDocument.FACETS.forEach(facets::add);
        ArrayNode shards = m.putArray("shards");
        firstTerms.forEach(shards::add);
        return JSON.writeValueAsBytes(m);
    }

    /** The start of a text with runs of white space made one space, cut at a word within {@value #EXCERPT_CHARS}. */
    static String excerpt(String text) {
        StringBuilder out = new StringBuilder(EXCERPT_CHARS + 1);
        boolean space = false;
        int i = 0;
        for (; i < text.length() && out.length() <= EXCERPT_CHARS; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        boolean more = out.length() > EXCERPT_CHARS;
        for (int j = i; j < text.length() && !more; j++) {
            more = !Character.isWhitespace(text.charAt(j));
        }
        if (!more) {
            return out.toString();
        }
        int cut = out.lastIndexOf(" ", EXCERPT_CHARS);
        return out.substring(0, cut > EXCERPT_CHARS / 2 ? cut : Math.min(out.length(), EXCERPT_CHARS)) + "…";
    }

    /** The first {@value #HASH_CHARS} hex digits of a file's SHA-256: enough to tell two versions of one file apart. */
    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory
        }
        return out.toByteArray();
    }

    /** A growable byte buffer with unsigned LEB128 varints. */
    static final class ByteSink {
        private byte[] buf = new byte[1024];
        private int size;

        void varint(int value) {
            int v = value;
            while ((v & ~0x7F) != 0) {
                put((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            put((byte) v);
        }

        void bytes(byte[] b, int length) {
            ensure(length);
            System.arraycopy(b, 0, buf, size, length);
            size += length;
        }

        private void put(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        int size() {
            return size;
        }

        byte[] buffer() {
            return buf;
        }

        void reset() {
            size = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
