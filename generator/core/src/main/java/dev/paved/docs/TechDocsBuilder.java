package dev.paved.docs;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.crawl.FileNeeds;
import dev.paved.crawl.RepositoryTree;
import dev.paved.catalog.Entity;
import dev.paved.catalog.RepositoryFiles;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds an entity's TechDocs from its {@code backstage.io/techdocs-ref}: reads {@code mkdocs.yml} (or, without one,
 * the {@code docs/} folder), renders every page and collects the files to copy. Refuses anything outside the
 * entity's repository, including symbolic links that point out of it.
 */
public final class TechDocsBuilder {

    /** The annotation that says where an entity's docs are. */
    public static final String TECHDOCS_REF = "backstage.io/techdocs-ref";

    /**
     * What the docs read of a repository: every MkDocs configuration, everything under the {@code docs_dir} it
     * names (default {@code docs}), the README beside it (the index when the docs have none), and any {@code docs/}
     * folder (docs without a configuration).
     */
    public static final FileNeeds NEEDS = new FileNeeds() {
        @Override
        public Set<String> select(RepositoryTree tree) {
            Set<String> out = new TreeSet<>();
            for (String path : tree.paths()) {
                if (RepositoryTree.isDependency(path)) {
                    continue;
                }
                if (path.startsWith(DEFAULT_DOCS_DIR + "/") || path.contains("/" + DEFAULT_DOCS_DIR + "/")) {
                    out.add(path);
                }
                if (!MKDOCS_FILES.contains(RepositoryTree.fileName(path))) {
                    continue;
                }
                out.add(path);
                out.add(UrlPaths.resolve(path, "README.md"));
                String docsDir = tree.read(path).map(TechDocsBuilder::docsDirOf).orElse(DEFAULT_DOCS_DIR);
                // The reader refuses a docs_dir outside the repository (and says so); here it only names nothing.
                String under = RepositoryFiles.isRelative(docsDir) ? UrlPaths.resolve(path, docsDir) : null;
                if (under != null && !under.isEmpty()) {
                    tree.under(under).filter(p -> !RepositoryTree.isDependency(p)).forEach(out::add);
                }
            }
            out.retainAll(new HashSet<>(tree.paths()));
            return out;
        }

        @Override
        public String id() {
            return "docs/2";
        }
    };

    /** A Markdown page's file name. */
    static final String PAGE_FILE = "(?i).*\\.(md|markdown)$";
    /** A MkDocs configuration's file name, as {@code *include} globs find them. */
    static final String MKDOCS_FILE = "mkdocs\\.ya?ml";
    /** How deep {@code *include} globs search. */
    static final int INCLUDE_DEPTH = 4;

    /** The names of a MkDocs configuration file. */
    static final List<String> MKDOCS_FILES = List.of("mkdocs.yml", "mkdocs.yaml");

    /** The docs folder when {@code mkdocs.yml} names none, as MkDocs has it. */
    static final String DEFAULT_DOCS_DIR = "docs";

    /** The {@code docs_dir} of a MkDocs configuration's text, the default when it names none or does not parse. */
    static String docsDirOf(String mkdocs) {
        List<YamlDocument> docs = YamlReader.read("mkdocs.yml", mkdocs, new Diagnostics(), true);
        return docs.isEmpty() ? DEFAULT_DOCS_DIR : docsDirOf(docs.get(0).root());
    }

    /** The {@code docs_dir} of a MkDocs configuration, the default when it names none. */
    static String docsDirOf(JsonNode config) {
        return config.path("docs_dir").isTextual() ? config.path("docs_dir").asText() : DEFAULT_DOCS_DIR;
    }

    private final MarkdownRenderer renderer;
    private final Diagnostics diagnostics;
    private final GitHistory history;

    /** A builder that reports to {@code diagnostics}. */
    public TechDocsBuilder(MarkdownRenderer renderer, Diagnostics diagnostics) {
        this(renderer, diagnostics, new GitHistory());
    }

    private TechDocsBuilder(MarkdownRenderer renderer, Diagnostics diagnostics, GitHistory history) {
        this.renderer = renderer;
        this.diagnostics = diagnostics;
        this.history = history;
    }

    /** A doc set (or none, after problems) and what building it read. */
    public record Built(Optional<DocSet> docs, DocInputs inputs) {
    }

    /**
     * Builds the docs at a location as {@link #build(Location)} does, reporting to {@code problems} rather than to
     * this builder's diagnostics, and says what it read: a later build whose {@link #digest} of those inputs is the
     * same would build the same docs with the same problems.
     */
    public Built buildTracked(Location location, Diagnostics problems) {
        Collected collected = new Collected();
        TechDocsBuilder reporting = new TechDocsBuilder(renderer, problems, history);
        Optional<DocSet> docs = reporting.buildFolder(location.dir(), location.root(), location.fallbackName(),
                location.at(), location.editBase(), collected);
        return new Built(docs, new DocInputs(location.root(), collected.files, collected.trees, collected.listings));
    }

