package dev.paved.docs;

import java.util.List;

/**
 * One entry of a documentation site's navigation: a page, an external link, or a section with children.
 *
 * @param title    what the entry shows
 * @param page     the source path of the page in the doc set, or {@code null}
 * @param url      an external URL, or {@code null}
 * @param children the entries of a section; empty for a page or link
 */
public record NavItem(String title, String page, String url, List<NavItem> children) {

    public NavItem {
        children = List.copyOf(children);
    }

    /** Whether this entry is a section. */
    public boolean isSection() {
        return page == null && url == null;
    }
}
