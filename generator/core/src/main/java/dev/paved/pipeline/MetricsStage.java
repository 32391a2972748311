package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.crawl.Crawler;
import dev.paved.gitops.DesiredState;
import dev.paved.integrations.Snapshots;
import dev.paved.metrics.DeliveryMetrics;
import dev.paved.metrics.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Metrics: delivery measured from Git (DORA's four keys per component, team and organisation; time to onboard;
 * template adoption and the practices' coverage).
 */
final class MetricsStage {

    /**
     * @param catalog      the catalog
     * @param desired      each component's environments, whose history gives its deployments
     * @param repositories the crawled repositories (their caches hold the fetched history)
     * @param snapshots    the integrations' snapshots (GitHub's record of deployments)
     * @param facts        each entity's facts, for the practices' coverage
     * @param settings     the window, production's names, the failure window
     * @param asOf         the end of the window
     */
    record Input(Catalog catalog, DesiredState desired, List<Crawler.Crawled> repositories, Snapshots snapshots,
                 Function<Entity, Map<String, Object>> facts, Metrics.Settings settings, Instant asOf) {
    }

    private MetricsStage() {
    }

    static Stage<DeliveryMetrics> run(Input in) {
        return Stage.run("metrics", diagnostics -> Metrics.compute(in.catalog(), in.desired(), in.repositories(),
                in.snapshots(), in.facts(), in.settings(), in.asOf(), diagnostics));
    }
}
