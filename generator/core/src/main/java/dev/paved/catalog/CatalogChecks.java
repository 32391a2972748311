package dev.paved.catalog;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks over the whole catalog that Backstage users want and Backstage only logs: references to entities that do
 * not exist (with a "did you mean" when a close name exists), cycles in part-of and parent chains, users in no
 * group, and APIs no component provides. All are warnings; {@code --strict} makes them errors.
 */
final class CatalogChecks {

    private CatalogChecks() {
    }

    /**
     * Runs the checks.
     *
     * @param elsewhere    entities known to exist outside this catalog (a published portal's)
     * @param wholeCatalog whether the catalog is complete (read from roots, Locations followed); checks that need
     *                     every entity (users in no group, APIs nobody provides) run only then
     */
    static void run(Catalog catalog, List<DeclaredRelations.Declared> declared, Set<EntityRef> elsewhere,
                    boolean wholeCatalog, Diagnostics diagnostics) {
        Suggestions suggestions = new Suggestions(catalog);
        for (DeclaredRelations.Declared d : declared) {
            EntityRef target = d.relation().target();
            if (catalog.find(target).isEmpty() && !elsewhere.contains(target)) {
                Diagnostic warning = Diagnostic.warning(d.at(), Code.DANGLING_REF, "spec." + d.field()
                        + " refers to " + target.toShortString() + ", which is not in the catalog");
                Optional<EntityRef> close = suggestions.closest(target);
                diagnostics.add(close.map(c -> warning.withHint("did you mean " + c + "?")).orElse(warning));
            }
        }
        cycles(catalog, RelationType.PART_OF, "part of", diagnostics);
        cycles(catalog, RelationType.CHILD_OF, "a child group of", diagnostics);
        if (!wholeCatalog) {
            return;
        }
        for (Entity entity : catalog.entities()) {
            EntityRef ref = entity.ref();
            if (entity.kind().equals("User") && catalog.related(ref, RelationType.MEMBER_OF).isEmpty()) {
                diagnostics.warning(entity.source().at("/spec/memberOf"), Code.USER_WITHOUT_GROUP,
                        ref.toShortString() + " is a member of no group");
            }
            if (entity.kind().equals("API") && catalog.related(ref, RelationType.API_PROVIDED_BY).isEmpty()) {
                diagnostics.warning(entity.source().at("/metadata/name"), Code.API_WITHOUT_PROVIDER,
                        ref.toShortString() + " is provided by no component");
            }
        }
    }

    /**
     * Finds the existing entity closest to a missing reference: the same name with another kind or namespace, or
     * a name a few edits away in the same kind and namespace. Indexed once per catalog; one answer per distinct
     * missing reference.
     */
    static final class Suggestions {
        private final Map<String, List<EntityRef>> byName = new HashMap<>();
        private final Map<String, List<EntityRef>> byKindAndNamespace = new HashMap<>();
        private final Map<EntityRef, Optional<EntityRef>> answers = new HashMap<>();

        Suggestions(Catalog catalog) {
            for (Entity entity : catalog.entities()) {
                EntityRef ref = entity.ref();
                byName.computeIfAbsent(ref.name(), k -> new ArrayList<>()).add(ref);
                byKindAndNamespace.computeIfAbsent(ref.kind() + ":" + ref.namespace(), k -> new ArrayList<>())
                        .add(ref);
            }
        }

        Optional<EntityRef> closest(EntityRef missing) {
            return answers.computeIfAbsent(missing, this::search);
        }

        private Optional<EntityRef> search(EntityRef missing) {
            List<EntityRef> sameName = byName.getOrDefault(missing.name(), List.of());
            if (!sameName.isEmpty()) {
                return Optional.of(sameName.get(0)); // the right name with another kind or namespace
            }
            int limit = Math.max(1, missing.name().length() / 4);
            EntityRef best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (EntityRef candidate : byKindAndNamespace.getOrDefault(missing.kind() + ":" + missing.namespace(),
                    List.of())) {
                int d = distance(candidate.name(), missing.name(), Math.min(limit, bestDistance - 1));
                if (d <= limit && d < bestDistance) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            return Optional.ofNullable(best);
        }
    }

    /**
     * The edit distance between two names, or {@code limit + 1} as soon as it is sure to exceed {@code limit}: only
     * the diagonal band of width {@code 2 * limit + 1} is computed, and a row whose best cell is over the limit
     * ends the search.
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int over = limit + 1;
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j <= limit ? j : over;
        }
        for (int i = 1; i <= a.length(); i++) {
            int from = Math.max(1, i - limit);
            int to = Math.min(b.length(), i + limit);
            current[0] = i <= limit ? i : over;
            if (from > 1) {
                current[from - 1] = over;
            }
            int best = current[0];
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = Math.min(value, over);
                best = Math.min(best, current[j]);
            }
            if (to < b.length()) {
                current[to + 1] = over;
            }
            if (best > limit) {
                return over;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], over);
    }

    private static void cycles(Catalog catalog, RelationType type, String phrase, Diagnostics diagnostics) {
        Map<EntityRef, List<EntityRef>> edges = new TreeMap<>();
        for (Relation r : catalog.relations()) {
            if (r.type() == type && catalog.find(r.target()).isPresent()) {
                edges.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r.target());
            }
        }
        Set<EntityRef> done = new HashSet<>();
        Set<Set<EntityRef>> reported = new HashSet<>();
        for (EntityRef start : edges.keySet()) {
            List<EntityRef> path = new ArrayList<>();
            walk(start, edges, path, new HashSet<>(), done, cycle -> {
                if (reported.add(new HashSet<>(cycle))) {
                    Entity first = catalog.find(cycle.get(0)).orElseThrow();
                    List<String> names = new ArrayList<>(cycle.stream().map(EntityRef::toShortString).toList());
                    names.add(cycle.get(0).toShortString());
                    diagnostics.warning(first.source().at("/spec"), Code.RELATION_CYCLE,
                            cycle.get(0).toShortString() + " is " + phrase + " itself: " + String.join(" → ", names));
                }
            });
        }
    }

    private static void walk(EntityRef node, Map<EntityRef, List<EntityRef>> edges, List<EntityRef> path,
                             Set<EntityRef> onPath, Set<EntityRef> done,
                             java.util.function.Consumer<List<EntityRef>> onCycle) {
        if (onPath.contains(node)) {
            onCycle.accept(List.copyOf(path.subList(path.indexOf(node), path.size())));
            return;
        }
        if (!done.add(node)) {
            return;
        }
        path.add(node);
        onPath.add(node);
        for (EntityRef next : edges.getOrDefault(node, List.of())) {
            walk(next, edges, path, onPath, done, onCycle);
        }
        path.remove(path.size() - 1);
        onPath.remove(node);
    }
}