    /** A digest of what a doc set read, as it is now (content, absence, git history). */
    public String digest(DocInputs inputs) throws IOException {
        return inputs.digest(history);
    }

    /** The entity's docs, or empty when it has none or they cannot be read (after a diagnostic). */
    public Optional<DocSet> build(Entity entity) {
        return locate(entity).flatMap(this::build);
    }

    /**
     * Where an entity's docs are. Entities whose docs are in the same place have equal locations, and the same
     * docs: a build renders them once.
     *
     * @param dir          the folder with {@code mkdocs.yml} or {@code docs/}
     * @param root         the repository root; nothing outside it is read
     * @param fallbackName the docs' title when {@code mkdocs.yml} gives none
     * @param editBase     where the folder can be edited, when known from the entity
     * @param at           where the entity names them (its annotation), for problems with them
     */
    public record Location(Path dir, Path root, String fallbackName, Optional<String> editBase,
                           SourcePosition at) {

        /**
         * The location without the entity's name and position: equal for entities whose docs are the same. Docs
         * built from it have an empty {@code siteName} when {@code mkdocs.yml} names none.
         */
        public Location shared() {
            return new Location(dir, root, "", editBase, SourcePosition.of(""));
        }

        /** This location, the problems with it reported at {@code position}. */
        public Location at(SourcePosition position) {
            return new Location(dir, root, fallbackName, editBase, position);
        }
    }

    /** Builds the docs at a location, or empty when there are none (after a diagnostic). */
    public Optional<DocSet> build(Location location) {
        return buildFolder(location.dir(), location.root(), location.fallbackName(), location.at(),
                location.editBase(), new Collected());
    }

    /** Where the entity's docs are, or empty when it has none or they are not in its repository (after a diagnostic). */
    public Optional<Location> locate(Entity entity) {
        Optional<String> ref = entity.annotation(TECHDOCS_REF);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        SourcePosition at = entity.source().at("/metadata/annotations/" + TECHDOCS_REF.replace("/", "~1"));
        String value = ref.get().trim();
        String relative;
        if (value.startsWith("dir:")) {
            relative = value.substring(4);
        } else if (value.startsWith("url:")) {
            // A URL into the entity's own repository, as its source location names it, is read from the checkout.
            Optional<String> inside = entity.annotation("backstage.io/source-location")
                    .map(l -> l.startsWith("url:") ? l.substring(4) : l)
                    .map(l -> l.endsWith("/") ? l : l + "/")
                    .filter(l -> (value.substring(4) + "/").startsWith(l))
                    .map(l -> value.substring(4).substring(Math.min(l.length(), value.length() - 4)));
            if (inside.isEmpty()) {
                diagnostics.warning(at, Code.TECHDOCS_REF_UNSUPPORTED, "techdocs-ref \"" + value + "\" points at a "
                        + "repository that is not crawled; only URLs inside the entity's own source location "
                        + "(backstage.io/source-location) are read");
                return Optional.empty();
            }
            relative = inside.get().isEmpty() ? "." : inside.get();
        } else {
            diagnostics.warning(at, Code.TECHDOCS_REF_UNSUPPORTED, "techdocs-ref \"" + value + "\" is neither dir: "
                    + "nor url:");
            return Optional.empty();
        }
        Path root = entity.source().repositoryRoot();
        Optional<Path> dir = RepositoryFiles.resolveInside(root, entity.source().directory(), relative);
        if (dir.isEmpty()) {
            diagnostics.error(at, Code.PATH_OUTSIDE_REPOSITORY, "techdocs-ref \"" + value
                    + "\" points outside the repository " + DisplayPath.of(root) + "; docs not built");
            return Optional.empty();
        }
        if (!Files.isDirectory(dir.get())) {
            diagnostics.error(at, Code.TECHDOCS_MISSING, "techdocs-ref \"" + value + "\" names "
                    + DisplayPath.of(dir.get()) + ", which is not a folder");
            return Optional.empty();
        }
        // backstage.io/source-location names the folder of the catalog file, as Backstage's annotator writes it.
        Path locationBase = entity.source().directory();
        return Optional.of(new Location(dir.get(), root, entity.displayName(),
                entity.annotation("backstage.io/source-location").flatMap(TechDocsBuilder::editBaseFromSourceLocation)
                        .filter(b -> dir.get().startsWith(locationBase))
                        .map(b -> b + relativeTo(locationBase, dir.get())), at));
    }

