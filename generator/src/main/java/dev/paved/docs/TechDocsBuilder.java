package dev.paved.docs;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds an entity's TechDocs from its {@code backstage.io/techdocs-ref}: reads {@code mkdocs.yml} (or, without one,
 * the {@code docs/} folder), renders every page and collects the files to copy. Refuses anything outside the
 * entity's repository, including symbolic links that point out of it.
 */
public final class TechDocsBuilder {

    /** The annotation that says where an entity's docs are. */
    public static final String TECHDOCS_REF = "backstage.io/techdocs-ref";

    private final MarkdownRenderer renderer;
    private final Diagnostics diagnostics;

    /** A builder that reports to {@code diagnostics}. */
    public TechDocsBuilder(MarkdownRenderer renderer, Diagnostics diagnostics) {
        this.renderer = renderer;
        this.diagnostics = diagnostics;
    }

    /** The entity's docs, or empty when it has none or they cannot be read (after a diagnostic). */
    public Optional<DocSet> build(Entity entity) {
        Optional<String> ref = entity.annotation(TECHDOCS_REF);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        SourcePosition at = entity.source().at("/metadata/annotations/" + TECHDOCS_REF.replace("/", "~1"));
        String value = ref.get().trim();
        if (!value.startsWith("dir:")) {
            diagnostics.warning(at, Code.TECHDOCS_REF_UNSUPPORTED, "techdocs-ref \"" + value + "\" is not read yet: "
                    + "only dir: references into the entity's repository are built");
            return Optional.empty();
        }
        Path root = entity.source().repositoryRoot();
        Optional<Path> dir = RepositoryFiles.resolveInside(root, entity.source().directory(), value.substring(4));
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
        return buildFolder(dir.get(), root, entity.displayName(), at);
    }

