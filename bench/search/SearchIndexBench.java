// Times Paved's search index build alone: `java -cp generator/cli/target/paved.jar bench/search/SearchIndexBench.java
// OUT_SITE SOURCE...`. Reads the sources as `paved build` does (not timed), then times collecting the search
// documents, indexing them with Lucene and exporting the static index, and writes the index under OUT_SITE/search.
// Prints one line: documents, index_s (collect + Lucene + export), bytes, files.
import dev.paved.pipeline.Pipeline;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.search.SearchDocument;
import dev.paved.search.SearchIndex;
import dev.paved.site.SearchDocuments;
import dev.paved.site.SiteGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

public class SearchIndexBench {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<Path> sources = Arrays.stream(args, 1, args.length).map(Path::of).toList();
        PavedConfig config = ConfigReader.read(Path.of("."), new Diagnostics()).withSources(sources).withOutput(out);
        SiteGenerator.Input input = Pipeline.read(config, Pipeline.Options.defaults(), new Diagnostics());
        int warmups = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "0"));
        for (int i = 0; i < warmups; i++) { // for profiling the steady state; a real build runs once
            try (SearchIndex index = SearchIndex.build(SearchDocuments.of(input))) {
                index.export();
            }
        }
        long start = System.nanoTime();
        List<SearchDocument> docs = SearchDocuments.of(input);
        long collected = System.nanoTime();
        Map<String, byte[]> files;
        long indexed;
        try (SearchIndex index = SearchIndex.build(docs)) {
            indexed = System.nanoTime();
            files = index.export();
        }
        System.err.printf("collect %.2f s, lucene %.2f s, export %.2f s%n", (collected - start) / 1e9,
                (indexed - collected) / 1e9, (System.nanoTime() - indexed) / 1e9);
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = out.resolve("search").resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
            bytes += f.getValue().length;
        }
        System.out.printf("documents %d index_s %.2f bytes %d files %d%n", docs.size(), seconds, bytes, files.size());
    }
}