    /**
     * Builds the docs of one folder (its {@code mkdocs.yml}, or its {@code docs/}), as {@code techdocs-cli generate}
     * does, without a catalog entity: {@code paved techdocs} and the Maven goal use this.
     *
     * @param dir            the folder with {@code mkdocs.yml}
     * @param repositoryRoot nothing outside it is read
     */
    public Optional<DocSet> build(Path dir, Path repositoryRoot) {
        Path folder = dir.toAbsolutePath().normalize();
        return buildFolder(folder, repositoryRoot.toAbsolutePath().normalize(),
                folder.getFileName() == null ? "Documentation" : folder.getFileName().toString(),
                SourcePosition.of(DisplayPath.of(folder)), Optional.empty(), new Collected());
    }

    /** One MkDocs site: the top one, or one a monorepo {@code !include} brings in under {@code prefix}. */
    private record Site(String name, String description, YamlDocument config, JsonNode nav, String prefix,
                        Path mkdocsDir, Optional<String> editBase, Map<String, Site> includes) {
    }

    /** What all sites of a doc set contribute. */
    private static final class Collected {
        final List<MarkdownPages.Source> sources = new ArrayList<>();
        final Set<String> assets = new LinkedHashSet<>();
        final List<DocSet.Asset> assetFiles = new ArrayList<>();
        final Map<String, String> editUrls = new TreeMap<>();
        final Map<String, String> lastUpdated = new TreeMap<>();
        /** Files that are neither pages nor of a type the portal publishes (see {@link StaticFiles}). */
        final List<String> leftOut = new ArrayList<>();
        /** What was read, for {@link DocInputs}. */
        final Set<Path> files = new HashSet<>();
        final Set<Path> trees = new HashSet<>();
        final Set<Path> listings = new HashSet<>();
        /** The folders of included sites, each used once. */
        final Set<String> prefixes = new HashSet<>();
        /** The extensions the top {@code mkdocs.yml} turns on, for every page (included sites' pages too, as MkDocs). */
        MarkdownRenderer.Dialect dialect = MarkdownRenderer.Dialect.MKDOCS;
        /** Snippets, named from the top {@code mkdocs.yml}'s folder (where TechDocs runs MkDocs). */
        Snippets snippets;
    }

    private static final Set<String> KNOWN_PLUGINS = Set.of("techdocs-core", "monorepo", "search");
    private static final Set<String> KNOWN_EXTENSIONS = Set.of("admonition", "toc", "tables", "fenced_code",
            "codehilite", "attr_list", "def_list", "footnotes", "abbr", "md_in_html", "meta", "sane_lists",
            "pymdownx.details", "pymdownx.tabbed", "pymdownx.superfences", "pymdownx.highlight",
            "pymdownx.inlinehilite", "pymdownx.tasklist", "pymdownx.betterem", "pymdownx.tilde", "pymdownx.mark",
            "pymdownx.caret", "pymdownx.smartsymbols", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.emoji",
            "pymdownx.snippets",
            "pymdownx.arithmatex",
            "markdown_inline_graphviz", "mdx_truly_sane_lists");

    /** @param folderEditBase where the folder {@code dir} can be edited, if known from the entity */
    private Optional<DocSet> buildFolder(Path dir, Path root, String fallbackName, SourcePosition at,
                                         Optional<String> folderEditBase, Collected collected) {
        Optional<Site> site = readSite(dir, root, "", fallbackName, at, folderEditBase, collected, 0);
        if (site.isEmpty()) {
            return Optional.empty();
        }
        List<MarkdownPages.Source> sources = collected.sources;
        boolean hasIndex = sources.stream().anyMatch(s -> s.path().equalsIgnoreCase("index.md")
                || s.path().equalsIgnoreCase("README.md"));
        if (!hasIndex) {
            Path readme = dir.resolve("README.md");
            collected.files.add(readme);
            if (Files.isRegularFile(readme) && RepositoryFiles.isInside(root, readme)) {
                read(readme).ifPresent(text -> sources.add(
                        new MarkdownPages.Source("index.md", text, 0, DisplayPath.of(readme))));
            }
        }
        if (sources.isEmpty()) {
            diagnostics.error(at, Code.TECHDOCS_MISSING, "No Markdown pages in " + DisplayPath.of(dir)
                    + "; docs not built");
            return Optional.empty();
        }
        if (!collected.leftOut.isEmpty()) {
            diagnostics.warning(at, Code.FILE_NOT_PUBLISHED, StaticFiles.notPublished(DisplayPath.of(dir), collected.leftOut));
        }
        List<MarkdownPages.Rendered> rendered = MarkdownPages.render(sources, collected.assets, renderer,
                collected.dialect, diagnostics);
        Set<String> pagePaths = new LinkedHashSet<>();
        sources.forEach(p -> pagePaths.add(p.path()));
        Set<String> failed = new HashSet<>(pagePaths);
        rendered.forEach(p -> failed.remove(p.sourcePath()));
        // A page that could not be rendered has been reported; its nav entry is left out without another problem.
        List<NavItem> nav = without(navOf(site.get(), pagePaths, rendered), failed);
        return Optional.of(new DocSet(site.get().name(), site.get().description(), nav, orderByNav(rendered, nav),
                collected.assetFiles, collected.editUrls, collected.lastUpdated));
    }

