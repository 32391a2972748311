package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.crawl.Integration;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.Integrations;
import dev.paved.integrations.Service;
import dev.paved.integrations.Snapshots;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.integrations.SnapshotCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Integrations: each entity's snapshots of the services its annotations name (CI runs, deployments, workloads,
 * dashboards, on-call, quality), taken once per build from the integrations and services configured to be asked, for
 * the scores' facts and the entity pages' cards, and what the pages show live. Without such a service it asks
 * nothing. With the cache, each service's last answer is kept, and shown (with why it is not newer) when it does not
 * answer.
 */
final class IntegrationsStage {

    /**
     * @param catalog      the catalog
     * @param integrations the configured integrations (git hosts)
     * @param services     the configured services (Argo CD, Kubernetes, Grafana, PagerDuty, Opsgenie, SonarQube)
     * @param images       which hosts live badges may load from
     * @param options      timeouts, page limits, where tokens are read
     * @param kept         where the last answers are kept between builds (in the cache), if anywhere
     */
    record Input(Catalog catalog, List<Integration> integrations, List<Service> services, RemoteImages images,
                 Integrations.Options options, Optional<Path> kept) {
    }

    private IntegrationsStage() {
    }

    static Stage<Snapshots> run(Input in) {
        return Stage.run("integrations", diagnostics -> {
            Snapshots now = Integrations.take(in.catalog(), in.integrations(), in.services(), in.images(),
                    in.options(), diagnostics);
            if (in.kept().isEmpty() || now.byEntity().isEmpty()) {
                return now;
            }
            // A service that does not answer now shows what it said last, and says so.
            Snapshots shown = SnapshotCache.restore(now, SnapshotCache.read(in.kept().get()));
            try {
                SnapshotCache.write(in.kept().get(), shown);
            } catch (IOException e) {
                diagnostics.warning(SourcePosition.of(DisplayPath.of(in.kept().get())), Code.INTEGRATION_UNAVAILABLE,
                        "Could not keep the snapshots for the next build: " + e.getMessage());
            }
            return shown;
        });
    }
}
