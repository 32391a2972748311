package dev.paved.search;

import java.util.Locale;

/**
 * The searchable fields of a {@link SearchDocument} and how much a match in each counts: BM25 scores are multiplied
 * by the boost, so a name or title match outranks the same word in body text.
 */
public enum SearchField {
    /** An entity's {@code metadata.name}; only entities have one, so an exact name ranks its entity first. */
    NAME(8f),
    /** The entity's title, the docs section's heading or the page's title. */
    TITLE(5f),
    /** Tags. */
    TAGS(3f),
    /** The headings a docs section sits under, and its page's title. */
    HEADINGS(2f),
    /** Kind, type, owner, system, lifecycle, the docs site's name and annotations worth searching. */
    META(1.5f),
    /** Descriptions and section text. */
    TEXT(1f);

    private final float boost;

    SearchField(float boost) {
        this.boost = boost;
    }

    /** The factor BM25 scores of this field are multiplied by. */
    public float boost() {
        return boost;
    }

    /** The Lucene field name. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }
}
