package dev.paved.cli;

import dev.paved.config.PavedConfig;
import dev.paved.pipeline.Pipeline;
import dev.paved.crawl.Crawler;
import dev.paved.crawl.Repository;
import dev.paved.crawl.RepositorySource;
import dev.paved.diagnostic.Diagnostics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paved crawl}: fetches the configured repositories alone and says what each holds. */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Fetches the repositories of paved.yaml (or --repo) into the cache, as a build does, and prints "
                + "per repository its commit, catalog files and docs. Unchanged repositories cost one ls-remote, or "
                + "nothing when an organisation's listing shows the marker of their last change unchanged.")
final class CrawlCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Option(names = "--repo", paramLabel = "URL", description = "A repository to crawl instead of the configured "
            + "ones (repeatable).")
    List<String> repos = new ArrayList<>();

    @Option(names = "--threads", description = "Repositories fetched at once. Default: "
            + Crawler.Options.DEFAULT_THREADS + ".")
    Integer threads;

    @Option(names = "--no-blob-filter", description = "Fetch each repository's whole last tree instead of trees "
            + "first and then only the needed files (for servers that mishandle partial clone).")
    boolean noBlobFilter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Diagnostics diagnostics = new Diagnostics();
        PavedConfig config = project.load(diagnostics, List.of());
        List<RepositorySource> sources = repos.isEmpty() ? config.repositories()
                : repos.stream().<RepositorySource>map(u -> new RepositorySource.Single(Repository.of(u))).toList();
        if (sources.isEmpty()) {
            err.println("paved crawl: no repositories: add repositories to paved.yaml or use --repo URL");
            return 2;
        }
        Crawler.Options options = Pipeline.crawlOptions(config).withBlobFilter(!noBlobFilter);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        List<Crawler.Crawled> crawled = Pipeline.crawl(config.withRepositories(sources, false), options,
                CrawlProgress.to(err), diagnostics);
        DiagnosticPrinter.print(diagnostics.sorted(), err);
        for (Crawler.Crawled c : crawled) {
            out.printf("%s %s %s%n", c.repository().name(), c.status(), c.commit());
            c.checkout().ifPresent(dir -> {
                Map<String, List<String>> read = Pipeline.filesRead(dir, c.repository().catalogPaths());
                read.get("catalog").forEach(p -> out.println("  catalog " + p));
                read.get("docs").forEach(p -> out.println("  docs    " + p));
                read.get("gitops").forEach(p -> out.println("  gitops  " + p));
            });
            if (!c.error().isEmpty()) {
                out.println("  error   " + c.error());
            }
        }
        long failed = crawled.stream().filter(c -> c.status().equals("failed") || c.status().equals("stale"))
                .count();
        out.println(crawled.size() + " repositories, " + failed + " failed, cache " + config.cache());
        return 0;
    }
}
