package dev.paved.integrations;

import dev.paved.catalog.EntityRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every entity's snapshots, taken by one build, and what its page shows live.
 *
 * @param byEntity each entity's snapshots, in the order its annotations name the services; entities without any are
 *                 absent
 * @param live     each entity's live badges and embeds (no call at build time); entities without any are absent
 */
public record Snapshots(Map<EntityRef, List<Snapshot>> byEntity, Map<EntityRef, LiveStatus> live) {

    /** No snapshots: no integration asked. */
    public static final Snapshots NONE = new Snapshots(Map.of());

    public Snapshots {
        byEntity = Map.copyOf(byEntity);
        live = Map.copyOf(live);
    }

    /** Snapshots without anything live. */
    public Snapshots(Map<EntityRef, List<Snapshot>> byEntity) {
        this(byEntity, Map.of());
    }

    /** What an entity's page shows live. */
    public LiveStatus liveOf(EntityRef ref) {
        return live.getOrDefault(ref, LiveStatus.NONE);
    }

    /** An entity's snapshots. */
    public List<Snapshot> of(EntityRef ref) {
        return byEntity.getOrDefault(ref, List.of());
    }

    /** These snapshots and {@code more}'s, an entity's in this order then {@code more}'s. */
    public Snapshots and(Snapshots more) {
        Map<EntityRef, List<Snapshot>> all = new LinkedHashMap<>(byEntity);
        more.byEntity.forEach((ref, list) -> all.merge(ref, list, (a, b) -> {
            List<Snapshot> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        }));
        Map<EntityRef, LiveStatus> allLive = new LinkedHashMap<>(live);
        more.live.forEach(allLive::putIfAbsent);
        return new Snapshots(all, allLive);
    }

    /**
     * The scorecard facts an entity's snapshots give ({@link Reading#facts()} of each that answered): a
     * {@code has…} fact is true when any says so, another true/false fact only when all do, lists are joined
     * without repeats. A fact the snapshots cannot tell is absent.
     */
    public Map<String, Object> facts(EntityRef ref) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Snapshot s : of(ref)) {
            if (!s.ok()) {
                continue;
            }
            s.reading().facts().forEach((name, value) -> facts.merge(name, value, (a, b) -> combine(name, a, b)));
        }
        return facts;
    }

    private static Object combine(String name, Object a, Object b) {
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return name.startsWith("has") ? x || y : x && y;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            Set<Object> joined = new LinkedHashSet<>(x);
            joined.addAll(y);
            return List.copyOf(joined);
        }
        return a;
    }
}
