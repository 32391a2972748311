package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.crawl.Integration;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.CiSnapshots;
import dev.paved.integrations.Snapshots;
import java.util.List;

/**
 * Integrations: each entity's snapshots of the services its annotations name (CI runs, pipelines), taken once per
 * build from the integrations configured with {@code snapshots: true}, for the scores' facts and the entity pages'
 * cards. Without such an integration it asks nothing.
 */
final class IntegrationsStage {

    /**
     * @param catalog      the catalog
     * @param integrations the configured integrations
     * @param images       which hosts live badges may load from
     * @param options      timeouts, page limits, where tokens are read
     */
    record Input(Catalog catalog, List<Integration> integrations, RemoteImages images, CiSnapshots.Options options) {
    }

    private IntegrationsStage() {
    }

    static Stage<Snapshots> run(Input in) {
        return Stage.run("integrations", diagnostics -> CiSnapshots.take(in.catalog(), in.integrations(),
                in.images(), in.options(), diagnostics));
    }
}
