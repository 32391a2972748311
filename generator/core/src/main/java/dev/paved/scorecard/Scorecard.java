package dev.paved.scorecard;

import dev.paved.catalog.Entity;
import dev.paved.diagnostic.SourcePosition;
import java.util.List;

/**
 * A scorecard: which entities it applies to, its ordered levels, and its rules, each at a level.
 *
 * @param name        its identifier, e.g. {@code production-readiness}
 * @param title       its title
 * @param description what it measures and why
 * @param appliesTo   which entities it scores
 * @param levels      the levels, lowest first (e.g. bronze, silver, gold)
 * @param rules       its rules
 * @param source      where it was defined
 */
public record Scorecard(String name, String title, String description, AppliesTo appliesTo, List<String> levels,
                        List<Rule> rules, SourcePosition source) {

    public Scorecard {
        levels = List.copyOf(levels);
        rules = List.copyOf(rules);
    }

    /**
     * One rule.
     *
     * @param id    its identifier within the scorecard
     * @param title what it asks, e.g. "Has a README"
     * @param level the level it belongs to
     * @param why   why it matters
     * @param fix   how to pass it
     * @param check its test
     */
    public record Rule(String id, String title, String level, String why, String fix, Check check) {
    }

    /**
     * Which entities a scorecard applies to; an empty list matches anything.
     *
     * @param owners owner references as written or their names
     */
    public record AppliesTo(List<String> kinds, List<String> types, List<String> lifecycles, List<String> tags,
                            List<String> owners) {

        public AppliesTo {
            kinds = List.copyOf(kinds);
            types = List.copyOf(types);
            lifecycles = List.copyOf(lifecycles);
            tags = List.copyOf(tags);
            owners = List.copyOf(owners);
        }

        boolean matches(Entity e, String owner) {
            return (kinds.isEmpty() || kinds.stream().anyMatch(k -> k.equalsIgnoreCase(e.kind())))
                    && (types.isEmpty() || e.type().map(types::contains).orElse(false))
                    && (lifecycles.isEmpty() || e.lifecycle().map(lifecycles::contains).orElse(false))
                    && (tags.isEmpty() || e.tags().stream().anyMatch(tags::contains))
                    && (owners.isEmpty() || owners.stream().anyMatch(o -> o.equalsIgnoreCase(owner)
                    || owner.toLowerCase(java.util.Locale.ROOT).endsWith("/" + o.toLowerCase(java.util.Locale.ROOT))));
        }
    }

    /** The rank of a level (0 for the lowest), or -1. */
    public int rank(String level) {
        return levels.indexOf(level);
    }
}
