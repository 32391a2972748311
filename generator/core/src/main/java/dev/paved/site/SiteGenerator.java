package dev.paved.site;

import dev.paved.diagnostic.Code;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.content.ContentPage;
import dev.paved.content.ContentReader;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.catalog.RelationType;
import dev.paved.docs.DocSet;
import dev.paved.docs.StaticFiles;
import dev.paved.docs.MarkdownPages;
import dev.paved.docs.PageStore;
import dev.paved.docs.NavItem;
import dev.paved.docs.UrlPaths;
import dev.paved.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import dev.paved.gitops.DesiredState;
import dev.paved.integrations.Snapshots;
import dev.paved.metrics.DeliveryMetrics;

/**
 * Writes the static portal: home, catalog table, one page per entity with its relations diagram, TechDocs, the
 * portal's own pages and the catalog problems page. Output is deterministic: the same input gives the same bytes,
 * however many threads render it.
 *
 * <p>It works in two steps. {@link #assemble} decides every page's path and every link between pages, and reports
 * what does not fit (a content page colliding with a page the portal writes, a {@code techdocs-entity} naming an
 * entity without docs) before anything is written. {@link #render} then writes the pages with the final list of
 * problems, entity and docs pages in parallel, and the problems pages last.
 */
public final class SiteGenerator {

    /**
     * Everything the site shows but its problems.
     *
     * @param title       the portal's title
     * @param catalog     the catalog
     * @param docs        each entity's rendered docs
     * @param content     the portal's own pages
     * @param baseUrl     the URL the portal is served from, or empty: only the 404 page, served at any path,
     *                    needs it (without it, it assumes the portal is at the server's root)
     * @param repositories the crawled repositories and how their crawl went, listed on their own page
     * @param scores      every entity scored on every scorecard
     * @param previousScores the levels of the previous publish, for trends
     * @param snapshots   the integrations' snapshots, shown as cards
     * @param desired     what Git asks each component to run, per environment
     * @param scaffoldWorkflow the page of the portal repository's scaffold workflow, where the Create form's "Run in
     *                    CI" leads, or empty
     * @param metrics     delivery measured from Git, shown on the Metrics pages and components' Delivery tabs
     */
    public record Input(String title, Catalog catalog, Map<EntityRef, DocSet> docs, ContentReader.Content content,
                        String baseUrl, List<dev.paved.crawl.Crawler.Crawled> repositories,
                        dev.paved.scorecard.Scoreboard scores, dev.paved.scorecard.PreviousScores previousScores,
                        Snapshots snapshots, DesiredState desired, String scaffoldWorkflow, DeliveryMetrics metrics) {

        /** An input without delivery metrics. */
        public Input(String title, Catalog catalog, Map<EntityRef, DocSet> docs, ContentReader.Content content,
                     String baseUrl, List<dev.paved.crawl.Crawler.Crawled> repositories,
                     dev.paved.scorecard.Scoreboard scores, dev.paved.scorecard.PreviousScores previousScores,
                     Snapshots snapshots, DesiredState desired, String scaffoldWorkflow) {
            this(title, catalog, docs, content, baseUrl, repositories, scores, previousScores, snapshots, desired,
                    scaffoldWorkflow, DeliveryMetrics.NONE);
        }

        /** An input without a scaffold workflow. */
        public Input(String title, Catalog catalog, Map<EntityRef, DocSet> docs, ContentReader.Content content,
                     String baseUrl, List<dev.paved.crawl.Crawler.Crawled> repositories,
                     dev.paved.scorecard.Scoreboard scores, dev.paved.scorecard.PreviousScores previousScores,
                     Snapshots snapshots, DesiredState desired) {
            this(title, catalog, docs, content, baseUrl, repositories, scores, previousScores, snapshots, desired,
                    "");
        }

        /** An input without GitOps' desired state. */
        public Input(String title, Catalog catalog, Map<EntityRef, DocSet> docs, ContentReader.Content content,
                     String baseUrl, List<dev.paved.crawl.Crawler.Crawled> repositories,
                     dev.paved.scorecard.Scoreboard scores, dev.paved.scorecard.PreviousScores previousScores,
                     Snapshots snapshots) {
            this(title, catalog, docs, content, baseUrl, repositories, scores, previousScores, snapshots,
                    DesiredState.NONE);
        }

        /** An input without integrations' snapshots. */
        public Input(String title, Catalog catalog, Map<EntityRef, DocSet> docs, ContentReader.Content content,
                     String baseUrl, List<dev.paved.crawl.Crawler.Crawled> repositories,
                     dev.paved.scorecard.Scoreboard scores, dev.paved.scorecard.PreviousScores previousScores) {
            this(title, catalog, docs, content, baseUrl, repositories, scores, previousScores, Snapshots.NONE);
        }
    }

    /**
     * The site with every path and link decided: what {@link #assemble} gives and {@link #render} writes.
     * Its parts are the site's own business.
     */
    public static final class Plan {
        final Input input;
        final Map<EntityRef, EntityRef> docsLinks;
        final ContentPage home;
        final List<ContentPage> pages;
        final List<DocSet.Asset> assets;

