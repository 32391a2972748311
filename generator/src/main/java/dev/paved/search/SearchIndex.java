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
import org.apache.lucene.document.TextField;
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

    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final List<SearchDocument> documents;

    private SearchIndex(ByteBuffersDirectory directory, DirectoryReader reader, List<SearchDocument> documents) {
        this.directory = directory;
        this.reader = reader;
        this.documents = documents;
    }

    /** Indexes the documents, in order. */
    public static SearchIndex build(List<SearchDocument> documents) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzer.forIndex())
                .setSimilarity(new QuantizedSimilarity())
                .setRAMBufferSizeMB(256)
                .setMergePolicy(new LogDocMergePolicy()) // merges neighbours only: document numbers keep their order
                .setCommitOnClose(true);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            int n = 0;
            for (SearchDocument d : documents) {
                Document doc = new Document();
                doc.add(new StoredField("n", n++));
                for (SearchField f : SearchField.values()) {
                    String text = d.field(f);
                    if (!text.isEmpty()) {
                        doc.add(new TextField(f.field(), text, Field.Store.NO));
                    }
                }
                writer.addDocument(doc);
            }
            writer.forceMerge(1);
            writer.commit();
            DirectoryReader reader = DirectoryReader.open(directory);
            return new SearchIndex(directory, reader, List.copyOf(documents));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
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
