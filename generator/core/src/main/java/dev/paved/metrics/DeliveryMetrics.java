package dev.paved.metrics;

import dev.paved.catalog.EntityRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the metrics stage measured.
 *
 * @param asOf         the end of the window (the build's time)
 * @param window       how far back deployments are counted
 * @param components   every component's delivery, by ref
 * @param organisation the four keys over every component's production deployments
 * @param teams        the four keys per owning team (its ref), over its components that have a deployment source
 * @param movers       the components whose deployments changed most: the last four weeks against the four before
 * @param adoption     template use and the practices' coverage
 */
public record DeliveryMetrics(Instant asOf, Duration window, Map<EntityRef, ComponentMetrics> components,
                              Figures organisation, Map<String, Figures> teams, List<Mover> movers,
                              Adoption adoption) {

    /** Nothing measured: no history read (a shard build). */
    public static final DeliveryMetrics NONE = new DeliveryMetrics(Instant.EPOCH, Duration.ZERO, Map.of(),
            Figures.of(List.of(), Instant.EPOCH, Duration.ZERO), Map.of(), List.of(), Adoption.NONE);

    public DeliveryMetrics {
        Map<EntityRef, ComponentMetrics> sorted = new TreeMap<>(Comparator.comparing(EntityRef::toString));
        sorted.putAll(components);
        components = Collections.unmodifiableMap(sorted);
        teams = Collections.unmodifiableMap(new TreeMap<>(teams));
        movers = List.copyOf(movers);
    }

    /** One component's delivery, when it is a component. */
    public Optional<ComponentMetrics> of(EntityRef ref) {
        return Optional.ofNullable(components.get(ref));
    }

    /**
     * The scorecard facts of a component's delivery, when it has a deployment source: {@code deploysPerWeek},
     * {@code leadTimeHours}, {@code changeFailurePercent}, {@code timeToRestoreHours} (each when known) and
     * {@code deliveryBand}, the lowest of its four keys' bands.
     */
    public Map<String, Object> facts(EntityRef ref) {
        Map<String, Object> facts = new LinkedHashMap<>();
        ComponentMetrics m = components.get(ref);
        if (m == null || m.source().equals("none")) {
            return facts;
        }
        Figures f = m.figures();
        facts.put("deploysPerWeek", Math.round(f.perWeek() * 100) / 100.0);
        f.medianLeadTime().ifPresent(d -> facts.put("leadTimeHours", Math.round(d.toMinutes() / 6.0) / 10.0));
        f.changeFailureRate().ifPresent(r -> facts.put("changeFailurePercent", (int) Math.round(r * 100)));
        f.medianRestore().ifPresent(d -> facts.put("timeToRestoreHours", Math.round(d.toMinutes() / 6.0) / 10.0));
        f.bands().values().stream().max(Enum::compareTo).ifPresent(b -> facts.put("deliveryBand", b.label()));
        return facts;
    }

    /**
     * A component whose deployment count moved.
     *
     * @param component the component
     * @param before    its production deployments in the four weeks before the last four
     * @param after     its production deployments in the last four weeks
     */
    public record Mover(EntityRef component, int before, int after) {

        /** After minus before. */
        public int change() {
            return after - before;
        }
    }
}
