package dev.paved.content;

import dev.paved.diagnostic.Code;
import dev.paved.catalog.RepositoryFiles;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.docs.DocSet;
import dev.paved.docs.MarkdownPages;
import dev.paved.docs.MarkdownRenderer;
import dev.paved.docs.StaticFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the portal's own pages from a content folder: Markdown files with a JBake header or YAML front matter.
 * Pages with {@code status=draft} are left out. Other files (images) are copied as they are.
 */
public final class ContentReader {

    /** The result: rendered pages and the files to copy. */
    public record Content(List<ContentPage> pages, List<DocSet.Asset> assets) {
    }

    /** Top-level folders the portal itself writes; content may not use them. */
    public static final Set<String> RESERVED = Set.of("catalog", "docs", "apis", "graph", "assets", "problems", "search");

    private ContentReader() {
    }

    /** Reads and renders every published page under {@code folder}; an absent folder gives no pages. */
    public static Content read(Path folder, MarkdownRenderer renderer, Diagnostics diagnostics) {
        if (!Files.isDirectory(folder)) {
            return new Content(List.of(), List.of());
        }
        List<MarkdownPages.Source> sources = new ArrayList<>();
        Map<String, PageHeader> headers = new HashMap<>();
        Set<String> assetPaths = new LinkedHashSet<>();
        List<DocSet.Asset> assets = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(DisplayPath.of(folder)), Code.UNREADABLE_FILE, "Could not list "
                    + DisplayPath.of(folder) + ": " + e.getMessage());
            return new Content(List.of(), List.of());
        }
        for (Path file : files) {
            String path = folder.relativize(file).toString().replace('\\', '/');
            String display = DisplayPath.of(file);
            if (!RepositoryFiles.isInside(folder, file)) {
                diagnostics.error(SourcePosition.of(display), Code.PATH_OUTSIDE_REPOSITORY, display
                        + " is a symbolic link out of the content folder; skipped");
                continue;
            }
            String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
            if (RESERVED.contains(top)) {
                diagnostics.error(SourcePosition.of(display), Code.RESERVED_PATH, "content/" + top
                        + "/ is where the portal writes its own pages; move " + path + " elsewhere");
                continue;
            }
            if (!path.matches("(?i).*\\.(md|markdown)$") && !StaticFiles.copied(path)) {
                leftOut.add(path);
                continue;
            }
            if (!path.matches("(?i).*\\.(md|markdown)$")) {
                assetPaths.add(path);
                assets.add(new DocSet.Asset(path, file));
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                diagnostics.error(SourcePosition.of(display), Code.UNREADABLE_FILE, "Could not read " + display);
                continue;
            }
            PageHeader header = PageHeader.parse(text, display, diagnostics);
            if ("draft".equalsIgnoreCase(header.fields().getOrDefault("status", "published"))) {
                continue;
            }
            headers.put(path, header);
            sources.add(new MarkdownPages.Source(path, header.body(), header.bodyOffset(), display));
        }
        List<ContentPage> pages = new ArrayList<>();
        if (!leftOut.isEmpty()) {
            diagnostics.warning(SourcePosition.of(DisplayPath.of(folder)), Code.FILE_NOT_PUBLISHED,
                    StaticFiles.notPublished(DisplayPath.of(folder), leftOut));
        }
        // The portal's own pages are no MkDocs site: bare URLs and addresses stay links there, by magiclink's rules.
        for (MarkdownPages.Rendered r : MarkdownPages.render(sources, assetPaths, renderer,
                MarkdownRenderer.Dialect.MKDOCS.withMagicLink(true), diagnostics)) {
            PageHeader h = headers.get(r.sourcePath());
            String title = h.fields().getOrDefault("title", "").isBlank() ? r.title() : h.fields().get("title");
            pages.add(new ContentPage(r.sourcePath(), r.outputPath(), title, h.fields().getOrDefault("type", "page"),
                    h.fields().getOrDefault("date", ""), h.tags(), r.html()));
        }
        return new Content(pages, assets);
    }
}