    private Optional<Site> readSite(Path dir, Path root, String prefix, String fallbackName, SourcePosition at,
                                    Optional<String> folderEditBase, Collected collected, int depth) {
        Path mkdocs = Files.isRegularFile(dir.resolve(MKDOCS_FILES.get(0))) ? dir.resolve(MKDOCS_FILES.get(0))
                : dir.resolve(MKDOCS_FILES.get(1));
        MKDOCS_FILES.forEach(name -> collected.files.add(dir.resolve(name)));
        if (depth == 0) {
            collected.snippets = new Snippets(dir, root, collected.files::add, diagnostics);
        }
        String siteName = fallbackName;
        String description = "";
        String docsDirName = DEFAULT_DOCS_DIR;
        JsonNode navNode = null;
        YamlDocument config = null;
        Optional<String> editBase = Optional.empty();
        if (Files.isRegularFile(mkdocs) && RepositoryFiles.isInside(root, mkdocs)) {
            List<YamlDocument> docs = readYaml(mkdocs);
            if (!docs.isEmpty() && docs.get(0).root().isObject()) {
                config = docs.get(0);
                JsonNode c = config.root();
                siteName = c.path("site_name").isTextual() ? c.path("site_name").asText() : siteName;
                description = c.path("site_description").asText("");
                docsDirName = docsDirOf(c);
                navNode = c.get("nav");
                checkConfig(config);
                editBase = editBase(c, docsDirName);
                if (depth == 0) {
                    collected.dialect = dialectOf(c);
                }
            } else if (!docs.isEmpty()) {
                diagnostics.warning(docs.get(0).start(), Code.MKDOCS_CONFIG, DisplayPath.of(mkdocs)
                        + " is not a map of settings; read as if it were absent");
            }
        }
        if (editBase.isEmpty()) {
            String docsPath = docsDirName.replaceAll("^\\./", "").replaceAll("/+$", "") + "/";
            editBase = folderEditBase.map(b -> b + docsPath);
        }
        SourcePosition configAt = config == null ? at : config.at("/docs_dir");
        Optional<Path> docsDir = RepositoryFiles.resolveInside(root, dir, docsDirName);
        // Recorded even when refused: what is outside today (a symbolic link) may be a folder inside tomorrow.
        lexically(dir, docsDirName).ifPresent(collected.trees::add);
        if (docsDir.isEmpty()) {
            diagnostics.error(configAt, Code.PATH_OUTSIDE_REPOSITORY, "docs_dir \"" + docsDirName
                    + "\" is outside the repository; docs not built");
            return Optional.empty();
        }
        collected.trees.add(docsDir.get());
        for (var entry : listFiles(docsDir.get(), root).entrySet()) {
            String path = prefix + entry.getKey();
            if (entry.getKey().matches(PAGE_FILE)) {
                String display = DisplayPath.of(entry.getValue());
                read(entry.getValue()).ifPresent(text -> collected.sources.add(
                        withoutFrontMatter(path, collected.snippets.expand(text, display), display)));
                Optional<String> base = editBase;
                base.ifPresent(b -> collected.editUrls.put(path, b + entry.getKey()));
                history.lastChanged(entry.getValue()).ifPresent(d -> collected.lastUpdated.put(path, d.toString()));
            } else if (StaticFiles.copied(path)) {
                collected.assets.add(path);
                collected.assetFiles.add(new DocSet.Asset(path, entry.getValue()));
            } else {
                collected.leftOut.add(path);
            }
        }
        Map<String, Site> includes = new LinkedHashMap<>();
        if (navNode != null && depth < 8) {
            readIncludes(navNode, "/nav", config, dir, root, prefix, collected, includes, depth);
        }
        return Optional.of(new Site(siteName, description, config, navNode, prefix, dir, editBase, includes));
    }

