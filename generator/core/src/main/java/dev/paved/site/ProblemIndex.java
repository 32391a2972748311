package dev.paved.site;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RelationType;
import dev.paved.diagnostic.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attributes each diagnostic to the entity it is about, so problems reach the people who can fix them: a problem
 * in a catalog file belongs to the entity whose document holds its line; a problem in another file (a docs page)
 * belongs to the entity defined closest above it in the folder tree. Through ownership, each team gets its list.
 */
final class ProblemIndex {

    private final Map<EntityRef, List<Diagnostic>> byEntity = new TreeMap<>();
    private final List<Diagnostic> unattributed = new ArrayList<>();
    private final Map<Diagnostic, EntityRef> entityOf = new HashMap<>();

    ProblemIndex(Catalog catalog, List<Diagnostic> diagnostics) {
        Map<Path, List<Entity>> byFile = new HashMap<>();
        for (Entity e : catalog.entities()) {
            byFile.computeIfAbsent(e.source().file(), k -> new ArrayList<>()).add(e);
        }
        byFile.values().forEach(list -> list.sort(Comparator.comparingInt(e -> e.source().document().start().line())));
        Map<Path, List<Entity>> byFolder = new HashMap<>();
        for (Entity e : catalog.entities()) { // sorted by reference, so the choice below is stable
            byFolder.computeIfAbsent(e.source().file().getParent(), k -> new ArrayList<>()).add(e);
        }
        for (Diagnostic d : diagnostics) {
            Optional<Entity> owner = d.file().isEmpty() ? Optional.empty() : attribute(d, byFile, byFolder);
            owner.ifPresentOrElse(e -> {
                byEntity.computeIfAbsent(e.ref(), k -> new ArrayList<>()).add(d);
                entityOf.put(d, e.ref());
            }, () -> unattributed.add(d));
        }
    }

    private static Optional<Entity> attribute(Diagnostic d, Map<Path, List<Entity>> byFile,
                                              Map<Path, List<Entity>> byFolder) {
        Path file = Path.of(d.file()).toAbsolutePath().normalize();
        List<Entity> inFile = byFile.get(file);
        if (inFile != null) {
            Entity best = null;
            for (Entity e : inFile) {
                if (e.source().document().start().line() <= Math.max(d.line(), 1)) {
                    best = e;
                }
            }
            return Optional.ofNullable(best != null ? best : inFile.get(0));
        }
        // A file beside catalog files (docs): the entity of the closest folder above it, preferring one with docs.
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            List<Entity> here = byFolder.get(dir);
            if (here != null) {
                return here.stream().filter(e -> e.annotations().containsKey("backstage.io/techdocs-ref"))
                        .findFirst().or(() -> Optional.of(here.get(0)));
            }
        }
        return Optional.empty();
    }

    /** The problems of one entity. */
    List<Diagnostic> of(EntityRef ref) {
        return byEntity.getOrDefault(ref, List.of());
    }

    /** The entity a problem belongs to, if any. */
    Optional<EntityRef> entityOf(Diagnostic d) {
        return Optional.ofNullable(entityOf.get(d));
    }

    /** Problems that belong to no entity (a file that did not parse at all, a missing Location target…). */
    List<Diagnostic> unattributed() {
        return unattributed;
    }

    /** The problems of the entities each group owns, by group. */
    Map<EntityRef, List<Diagnostic>> byOwner(Catalog catalog) {
        Map<EntityRef, List<Diagnostic>> out = new TreeMap<>();
        byEntity.forEach((ref, problems) -> {
            List<EntityRef> owners = catalog.related(ref, RelationType.OWNED_BY);
            if (ref.kind().equals("group")) {
                owners = List.of(ref);
            }
            for (EntityRef owner : owners) {
                out.computeIfAbsent(owner, k -> new ArrayList<>()).addAll(problems);
            }
        });
        return out;
    }
}
