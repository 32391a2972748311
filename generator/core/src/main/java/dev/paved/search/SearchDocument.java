package dev.paved.search;

import java.util.Map;

/**
 * One result the portal's search can return: an entity, a section of a docs page, or a portal page.
 *
 * @param url       the page and anchor, relative to the site root, e.g. {@code docs/default/component/x/index.html#setup}
 * @param title     what the result list shows as its title
 * @param context   where it lives, shown above the title (e.g. {@code Billing Service docs › Setup})
 * @param facets    the values results are filtered by: {@code kind}, {@code type}, {@code owner}, {@code lifecycle}
 *                  (absent keys have no value)
 * @param fields    the text of each searchable field
 */
public record SearchDocument(String url, String title, String context, Map<String, String> facets,
                             Map<SearchField, String> fields) {

    /** The facets every document may have, in the order the portal shows them. */
    public static final java.util.List<String> FACETS = java.util.List.of("kind", "type", "owner", "lifecycle");

    public SearchDocument {
        facets = Map.copyOf(facets);
        fields = Map.copyOf(fields);
    }

    /** The text of a field, or empty. */
    public String field(SearchField field) {
        return fields.getOrDefault(field, "");
    }
}
