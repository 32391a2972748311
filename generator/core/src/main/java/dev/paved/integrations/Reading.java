package dev.paved.integrations;

import java.util.Map;

/**
 * What a service answered of one entity, as one kind of card shows it: CI runs, Argo CD applications, workloads,
 * dashboards, on-call, a quality gate. Each kind is a record of its own; a card's template is named by
 * {@link #kind()} ({@code cards/<kind>.peb} in the theme).
 */
public interface Reading {

    /** The kind of card: {@code ci}, {@code argocd}, {@code kubernetes}, {@code grafana}, {@code oncall}… */
    String kind();

    /**
     * The scorecard facts this answer gives ({@code hasCi}, {@code ciPassing}, {@code hasOnCall},
     * {@code deployedTo}, {@code qualityGatePassed}…); a fact it cannot tell is absent. When an entity has several
     * answers, {@link Snapshots#facts} combines them: a {@code has…} fact is true when any says so, another
     * true/false fact when all do, lists are joined.
     */
    default Map<String, Object> facts() {
        return Map.of();
    }

    /** What a service that did not answer gives: nothing to show. */
    record Nothing(String kind) implements Reading {
    }
}
