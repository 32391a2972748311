package dev.paved.integrations;

import dev.paved.catalog.EntityRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every entity's snapshots, taken by one build.
 *
 * @param byEntity each entity's snapshots, in the order its annotations name the services; entities without any are
 *                 absent
 */
public record Snapshots(Map<EntityRef, List<Snapshot>> byEntity) {

    /** No snapshots: no integration asked. */
    public static final Snapshots NONE = new Snapshots(Map.of());

    public Snapshots {
        byEntity = Map.copyOf(byEntity);
    }

    /** An entity's snapshots. */
    public List<Snapshot> of(EntityRef ref) {
        return byEntity.getOrDefault(ref, List.of());
    }

    /**
     * The scorecard facts an entity's snapshots give: {@code hasCi} (true when a service answered with a workflow or
     * pipeline run) and {@code ciPassing} (the latest finished run of each workflow passed). A fact the snapshots
     * cannot tell is absent.
     */
    public Map<String, Object> facts(EntityRef ref) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Snapshot> mine = of(ref);
        if (mine.stream().anyMatch(s -> s.ok() && !s.runs().isEmpty())) {
            facts.put("hasCi", true);
        }
        Optional<Boolean> passing = Optional.empty();
        for (Snapshot s : mine) {
            Optional<Boolean> p = s.passing();
            if (p.isPresent()) {
                passing = Optional.of(passing.orElse(true) && p.get());
            }
        }
        passing.ifPresent(p -> facts.put("ciPassing", p));
        return facts;
    }
}
