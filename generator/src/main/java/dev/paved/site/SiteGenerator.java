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
import dev.paved.docs.DocSet;
import dev.paved.docs.MarkdownPages;
import dev.paved.docs.NavItem;
import dev.paved.docs.UrlPaths;
import dev.paved.search.SearchIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes the static portal: home, catalog table, one page per entity with its relations diagram, TechDocs, the
 * portal's own pages and the catalog problems page. Output is deterministic: the same input gives the same bytes.
 */
public final class SiteGenerator {

    /**
     * Everything the site shows.
     *
     * @param title       the portal's title
     * @param catalog     the catalog
     * @param docs        each entity's rendered docs
     * @param content     the portal's own pages
     * @param problems    the diagnostics to list on the problems page
     * @param baseUrl     the URL the portal is served from, or empty: only the 404 page, served at any path,
     *                    needs it (without it, it assumes the portal is at the server's root)
     * @param repositories the crawled repositories and how their crawl went, listed on their own page
     * @param scores      every entity scored on every scorecard
     * @param previousScores the levels of the previous publish, for trends
     */
    public record Input(String title, Catalog catalog, Map<EntityRef, DocSet> docs, ContentReader.Content content,
                        List<Diagnostic> problems, String baseUrl, List<dev.paved.crawl.Crawler.Crawled> repositories,
                        dev.paved.scorecard.Scoreboard scores, dev.paved.scorecard.PreviousScores previousScores) {
    }

    private final Theme theme;
    private final Path projectDir;
    private final Diagnostics diagnostics;

    /**
     * A generator with the built-in theme, overridden by {@code themeFolder} where it has files.
     *
     * @param projectDir the folder file paths are shown relative to, so that pages do not depend on where the
     *                   build ran
     */
    public SiteGenerator(Optional<Path> themeFolder, Path projectDir, Diagnostics diagnostics) {
        this.theme = Theme.load(themeFolder);
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.diagnostics = diagnostics;
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
     * Writes the site into {@code output}, replacing a previous build there.
     *
     * @return how many HTML pages were written
     * @throws IOException when the output folder cannot be prepared (for instance it holds files Paved did not write)
     */
    public long write(Input input, Path output) throws IOException {
        SiteWriter writer = SiteWriter.prepare(output);
        theme.assets().values().forEach(a -> writer.write(a.path(), a.bytes()));
        // The search index needs only the rendered input: it is built on another core while pages are written.
        java.util.concurrent.CompletableFuture<Map<String, byte[]>> searchIndex =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try (SearchIndex index = SearchIndex.build(SearchDocuments.of(input))) {
                        return index.export();
                    }
                });

        Catalog catalog = input.catalog();
        ProblemIndex problemIndex = new ProblemIndex(catalog, input.problems());
        for (Entity entity : catalog.entities()) {
            String path = SitePaths.entity(entity.ref());
            Map<String, Object> model = EntityPageModel.build(entity, catalog, docsOf(entity, input));
            model.put("diagram", RelationDiagram.render(entity, catalog, path));
            model.put("problems", problemIndex.of(entity.ref()).stream().map(d -> problem(d, catalog, problemIndex))
                    .toList());
            model.put("sourceFile", shown(entity.source().file().toString()));
            model.put("scorecards", ScorecardPages.forEntity(input.scores(), input.previousScores(),
                    entity.ref()));
            writer.write(path, page("entity", path, entity.displayName() + " · " + entity.kind(), model, input));
        }
        input.docs().forEach((ref, docs) -> writeDocs(writer, input, ref, docs));

        writer.write(SitePaths.CATALOG, page("catalog", SitePaths.CATALOG, "Catalog", catalogModel(catalog,
                problemIndex), input));
        writer.write(CatalogExport.JSON, CatalogExport.json(catalog, e -> shown(e.source().file().toString())));
        writer.write(CatalogExport.CSV, CatalogExport.csv(catalog));
        writeProblems(writer, input, problemIndex);

