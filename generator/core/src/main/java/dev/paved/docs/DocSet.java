package dev.paved.docs;

import java.nio.file.Path;
import java.util.List;

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
 */
public record DocSet(String siteName, String description, List<NavItem> nav, List<MarkdownPages.Rendered> pages,
                     List<Asset> assets, java.util.Map<String, String> editUrls,
                     java.util.Map<String, String> lastUpdated) {

    /** A file of the doc set copied as it is: its path in the set and the file on disk. */
    public record Asset(String path, Path file) {
    }

    public DocSet {
        nav = List.copyOf(nav);
        pages = List.copyOf(pages);
        assets = List.copyOf(assets);
        editUrls = java.util.Map.copyOf(editUrls);
        lastUpdated = java.util.Map.copyOf(lastUpdated);
    }

    /** These docs with their pages' bodies kept in {@code store} rather than in memory. */
    public DocSet keptIn(PageStore store) {
        return new DocSet(siteName, description, nav, pages.stream().map(p -> p.keptIn(store)).toList(), assets,
                editUrls, lastUpdated);
    }

    /** These docs under another title. */
    public DocSet withSiteName(String name) {
        return new DocSet(name, description, nav, pages, assets, editUrls, lastUpdated);
    }
}
