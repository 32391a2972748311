package dev.paved.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

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

    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final List<SearchDocument> documents;

    private SearchIndex(ByteBuffersDirectory directory, DirectoryReader reader, List<SearchDocument> documents) {
        this.directory = directory;
        this.reader = reader;
        this.documents = documents;
    }

    /** Documents per part indexed on its own thread; parts are then joined in order. */
    private static final int PART_SIZE = 4096;

    /**
     * Indexes the documents, in order. Contiguous parts are analysed and indexed in parallel, each into its own
     * in-memory index, and joined in their order, so document numbers are the documents' positions whatever the
     * number of threads.
     */
    public static SearchIndex build(List<SearchDocument> documents) {
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s < documents.size(); s += PART_SIZE) {
            starts.add(s);
        }
        try {
            List<ByteBuffersDirectory> parts = starts.parallelStream()
                    .map(s -> indexPart(documents, s, Math.min(documents.size(), s + PART_SIZE))).toList();
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, config())) {
                List<DirectoryReader> readers = new ArrayList<>();
                for (ByteBuffersDirectory part : parts) {
                    readers.add(DirectoryReader.open(part));
                }
                List<CodecReader> segments = new ArrayList<>();
                readers.forEach(r -> r.leaves().forEach(l -> segments.add((CodecReader) l.reader())));
                writer.addIndexes(segments.toArray(CodecReader[]::new)); // one segment, in the given order
                writer.forceMerge(1);
                writer.commit();
                for (DirectoryReader r : readers) {
                    r.close();
                }
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            return new SearchIndex(directory, reader, List.copyOf(documents));
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

    private static ByteBuffersDirectory indexPart(List<SearchDocument> documents, int from, int to) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, config())) {
            for (int n = from; n < to; n++) {
                SearchDocument d = documents.get(n);
                Document doc = new Document();
                doc.add(new StoredField("n", n));
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

    /** The document number of every Lucene document, checked to be the insertion order. */
    int[] documentNumbers() throws IOException {
        int[] out = new int[reader.maxDoc()];
        var stored = reader.storedFields();
        for (int i = 0; i < out.length; i++) {
            out[i] = stored.document(i).getField("n").numericValue().intValue();
        }
        return out;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SearchField> fields() {
        return new ArrayList<>(List.of(SearchField.values()));
    }
}