    /** Reads every site a monorepo nav brings in ({@code !include ./x/mkdocs.yml}, {@code *include ./*}{@code /mkdocs.yml}). */
    private void readIncludes(JsonNode nav, String pointer, YamlDocument config, Path dir, Path root, String prefix,
                              Collected collected, Map<String, Site> includes, int depth) {
        if (nav.isArray()) {
            for (int i = 0; i < nav.size(); i++) {
                readIncludes(nav.get(i), pointer + "/" + i, config, dir, root, prefix, collected, includes, depth);
            }
        } else if (nav.isObject()) {
            nav.fields().forEachRemaining(e -> readIncludes(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0")
                    .replace("/", "~1"), config, dir, root, prefix, collected, includes, depth));
        } else if (nav.isTextual() && nav.asText().matches("^[!*]include\\s+.*")) {
            String target = nav.asText().replaceFirst("^[!*]include\\s+", "").trim();
            List<Path> files = new ArrayList<>();
            Optional<PathMatcher> glob = target.contains("*") && target.indexOf('\0') < 0
                    ? Optional.ofNullable(UrlPaths.resolve("x", target)).flatMap(RepositoryFiles::glob) : Optional.empty();
            if (target.contains("*") && glob.isEmpty()) {
                diagnostics.warning(config.at(pointer), Code.MKDOCS_NAV, "nav includes " + target
                        + ", which is not a valid glob inside the repository");
            } else if (target.contains("*")) {
                collected.listings.add(dir);
                PathMatcher matcher = glob.get();
                try (Stream<Path> walk = Files.walk(dir, INCLUDE_DEPTH)) {
                    walk.filter(p -> p.getFileName().toString().matches(MKDOCS_FILE))
                            .filter(p -> matcher.matches(dir.relativize(p)))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    diagnostics.warning(config.at(pointer), Code.MKDOCS_NAV, "Could not list " + target);
                }
            } else {
                lexically(dir, target).ifPresent(collected.files::add);
                RepositoryFiles.resolveInside(root, dir, target).ifPresentOrElse(files::add, () -> diagnostics.error(
                        config.at(pointer), Code.PATH_OUTSIDE_REPOSITORY, "nav includes " + target
                                + ", which is outside the repository"));
            }
            for (Path file : files) {
                collected.files.add(file); // read or skipped below, it decides the docs either way
                if (!Files.isRegularFile(file) || !RepositoryFiles.isInside(root, file)) {
                    diagnostics.warning(config.at(pointer), Code.MKDOCS_NAV, "nav includes " + target
                            + ", which does not exist");
                    continue;
                }
                Path includedDir = file.getParent();
                Optional<String> siteName = readYaml(file).stream().findFirst()
                        .map(d -> d.root().path("site_name").asText("")).filter(n -> !n.isBlank());
                String name = siteName.orElse(includedDir.getFileName().toString());
                String alias = alias(name);
                if (siteName.isPresent() && !alias.equals(name)) {
                    diagnostics.warning(config.at(pointer), Code.MKDOCS_NAV, "The included site_name \"" + name
                            + "\" of " + DisplayPath.of(file) + " names the folder of its pages, so it may hold only "
                            + "letters, digits, '_', '-' and '/' (as the monorepo plugin requires); its pages are "
                            + "under " + alias + "/");
                }
                if (!collected.prefixes.add(prefix + alias + "/")) {
                    diagnostics.warning(config.at(pointer), Code.MKDOCS_NAV, "nav includes " + DisplayPath.of(file)
                            + " under " + alias + "/, where another included site already is; not included");
                    continue;
                }
                readSite(includedDir, root, prefix + alias + "/", name, config.at(pointer), Optional.empty(),
                        collected, depth + 1).ifPresent(site -> includes.put(pointer + "#" + file, site));
            }
        }
    }

    /**
     * The folder an included site's pages are written under, from its {@code site_name}: each {@code /}-separated
     * part made of letters, digits, {@code _} and {@code -} only, so that no name (such as {@code ../..}) can
     * place pages anywhere else in the portal.
     */
    static String alias(String siteName) {
        String alias = Arrays.stream(siteName.split("/"))
                .map(part -> part.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", ""))
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining("/"));
        return alias.isEmpty() ? "docs" : alias;
    }

