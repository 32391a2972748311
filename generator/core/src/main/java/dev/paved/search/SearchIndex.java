package dev.paved.search;

import dev.paved.io.Sha256;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * A Lucene index of the portal's search documents, built in memory at build time and exported as the static
 * files the browser queries ({@link #export()}).
 *
 * <p>Document numbers are the order documents were given in: entities first, so they win ties.
 */
public final class SearchIndex implements Closeable {

    /** Scores need term frequencies and lengths, not positions: no phrase queries, and a smaller, faster index. */
    private static final FieldType TERMS_AND_FREQUENCIES = new FieldType();

    static {
        TERMS_AND_FREQUENCIES.setTokenized(true);
        TERMS_AND_FREQUENCIES.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TERMS_AND_FREQUENCIES.freeze();
    }

    private final List<ByteBuffersDirectory> directories;
    private final IndexReader reader;
    private final List<SearchDocument> documents;

    private SearchIndex(List<ByteBuffersDirectory> directories, IndexReader reader,
                        List<SearchDocument> documents) {
        this.directories = directories;
        this.reader = reader;
        this.documents = documents;
    }

    /** The fewest and most documents of a part indexed on its own; parts are then joined in order. */
    private static final int MIN_PART = 1024;
    private static final int MAX_PART = 8192;
    /** A part ends after a document whose URL hashes to one in this many, once it has {@link #MIN_PART}. */
    private static final int SPREAD = 1024;
    /** Changes when what a part holds does. */
    private static final String PART_FORMAT = "search-part/1";

    /**
     * Indexed parts kept between builds: a part's index files, under a key naming every document it holds. A part
     * whose documents are unchanged is read rather than indexed again; the joined index is the same.
     */
    public interface Parts {
        /** The files kept under {@code key}, when there are. */
        Optional<Map<String, byte[]>> find(String key);

        /** Keeps a part's files under {@code key}. */
        void keep(String key, Map<String, byte[]> files);

        /** Keeps nothing. */
        Parts NONE = new Parts() {
            @Override
            public Optional<Map<String, byte[]>> find(String key) {
                return Optional.empty();
            }

            @Override
            public void keep(String key, Map<String, byte[]> files) {
            }
        };
    }

    /** Indexes the documents, in order, as {@link #build(List, Parts)} does with nothing kept. */
    public static SearchIndex build(List<SearchDocument> documents) {
        return build(documents, Parts.NONE);
    }

    /**
     * Indexes the documents, in order. Contiguous parts are analysed and indexed in parallel, each into its own
     * in-memory index of one segment, and read as one index, the segments in their order, so document numbers are
     * the documents' positions whatever the number of threads (scores and statistics are those of one segment:
     * nothing is deleted). A part ends where a document's URL says so (see {@link #SPREAD}), so that adding or removing
     * a page changes the part that holds it and no other: the others are taken from {@code kept} when it has them.
     */
    public static SearchIndex build(List<SearchDocument> documents, Parts kept) {
        List<int[]> ranges = parts(documents);
        try {
            List<ByteBuffersDirectory> parts = ranges.parallelStream()
                    .map(r -> part(documents, r[0], r[1], kept)).toList();
            List<IndexReader> readers = new ArrayList<>();
            for (ByteBuffersDirectory part : parts) {
                readers.add(DirectoryReader.open(part));
            }
            return new SearchIndex(parts, new MultiReader(readers.toArray(IndexReader[]::new), true),
                    List.copyOf(documents));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
    }

    private static IndexWriterConfig config() {
        return new IndexWriterConfig(SearchAnalyzer.forIndex())
                .setSimilarity(new QuantizedSimilarity())
                .setRAMBufferSizeMB(256)
                .setMergePolicy(new LogDocMergePolicy()) // merges neighbours only: document numbers keep their order
                .setCommitOnClose(true);
    }

    /** Where parts begin and end: [from, to) of each, in order. */
    static List<int[]> parts(List<SearchDocument> documents) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < documents.size(); i++) {
            int size = i + 1 - start;
            // The product's high bits mix all of the hash's bits (its low bits only the hash's low bits).
            if (size >= MAX_PART || size >= MIN_PART && (documents.get(i).url().hashCode() * 0x9E3779B1)
                    >>> (32 - Integer.numberOfTrailingZeros(SPREAD)) == 0) {
                out.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (start < documents.size()) {
            out.add(new int[] {start, documents.size()});
        }
        return out;
    }

    /** A part's index: kept, or indexed (and kept). */
    private static ByteBuffersDirectory part(List<SearchDocument> documents, int from, int to, Parts kept) {
        String key = partKey(documents.subList(from, to));
        Optional<ByteBuffersDirectory> found = kept.find(key).flatMap(SearchIndex::directory);
        if (found.isPresent()) {
            return found.get();
        }
        ByteBuffersDirectory part = indexPart(documents, from, to);
        try {
            Map<String, byte[]> files = new TreeMap<>();
            for (String name : part.listAll()) {
                try (IndexInput in = part.openInput(name, IOContext.READONCE)) {
                    byte[] bytes = new byte[Math.toIntExact(in.length())];
                    in.readBytes(bytes, 0, bytes.length);
                    files.put(name, bytes);
                }
            }
            kept.keep(key, files);
        } catch (IOException | ArithmeticException e) {
            // not kept: indexed again next time
        }
        return part;
    }

    /** A part's index from its files; empty when they do not open as one. */
    private static Optional<ByteBuffersDirectory> directory(Map<String, byte[]> files) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                try (IndexOutput out = directory.createOutput(file.getKey(), IOContext.DEFAULT)) {
                    out.writeBytes(file.getValue(), file.getValue().length);
                }
            }
            try (DirectoryReader check = DirectoryReader.open(directory)) {
                return check.leaves().size() == 1 ? Optional.of(directory) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // indexed again
        }
    }

    /** Names a part by everything indexed of its documents, in order. */
    private static String partKey(List<SearchDocument> documents) {
        MessageDigest sha = Sha256.digest();
        Sha256.addFramed(sha, PART_FORMAT);
        for (SearchDocument d : documents) {
            Sha256.addFramed(sha, d.url());
            for (SearchField f : SearchField.values()) {
                Sha256.addFramed(sha, d.field(f));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static ByteBuffersDirectory indexPart(List<SearchDocument> documents, int from, int to) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, config())) {
            for (int n = from; n < to; n++) {
                SearchDocument d = documents.get(n);
                Document doc = new Document();
                // Its URL, not its number: a part kept between builds may start elsewhere.
                doc.add(new StoredField("url", d.url()));
                for (SearchField f : SearchField.values()) {
                    // Empty fields too: they get norm 0 and no terms (scores unchanged), and dense norms make
                    // writing postings several times faster than sparse ones.
                    doc.add(new Field(f.field(), d.field(f), TERMS_AND_FREQUENCIES));
                }
                writer.addDocument(doc);
            }
            writer.forceMerge(1);
            writer.commit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents, by document number. */
    public List<SearchDocument> documents() {
        return documents;
    }

    /** A searcher scoring as the exported index does. */
    IndexSearcher searcher() {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new QuantizedSimilarity());
        return searcher;
    }

    /**
     * The static index: files to write under the site's {@code search/} folder, by path relative to it. The
     * entry point is {@value StaticIndex#MANIFEST}; every other file sits in a folder named by a hash of the
     * content, so it can be cached forever and a publish can upload the new folder before switching the manifest.
     */
    public Map<String, byte[]> export() {
        try {
            return new StaticIndexWriter(searcher(), documents).write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of every Lucene document, in document number order: the documents' order. */
    List<String> documentUrls() throws IOException {
        List<String> out = new ArrayList<>(reader.maxDoc());
        var stored = reader.storedFields();
        for (int i = 0; i < reader.maxDoc(); i++) {
            out.add(stored.document(i).get("url"));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            reader.close();
            for (ByteBuffersDirectory directory : directories) {
                directory.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SearchField> fields() {
        return new ArrayList<>(List.of(SearchField.values()));
    }
}
