package dev.paved.build;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogRule;
import dev.paved.catalog.CatalogRules;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.config.PavedConfig;
import dev.paved.crawl.CrawlSources;
import dev.paved.crawl.Crawler;
import dev.paved.content.ContentReader;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import dev.paved.docs.DocSet;
import dev.paved.docs.MarkdownRenderer;
import dev.paved.docs.TechDocsBuilder;
import dev.paved.site.SiteGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The main job: read the catalog, build every entity's docs and the portal's own pages, and write the static site.
 * Problems in the input never stop it; they are returned as diagnostics and listed in the portal.
 */
public final class PortalBuild {

    /**
     * What a build did.
     *
     * @param entities    how many entities the catalog holds
     * @param pages       how many HTML pages were written
     * @param diagnostics every problem found, sorted, with warnings raised to errors under {@code strict}
     * @param millis      how long it took
     * @param output      where the site is
     */
    public record Result(int entities, long pages, List<Diagnostic> diagnostics, long millis, Path output) {

        /** How many diagnostics have this severity. */
        public long count(Severity severity) {
            return diagnostics.stream().filter(d -> d.severity() == severity).count();
        }

        /** One line: entities, pages, warnings, errors, seconds. */
        public String summary() {
            return String.format(Locale.ROOT, "Built %d entities, %d pages, %d warnings, %d errors in %.1f s",
                    entities, pages, count(Severity.WARNING), count(Severity.ERROR), millis / 1000.0);
        }
    }

    private PortalBuild() {
    }

    /**
     * Builds the portal described by {@code config}.
     *
     * @param strict whether warnings count as errors
     * @throws IOException when the output folder cannot be written
     */
    public static Result run(PavedConfig config, boolean strict) throws IOException {
        return run(config, strict, Crawler.Progress.lines(line -> { }));
    }

    /**
     * Builds the portal described by {@code config}, reporting the crawl's progress to {@code progress}.
     *
     * @param strict whether warnings count as errors
     * @throws IOException when the output folder cannot be written
     */
    public static Result run(PavedConfig config, boolean strict, Crawler.Progress progress)
            throws IOException {
        long start = System.nanoTime();
        Diagnostics diagnostics = new Diagnostics();
        SiteGenerator.Input input = read(config, diagnostics, strict, progress);
        SiteGenerator site = new SiteGenerator(config.theme(), config.projectDir(), diagnostics);
        long pages = site.write(input, config.output());
        List<Diagnostic> all = finish(diagnostics, strict);
        return new Result(input.catalog().size(), pages, all, (System.nanoTime() - start) / 1_000_000,
                config.output());
    }

    /**
     * Reads everything the portal shows: the catalog (with the configuration's rules checked), every entity's
     * docs and the portal's own pages; the problems found so far are part of it.
     *
     * @param strict whether warnings count as errors on the problems page
     */
    public static SiteGenerator.Input read(PavedConfig config, Diagnostics diagnostics, boolean strict) {
        return read(config, diagnostics, strict, Crawler.Progress.lines(line -> { }));
    }

    /** As {@link #read(PavedConfig, Diagnostics, boolean)}, reporting the crawl's progress. */
    public static SiteGenerator.Input read(PavedConfig config, Diagnostics diagnostics, boolean strict,
                                           Crawler.Progress progress) {
        List<CatalogSource> sources = new java.util.ArrayList<>(config.sources().stream().map(CatalogSource::of)
                .toList());
        List<Crawler.Crawled> crawled = crawl(config, diagnostics, progress);
        crawled.forEach(c -> c.checkout().ifPresent(dir -> sources.addAll(CrawlSources.of(c.repository(), dir))));
        Catalog catalog = CatalogReader.read(sources, diagnostics);
        CatalogRules.check(catalog, config.rules(), diagnostics);

        MarkdownRenderer markdown = new MarkdownRenderer();
        TechDocsBuilder techDocs = new TechDocsBuilder(markdown, diagnostics);
        Map<EntityRef, DocSet> docs = new TreeMap<>();
        for (Entity entity : catalog.entities()) {
            techDocs.build(entity).ifPresent(d -> docs.put(entity.ref(), d));
        }
        ContentReader.Content content = ContentReader.read(config.content(), markdown, diagnostics);
        List<dev.paved.scorecard.Scorecard> scorecards = dev.paved.scorecard.ScorecardReader.read(
                config.scorecardLocations(), diagnostics);
        dev.paved.scorecard.Scoreboard scores = dev.paved.scorecard.Scoreboard.score(scorecards, catalog, docs,
                diagnostics.sorted(), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        dev.paved.scorecard.PreviousScores previous = dev.paved.scorecard.PreviousScores.read(
                config.previousScorecards(), diagnostics);
        return new SiteGenerator.Input(config.title(), catalog, docs, content, finish(diagnostics, strict),
                config.baseUrl(), crawled, scores, previous);
    }

    /** Crawls the configured repositories; a crawl that cannot even start is an error, and the rest is built. */
    private static List<Crawler.Crawled> crawl(PavedConfig config, Diagnostics diagnostics,
                                               Crawler.Progress progress) {
        if (config.repositories().isEmpty()) {
            return List.of();
        }
        try {
            return new Crawler(Crawler.Options.in(config.cache())).crawl(config.repositories(), diagnostics,
                    progress);
        } catch (IOException e) {
            diagnostics.error(dev.paved.diagnostic.SourcePosition.of(config.cache().toString()),
                    dev.paved.diagnostic.Code.REPOSITORY_UNREACHABLE, "could not crawl: " + e.getMessage());
            return List.of();
        }
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
            return diagnostics.stream().filter(d -> d.severity() == severity).count();
        }
    }

