package dev.paved.pipeline;

import dev.paved.catalog.CatalogSource;
import dev.paved.crawl.Crawler;
import dev.paved.crawl.RepositorySource;
import dev.paved.credential.Redact;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Crawl: fetches the configured repositories (only the files the later stages read) into the cache. */
final class CrawlStage {

    /**
     * @param repositories the repositories and organisations to crawl
     * @param options      the cache, parallelism and the files to fetch
     * @param progress     hears how it goes
     */
    record Input(List<RepositorySource> repositories, Crawler.Options options, Crawler.Progress progress) {
    }

    /**
     * @param repositories every repository and how its crawl went
     * @param sources      the catalog files of the repositories with files
     */
    record Output(List<Crawler.Crawled> repositories, List<CatalogSource> sources) {
    }

    private CrawlStage() {
    }

    static Stage<Output> run(Input in) {
        return Stage.run("crawl", diagnostics -> {
            if (in.repositories().isEmpty()) {
                return new Output(List.of(), List.of());
            }
            List<Crawler.Crawled> crawled;
            try {
                crawled = new Crawler(in.options()).crawl(in.repositories(), diagnostics, in.progress());
            } catch (IOException e) {
                diagnostics.error(SourcePosition.of(in.options().cache().toString()), Code.REPOSITORY_UNREACHABLE,
                        "could not crawl: " + Redact.message(e.getMessage()));
                return new Output(List.of(), List.of());
            }
            List<CatalogSource> sources = new ArrayList<>();
            crawled.forEach(c -> c.checkout().ifPresent(dir -> sources.addAll(CatalogSource.inRepository(dir,
                    c.repository().catalogPaths()))));
            return new Output(crawled, sources);
        });
    }
}
