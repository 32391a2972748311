package dev.paved.docs;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A set of Markdown pages rendered together, so that links between them are rewritten to the pages' output paths
 * and checked: a link to a missing page, file or heading is a {@code broken-link} warning with file and line.
 *
 * <p>Paths are relative to the set's root, with {@code /}. {@code guide.md} is written to {@code guide/index.html}
 * and {@code index.md} or {@code README.md} to {@code index.html}, as MkDocs does with directory URLs; links name
 * {@code index.html} explicitly so pages also work from {@code file://}.
 */
public final class MarkdownPages {

    /**
     * One source page.
     *
     * @param path        its path in the set, e.g. {@code runbooks/paging.md}
     * @param markdown    its Markdown, without front matter
     * @param lineOffset  lines before the Markdown in the file (front matter)
     * @param displayFile the file as shown in diagnostics
     */
    public record Source(String path, String markdown, int lineOffset, String displayFile) {
    }

    /**
     * One rendered page.
     *
     * @param sourcePath its source path in the set
     * @param outputPath where it is written, relative to the set's output root
     * @param title      the first level-1 heading, or a title made from the file name
     * @param body       the sanitised body HTML, in memory or in a {@link PageStore}
     * @param headings   its headings
     */
    public record Rendered(String sourcePath, String outputPath, String title, PageStore.Body body,
                           List<MarkdownRenderer.HeadingInfo> headings) {

        /** The sanitised body HTML. */
        public String html() {
            return body.html();
        }

        /** This page with its body kept in {@code store}. */
        public Rendered keptIn(PageStore store) {
            return new Rendered(sourcePath, outputPath, title, store.put(body.html()), headings);
        }
    }

    private MarkdownPages() {
    }

    /** Where a source page is written: {@code a/b.md} to {@code a/b/index.html}, {@code a/index.md} to {@code a/index.html}. */
    public static String outputPath(String sourcePath) {
        String noExt = sourcePath.replaceAll("(?i)\\.(md|markdown)$", "");
        String last = noExt.substring(noExt.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (last.equals("index") || last.equals("readme")) {
            String dir = noExt.substring(0, noExt.length() - last.length());
            return dir + "index.html";
        }
        return noExt + "/index.html";
    }

    /**
     * Renders every page.
     *
     * @param sources     the pages
     * @param assets      paths of the non-Markdown files of the set that are copied beside the pages (images…)
     * @param renderer    the Markdown renderer
     * @param diagnostics where broken links go
     */
    public static List<Rendered> render(List<Source> sources, Set<String> assets, MarkdownRenderer renderer,
                                        Diagnostics diagnostics) {
        return render(sources, assets, renderer, MarkdownRenderer.Dialect.MKDOCS, diagnostics);
    }

    /**
     * Renders every page in a dialect.
     *
     * @param sources     the pages
     * @param assets      paths of the non-Markdown files of the set that are copied beside the pages (images…)
     * @param renderer    the Markdown renderer
     * @param dialect     the extensions the set turns on
     * @param diagnostics where broken links go
     */
    public static List<Rendered> render(List<Source> sources, Set<String> assets, MarkdownRenderer renderer,
                                        MarkdownRenderer.Dialect dialect, Diagnostics diagnostics) {
        Map<String, MarkdownRenderer.Parsed> parsed = new LinkedHashMap<>();
        Map<String, Set<String>> anchors = new LinkedHashMap<>();
        Map<String, Source> byOutput = new LinkedHashMap<>();
        List<Source> kept = new ArrayList<>();
        // index.md before README.md, as MkDocs prefers it; otherwise the first in path order.
        List<Source> ordered = new ArrayList<>(sources);
        ordered.sort(java.util.Comparator.comparing((Source s) -> !s.path().toLowerCase(Locale.ROOT)
                .endsWith("index.md")).thenComparing(Source::path));
        for (Source source : ordered) {
            String output = outputPath(source.path());
            Source earlier = byOutput.putIfAbsent(output, source);
            if (earlier != null || assets.contains(output)) {
                diagnostics.error(new SourcePosition(source.displayFile(), 1, 1), Code.DUPLICATE_PAGE,
                        source.path() + " would be written to " + output + ", which "
                                + (earlier != null ? earlier.path() : "a file of the same path") + " already uses; "
                                + "it is left out");
            }
        }
        for (Source source : sources) {
            if (byOutput.get(outputPath(source.path())) == source && !assets.contains(outputPath(source.path()))) {
                kept.add(source);
            }
        }
        sources = kept;
        for (Source source : sources) {
            try {
                MarkdownRenderer.Parsed page = renderer.parse(source.markdown(), source.lineOffset(), dialect);
                Set<String> ids = new java.util.HashSet<>();
                page.headings().forEach(h -> ids.add(h.id()));
                parsed.put(source.path(), page);
                anchors.put(source.path(), ids);
            } catch (RuntimeException | StackOverflowError e) { // this page is left out; the others are rendered
                pageFailed(source, 0, e, diagnostics);
            }
        }
        List<Rendered> out = new ArrayList<>();
        for (Source source : sources) {
            MarkdownRenderer.Parsed page = parsed.get(source.path());
            if (page == null) {
                continue;
            }
            String from = outputPath(source.path());
            int[] lastLine = {0};
            try {
                String html = renderer.render(page, (url, line) -> {
                    lastLine[0] = line;
                    return rewrite(url, line, source, from, anchors, assets, diagnostics);
                }, (line, message) -> diagnostics.warning(new SourcePosition(source.displayFile(), line, 0),
                        Code.DIAGRAM_NOT_DRAWN, message));
                String title = page.firstTitle().isEmpty() ? titleFromPath(source.path()) : page.firstTitle();
                out.add(new Rendered(source.path(), from, title, PageStore.Body.of(html), page.headings()));
            } catch (RuntimeException | StackOverflowError e) {
                pageFailed(source, lastLine[0], e, diagnostics);
            }
        }
        return out;
    }

    /**
     * Reports a page that could not be rendered, at its file and, when known, the line the renderer had reached
     * (that of the last link it rendered).
     */
    private static void pageFailed(Source source, int line, Throwable e, Diagnostics diagnostics) {
        String why = e instanceof StackOverflowError
                ? "it nests too deeply to render (quotes, lists or brackets inside each other)"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().strip()
                        .replaceAll("\\s*\\R\\s*", " "));
        String at = line > 0 ? "; it stopped after line " + line : "";
        diagnostics.error(new SourcePosition(source.displayFile(), line, 0), Code.PAGE_FAILED, "could not render "
                + source.path() + ": " + why + at + "; the page is left out");
    }

    /** A title made from a file name: {@code getting-started.md} gives "Getting started". */
    public static String titleFromPath(String path) {
        String name = path.replaceAll("(?i)\\.(md|markdown)$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.equalsIgnoreCase("index") || name.equalsIgnoreCase("readme")) {
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            name = dir.isEmpty() ? "Home" : dir.substring(dir.lastIndexOf('/') + 1);
        }
        name = name.replace('-', ' ').replace('_', ' ').trim();
        return name.isEmpty() ? "Untitled" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String rewrite(String url, int line, Source source, String from, Map<String, Set<String>> anchors,
                                  Set<String> assets, Diagnostics diagnostics) {
        if (url.isEmpty() || UrlPaths.isExternal(url) || url.matches("^[^/#?]+@[^/#?]+$")) {
            // External, or an e-mail address from an autolink (rendered as mailto:).
            return url;
        }
        SourcePosition at = new SourcePosition(source.displayFile(), line, 0);
        int hash = url.indexOf('#');
        String path = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash + 1);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty()) {
            checkAnchor(source.path(), fragment, anchors, at, url, diagnostics);
            return url;
        }
        if (path.startsWith("/")) {
            diagnostics.warning(at, Code.BROKEN_LINK, "Link " + url + " is absolute; use a path relative to the page");
            return url;
        }
        String decoded = UrlPaths.decode(path);
        String target = UrlPaths.resolve(source.path(), decoded);
        if (target == null) {
            diagnostics.warning(at, Code.BROKEN_LINK, "Link " + url + " leaves the documentation folder");
            return url;
        }
        String page = pageFor(target, anchors);
        if (page != null) {
            checkAnchor(page, fragment, anchors, at, url, diagnostics);
            return UrlPaths.encode(UrlPaths.relative(from, outputPath(page))) + (fragment.isEmpty() ? "" : "#" + fragment);
        }
        if (assets.contains(target)) {
            return UrlPaths.encode(UrlPaths.relative(from, target)) + (fragment.isEmpty() ? "" : "#" + fragment);
        }
        diagnostics.warning(at, Code.BROKEN_LINK, "Link " + url + " points at " + target + (notPublished(target)
                ? ", which is not published (only pages and passive files are)" : ", which does not exist"));
        return url;
    }

    private static String pageFor(String target, Map<String, Set<String>> anchors) {
        if (anchors.containsKey(target)) {
            return target;
        }
        String dir = target.isEmpty() || target.endsWith("/") ? target : target + "/";
        for (String index : new String[] {"index.md", "README.md"}) {
            if (anchors.containsKey(dir + index)) {
                return dir + index;
            }
        }
        return null;
    }

    /** Whether a link names a file of a type the portal does not publish (a page of HTML, a script…). */
    private static boolean notPublished(String target) {
        String name = target.substring(target.lastIndexOf('/') + 1);
        return name.lastIndexOf('.') > 0 && !name.matches("(?i).*\\.(md|markdown)$") && !StaticFiles.copied(name);
    }

    private static void checkAnchor(String page, String fragment, Map<String, Set<String>> anchors, SourcePosition at,
                                    String url, Diagnostics diagnostics) {
        String id = UrlPaths.decode(fragment);
        if (!fragment.isEmpty() && !anchors.get(page).contains(id)) {
            diagnostics.warning(at, Code.BROKEN_ANCHOR, "Link " + url + " names the anchor #" + fragment
                    + ", which " + page + " does not have");
        }
    }
}
