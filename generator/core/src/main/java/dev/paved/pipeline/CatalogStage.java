package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogRule;
import dev.paved.catalog.CatalogRules;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import java.util.List;
import java.util.Set;

/** Catalog: reads every entity, resolves every relation and checks the organisation's rules. */
final class CatalogStage {

    /**
     * @param sources   the catalog files and folders, local and crawled
     * @param elsewhere entities known to exist outside these sources (a published catalog), for references
     * @param rules     the organisation's catalog rules
     */
    record Input(List<CatalogSource> sources, Set<EntityRef> elsewhere, List<CatalogRule> rules) {
    }

    private CatalogStage() {
    }

    static Stage<Catalog> run(Input in) {
        return Stage.run("catalog", diagnostics -> {
            Catalog catalog = CatalogReader.read(in.sources(), in.elsewhere(), diagnostics);
            CatalogRules.check(catalog, in.rules(), diagnostics);
            return catalog;
        });
    }
}
