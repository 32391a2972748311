package dev.paved.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The rendered documentation of one entity.
 *
 * @param siteName    {@code site_name} from {@code mkdocs.yml}, or the entity's title
 * @param description {@code site_description}, or empty
 * @param nav         the navigation, from {@code mkdocs.yml} or from the folder tree
 * @param pages       every page, rendered, in navigation order first
 * @param assets      files copied beside the pages (images and other non-Markdown files)
 * @param editUrls    for each page's source path, where to edit it (from {@code repo_url}/{@code edit_uri}, or
 *                    the entity's source location); pages without one are absent
 * @param lastUpdated for each page's source path, the day it last changed in git history (ISO date), when known
 * @param digest      a digest of everything these docs were rendered from (their files, the renderer's settings,
 *                    Paved's code), or empty when that is not known: docs of the same digest are the same docs, so
 *                    pages made of them alone may be kept between builds
 */
public record DocSet(String siteName, String description, List<NavItem> nav, List<MarkdownPages.Rendered> pages,
                     List<Asset> assets, Map<String, String> editUrls, Map<String, String> lastUpdated,
                     String digest) {

    /** A file of the doc set copied as it is: its path in the set and the file on disk. */
    public record Asset(String path, Path file) {
    }

    public DocSet {
        nav = List.copyOf(nav);
        pages = List.copyOf(pages);
        assets = List.copyOf(assets);
        editUrls = Map.copyOf(editUrls);
        lastUpdated = Map.copyOf(lastUpdated);
        digest = digest == null ? "" : digest;
    }

    /** Docs whose digest is not known. */
    public DocSet(String siteName, String description, List<NavItem> nav, List<MarkdownPages.Rendered> pages,
                  List<Asset> assets, Map<String, String> editUrls, Map<String, String> lastUpdated) {
        this(siteName, description, nav, pages, assets, editUrls, lastUpdated, "");
    }

    /** These docs with their pages' bodies kept in {@code store} rather than in memory. */
    public DocSet keptIn(PageStore store) {
        return new DocSet(siteName, description, nav, pages.stream().map(p -> p.keptIn(store)).toList(), assets,
                editUrls, lastUpdated, digest);
    }

    /** These docs under another title. */
    public DocSet withSiteName(String name) {
        return new DocSet(name, description, nav, pages, assets, editUrls, lastUpdated, digest);
    }

    /** These docs, known to be rendered from what {@code digest} names. */
    public DocSet withDigest(String digest) {
        return new DocSet(siteName, description, nav, pages, assets, editUrls, lastUpdated, digest);
    }
}