        private Plan(Input input, Map<EntityRef, EntityRef> docsLinks, ContentPage home, List<ContentPage> pages,
                     List<DocSet.Asset> assets) {
            this.docsLinks = Map.copyOf(docsLinks);
            this.home = home;
            this.pages = List.copyOf(pages);
            this.assets = List.copyOf(assets);
            // What is shown (in menus, in search) is what is written: the portal's own pages that found a place.
            List<ContentPage> shown = input.content().pages().stream()
                    .filter(p -> p == home || pages.contains(p)).toList();
            this.input = new Input(input.title(), input.catalog(), input.docs(), new ContentReader.Content(shown,
                    assets), input.baseUrl(), input.repositories(), input.scores(), input.previousScores(),
                    input.snapshots(), input.desired(), input.scaffoldWorkflow(), input.metrics());
        }

        /** What the site shows, the portal's own pages that could not be placed left out. */
        public Input input() {
            return input;
        }
    }

    /**
     * Where pages are kept between builds: docs pages and relation diagrams made of the same inputs by the same code
     * are written from there without rendering them again (the bytes are the same).
     *
     * @param folder where they are kept
     * @param code   the identity of Paved's code and of the libraries that decide what it writes
     */
    public record Cache(Path folder, String code) {
    }

    private final Theme theme;
    private final Path projectDir;

