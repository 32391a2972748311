package dev.paved.catalog;

import java.util.Comparator;

/**
 * A directed relation between two entities, e.g. {@code component:default/a ownedBy group:default/team}. The target
 * may not exist in the catalog (a dangling reference); {@link Catalog#find} tells.
 */
public record Relation(EntityRef source, RelationType type, EntityRef target) implements Comparable<Relation> {

    private static final Comparator<Relation> ORDER = Comparator.comparing(Relation::source)
            .thenComparing(Relation::type).thenComparing(Relation::target);

    /** The same relation seen from its target. */
    public Relation reverse() {
        return new Relation(target, type.reverse(), source);
    }

    @Override
    public int compareTo(Relation other) {
        return ORDER.compare(this, other);
    }
}
