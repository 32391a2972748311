package dev.paved.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The merged catalog: every valid entity and every relation between them, in both directions. Immutable; build one
 * with {@link CatalogReader}.
 */
public final class Catalog {

    /** The annotation Backstage's scaffolder writes on what a template made: the template's ref. */
    public static final String SOURCE_TEMPLATE = "backstage.io/source-template";

    private final Map<EntityRef, Entity> entities;
    private final List<Entity> entityList;
    private final List<Relation> relations;
    private final Map<EntityRef, List<Relation>> relationsFrom;
    private final List<String> files;

    Catalog(Collection<Entity> entities, Collection<Relation> relations, List<String> files) {
        this.files = List.copyOf(files);
        Map<EntityRef, Entity> byRef = new TreeMap<>();
        entities.forEach(e -> byRef.putIfAbsent(e.ref(), e));
        this.entities = java.util.Collections.unmodifiableMap(byRef);
        this.entityList = List.copyOf(byRef.values());
        this.relations = relations.stream().distinct().sorted().toList();
        this.relationsFrom = this.relations.stream().collect(Collectors.groupingBy(Relation::source, TreeMap::new,
                Collectors.toUnmodifiableList()));
    }

    /** Every entity, ordered by kind, namespace and name. */
    public List<Entity> entities() {
        return entityList;
    }

    /** The entity a reference points at, if it exists. */
    public Optional<Entity> find(EntityRef ref) {
        return Optional.ofNullable(entities.get(ref));
    }

    /** Every relation, sorted. */
    public List<Relation> relations() {
        return relations;
    }

    /** The relations whose source is this entity, sorted by type and target. */
    public List<Relation> relationsFrom(EntityRef source) {
        return relationsFrom.getOrDefault(source, List.of());
    }

    /** The targets of this entity's relations of one type. */
    public List<EntityRef> related(EntityRef source, RelationType type) {
        return relationsFrom(source).stream().filter(r -> r.type() == type).map(Relation::target).toList();
    }

    /** The display paths of every catalog file read, sorted. */
    public List<String> files() {
        return files;
    }

    /**
     * The entities each template made ({@link #SOURCE_TEMPLATE}), by the template's ref, in catalog order; a value
     * that is not a ref names no template.
     */
    public Map<EntityRef, List<EntityRef>> madeFromTemplates() {
        Map<EntityRef, List<EntityRef>> out = new LinkedHashMap<>();
        for (Entity e : entityList) {
            e.annotation(SOURCE_TEMPLATE).map(String::trim).filter(v -> !v.isEmpty()).ifPresent(v -> {
                try {
                    out.computeIfAbsent(EntityRef.parse(v, "template", "default"), k -> new ArrayList<>())
                            .add(e.ref());
                } catch (IllegalArgumentException notARef) {
                    // Not a ref: it names no template.
                }
            });
        }
        return out;
    }

    /** How many entities there are. */
    public int size() {
        return entities.size();
    }
}