        ContentPage home = null;
        for (ContentPage p : input.content().pages()) {
            if (p.outputPath().equals(SitePaths.HOME)) {
                home = p;
                continue;
            }
            if (writer.wasWritten(p.outputPath())) {
                diagnostics.error(SourcePosition.of(p.sourcePath()), Code.DUPLICATE_PAGE, "content/" + p.sourcePath()
                        + " would be written to " + p.outputPath() + ", which another page already uses");
                continue;
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("page", p);
            model.put("hasMermaid", p.html().contains("language-mermaid"));
            writer.write(p.outputPath(), page("page", p.outputPath(), p.title(), model, input));
        }
        for (DocSet.Asset asset : input.content().assets()) {
            if (writer.wasWritten(asset.path()) || asset.path().equals(SitePaths.HOME)) {
                diagnostics.error(SourcePosition.of(DisplayPath.of(asset.file())), Code.DUPLICATE_PAGE, "content/"
                        + asset.path() + " has the path of a page the portal writes; not copied");
                continue;
            }
            writer.copy(asset.file(), asset.path());
        }
        Map<String, Object> homeModel = catalogSummary(catalog);
        homeModel.put("page", home);
        writer.write(SitePaths.HOME, page("home", SitePaths.HOME, home == null ? input.title() : home.title(),
                homeModel, input));
        writeSearch(writer, input, searchIndex.join());
        writeNotFound(writer, input);
        writeScorecards(writer, input);
        writeTemplates(writer, input);
        if (!input.repositories().isEmpty()) {
            writer.write(SitePaths.REPOSITORIES, page("repositories", SitePaths.REPOSITORIES, "Repositories",
                    Map.of("repositories", input.repositories().stream().map(Views.Repository::of).toList()), input));
        }
        return writer.pageCount();
    }