    /** {@code relative} under {@code dir} as written, without following links, for recording; empty if no path. */
    private static Optional<Path> lexically(Path dir, String relative) {
        try {
            return Optional.of(dir.resolve(relative).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private void checkConfig(YamlDocument config) {
        JsonNode plugins = config.root().path("plugins");
        // A list of names or one-key maps, or (as MkDocs also reads it) a map of names to settings.
        List<String> names = new ArrayList<>();
        if (plugins.isObject()) {
            plugins.fieldNames().forEachRemaining(names::add);
        }
        for (int i = 0; i < (plugins.isArray() ? plugins.size() : names.size()); i++) {
            JsonNode p = plugins.isArray() ? plugins.get(i) : null;
            String name = p == null ? names.get(i) : p.isTextual() ? p.asText()
                    : p.isObject() && p.size() == 1 ? p.fieldNames().next() : "";
            if (!name.isEmpty() && !KNOWN_PLUGINS.contains(name)) {
                diagnostics.warning(config.at("/plugins/" + (plugins.isArray() ? String.valueOf(i)
                        : name.replace("~", "~0").replace("/", "~1"))), Code.MKDOCS_CONFIG, "MkDocs plugin " + name
                        + " is not supported; it is ignored");
            }
        }
        JsonNode extensions = config.root().path("markdown_extensions");
        for (int i = 0; extensions.isArray() && i < extensions.size(); i++) {
            String name = extensionName(extensions.get(i));
            if (!name.isEmpty() && !KNOWN_EXTENSIONS.contains(name)) {
                diagnostics.warning(config.at("/markdown_extensions/" + i), Code.MKDOCS_CONFIG, "Markdown "
                        + "extension " + name + " is not supported; its syntax is shown as written");
            }
        }
    }

    /**
     * How a doc set's pages read. TechDocs (Backstage's generator and {@code techdocs-cli}) adds the
     * {@code techdocs-core} plugin to every {@code mkdocs.yml} that lacks it, and that plugin enables
     * {@code pymdownx.magiclink}: bare URLs and e-mail addresses are links in every doc set, by magiclink's rules,
     * whatever its {@code markdown_extensions} list.
     */
    static MarkdownRenderer.Dialect dialectOf(JsonNode config) {
        return MarkdownRenderer.Dialect.MKDOCS.withMagicLink(true).withEmoji(emojiIndexOf(config))
                .withMath(mathOf(config));
    }

    /**
     * The math of a doc set: none unless its {@code mkdocs.yml} lists {@code pymdownx.arithmatex} (TechDocs does not
     * enable it); then arithmatex's defaults, with its {@code inline_syntax} and {@code block_syntax} lists and its
     * {@code smart_dollar} where they are given as such. Its other options (its MathJax output, wraps, tags) change
     * nothing: Paved always writes the generic form, drawn by KaTeX.
     */
    static MathSyntax mathOf(JsonNode config) {
        JsonNode extensions = config.path("markdown_extensions");
        for (int i = 0; extensions.isArray() && i < extensions.size(); i++) {
            JsonNode entry = extensions.get(i);
            if (extensionName(entry).equals("pymdownx.arithmatex")) {
                JsonNode options = entry.path("pymdownx.arithmatex");
                JsonNode smart = options.path("smart_dollar");
                return new MathSyntax(names(options.path("inline_syntax"), MathSyntax.DEFAULT.inline()),
                        names(options.path("block_syntax"), MathSyntax.DEFAULT.block()),
                        smart.isBoolean() ? smart.asBoolean() : MathSyntax.DEFAULT.smartDollar());
            }
        }
        return MathSyntax.NONE;
    }

    /** A list of names, or {@code otherwise} when {@code list} is not a list of strings. */
    private static Set<String> names(JsonNode list, Set<String> otherwise) {
        Set<String> names = new HashSet<>();
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                return otherwise;
            }
            names.add(list.get(i).asText());
        }
        return list.isArray() ? names : otherwise;
    }

    /**
     * The {@code emoji_index} of a doc set's {@code pymdownx.emoji}, which techdocs-core keeps when it adds its own
     * {@code emoji_generator}: {@code !!python/name:material.extensions.emoji.twemoji} (or {@code materialx.…}) is
     * Material's index, with its icons; {@code pymdownx.emoji.twemoji} Twemoji's; anything else EmojiOne's, the
     * default.
     */
    static MarkdownRenderer.EmojiIndex emojiIndexOf(JsonNode config) {
        JsonNode extensions = config.path("markdown_extensions");
        for (int i = 0; extensions.isArray() && i < extensions.size(); i++) {
            JsonNode entry = extensions.get(i);
            if (extensionName(entry).equals("pymdownx.emoji")) {
                String index = entry.path("pymdownx.emoji").path("emoji_index").asText("")
                        .replaceFirst("^!!python/name:", "").trim();
                return switch (index) {
                    case "material.extensions.emoji.twemoji", "materialx.emoji.twemoji" ->
                            MarkdownRenderer.EmojiIndex.MATERIAL;
                    case "pymdownx.emoji.twemoji" -> MarkdownRenderer.EmojiIndex.TWEMOJI;
                    default -> MarkdownRenderer.EmojiIndex.EMOJIONE;
                };
            }
        }
        return MarkdownRenderer.EmojiIndex.EMOJIONE;
    }

    /** An entry's extension name: {@code - name} or {@code - name: {settings}}; empty when it is neither. */
    private static String extensionName(JsonNode entry) {
        return entry.isTextual() ? entry.asText() : entry.isObject() && entry.size() == 1 ? entry.fieldNames().next() : "";
    }

    /** {@code repo_url} + {@code edit_uri} (MkDocs' default for GitHub and GitLab: {@code edit/master/<docs_dir>/}). */
    private static Optional<String> editBase(JsonNode config, String docsDir) {
        String repo = config.path("repo_url").asText("");
        if (!UrlPaths.isWebLink(repo)) {
            return Optional.empty();
        }
        String editUri = config.has("edit_uri") ? config.path("edit_uri").asText("")
                : repo.contains("github.com") || repo.contains("gitlab") ? "edit/master/" + docsDir + "/" : "";
        if (editUri.isEmpty()) {
            return Optional.empty();
        }
        if (UrlPaths.isWebLink(editUri)) {
            return Optional.of(editUri.endsWith("/") ? editUri : editUri + "/");
        }
        return Optional.of(repo.replaceAll("/+$", "") + "/" + editUri.replaceAll("^/+", "").replaceAll("/+$", "") + "/");
    }

    /** An edit base from {@code url:https://github.com/o/r/tree/main/…}: the same path under {@code edit/}. */
    private static Optional<String> editBaseFromSourceLocation(String location) {
        String url = location.startsWith("url:") ? location.substring(4) : location;
        if (!url.matches("^https://[^/]+/[^/]+/[^/]+/tree/.+")) {
            return Optional.empty();
        }
        String edit = url.replaceFirst("/tree/", "/edit/");
        return Optional.of(edit.endsWith("/") ? edit : edit + "/");
    }

    private static String relativeTo(Path base, Path dir) {
        String rel = base.relativize(dir).toString().replace('\\', '/');
        return rel.isEmpty() ? "" : rel + "/";
    }

    private List<NavItem> navOf(Site site, Set<String> pagePaths, List<MarkdownPages.Rendered> rendered) {
        if (site.nav() == null) {
            return navFromTree(rendered.stream().filter(p -> p.sourcePath().startsWith(site.prefix())).toList(),
                    site.prefix());
        }
        return navFromConfig(site.nav(), "/nav", site, pagePaths, rendered);
    }

    private Map<String, Path> listFiles(Path docsDir, Path root) {
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(docsDir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(docsDir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!RepositoryFiles.isInside(root, p)) {
                    diagnostics.error(SourcePosition.of(DisplayPath.of(p)), Code.PATH_OUTSIDE_REPOSITORY,
                            DisplayPath.of(p) + " is a symbolic link to a file outside the repository; not copied");
                    continue;
                }
                if (Files.isRegularFile(p)) {
                    out.put(docsDir.relativize(p).toString().replace('\\', '/'), p);
                }
            }
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(DisplayPath.of(docsDir)), Code.UNREADABLE_FILE, "Could not list "
                    + DisplayPath.of(docsDir) + ": " + e.getMessage());
        }
        return out;
    }

    private List<NavItem> navFromConfig(JsonNode nav, String pointer, Site site, Set<String> pages,
                                        List<MarkdownPages.Rendered> rendered) {
        List<NavItem> out = new ArrayList<>();
        YamlDocument config = site.config();
        if (!nav.isArray()) {
            diagnostics.warning(config.at(pointer), Code.MKDOCS_NAV, "nav must be a list; using the folder tree");
            return navFromTree(rendered.stream().filter(p -> p.sourcePath().startsWith(site.prefix())).toList(),
                    site.prefix());
        }
        for (int i = 0; i < nav.size(); i++) {
            JsonNode item = nav.get(i);
            String itemPointer = pointer + "/" + i;
            if (item.isTextual()) {
                out.addAll(navEntry(null, item.asText(), itemPointer, site, pages, rendered));
            } else if (item.isObject() && item.size() == 1) {
                Iterator<Map.Entry<String, JsonNode>> it = item.fields();
                Map.Entry<String, JsonNode> e = it.next();
                String childPointer = itemPointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getValue().isArray()) {
                    out.add(new NavItem(e.getKey(), null, null,
                            navFromConfig(e.getValue(), childPointer, site, pages, rendered)));
                } else if (e.getValue().isTextual()) {
                    out.addAll(navEntry(e.getKey(), e.getValue().asText(), childPointer, site, pages, rendered));
                } else {
                    diagnostics.warning(config.at(childPointer), Code.MKDOCS_NAV, "Unreadable nav entry; skipped");
                }
            } else {
                diagnostics.warning(config.at(itemPointer), Code.MKDOCS_NAV, "Unreadable nav entry; skipped");
            }
        }
        return out;
    }

    private List<NavItem> navEntry(String title, String target, String pointer, Site site, Set<String> pages,
                                   List<MarkdownPages.Rendered> rendered) {
        SourcePosition at = site.config().at(pointer);
        if (target.matches("^[!*]include\\s+.*")) {
            List<NavItem> out = new ArrayList<>();
            site.includes().forEach((key, included) -> {
                if (key.startsWith(pointer + "#")) {
                    List<NavItem> children = navOf(included, pages, rendered);
                    boolean glob = target.startsWith("*");
                    out.add(new NavItem(glob || title == null ? included.name() : title, null, null, children));
                }
            });
            if (out.size() > 1 && title != null) {
                return List.of(new NavItem(title, null, null, out));
            }
            return out;
        }
        if (UrlPaths.isExternal(target)) {
            if (!UrlPaths.isWebLink(target)) {
                diagnostics.warning(at, Code.BROKEN_LINK, "nav links to " + target
                        + "; only http, https and mailto links are kept");
                return List.of();
            }
            return List.of(new NavItem(title == null ? target : title, null, target, List.of()));
        }
        String path = site.prefix() + (target.startsWith("./") ? target.substring(2) : target);
        if (!pages.contains(path)) {
            diagnostics.warning(at, Code.BROKEN_LINK, "nav names " + target + ", which is not a page of the docs");
            return List.of();
        }
        String shown = title != null ? title : rendered.stream().filter(p -> p.sourcePath().equals(path))
                .map(MarkdownPages.Rendered::title).findFirst().orElse(path);
        return List.of(new NavItem(shown, path, null, List.of()));
    }

    private static List<NavItem> navFromTree(List<MarkdownPages.Rendered> rendered, String prefix) {
        TreeMap<String, List<MarkdownPages.Rendered>> byDir = new TreeMap<>();
        for (MarkdownPages.Rendered page : rendered) {
            String p = page.sourcePath().substring(prefix.length());
            byDir.computeIfAbsent(p.contains("/") ? p.substring(0, p.indexOf('/')) : "", k -> new ArrayList<>())
                    .add(page);
        }
        List<NavItem> out = new ArrayList<>();
        Comparator<MarkdownPages.Rendered> indexFirst = Comparator
                .comparing((MarkdownPages.Rendered p) -> !p.outputPath().endsWith("/index.html")
                        && !p.outputPath().equals("index.html"))
                .thenComparing(MarkdownPages.Rendered::sourcePath);
        byDir.getOrDefault("", List.of()).stream().sorted(indexFirst)
                .forEach(p -> out.add(new NavItem(p.title(), p.sourcePath(), null, List.of())));
        for (var entry : byDir.entrySet()) {
            if (entry.getKey().isEmpty()) {
                continue;
            }
            List<NavItem> children = entry.getValue().stream().sorted(indexFirst)
                    .map(p -> new NavItem(p.title(), p.sourcePath(), null, List.of())).toList();
            out.add(new NavItem(MarkdownPages.titleFromPath(entry.getKey() + ".md"), null, null, children));
        }
        return out;
    }

    /** The nav without entries for {@code pages} (sections left empty by that included). */
    private static List<NavItem> without(List<NavItem> nav, Set<String> pages) {
        if (pages.isEmpty()) {
            return nav;
        }
        List<NavItem> out = new ArrayList<>();
        for (NavItem item : nav) {
            if (item.page() != null && pages.contains(item.page())) {
                continue;
            }
            List<NavItem> children = without(item.children(), pages);
            if (!item.children().isEmpty() && children.isEmpty() && item.page() == null && item.url() == null) {
                continue;
            }
            out.add(new NavItem(item.title(), item.page(), item.url(), children));
        }
        return out;
    }

    private static List<MarkdownPages.Rendered> orderByNav(List<MarkdownPages.Rendered> pages, List<NavItem> nav) {
        List<String> order = new ArrayList<>();
        collect(nav, order);
        List<MarkdownPages.Rendered> out = new ArrayList<>();
        for (String path : order) {
            pages.stream().filter(p -> p.sourcePath().equals(path)).findFirst().ifPresent(out::add);
        }
        pages.stream().filter(p -> !order.contains(p.sourcePath())).forEach(out::add);
        return out;
    }

    private static void collect(List<NavItem> nav, List<String> into) {
        for (NavItem item : nav) {
            if (item.page() != null && !into.contains(item.page())) {
                into.add(item.page());
            }
            collect(item.children(), into);
        }
    }

    /** A page without its YAML front matter ({@code ---} … {@code ---}), which MkDocs reads as metadata. */
    private static MarkdownPages.Source withoutFrontMatter(String path, String text, String display) {
        String normal = text.replace("\r\n", "\n");
        if (normal.startsWith("---\n")) {
            int end = normal.indexOf("\n---\n", 3);
            int endAtEof = normal.endsWith("\n---") ? normal.length() - 4 : -1;
            int close = end >= 0 ? end : endAtEof;
            if (close >= 0) {
                String header = normal.substring(0, close + 4);
                int lines = (int) header.chars().filter(c -> c == '\n').count() + 1;
                String body = close + 5 <= normal.length() ? normal.substring(close + 5) : "";
                return new MarkdownPages.Source(path, body, lines, display);
            }
        }
        return new MarkdownPages.Source(path, normal, 0, display);
    }

    private List<YamlDocument> readYaml(Path file) {
        return read(file).map(text -> YamlReader.read(DisplayPath.of(file), text, diagnostics, true))
                .orElse(List.of());
    }

    private Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(DisplayPath.of(file)), Code.UNREADABLE_FILE, "Could not read "
                    + DisplayPath.of(file) + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