    /**
     * A generator with the built-in theme, overridden by {@code themeFolder} where it has files.
     *
     * @param projectDir the folder file paths are shown relative to, so that pages do not depend on where the
     *                   build ran
     */
    public SiteGenerator(Optional<Path> themeFolder, Path projectDir) {
        this.theme = Theme.load(themeFolder);
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** A file path as the site shows it: relative to the project folder when inside it. */
    private String shown(String file) {
        if (file.isEmpty()) {
            return file;
        }
        Path abs = Path.of(file).toAbsolutePath().normalize();
        return (abs.startsWith(projectDir) ? projectDir.relativize(abs) : abs).toString().replace('\\', '/');
    }

    /**
     * Decides every page's path and link, reporting to {@code diagnostics} what cannot be placed; nothing is
     * written.
     */
    public static Plan assemble(Input input, Diagnostics diagnostics) {
        Map<EntityRef, EntityRef> docsLinks = new LinkedHashMap<>();
        for (Entity entity : input.catalog().entities()) {
            docsOf(entity, input, diagnostics).ifPresent(ref -> docsLinks.put(entity.ref(), ref));
        }
        // The paths and folders the portal's own pages take; content may not take them.
        Set<String> taken = new HashSet<>(List.of(SitePaths.HOME, SitePaths.CATALOG, SitePaths.PROBLEMS,
                SitePaths.NOT_FOUND, SitePaths.SEARCH, CatalogExport.JSON, CatalogExport.CSV, SiteManifest.FILE));
        if (!input.repositories().isEmpty()) {
            taken.add(SitePaths.REPOSITORIES);
        }
        if (!input.scores().scorecards().isEmpty()) {
            taken.add(ScorecardPages.INDEX);
            taken.add(ScorecardPages.JSON);
            input.scores().scorecards().forEach(sc -> taken.add(ScorecardPages.page(sc)));
        }
        if (input.catalog().entities().stream().anyMatch(e -> e.kind().equals("Template"))) {
            taken.add(SitePaths.TEMPLATES);
        }
        if (MetricsPages.shown(input.metrics())) {
            taken.add(MetricsPages.INDEX);
            taken.add(MetricsPages.JSON);
        }
        ContentPage home = null;
        List<ContentPage> pages = new ArrayList<>();
        for (ContentPage p : input.content().pages()) {
            if (p.outputPath().equals(SitePaths.HOME)) {
                home = p;
                continue;
            }
            if (!taken.add(p.outputPath())) {
                diagnostics.error(SourcePosition.of(p.sourcePath()), Code.DUPLICATE_PAGE, "content/" + p.sourcePath()
                        + " would be written to " + p.outputPath() + ", which another page already uses");
                continue;
            }
            pages.add(p);
        }
        List<DocSet.Asset> assets = new ArrayList<>();
        for (DocSet.Asset asset : input.content().assets()) {
            if (!taken.add(asset.path())) {
                diagnostics.error(SourcePosition.of(DisplayPath.of(asset.file())), Code.DUPLICATE_PAGE, "content/"
                        + asset.path() + " has the path of a page the portal writes; not copied");
                continue;
            }
            assets.add(asset);
        }
        return new Plan(input, docsLinks, home, pages, assets);
    }

    /**
     * Writes the site into {@code output}, replacing a previous build there once the new one is complete. Entity and
     * docs pages are rendered on {@code pool}; the problems pages are written last, listing {@code problems} and any
     * page that failed.
     *
     * @param problems    every problem the build found, final: every page's header counts them
     * @param searchIndex the search index's files, asked for once the pages are written (it may be built meanwhile)
     * @param failures    where a page that cannot be rendered is reported; the rest is written
     * @param cache       where pages are kept between builds, or empty to render every page
     * @return how many HTML pages were written
     * @throws IOException when the site cannot be written (the output folder holds files Paved did not write, a
     *                     file cannot be written, the theme fails): the previous site is then as it was
     */
    public long render(Plan plan, List<Diagnostic> problems, Path output, ExecutorService pool,
                       Supplier<Map<String, byte[]>> searchIndex, Diagnostics failures, Optional<Cache> cache)
            throws IOException {
        try (SiteWriter writer = SiteWriter.prepare(output)) {
            try {
                Optional<PageCache> pageCache = cache.map(c -> new PageCache(c.folder(), c.code()));
                long pages = render(plan, problems, writer, pool, searchIndex, failures, pageCache);
                writer.commit();
                pageCache.ifPresent(PageCache::finish);
                return pages;
            } catch (SiteWriter.WriteFailed e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException("Cannot build the portal into " + output.toAbsolutePath().normalize() + ": "
                        + what(e) + "; the previous site is unchanged", e);
            }
        }
    }

    private long render(Plan plan, List<Diagnostic> problems, SiteWriter writer, ExecutorService pool,
                        Supplier<Map<String, byte[]>> searchIndex, Diagnostics failures,
                        Optional<PageCache> cache) {
        Input input = plan.input;
        theme.assets().values().forEach(a -> writer.write(a.path(), a.bytes()));
        Catalog catalog = input.catalog();
        ProblemIndex problemIndex = new ProblemIndex(catalog, problems);
        // Every page counts the problems found before it was written; a page that fails to render is added to
        // the problems pages, written last, but not to the counts of pages already written.
        Chrome chrome = Chrome.of(input, problems.size(), theme);

        PageCache.Memo memo = cache.map(PageCache::memo).orElse(PageCache.Memo.NONE);
        Map<EntityRef, List<EntityRef>> created = catalog.madeFromTemplates();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (Entity entity : catalog.entities()) {
            tasks.add(guarded(failures, entity.source().at("/metadata/name"), "the page of " + entity.ref(), () -> {
                String path = SitePaths.entity(entity.ref());
                Map<String, Object> model = EntityPageModel.build(entity, catalog,
                        Optional.ofNullable(plan.docsLinks.get(entity.ref())));
                model.put("diagram", RelationDiagram.render(entity, catalog, path, memo));
                if (entity.kind().equals("System")) {
                    model.put("systemDiagram", RelationDiagram.system(entity, catalog, path, memo));
                }
                if (entity.kind().equals("Template")) {
                    model.put("adoption", EntityPageModel.adoption(catalog, entity.ref(), created));
                    model.put("scaffoldWorkflow", input.scaffoldWorkflow());
                }
                model.put("problems", problemIndex.of(entity.ref()).stream()
                        .map(d -> problem(d, catalog, problemIndex)).toList());
                model.put("sourceFile", shown(entity.source().file().toString()));
                model.put("scorecards", ScorecardPages.forEntity(input.scores(), input.previousScores(),
                        entity.ref()));
                model.put("source", SourceLinks.of(entity, input.repositories()));
                List<DesiredState.Environment> environments = input.desired().of(entity.ref());
                model.put("environments", environments.stream().map(e -> Views.EnvironmentView.of(e,
                        SourceLinks.file(e.file(), input.repositories()))).toList());
                if (entity.kind().equals("System")) {
                    model.put("environmentMatrix", EntityPageModel.environmentMatrix(entity.ref(), catalog,
                            input.desired()));
                }
                model.put("cardTabs", EntityPageModel.cardTabs(input.snapshots().of(entity.ref()),
                        !environments.isEmpty() || model.get("environmentMatrix") != null));
                model.put("live", input.snapshots().liveOf(entity.ref()));
                MetricsPages.forEntity(input.metrics(), entity.ref()).ifPresent(m -> model.put("delivery", m));
                EntityRef docsRef = plan.docsLinks.get(entity.ref());
                DocSet docSet = docsRef == null ? null : input.docs().get(docsRef);
                model.put("docsNav", docSet == null ? List.of() : nav(docSet.nav(), SitePaths.docsRoot(docsRef), ""));
                model.put("docsTitle", docSet == null ? "" : docSet.siteName());
                model.put("tabs", EntityPageModel.tabs(model));
                writer.write(path, page("entity", path, entity.displayName() + " · " + entity.kind(), model,
                        chrome));
            }));
        }
        input.docs().forEach((ref, docs) -> tasks.add(guarded(failures, catalog.find(ref)
                .map(e -> e.source().at("/metadata/annotations")).orElse(SourcePosition.of(ref.toString())),
                "the docs of " + ref, () -> writeDocSet(writer, chrome, SitePaths.docsRoot(ref),
                        EntityPageModel.ref(catalog, ref), docs, cache))));
        runAll(pool, tasks);

        writeCatalog(writer, chrome, problemIndex, plan.docsLinks);
        writeDocsHub(writer, chrome, plan);
        writeApis(writer, chrome);
        writer.write(CatalogGraph.DATA, CatalogGraph.script(catalog));
        writer.write(SitePaths.GRAPH, page("graph", SitePaths.GRAPH, "Catalog graph", new LinkedHashMap<>(), chrome));
        writer.write(CatalogExport.JSON, CatalogExport.json(catalog, e -> shown(e.source().file().toString())));
        writer.write(CatalogExport.CSV, CatalogExport.csv(catalog));
        for (ContentPage p : plan.pages) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("page", p);
            model.put("hasMermaid", p.html().contains("language-mermaid"));
            model.put("hasMath", p.html().contains("class=\"arithmatex\""));
            writer.write(p.outputPath(), page("page", p.outputPath(), p.title(), model, chrome));
        }
        plan.assets.forEach(asset -> copy(writer, asset, asset.path()));
        Map<String, Object> homeModel = catalogSummary(catalog);
        homeModel.put("page", plan.home);
        writer.write(SitePaths.HOME, page("home", SitePaths.HOME, plan.home == null ? input.title()
                : plan.home.title(), homeModel, chrome));
        writeNotFound(writer, chrome);
        writeScorecards(writer, chrome);
        writeMetrics(writer, chrome);
        writeTemplates(writer, chrome);
        if (!input.repositories().isEmpty()) {
            writer.write(SitePaths.REPOSITORIES, page("repositories", SitePaths.REPOSITORIES, "Repositories",
                    Map.of("repositories", input.repositories().stream().map(Views.Repository::of).toList()),
                    chrome));
        }
        writeSearch(writer, chrome, searchIndex.get());
        // Last, so that they list everything, a page that failed above included.
        List<Diagnostic> all = new ArrayList<>(problems);
        all.addAll(failures.sorted());
        all.sort(Diagnostic.ORDER);
        writeProblems(writer, chrome, all, new ProblemIndex(catalog, all));
        return writer.pageCount();
    }

