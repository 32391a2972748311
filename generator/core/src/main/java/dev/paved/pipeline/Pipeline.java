package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogRule;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RemoteTexts;
import dev.paved.catalog.RepositoryFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.crawl.Crawler;
import dev.paved.crawl.FileNeeds;
import dev.paved.crawl.RepositoryTree;
import dev.paved.crawl.UrlReader;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.diagnostic.Severity;
import dev.paved.docs.DocSet;
import dev.paved.docs.MarkdownRenderer;
import dev.paved.docs.PageStore;
import dev.paved.docs.TechDocsBuilder;
import dev.paved.gitops.DesiredState;
import dev.paved.gitops.GitOps;
import dev.paved.integrations.Integrations;
import dev.paved.integrations.Snapshots;
import dev.paved.metrics.DeliveryMetrics;
import dev.paved.publish.PublishTarget;
import dev.paved.publish.PublishTargets;
import dev.paved.publish.Publisher;
import dev.paved.scorecard.Scoreboard;
import dev.paved.site.ScaffoldWorkflow;
import dev.paved.site.SiteGenerator;
import dev.paved.site.SiteManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one door to Paved: every command, Maven goal and test builds through here.
 *
 * <p>A build is a pipeline of stages, each with a typed input and output and the problems it found:
 * <pre>
 *   crawl → catalog → integrations → gitops → docs → metrics → scores → site (assemble, then render) → search
 * </pre>
 * Problems never stop it: each stage reports them as {@link Diagnostic}s and the rest is built. Every problem is
 * known before the first page is written, so every page's problem count and each entity's problem list are final;
 * the problems pages are written last. {@link #publish} takes the built folder to a bucket, a branch or a folder.
 */
public final class Pipeline {

    /**
     * Every file of a repository some stage reads: the crawler fetches these and nothing else, and a local folder
     * offers the same.
     */
    public static final FileNeeds READS = FileNeeds.all(List.of(CatalogSource.NEEDS, TechDocsBuilder.NEEDS,
            Scoreboard.NEEDS, GitOps.NEEDS));

    /**
     * How to build.
     *
     * @param strict   whether warnings count as errors
     * @param threads  how many pages are rendered at once
     * @param progress hears how the crawl goes
     * @param cache    whether doc sets rendered by an earlier build (in the configuration's cache folder) are used
     *                 while what they read is unchanged; without, every doc set is rendered (the pages are the same)
     *                 and remote placeholders' texts are neither taken from nor kept in the crawl cache
     * @param configProblems the problems found reading the configuration ({@code paved.yaml}, its app-config): the
     *                 build's own, counted, listed and shown on the Problems pages with the rest
     */
    public record Options(boolean strict, int threads, Crawler.Progress progress, boolean cache,
                          List<Diagnostic> configProblems) {

        public Options {
            configProblems = List.copyOf(configProblems);
        }

        /** Options without problems in the configuration. */
        public Options(boolean strict, int threads, Crawler.Progress progress, boolean cache) {
            this(strict, threads, progress, cache, List.of());
        }

        /** Not strict, every core busy, the crawl's progress unheard, earlier builds' doc sets used. */
        public static Options defaults() {
            return new Options(false, Runtime.getRuntime().availableProcessors(), Crawler.Progress.lines(l -> { }),
                    true);
        }

        /** These options with the problems found reading the configuration. */
        public Options withConfigProblems(List<Diagnostic> problems) {
            return new Options(strict, threads, progress, cache, problems);
        }

        /** These options with {@code strict} set. */
        public Options withStrict(boolean on) {
            return new Options(on, threads, progress, cache, configProblems);
        }

        /** These options with another number of threads. */
        public Options withThreads(int n) {
            return new Options(strict, n, progress, cache, configProblems);
        }

        /** These options with the crawl's progress told to {@code to}. */
        public Options withProgress(Crawler.Progress to) {
            return new Options(strict, threads, to, cache, configProblems);
        }

        /** These options with the cache of rendered doc sets used or not. */
        public Options withCache(boolean on) {
            return new Options(strict, threads, progress, on, configProblems);
        }
    }

    /**
     * What one stage took.
     *
     * @param name     the stage
     * @param millis   how long it ran
     * @param problems how many problems it found
     */
    public record StageTime(String name, long millis, int problems) {
    }

    /**
     * What a build did.
     *
     * @param entities    how many entities the catalog holds
     * @param pages       how many HTML pages were written
     * @param diagnostics every problem found, sorted, with warnings raised to errors under {@code strict}
     * @param millis      how long it took
     * @param output      where the site is
     * @param stages      each stage's time and number of problems, in order
     */
    public record Result(int entities, long pages, List<Diagnostic> diagnostics, long millis, Path output,
                         List<StageTime> stages) {

        /** How many diagnostics have this severity. */
        public long count(Severity severity) {
            return Pipeline.count(diagnostics, severity);
        }

        /** One line: entities, pages, warnings, errors, seconds. */
        public String summary() {
            return String.format(Locale.ROOT, "Built %d entities, %d pages, %d warnings, %d errors in %.1f s",
                    entities, pages, count(Severity.WARNING), count(Severity.ERROR), millis / 1000.0);
        }

        /** One line: each stage's seconds. */
        public String timings() {
            return String.join(", ", stages.stream().map(s -> String.format(Locale.ROOT, "%s %.1f s", s.name(),
                    s.millis() / 1000.0)).toList());
        }
    }

    private Pipeline() {
    }

    /**
     * Builds the portal described by {@code config} into its output folder. The new site is written beside it and
     * takes its place only once complete, its {@link SiteManifest} last.
     *
     * @throws IOException when the site cannot be written (a full disk, a read-only folder, a folder holding files
     *                     Paved did not write, a theme that fails), saying so in one line; the previous site is then
     *                     as it was
     */
    public static Result build(PavedConfig config, Options options) throws IOException {
        long start = System.nanoTime();
        ExecutorService pool = Parallel.pool(options.threads());
        ExecutorService searchThread = Parallel.pool(1);
        try (PageStore store = PageStore.create()) {
            Read read = read(config, options, pool, Optional.of(store));
            SiteGenerator.Input siteInput = read.siteInput(config);
            Stage<SiteGenerator.Plan> assemble = Stage.run("assemble", d -> SiteGenerator.assemble(siteInput, d));
            List<Stage<?>> stages = new ArrayList<>(read.stages());
            stages.add(assemble);
            List<Diagnostic> problems = finish(stages, options.configProblems(), options.strict());

            // Every problem is known now: the pages are written with the final list. The search index is built
            // beside them, from what the pages show.
            CompletableFuture<Stage<Map<String, byte[]>>> search = CompletableFuture.supplyAsync(
                    () -> SearchStage.run(assemble.output().input(), options.cache()
                            ? Optional.of(config.cache().resolve("search")) : Optional.empty()), searchThread);
            SiteGenerator site = new SiteGenerator(config.theme(), config.projectDir());
            Stage<Long> render;
            try {
                render = Stage.run("site", failures -> {
                    try {
                        return site.render(assemble.output(), problems, config.output(), pool,
                                () -> search.join().output(), failures, options.cache()
                                        ? Optional.of(new SiteGenerator.Cache(config.cache().resolve("site"),
                                        CodeVersion.CURRENT)) : Optional.empty());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            stages.add(render);
            stages.add(search.join());
            return new Result(read.catalog.output().size(), render.output(), finish(stages,
                    options.configProblems(), options.strict()), (System.nanoTime() - start) / 1_000_000, config.output(),
                    stages.stream().map(Stage::time).toList());
        } finally {
            pool.shutdownNow();
            searchThread.shutdownNow();
        }
    }

    /**
     * Publishes a built site, the last stage: only what changed is written, entry points last, deletions capped. A
     * folder that is not a finished build (its {@link SiteManifest} is missing, or a file it lists is missing or
     * has another size) is refused before the target is opened.
     *
     * @param site    the built site's folder
     * @param target  {@code s3://bucket/prefix}, {@code git:<remote-url>#branch} or {@code dir:<path>}
     * @param access  how to reach the target (endpoint, region, git options)
     * @param options dry run, deletion cap, commit message
     * @param log     hears each step
     * @throws IOException when the site is not a finished build, or the target cannot be opened
     * @throws IllegalArgumentException when the target is not one Paved publishes to
     */
    public static Publisher.Result publish(Path site, String target, PublishTargets.Options access,
                                           Publisher.Options options, Consumer<String> log) throws IOException {
        SiteManifest.verify(site);
        try (PublishTarget opened = PublishTargets.open(target, access)) {
            return Publisher.publish(site, opened, options, log);
        }
    }

    /**
     * Reads everything the site shows without writing it: crawl, catalog, docs, scores and the site's assembly, as
     * {@code paved scorecard} runs them.
     *
     * @param problems receives every problem found
     */
    public static SiteGenerator.Input read(PavedConfig config, Options options, Diagnostics problems) {
        ExecutorService pool = Parallel.pool(options.threads());
        try {
            Read read = read(config, options, pool, Optional.empty());
            read.stages().forEach(s -> s.diagnostics().forEach(problems::add));
            return SiteGenerator.assemble(read.siteInput(config), problems).input();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The stages up to the site, which {@link #build} and {@link #read(PavedConfig, Options, Diagnostics)} share. */
    private record Read(Stage<CrawlStage.Output> crawl, Stage<Catalog> catalog, Stage<Snapshots> integrations,
                        Stage<DesiredState> gitops, Stage<DocsStage.Output> docs, Stage<DeliveryMetrics> metrics,
                        Stage<ScoresStage.Output> scores) {
        List<Stage<?>> stages() {
            return List.of(crawl, catalog, integrations, gitops, docs, metrics, scores);
        }

        SiteGenerator.Input siteInput(PavedConfig config) {
            return new SiteGenerator.Input(config.title(), catalog.output(), docs.output().docs(),
                    docs.output().content(), config.baseUrl(), crawl.output().repositories(),
                    scores.output().scores(), scores.output().previous(), integrations.output(), gitops.output(),
                    ScaffoldWorkflow.page(config.projectDir()).orElse(""), metrics.output());
        }
    }

    private static Read read(PavedConfig config, Options options, ExecutorService pool,
                             Optional<PageStore> store) {
        return read(config, options, pool, store, Optional.empty());
    }

    private static Read read(PavedConfig config, Options options, ExecutorService pool,
                             Optional<PageStore> store, Optional<Shard> shard) {
        Stage<CrawlStage.Output> crawl = CrawlStage.run(new CrawlStage.Input(config.repositories(),
                crawlOptions(config), options.progress()));
        List<CatalogSource> sources = new ArrayList<>(config.sources().stream().map(CatalogSource::of).toList());
        sources.addAll(crawl.output().sources());
        // Remote placeholders are read from the integrations' hosts, kept in the crawl cache (used with --cache).
        Stage<Catalog> catalog = CatalogStage.run(new CatalogStage.Input(sources, Set.of(), config.rules(),
                config.appConfigLocations(), new UrlReader(config.integrations(), options.cache()
                ? Optional.of(config.cache()) : Optional.empty())));
        // Snapshots of the services the entities' annotations name, from the integrations configured to be asked.
        Stage<Snapshots> integrations = shard.isPresent() ? Stage.run("integrations", d -> Snapshots.NONE)
                : IntegrationsStage.run(new IntegrationsStage.Input(catalog.output(), config.integrations(),
                config.services(), config.remoteImages(), Integrations.Options.defaults(), options.cache()
                ? Optional.of(config.cache().resolve("integrations/snapshots.json")) : Optional.empty()));
        // What Git asks each component to run, from the catalog folders and the crawled repositories.
        List<Path> repositories = new ArrayList<>(sources.stream().map(CatalogSource::repositoryRoot).toList());
        crawl.output().repositories().forEach(c -> c.checkout().ifPresent(repositories::add));
        Stage<DesiredState> gitops = shard.isPresent() ? Stage.run("gitops", d -> DesiredState.NONE)
                : GitOpsStage.run(new GitOpsStage.Input(catalog.output(), repositories.stream().distinct().toList(),
                integrations.output()));
        Stage<DocsStage.Output> docs = DocsStage.run(new DocsStage.Input(catalog.output(), config.content(),
                config.remoteImages(), pool, store, options.cache() ? Optional.of(config.cache().resolve("docs"))
                : Optional.empty(), shard));
        // Delivery measured from Git: the environments' history and the components' own repositories, to the end of
        // the build's day (UTC), so that builds of the same input on one day write the same bytes.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant endOfDay = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Diagnostic> before = finish(List.of(crawl, catalog, integrations, gitops, docs), List.of(), false);
        Stage<DeliveryMetrics> metrics = shard.isPresent() ? Stage.run("metrics", d -> DeliveryMetrics.NONE)
                : MetricsStage.run(new MetricsStage.Input(catalog.output(), gitops.output(),
                crawl.output().repositories(), integrations.output(), Scoreboard.facts(catalog.output(), docs.output().docs(), before,
                today, ref -> ScoresStage.joined(integrations.output().facts(ref), gitops.output().facts(ref))),
                config.metrics(), endOfDay));
        Stage<ScoresStage.Output> scores = ScoresStage.run(new ScoresStage.Input(config.scorecardLocations(),
                config.previousScorecards(), catalog.output(), docs.output().docs(),
                finish(List.of(crawl, catalog, integrations, gitops, docs, metrics), List.of(), false),
                today, integrations.output(), gitops.output(), metrics.output()));
        return new Read(crawl, catalog, integrations, gitops, docs, metrics, scores);
    }

    /**
     * One share of a build, for one job of a CI matrix: {@code index} of {@code count}, from 1. Doc sets are shared
     * out by their cache entry's name, so every job given the same sources agrees on whose each one is.
     */
    public record Shard(int index, int count) {

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("A shard is K/N with 1 <= K <= N, not " + index + "/" + count);
            }
        }

        /** {@code K/N}, as {@code --shard} takes it. */
        public static Shard parse(String text) {
            String[] parts = text.trim().split("/", -1);
            try {
                if (parts.length == 2) {
                    return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("A shard is K/N with 1 <= K <= N, such as 2/3, not " + text);
        }

        boolean includes(String key) {
            return Integer.parseUnsignedInt(key.substring(0, 7), 16) % count == index - 1;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /**
     * Renders one shard's share of the doc sets into the cache, and nothing else, as a job of a CI matrix does: the
     * job that then builds with every shard's cache finds every doc set rendered (see
     * {@code .github/workflows/portal.yml}). Its result counts the docs pages the shard rendered; its output is the
     * cache folder to hand on.
     *
     * @throws IllegalArgumentException when the options do not use the cache, where a shard's work is kept
     */
    public static Result shard(PavedConfig config, Options options, Shard shard) {
        if (!options.cache()) {
            throw new IllegalArgumentException("A shard renders into the cache: --shard cannot go with --no-cache");
        }
        long start = System.nanoTime();
        ExecutorService pool = Parallel.pool(options.threads());
        try (PageStore store = PageStore.create()) {
            Read read = read(config, options, pool, Optional.of(store), Optional.of(shard));
            long pages = read.docs().output().docs().values().stream().distinct().mapToLong(d -> d.pages().size())
                    .sum();
            return new Result(read.catalog().output().size(), pages, finish(read.stages(),
                    options.configProblems(), options.strict()), (System.nanoTime() - start) / 1_000_000, config.cache().resolve("docs"),
                    read.stages().stream().map(Stage::time).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Crawls the configured repositories alone, as {@code paved crawl} does: each repository's outcome.
     */
    public static List<Crawler.Crawled> crawl(PavedConfig config, Crawler.Options options,
                                              Crawler.Progress progress, Diagnostics problems) {
        Stage<CrawlStage.Output> crawl = CrawlStage.run(new CrawlStage.Input(config.repositories(), options,
                progress));
        crawl.diagnostics().forEach(problems::add);
        return crawl.output().repositories();
    }

    /**
     * The crawl options a build uses for {@code config}: its cache, the defaults, every stage's files, and the
     * history the metrics read (the window of {@code metrics.history}, with the GitOps files' versions in it).
     */
    public static Crawler.Options crawlOptions(PavedConfig config) {
        return Crawler.Options.in(config.cache(), READS).withHistory(config.metrics().window())
                .withHistoryNeeds(GitOps.NEEDS);
    }

    /**
     * What the stages read of a repository's folder, by stage: {@code catalog} (its catalog files),
     * {@code docs} and {@code gitops}, as repository-relative paths.
     */
    public static Map<String, List<String>> filesRead(Path folder, List<String> catalogPaths) {
        Path dir = folder.toAbsolutePath().normalize();
        List<String> catalog = CatalogSource.inRepository(dir, catalogPaths).stream()
                .map(s -> dir.relativize(s.entryFile()).toString().replace('\\', '/')).toList();
        RepositoryTree tree = RepositoryTree.of(dir);
        List<String> docs = List.copyOf(TechDocsBuilder.NEEDS.select(tree));
        return Map.of("catalog", catalog, "docs", docs, "gitops", List.copyOf(GitOps.NEEDS.select(tree)));
    }

    /**
     * What a catalog check found.
     *
     * @param diagnostics every problem, sorted, with warnings raised to errors under {@code strict}
     * @param files       the display paths of the catalog files read
     */
    public record Validation(List<Diagnostic> diagnostics, List<String> files) {

        /** How many diagnostics have this severity. */
        public long count(Severity severity) {
            return Pipeline.count(diagnostics, severity);
        }
    }

    /**
     * Checks catalogs without building a site, as {@code paved validate} and PR checks do: a folder is read with
     * everything its {@code catalog-info.yaml} leads to; a file is read alone, its Locations not followed.
     * References to {@code elsewhere} (a published catalog) count as resolved; the rules of {@code config} (a
     * {@code paved.yaml}, whose own problems are reported too) are checked.
     */
    public static Validation validate(List<Path> paths, Set<EntityRef> elsewhere, Optional<Path> config,
                                      boolean strict) {
        Diagnostics configProblems = new Diagnostics();
        List<CatalogRule> rules = config.map(c -> ConfigReader.readFile(c, configProblems).rules())
                .orElse(List.of());
        return validate(paths, elsewhere, rules, configProblems.sorted(), strict);
    }

    /** Checks catalogs as {@link #validate(List, Set, Optional, boolean)} does, with the rules given. */
    public static Validation validate(List<Path> paths, Set<EntityRef> elsewhere, List<CatalogRule> rules,
                                      boolean strict) {
        return validate(paths, elsewhere, rules, List.of(), strict);
    }

    private static Validation validate(List<Path> paths, Set<EntityRef> elsewhere, List<CatalogRule> rules,
                                       List<Diagnostic> earlier, boolean strict) {
        Stage<Catalog> catalog = CatalogStage.run(new CatalogStage.Input(paths.stream().map(p ->
                Files.isDirectory(p) ? CatalogSource.of(p) : CatalogSource.singleFile(p)).toList(), elsewhere,
                rules, Optional.empty(), RemoteTexts.NONE));
        return new Validation(finish(List.of(catalog), earlier, strict), catalog.output().files());
    }

    /**
     * Builds one folder's docs alone, as {@code techdocs-cli generate} does: the twin of the portal's TechDocs for
     * a repository's own build. The repository is the closest enclosing folder with a {@code .git}, else the folder.
     *
     * @param folder the folder with {@code mkdocs.yml} (or {@code docs/})
     * @param output where the pages and {@code techdocs_metadata.json} go
     * @param theme  a theme folder overriding the built-in one, if any
     * @param strict whether warnings (broken links…) count as errors
     */
    public static Result techdocs(Path folder, Path output, Optional<Path> theme, boolean strict)
            throws IOException {
        long start = System.nanoTime();
        Path dir = folder.toAbsolutePath().normalize();
        Path root = RepositoryFiles.repositoryRoot(dir);
        Stage<Optional<DocSet>> docs = Stage.run("docs", d -> {
            try {
                return new TechDocsBuilder(new MarkdownRenderer(), d).build(dir, root);
            } catch (RuntimeException | StackOverflowError e) { // reported, as a build reports a doc set it cannot build
                d.error(SourcePosition.of(DisplayPath.of(dir)), Code.PAGE_FAILED, "could not build the docs in "
                        + DisplayPath.of(dir) + ": " + e);
                return Optional.empty();
            }
        });
        long pages = 0;
        if (docs.output().isPresent()) {
            pages = new SiteGenerator(theme, dir).writeTechDocs(docs.output().get(), output);
        }
        return new Result(0, pages, finish(List.of(docs), List.of(), strict), (System.nanoTime() - start)
                / 1_000_000, output.toAbsolutePath().normalize(), List.of(docs.time()));
    }

    private static long count(List<Diagnostic> diagnostics, Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    /** Every stage's diagnostics, sorted, warnings raised to errors under {@code strict}. */
    private static List<Diagnostic> finish(List<Stage<?>> stages, List<Diagnostic> earlier, boolean strict) {
        return Stream.concat(earlier.stream(), stages.stream().flatMap(s -> s.diagnostics().stream()))
                .distinct().sorted(Diagnostic.ORDER)
                .map(d -> strict && d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d)
                .toList();
    }
}