    private Optional<DocSet> buildFolder(Path dir, Path root, String fallbackName, SourcePosition at) {
        Path mkdocs = Files.isRegularFile(dir.resolve("mkdocs.yml")) ? dir.resolve("mkdocs.yml")
                : dir.resolve("mkdocs.yaml");
        String siteName = fallbackName;
        String description = "";
        String docsDirName = "docs";
        JsonNode navNode = null;
        YamlDocument config = null;
        if (Files.isRegularFile(mkdocs) && RepositoryFiles.isInside(root, mkdocs)) {
            List<YamlDocument> docs = readYaml(mkdocs);
            if (!docs.isEmpty()) {
                config = docs.get(0);
                JsonNode c = config.root();
                siteName = c.path("site_name").asText(siteName);
                description = c.path("site_description").asText("");
                docsDirName = c.path("docs_dir").asText("docs");
                navNode = c.get("nav");
            }
        }
        SourcePosition configAt = config == null ? at : config.at("/docs_dir");
        Optional<Path> docsDir = RepositoryFiles.resolveInside(root, dir, docsDirName);
        if (docsDir.isEmpty()) {
            diagnostics.error(configAt, Code.PATH_OUTSIDE_REPOSITORY, "docs_dir \"" + docsDirName
                    + "\" is outside the repository; docs not built");
            return Optional.empty();
        }
        Map<String, Path> files = listFiles(docsDir.get(), root);
        List<MarkdownPages.Source> sources = new ArrayList<>();
        Set<String> assets = new LinkedHashSet<>();
        List<DocSet.Asset> assetFiles = new ArrayList<>();
        for (var entry : files.entrySet()) {
            if (entry.getKey().matches("(?i).*\\.(md|markdown)$")) {
                read(entry.getValue()).ifPresent(text -> sources.add(
                        new MarkdownPages.Source(entry.getKey(), text, 0, DisplayPath.of(entry.getValue()))));
            } else {
                assets.add(entry.getKey());
                assetFiles.add(new DocSet.Asset(entry.getKey(), entry.getValue()));
            }
        }
        boolean hasIndex = sources.stream().anyMatch(s -> s.path().equalsIgnoreCase("index.md")
                || s.path().equalsIgnoreCase("README.md"));
        if (!hasIndex) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme) && RepositoryFiles.isInside(root, readme)) {
                read(readme).ifPresent(text -> sources.add(
                        new MarkdownPages.Source("index.md", text, 0, DisplayPath.of(readme))));
            }
        }
        if (sources.isEmpty()) {
            diagnostics.warning(at, Code.TECHDOCS_MISSING, "No Markdown pages in " + DisplayPath.of(docsDir.get())
                    + "; docs not built");
            return Optional.empty();
        }
        List<MarkdownPages.Rendered> rendered = MarkdownPages.render(sources, assets, renderer, diagnostics);
        Set<String> pagePaths = new LinkedHashSet<>();
        rendered.forEach(p -> pagePaths.add(p.sourcePath()));
        List<NavItem> nav = navNode != null
                ? navFromConfig(navNode, "/nav", config, pagePaths, rendered)
                : navFromTree(rendered);
        return Optional.of(new DocSet(siteName, description, nav, orderByNav(rendered, nav), assetFiles));
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

    private List<NavItem> navFromConfig(JsonNode nav, String pointer, YamlDocument config, Set<String> pages,
                                        List<MarkdownPages.Rendered> rendered) {
        List<NavItem> out = new ArrayList<>();
        if (!nav.isArray()) {
            diagnostics.warning(config.at(pointer), Code.MKDOCS_NAV, "nav must be a list; using the folder tree");
            return navFromTree(rendered);
        }
        for (int i = 0; i < nav.size(); i++) {
            JsonNode item = nav.get(i);
            String itemPointer = pointer + "/" + i;
            if (item.isTextual()) {
                navEntry(null, item.asText(), config.at(itemPointer), pages, rendered).ifPresent(out::add);
            } else if (item.isObject() && item.size() == 1) {
                Iterator<Map.Entry<String, JsonNode>> it = item.fields();
                Map.Entry<String, JsonNode> e = it.next();
                String childPointer = itemPointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getValue().isArray()) {
                    out.add(new NavItem(e.getKey(), null, null,
                            navFromConfig(e.getValue(), childPointer, config, pages, rendered)));
                } else {
                    navEntry(e.getKey(), e.getValue().asText(), config.at(childPointer), pages, rendered)
                            .ifPresent(out::add);
                }
            } else {
                diagnostics.warning(config.at(itemPointer), Code.MKDOCS_NAV, "Unreadable nav entry; skipped");
            }
        }
        return out;
    }

    private Optional<NavItem> navEntry(String title, String target, SourcePosition at, Set<String> pages,
                                       List<MarkdownPages.Rendered> rendered) {
        if (UrlPaths.isExternal(target)) {
            if (!UrlPaths.isWebLink(target)) {
                diagnostics.warning(at, Code.BROKEN_LINK, "nav links to " + target
                        + "; only http, https and mailto links are kept");
                return Optional.empty();
            }
            return Optional.of(new NavItem(title == null ? target : title, null, target, List.of()));
        }
        String path = target.startsWith("./") ? target.substring(2) : target;
        if (!pages.contains(path)) {
            diagnostics.warning(at, Code.BROKEN_LINK, "nav names " + target + ", which is not a page of the docs");
            return Optional.empty();
        }
        String shown = title != null ? title : rendered.stream().filter(p -> p.sourcePath().equals(path))
                .map(MarkdownPages.Rendered::title).findFirst().orElse(path);
        return Optional.of(new NavItem(shown, path, null, List.of()));
    }

    private static List<NavItem> navFromTree(List<MarkdownPages.Rendered> rendered) {
        TreeMap<String, List<MarkdownPages.Rendered>> byDir = new TreeMap<>();
        for (MarkdownPages.Rendered page : rendered) {
            String p = page.sourcePath();
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

    private List<YamlDocument> readYaml(Path file) {
        return read(file).map(text -> YamlReader.read(DisplayPath.of(file), text, diagnostics)).orElse(List.of());
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