    /** The gallery of software templates: each links its page, where its form is. */
    private void writeTemplates(SiteWriter writer, Input input) {
        List<Map<String, Object>> cards = new ArrayList<>();
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
            cards.add(card);
        }
        if (!cards.isEmpty()) {
            writer.write(SitePaths.TEMPLATES, page("templates", SitePaths.TEMPLATES, "Create", Map.of("templates",
                    cards), input));
        }
    }

    /** The scorecards' overview, a page per scorecard, and {@code scorecards.json}. */
    private void writeScorecards(SiteWriter writer, Input input) {
        if (input.scores().scorecards().isEmpty()) {
            return;
        }
        writer.write(ScorecardPages.INDEX, page("scorecards", ScorecardPages.INDEX, "Scorecards",
                ScorecardPages.index(input.scores()), input));
        for (dev.paved.scorecard.Scorecard s : input.scores().scorecards()) {
            String path = ScorecardPages.page(s);
            writer.write(path, page("scorecard", path, s.title(), ScorecardPages.scorecard(s, input.scores(),
                    input.previousScores(), input.catalog(), path), input));
        }
        writer.write(ScorecardPages.JSON, ScorecardPages.json(input.scores()));
    }

    /** {@code 404.html}, which static hosts (GitHub Pages, S3 websites) serve for a missing path. */
    private void writeNotFound(SiteWriter writer, Input input) {
        String base = "/";
        if (!input.baseUrl().isBlank()) {
            String path = java.net.URI.create(input.baseUrl().strip()).getPath();
            base = path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("root", base);
        writer.write(SitePaths.NOT_FOUND, page("notfound", SitePaths.NOT_FOUND, "Page not found", model, input));
    }

    /** The search page and the static search index under {@code search/}. */
    private void writeSearch(SiteWriter writer, Input input, Map<String, byte[]> index) {
        writer.write(SitePaths.SEARCH, page("search", SitePaths.SEARCH, "Search", new LinkedHashMap<>(), input));
        index.forEach((path, bytes) -> writer.write(SitePaths.SEARCH_INDEX + path, bytes));
    }

    /** The entity whose docs an entity's page links: its own, else those its techdocs-entity names. */
    private Optional<EntityRef> docsOf(Entity entity, Input input) {
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

    private void writeDocs(SiteWriter writer, Input input, EntityRef ref, DocSet docs) {
        writeDocSet(writer, input, SitePaths.docsRoot(ref), EntityPageModel.ref(input.catalog(), ref), docs);
    }

    /**
     * Writes one repository's docs alone into {@code output}, as {@code techdocs-cli generate} does: the pages at
     * the root, the theme's assets, and {@code techdocs_metadata.json}.
     *
     * @return how many HTML pages were written
     */
    public long writeTechDocs(DocSet docs, Path output) throws IOException {
        SiteWriter writer = SiteWriter.prepare(output);
        theme.assets().values().forEach(a -> writer.write(a.path(), a.bytes()));
        Input input = new Input(docs.siteName(), null, Map.of(), new ContentReader.Content(List.of(), List.of()),
                List.of(), "", List.of(), dev.paved.scorecard.Scoreboard.empty(),
                dev.paved.scorecard.PreviousScores.none());
        writeDocSet(writer, input, "", null, docs);
        return writer.pageCount();
    }

    private void writeDocSet(SiteWriter writer, Input input, String base, Views.Ref owner, DocSet docs) {
        List<MarkdownPages.Rendered> pages = docs.pages();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            MarkdownPages.Rendered p = pages.get(i);
            String path = base + p.outputPath();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("docs", docs);
            model.put("entityRef", owner);
            model.put("docPage", p);
            model.put("editUrl", docs.editUrls().get(p.sourcePath()));
            model.put("lastUpdated", docs.lastUpdated().get(p.sourcePath()));
            model.put("hasMermaid", p.html().contains("language-mermaid"));
            model.put("nav", nav(docs.nav(), base, p.sourcePath()));
            model.put("toc", p.headings().stream().filter(h -> h.level() >= 2 && h.level() <= 3)
                    .map(h -> new Views.Toc(h.level(), h.text(), h.id())).toList());
            model.put("previous", i > 0 ? new Views.Link(pages.get(i - 1).title(), base + pages.get(i - 1)
                    .outputPath()) : null);
            model.put("next", i + 1 < pages.size() ? new Views.Link(pages.get(i + 1).title(), base
                    + pages.get(i + 1).outputPath()) : null);
            writer.write(path, page("docs", path, p.title() + " · " + docs.siteName(), model, input));
            files.add(p.outputPath());
        }
        for (DocSet.Asset asset : docs.assets()) {
            if (writer.wasWritten(base + asset.path())) {
                continue; // a page took the path; MarkdownPages reported it
            }
            writer.copy(asset.file(), base + asset.path());
            files.add(asset.path());
        }
        if (!pages.isEmpty() && pages.stream().noneMatch(p -> p.outputPath().equals("index.html"))) {
            // No index.md or README.md: the docs' root leads to the first page of the navigation.
            String first = pages.get(0).outputPath();
            String target = org.jsoup.nodes.Entities.escape(UrlPaths.encode(first));
            writer.write(base + "index.html", "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>" + org.jsoup.nodes.Entities.escape(docs.siteName()) + "</title>"
                    + "<meta http-equiv=\"refresh\" content=\"0; url=" + target + "\"></head>"
                    + "<body><p><a href=\"" + target + "\">" + org.jsoup.nodes.Entities.escape(pages.get(0).title())
                    + "</a></p></body></html>\n");
            files.add("index.html");
        }
        writer.write(base + TechDocsMetadata.FILE, TechDocsMetadata.json(docs, files));
    }

    private static List<Views.Nav> nav(List<NavItem> items, String base, String current) {
        List<Views.Nav> out = new ArrayList<>();
        for (NavItem item : items) {
            if (item.url() != null) {
                out.add(new Views.Nav(item.title(), item.url(), false, true, List.of()));
            } else if (item.page() != null) {
                out.add(new Views.Nav(item.title(), base + MarkdownPages.outputPath(item.page()),
                        item.page().equals(current), false, List.of()));
            } else {
                out.add(new Views.Nav(item.title(), null, false, false, nav(item.children(), base, current)));
            }
        }
        return out;
    }

    private static Map<String, Object> catalogModel(Catalog catalog, ProblemIndex problems) {
        List<Views.Row> rows = new ArrayList<>();
        for (Entity e : catalog.entities()) {
            EntityRef ref = e.ref();
            Views.Ref system = catalog.related(ref, dev.paved.catalog.RelationType.PART_OF).stream()
                    .filter(r -> r.kind().equals("system")).findFirst()
                    .map(r -> EntityPageModel.ref(catalog, r)).orElse(null);
            rows.add(new Views.Row(ref.toString(), e.name(), e.displayName(), e.kind(), e.type().orElse(""),
                    e.namespace(), e.lifecycle().orElse(""),
                    EntityPageModel.first(catalog, ref, dev.paved.catalog.RelationType.OWNED_BY), system, e.tags(),
                    e.description(), SitePaths.entity(ref), problems.of(ref).size()));
        }
        List<Views.Filter> filters = List.of(
                filter("kind", "Kind", rows, r -> List.of(r.kind())),
                filter("type", "Type", rows, r -> List.of(r.type())),
                filter("owner", "Owner", rows, r -> r.owner() == null ? List.of() : List.of(r.owner().label())),
                filter("lifecycle", "Lifecycle", rows, r -> List.of(r.lifecycle())),
                filter("system", "System", rows, r -> r.system() == null ? List.of() : List.of(r.system().label())),
                filter("tag", "Tag", rows, Views.Row::tags));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rows", rows);
        model.put("filters", filters);
        return model;
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

    private void writeProblems(SiteWriter writer, Input input, ProblemIndex index) {
        Catalog catalog = input.catalog();
        List<Views.TeamProblems> teams = new ArrayList<>();
        index.byOwner(catalog).forEach((team, problems) -> {
            String path = SitePaths.teamProblems(team);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("team", EntityPageModel.ref(catalog, team));
            model.put("problems", problems.stream().sorted(Diagnostic.ORDER).map(d -> problem(d, catalog, index)).toList());
            writer.write(path, page("problems", path, "Problems of " + EntityPageModel.ref(catalog, team).label(),
                    model, input));
            teams.add(new Views.TeamProblems(EntityPageModel.ref(catalog, team), path,
                    problems.stream().filter(d -> d.severity() == dev.paved.diagnostic.Severity.ERROR).count(),
                    problems.stream().filter(d -> d.severity() == dev.paved.diagnostic.Severity.WARNING).count()));
        });
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("teams", teams);
        model.put("problems", input.problems().stream().map(d -> problem(d, catalog, index)).toList());
        writer.write(SitePaths.PROBLEMS, page("problems", SitePaths.PROBLEMS, "Catalog problems", model, input));
    }

    private Views.Problem problem(Diagnostic d, Catalog catalog, ProblemIndex index) {
        String file = shown(d.file());
        String where = file + (d.line() > 0 ? ":" + d.line() + (d.column() > 0 ? ":" + d.column() : "") : "");
        return new Views.Problem(d.severity().label(), file, d.line(), d.column(), d.code().id(), d.message(), where,
                d.hint(), index.entityOf(d).map(r -> EntityPageModel.ref(catalog, r)).orElse(null));
    }

    private String page(String template, String path, String title, Map<String, Object> model, Input input) {
        Map<String, Object> context = new LinkedHashMap<>(model);
        context.put("siteTitle", input.title());
        context.put("title", title);
        context.put("root", model.containsKey("root") ? model.get("root") : UrlPaths.toRoot(path));
        context.put("pagePath", path);
        context.put("assets", theme.assetPaths());
        context.put("problemCount", input.problems().size());
        context.put("standalone", input.catalog() == null);
        context.put("hasRepositories", !input.repositories().isEmpty());
        context.put("hasScorecards", !input.scores().scorecards().isEmpty());
        context.put("hasTemplates", input.catalog() != null && input.catalog().entities().stream()
                .anyMatch(e -> e.kind().equals("Template")));
        context.put("topPages", input.content().pages().stream()
                .filter(p -> !p.outputPath().equals(SitePaths.HOME) && p.outputPath().split("/").length == 2)
                .map(p -> new Views.Link(p.title(), p.outputPath())).toList());
        return theme.render(template, context);
    }
}