    /** A failure in one line: its kind and its message. */
    private static String what(RuntimeException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().strip()
                .replaceAll("\\s*\\R\\s*", " "));
    }

    /**
     * A page's task: a failure to render it is reported at {@code at} and the other pages are written; a failure to
     * write it stops the build.
     */
    private static Callable<Void> guarded(Diagnostics failures, SourcePosition at, String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (SiteWriter.WriteFailed e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                failures.error(at, Code.PAGE_FAILED, "could not render " + what + ": " + e);
            }
            return null;
        };
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SiteWriter.WriteFailed failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * What every page's frame shows: the portal's title, its menus and how many problems it has.
     *
     * @param frame  the frame's values, by their names in the templates
     * @param digest a digest of {@code frame}: pages of the same model in frames of the same digest are the same
     */
    private record Chrome(Input input, Map<String, Object> frame, String digest) {

        static Chrome of(Input input, int problemCount, Theme theme) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("siteTitle", input.title());
            frame.put("assets", theme.assetPaths());
            frame.put("problemCount", problemCount);
            frame.put("standalone", input.catalog() == null);
            frame.put("hasRepositories", !input.repositories().isEmpty());
            frame.put("hasScorecards", !input.scores().scorecards().isEmpty());
            frame.put("hasMetrics", input.metrics() != null && MetricsPages.shown(input.metrics()));
            frame.put("hasTemplates", input.catalog() != null && input.catalog().entities().stream()
                    .anyMatch(e -> e.kind().equals("Template")));
            frame.put("topPages", input.content().pages().stream()
                    .filter(p -> !p.outputPath().equals(SitePaths.HOME) && p.outputPath().split("/").length == 2)
                    .map(p -> new Views.Link(p.title(), p.outputPath())).toList());
            // Every value is text, a number, a flag or a list of records: their text is all they hold.
            return new Chrome(input, Collections.unmodifiableMap(frame), Sha256.hex(theme.identity() + "\0"
                    + frame));
        }
    }

    /** The gallery of software templates: each links its page, where its form is. */
    private void writeTemplates(SiteWriter writer, Chrome chrome) {
        Input input = chrome.input();
        List<Map<String, Object>> cards = new ArrayList<>();
        Map<EntityRef, List<EntityRef>> created = input.catalog().madeFromTemplates();
        for (Entity e : input.catalog().entities()) {
            if (!e.kind().equals("Template")) {
                continue;
            }
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("title", e.displayName());
            card.put("description", e.description());
            card.put("tags", e.tags());
            card.put("type", e.type().orElse(""));
            card.put("owner", EntityPageModel.first(input.catalog(), e.ref(),
                    dev.paved.catalog.RelationType.OWNED_BY));
            card.put("url", SitePaths.entity(e.ref()));
            card.put("created", created.getOrDefault(e.ref(), List.of()).size());
            cards.add(card);
        }
        if (!cards.isEmpty()) {
            writer.write(SitePaths.TEMPLATES, page("templates", SitePaths.TEMPLATES, "Create", Map.of("templates",
                    cards), chrome));
        }
    }

    /** The Metrics page and {@code metrics.json}, when delivery was measured or templates are there. */
    private void writeMetrics(SiteWriter writer, Chrome chrome) {
        Input input = chrome.input();
        if (!MetricsPages.shown(input.metrics())) {
            return;
        }
        writer.write(MetricsPages.INDEX, page("metrics", MetricsPages.INDEX, "Metrics",
                MetricsPages.index(input.metrics(), input.catalog()), chrome));
        writer.write(MetricsPages.JSON, MetricsPages.json(input.metrics()));
    }

    /** The scorecards' overview, a page per scorecard, and {@code scorecards.json}. */
    private void writeScorecards(SiteWriter writer, Chrome chrome) {
        Input input = chrome.input();
        if (input.scores().scorecards().isEmpty()) {
            return;
        }
        writer.write(ScorecardPages.INDEX, page("scorecards", ScorecardPages.INDEX, "Scorecards",
                ScorecardPages.index(input.scores()), chrome));
        for (dev.paved.scorecard.Scorecard s : input.scores().scorecards()) {
            String path = ScorecardPages.page(s);
            writer.write(path, page("scorecard", path, s.title(), ScorecardPages.scorecard(s, input.scores(),
                    input.previousScores(), input.catalog(), path), chrome));
        }
        writer.write(ScorecardPages.JSON, ScorecardPages.json(input.scores()));
    }

    /**
     * {@code 404.html}, which static hosts (GitHub Pages, S3 websites) serve for a missing path, at that path. Its links
     * are relative to the portal's root, as if it were at the root; its script finds the root in the address it is
     * served at and makes it the page's {@code <base>}: the configured {@code baseUrl}'s path where the address is
     * below it, else the folder above the first of the portal's own top-level names ({@code siteNames}), else the
     * deepest folder of the address that holds the portal's stylesheet.
     */
    private void writeNotFound(SiteWriter writer, Chrome chrome) {
        Input input = chrome.input();
        String base = "";
        if (!input.baseUrl().isBlank()) {
            String path = java.net.URI.create(input.baseUrl().strip()).getPath();
            base = path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
        }
        java.util.Set<String> names = new java.util.TreeSet<>(List.of("assets"));
        for (String path : List.of(SitePaths.CATALOG, SitePaths.DOCS_HUB, SitePaths.GUIDES, SitePaths.APIS,
                SitePaths.GRAPH, SitePaths.PROBLEMS, SitePaths.REPOSITORIES, SitePaths.TEMPLATES, SitePaths.SEARCH,
                ScorecardPages.INDEX, MetricsPages.INDEX)) {
            names.add(path.substring(0, path.indexOf('/')));
        }
        input.content().pages().stream().filter(p -> p.outputPath().contains("/"))
                .forEach(p -> names.add(p.outputPath().split("/")[0]));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("root", "");
        model.put("basePath", base);
        model.put("siteNames", String.join(" ", names));
        writer.write(SitePaths.NOT_FOUND, page("notfound", SitePaths.NOT_FOUND, "Page not found", model, chrome));
    }

    /** The search page and the static search index under {@code search/}. */
    private void writeSearch(SiteWriter writer, Chrome chrome, Map<String, byte[]> index) {
        writer.write(SitePaths.SEARCH, page("search", SitePaths.SEARCH, "Search", new LinkedHashMap<>(), chrome));
        index.forEach((path, bytes) -> writer.write(SitePaths.SEARCH_INDEX + path, bytes));
    }

    /** The entity whose docs an entity's page links: its own, else those its techdocs-entity names. */
    private static Optional<EntityRef> docsOf(Entity entity, Input input, Diagnostics diagnostics) {
        if (input.docs().containsKey(entity.ref())) {
            return Optional.of(entity.ref());
        }
        Optional<String> shared = entity.annotation("backstage.io/techdocs-entity");
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        try {
            EntityRef ref = EntityRef.parse(shared.get(), null, entity.namespace());
            if (input.docs().containsKey(ref)) {
                return Optional.of(ref);
            }
            diagnostics.warning(entity.source().at("/metadata/annotations/backstage.io~1techdocs-entity"),
                    Code.DANGLING_REF, "techdocs-entity " + shared.get() + " names an entity without docs");
        } catch (IllegalArgumentException e) {
            diagnostics.warning(entity.source().at("/metadata/annotations/backstage.io~1techdocs-entity"),
                    Code.INVALID_REF, e.getMessage() + " in backstage.io/techdocs-entity");
        }
        return Optional.empty();
    }


    /**
     * Writes one repository's docs alone into {@code output}, as {@code techdocs-cli generate} does: the pages at
     * the root, the theme's assets, and {@code techdocs_metadata.json}.
     *
     * @return how many HTML pages were written
     */
    public long writeTechDocs(DocSet docs, Path output) throws IOException {
        try (SiteWriter writer = SiteWriter.prepare(output)) {
            try {
                theme.assets().values().forEach(a -> writer.write(a.path(), a.bytes()));
                Input input = new Input(docs.siteName(), null, Map.of(), new ContentReader.Content(List.of(),
                        List.of()), "", List.of(), dev.paved.scorecard.Scoreboard.empty(),
                        dev.paved.scorecard.PreviousScores.none());
                writeDocSet(writer, Chrome.of(input, 0, theme), "", null, docs, Optional.empty());
                writer.commit();
                return writer.pageCount();
            } catch (SiteWriter.WriteFailed e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException("Cannot build the docs into " + output.toAbsolutePath().normalize() + ": "
                        + what(e) + "; the previous site is unchanged", e);
            }
        }
    }

    /**
     * Writes a doc set's pages under {@code base}. With a cache, the pages of docs of a known {@link DocSet#digest}
     * are kept under a digest of everything they show (the docs, where they are, the entity they belong to, the
     * page frame and the theme) and written from there by later builds without rendering them.
     */
    private void writeDocSet(SiteWriter writer, Chrome chrome, String base, Views.Ref owner, DocSet docs,
                             Optional<PageCache> cache) {
        Optional<String> key = cache.isEmpty() || docs.digest().isEmpty() ? Optional.empty()
                : Optional.of(Sha256.hex(String.join("\0", chrome.digest(), docs.digest(), docs.siteName(), base,
                String.valueOf(owner))));
        Optional<List<PageCache.File>> kept = key.flatMap(k -> cache.get().find(k));
        List<MarkdownPages.Rendered> pages = docs.pages();
        if (kept.isPresent() && kept.get().size() >= pages.size()) {
            List<PageCache.File> files = kept.get();
            files.subList(0, pages.size()).forEach(f -> writer.write(base + f.path(), f.bytes()));
            copyAssets(writer, base, docs, new ArrayList<>());
            files.subList(pages.size(), files.size()).forEach(f -> writer.write(base + f.path(), f.bytes()));
            return;
        }
        List<PageCache.File> keep = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            MarkdownPages.Rendered stored = pages.get(i);
            // The body is read from the page store once, for the template and the checks on it.
            String html = stored.html();
            MarkdownPages.Rendered p = new MarkdownPages.Rendered(stored.sourcePath(), stored.outputPath(),
                    stored.title(), PageStore.Body.of(html), stored.headings());
            String path = base + p.outputPath();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("docs", docs);
            model.put("entityRef", owner);
            model.put("docPage", p);
            model.put("editUrl", docs.editUrls().get(p.sourcePath()));
            model.put("lastUpdated", docs.lastUpdated().get(p.sourcePath()));
            model.put("hasMermaid", html.contains("language-mermaid"));
            model.put("hasMath", html.contains("class=\"arithmatex\""));
            model.put("nav", nav(docs.nav(), base, p.sourcePath()));
            model.put("toc", p.headings().stream().filter(h -> h.level() >= 2 && h.level() <= 3)
                    .map(h -> new Views.Toc(h.level(), h.text(), h.id())).toList());
            model.put("previous", i > 0 ? new Views.Link(pages.get(i - 1).title(), base + pages.get(i - 1)
                    .outputPath()) : null);
            model.put("next", i + 1 < pages.size() ? new Views.Link(pages.get(i + 1).title(), base
                    + pages.get(i + 1).outputPath()) : null);
            byte[] bytes = page("docs", path, p.title() + " · " + docs.siteName(), model, chrome)
                    .getBytes(StandardCharsets.UTF_8);
            writer.write(path, bytes);
            keep.add(new PageCache.File(p.outputPath(), bytes));
            files.add(p.outputPath());
        }
        copyAssets(writer, base, docs, files);
        if (!pages.isEmpty() && pages.stream().noneMatch(p -> p.outputPath().equals("index.html"))) {
            // No index.md or README.md: the docs' root leads to the first page of the navigation.
            String first = pages.get(0).outputPath();
            String target = org.jsoup.nodes.Entities.escape(UrlPaths.encode(first));
            byte[] redirect = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>" + org.jsoup.nodes.Entities.escape(docs.siteName()) + "</title>"
                    + "<meta http-equiv=\"refresh\" content=\"0; url=" + target + "\"></head>"
                    + "<body><p><a href=\"" + target + "\">" + org.jsoup.nodes.Entities.escape(pages.get(0).title())
                    + "</a></p></body></html>\n").getBytes(StandardCharsets.UTF_8);
            writer.write(base + "index.html", redirect);
            keep.add(new PageCache.File("index.html", redirect));
            files.add("index.html");
        }
        byte[] metadata = TechDocsMetadata.json(docs, files).getBytes(StandardCharsets.UTF_8);
        writer.write(base + TechDocsMetadata.FILE, metadata);
        keep.add(new PageCache.File(TechDocsMetadata.FILE, metadata));
        key.ifPresent(k -> cache.get().keep(k, keep));
    }

    /** Copies a doc set's files beside its pages, but where a page took the path (MarkdownPages reported it). */
    private static void copyAssets(SiteWriter writer, String base, DocSet docs, List<String> files) {
        for (DocSet.Asset asset : docs.assets()) {
            if (writer.wasWritten(base + asset.path())) {
                continue;
            }
            copy(writer, asset, base + asset.path());
            files.add(asset.path());
        }
    }

    /**
     * A navigation with more entries than this is shown around the current page only, so that a doc set of thousands
     * of pages does not repeat all of them on every page: sections off the current page's path fold into a link to
     * their first page, and a long list shows {@link #NAV_WINDOW} entries either side of the current one.
     */
    static final int LARGE_NAV = 300;
    static final int NAV_WINDOW = 40;

    private static List<Views.Nav> nav(List<NavItem> items, String base, String current) {
        return nav(items, base, current, count(items) > LARGE_NAV);
    }

    private static List<Views.Nav> nav(List<NavItem> items, String base, String current, boolean large) {
        List<Views.Nav> out = new ArrayList<>();
        int here = 0;
        for (NavItem item : items) {
            if (holds(item, current)) {
                here = out.size();
            }
            if (item.url() != null) {
                out.add(new Views.Nav(item.title(), item.url(), false, true, List.of()));
            } else if (item.page() != null) {
                out.add(new Views.Nav(item.title(), base + MarkdownPages.outputPath(item.page()),
                        item.page().equals(current), false, List.of()));
            } else if (large && !holds(item, current)) {
                String first = firstPage(item);
                out.add(first == null ? new Views.Nav(item.title(), null, false, false, List.of())
                        : new Views.Nav(item.title() + " ›", base + MarkdownPages.outputPath(first), false, false,
                        List.of()));
            } else {
                out.add(new Views.Nav(item.title(), null, false, false, nav(item.children(), base, current, large)));
            }
        }
        if (!large || out.size() <= 2 * NAV_WINDOW + 1) {
            return out;
        }
        int from = Math.max(0, here - NAV_WINDOW);
        int to = Math.min(out.size(), here + NAV_WINDOW + 1);
        List<Views.Nav> window = new ArrayList<>();
        if (from > 0) {
            window.add(more(from, out.get(from - 1)));
        }
        window.addAll(out.subList(from, to));
        if (to < out.size()) {
            window.add(more(out.size() - to, out.get(to)));
        }
        return window;
    }

    /** An entry standing for {@code count} entries left out, leading to the nearest of them. */
    private static Views.Nav more(int count, Views.Nav nearest) {
        return new Views.Nav("… " + count + " more", nearest.url(), false, nearest.external(), List.of());
    }

    private static int count(List<NavItem> items) {
        return items.stream().mapToInt(i -> 1 + count(i.children())).sum();
    }

    private static boolean holds(NavItem item, String page) {
        return page.equals(item.page()) || item.children().stream().anyMatch(c -> holds(c, page));
    }

    private static String firstPage(NavItem item) {
        if (item.page() != null) {
            return item.page();
        }
        return item.children().stream().map(SiteGenerator::firstPage).filter(p -> p != null).findFirst()
                .orElse(null);
    }

    /**
     * The catalog page; when the catalog has more than {@link CatalogTable#PAGE_ROWS} entities, it holds the first
     * of them and the chunk scripts every row, which its script loads to filter and page.
     */
    /**
     * The docs hub: every doc set with the entity it belongs to, its owner and system, its size and when it last
     * changed, filtered in the page as the catalog is; and {@code guides/}, where readers look by habit, leading to
     * it unless a content page is there.
     */
    private void writeDocsHub(SiteWriter writer, Chrome chrome, Plan plan) {
        Catalog catalog = chrome.input().catalog();
        List<Views.DocSetRow> rows = new ArrayList<>();
        chrome.input().docs().forEach((ref, docs) -> {
            Optional<Entity> entity = catalog.find(ref);
            String updated = docs.lastUpdated().values().stream().max(String::compareTo).orElse("");
            rows.add(new Views.DocSetRow(docs.siteName().isBlank() ? entity.map(Entity::displayName)
                    .orElse(ref.name()) : docs.siteName(), SitePaths.docsRoot(ref) + "index.html",
                    EntityPageModel.ref(catalog, ref), EntityPageModel.first(catalog, ref, RelationType.OWNED_BY),
                    EntityPageModel.system(catalog, ref),
                    docs.pages().size(), updated, entity.map(Entity::description).orElse("")));
        });
        rows.sort(Comparator.comparing(r -> r.title().toLowerCase(Locale.ROOT)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("docSets", rows);
        model.put("guides", plan.pages.stream().filter(p -> p.outputPath().endsWith(".html"))
                .map(p -> new Views.Link(p.title(), p.outputPath())).toList());
        writer.write(SitePaths.DOCS_HUB, page("docshub", SitePaths.DOCS_HUB, "Docs", model, chrome));
        if (plan.pages.stream().noneMatch(p -> p.outputPath().equals(SitePaths.GUIDES))) {
            writer.write(SitePaths.GUIDES, page("moved", SitePaths.GUIDES, "Docs",
                    Map.of("target", SitePaths.DOCS_HUB), chrome));
        }
    }

    /** Every API of the catalog, as Backstage's API explorer lists them. */
    private void writeApis(SiteWriter writer, Chrome chrome) {
        Catalog catalog = chrome.input().catalog();
        List<Views.ApiRow> rows = catalog.entities().stream().filter(e -> e.kind().equals("API"))
                .map(e -> new Views.ApiRow(EntityPageModel.row(catalog, e.ref()),
                        EntityPageModel.system(catalog, e.ref()),
                        catalog.related(e.ref(), RelationType.API_PROVIDED_BY).size(),
                        catalog.related(e.ref(), RelationType.API_CONSUMED_BY).size()))
                .sorted(Comparator.comparing(r -> r.api().entity().label().toLowerCase(Locale.ROOT))).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("apis", rows);
        model.put("types", rows.stream().map(r -> r.api().type()).filter(t -> !t.isEmpty()).distinct().sorted()
                .toList());
        writer.write(SitePaths.APIS, page("apis", SitePaths.APIS, "APIs", model, chrome));
    }

    private void writeCatalog(SiteWriter writer, Chrome chrome, ProblemIndex problems,
                              Map<EntityRef, EntityRef> docsLinks) {
        List<Views.Row> rows = catalogRows(chrome.input().catalog(), problems, docsLinks.keySet());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rows", rows);
        model.put("filters", catalogFilters(rows));
        model.put("total", rows.size());
        if (CatalogTable.paged(rows.size())) {
            List<CatalogTable.Chunk> chunks = CatalogTable.chunks(rows);
            chunks.forEach(c -> writer.write(c.path(), c.script()));
            model.put("rows", rows.subList(0, CatalogTable.PAGE_ROWS));
            model.put("chunks", String.join(" ", chunks.stream().map(CatalogTable.Chunk::path).toList()));
            model.put("pageRows", CatalogTable.PAGE_ROWS);
            model.put("shownText", CatalogTable.number(CatalogTable.PAGE_ROWS));
            model.put("totalText", CatalogTable.number(rows.size()));
        }
        writer.write(SitePaths.CATALOG, page("catalog", SitePaths.CATALOG, "Catalog", model, chrome));
    }

    private static List<Views.Row> catalogRows(Catalog catalog, ProblemIndex problems, Set<EntityRef> withDocs) {
        List<Views.Row> rows = new ArrayList<>();
        for (Entity e : catalog.entities()) {
            EntityRef ref = e.ref();
            Views.Ref system = EntityPageModel.system(catalog, ref);
            rows.add(new Views.Row(ref.toString(), e.name(), e.displayName(), e.kind(), e.type().orElse(""),
                    e.namespace(), e.lifecycle().orElse(""),
                    EntityPageModel.first(catalog, ref, dev.paved.catalog.RelationType.OWNED_BY), system, e.tags(),
                    e.description(), SitePaths.entity(ref), problems.of(ref).size(), withDocs.contains(ref)));
        }
        return rows;
    }

    /** The choices of each filter: every value of every row, not only of those the page holds. */
    private static List<Views.Filter> catalogFilters(List<Views.Row> rows) {
        return List.of(
                filter("kind", "Kind", rows, r -> List.of(r.kind())),
                filter("type", "Type", rows, r -> List.of(r.type())),
                filter("owner", "Owner", rows, r -> r.owner() == null ? List.of() : List.of(r.owner().label())),
                filter("lifecycle", "Lifecycle", rows, r -> List.of(r.lifecycle())),
                filter("system", "System", rows, r -> r.system() == null ? List.of() : List.of(r.system().label())),
                filter("tag", "Tag", rows, Views.Row::tags),
                new Views.Filter("docs", "Docs", List.of("Yes", "No")));
    }

    private static Views.Filter filter(String key, String label, List<Views.Row> rows,
                                       Function<Views.Row, List<String>> values) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        rows.forEach(r -> values.apply(r).stream().filter(Objects::nonNull).filter(v -> !v.isEmpty())
                .forEach(set::add));
        return new Views.Filter(key, label, List.copyOf(set));
    }

    private static Map<String, Object> catalogSummary(Catalog catalog) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String kind : List.of("Domain", "System", "Component", "API", "Resource", "Group", "User", "Template")) {
            int n = (int) catalog.entities().stream().filter(e -> e.kind().equals(kind)).count();
            if (n > 0) {
                counts.put(kind, n);
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("counts", counts);
        model.put("systems", catalog.entities().stream().filter(e -> e.kind().equals("System"))
                .map(e -> EntityPageModel.ref(catalog, e.ref())).toList());
        return model;
    }

    private void writeProblems(SiteWriter writer, Chrome chrome, List<Diagnostic> all, ProblemIndex index) {
        Catalog catalog = chrome.input().catalog();
        List<Views.TeamProblems> teams = new ArrayList<>();
        index.byOwner(catalog).forEach((team, problems) -> {
            String path = SitePaths.teamProblems(team);
            Views.Ref ref = EntityPageModel.ref(catalog, team);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("team", ref);
            writeProblemPages(writer, chrome, path, "Problems of " + ref.label(), model, problems.stream()
                    .sorted(Diagnostic.ORDER).map(d -> problem(d, catalog, index)).toList());
            teams.add(new Views.TeamProblems(ref, path,
                    problems.stream().filter(d -> d.severity() == dev.paved.diagnostic.Severity.ERROR).count(),
                    problems.stream().filter(d -> d.severity() == dev.paved.diagnostic.Severity.WARNING).count()));
        });
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("teams", teams);
        writeProblemPages(writer, chrome, SitePaths.PROBLEMS, "Catalog problems", model, all.stream()
                .map(d -> problem(d, catalog, index)).toList());
    }

    /** A list of problems, on pages of at most {@link ProblemPages#PAGE_PROBLEMS}, the first at {@code first}. */
    private void writeProblemPages(SiteWriter writer, Chrome chrome, String first, String title,
                                   Map<String, Object> model, List<Views.Problem> problems) {
        for (ProblemPages.Page p : ProblemPages.split(first, problems)) {
            Map<String, Object> pageModel = new LinkedHashMap<>(model);
            pageModel.put("problems", p.problems());
            pageModel.put("total", CatalogTable.number(problems.size()));
            pageModel.put("pager", p.pager());
            writer.write(p.path(), page("problems", p.path(), p.number() == 1 ? title : title + ", page "
                    + p.number(), pageModel, chrome));
        }
    }

    private Views.Problem problem(Diagnostic d, Catalog catalog, ProblemIndex index) {
        String file = shown(d.file());
        String where = file + (d.line() > 0 ? ":" + d.line() + (d.column() > 0 ? ":" + d.column() : "") : "");
        return new Views.Problem(d.severity().label(), file, d.line(), d.column(), d.code().id(), d.message(), where,
                d.hint(), index.entityOf(d).map(r -> EntityPageModel.ref(catalog, r)).orElse(null));
    }

    private String page(String template, String path, String title, Map<String, Object> model, Chrome chrome) {
        Map<String, Object> context = new LinkedHashMap<>(model);
        context.putAll(chrome.frame());
        context.put("title", title);
        context.put("root", model.containsKey("root") ? model.get("root") : UrlPaths.toRoot(path));
        context.put("pagePath", path);
        return theme.render(template, context);
    }

    /** Copies an author's file into the site; an SVG is written cleaned of anything that runs ({@link StaticFiles}). */
    private static void copy(SiteWriter writer, DocSet.Asset asset, String path) {
        if (!StaticFiles.cleaned(asset.path())) {
            writer.copy(asset.file(), path);
            return;
        }
        try {
            writer.write(path, StaticFiles.published(asset.path(), asset.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