    /**
     * Checks catalogs without building a site, as {@code paved validate} and PR checks do: a folder is read with
     * everything its {@code catalog-info.yaml} leads to; a file is read alone, its Locations not followed.
     */
    public static Validation validate(List<Path> paths, boolean strict) {
        return validate(paths, java.util.Set.of(), strict);
    }

    /**
     * Checks catalogs as {@link #validate(List, boolean)} does, counting references to {@code elsewhere} (the
     * entities of a published catalog, see {@link dev.paved.catalog.PublishedCatalog}) as resolved.
     */
    public static Validation validate(List<Path> paths, java.util.Set<EntityRef> elsewhere, boolean strict) {
        return validate(paths, elsewhere, List.of(), strict);
    }

    /**
     * Checks catalogs with the rules of a {@code paved.yaml} (its own problems are reported too), counting
     * references to {@code elsewhere} as resolved: what {@code paved validate} and the Maven goal run.
     *
     * @param config a paved.yaml, or empty for none
     */
    public static Validation validate(List<Path> paths, java.util.Set<EntityRef> elsewhere,
                                      java.util.Optional<Path> config, boolean strict) {
        Diagnostics diagnostics = new Diagnostics();
        List<CatalogRule> rules = config.map(c -> dev.paved.config.ConfigReader.readFile(c, diagnostics).rules())
                .orElse(List.of());
        return check(paths, elsewhere, rules, strict, diagnostics);
    }

    /** Checks catalogs, counting references to {@code elsewhere} as resolved and applying the organisation's rules. */
    public static Validation validate(List<Path> paths, java.util.Set<EntityRef> elsewhere, List<CatalogRule> rules,
                                      boolean strict) {
        return check(paths, elsewhere, rules, strict, new Diagnostics());
    }

    private static Validation check(List<Path> paths, java.util.Set<EntityRef> elsewhere, List<CatalogRule> rules,
                                    boolean strict, Diagnostics diagnostics) {
        Catalog catalog = CatalogReader.read(paths.stream().map(p -> java.nio.file.Files.isDirectory(p)
                ? CatalogSource.of(p) : CatalogSource.singleFile(p)).toList(), elsewhere, diagnostics);
        CatalogRules.check(catalog, rules, diagnostics);
        return new Validation(finish(diagnostics, strict), catalog.files());
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
    public static Result techdocs(Path folder, Path output, java.util.Optional<Path> theme, boolean strict)
            throws IOException {
        long start = System.nanoTime();
        Diagnostics diagnostics = new Diagnostics();
        Path dir = folder.toAbsolutePath().normalize();
        Path root = dev.paved.catalog.RepositoryFiles.repositoryRoot(dir);
        long pages = 0;
        var docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(dir, root);
        if (docs.isPresent()) {
            pages = new SiteGenerator(theme, dir, diagnostics).writeTechDocs(docs.get(), output);
        }
        return new Result(0, pages, finish(diagnostics, strict), (System.nanoTime() - start) / 1_000_000,
                output.toAbsolutePath().normalize());
    }

    private static List<Diagnostic> finish(Diagnostics diagnostics, boolean strict) {
        return diagnostics.sorted().stream()
                .map(d -> strict && d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d)
                .toList();
    }
}
