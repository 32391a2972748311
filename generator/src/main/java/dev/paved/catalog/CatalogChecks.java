package dev.paved.catalog;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.util.ArrayList;
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
        for (DeclaredRelations.Declared d : declared) {
            EntityRef target = d.relation().target();
            if (catalog.find(target).isEmpty() && !elsewhere.contains(target)) {
                Diagnostic warning = Diagnostic.warning(d.at(), Code.DANGLING_REF, "spec." + d.field()
                        + " refers to " + target.toShortString() + ", which is not in the catalog");
                Optional<EntityRef> close = closest(catalog, target);
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

    /** The existing entity whose reference is closest to a missing one, if one is close enough. */
    static Optional<EntityRef> closest(Catalog catalog, EntityRef missing) {
        EntityRef best = null;
        int bestScore = Integer.MAX_VALUE;
        for (Entity entity : catalog.entities()) {
            EntityRef candidate = entity.ref();
            int score;
            if (candidate.name().equals(missing.name())) {
                score = 0; // the right name with another kind or namespace
            } else if (candidate.kind().equals(missing.kind()) && candidate.namespace().equals(missing.namespace())) {
                int distance = distance(candidate.name(), missing.name());
                score = distance <= Math.max(1, missing.name().length() / 4) ? distance : Integer.MAX_VALUE;
            } else {
                continue;
            }
            if (score < bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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
