package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.crawl.Integration;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.Integrations;
import dev.paved.integrations.Service;
import dev.paved.integrations.Snapshots;
import java.util.List;

/**
 * Integrations: each entity's snapshots of the services its annotations name (CI runs, deployments, workloads, dashboards, on-call, quality), taken once per
 * build from the integrations configured with {@code snapshots: true}, for the scores' facts and the entity pages'
 * cards. Without such an integration it asks nothing.
 */
final class IntegrationsStage {

    /**
     * @param catalog      the catalog
     * @param integrations the configured integrations (git hosts)
     * @param services     the configured services (Argo CD, Kubernetes, Grafana, PagerDuty, Opsgenie, SonarQube)
     * @param images       which hosts live badges may load from
     * @param options      timeouts, page limits, where tokens are read
     */
    record Input(Catalog catalog, List<Integration> integrations, List<Service> services, RemoteImages images,
                 Integrations.Options options) {
    }

    private IntegrationsStage() {
    }

    static Stage<Snapshots> run(Input in) {
        return Stage.run("integrations", diagnostics -> Integrations.take(in.catalog(), in.integrations(),
                in.services(), in.images(), in.options(), diagnostics));
    }
}
