package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogRule;
import dev.paved.catalog.CatalogRules;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RemoteTexts;
import dev.paved.config.AppConfigLocations;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.DisplayPath;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Catalog: reads every entity, resolves every relation and checks the organisation's rules. */
final class CatalogStage {

    /**
     * @param sources   the catalog files and folders, local and crawled
     * @param elsewhere entities known to exist outside these sources (a published catalog), for references
     * @param rules     the organisation's catalog rules
     * @param appConfig the locations of a Backstage app-config among the sources, if any: an error when the
     *                  catalog holds no entity at all
     * @param remote    reads the absolute URLs of placeholders ({@code $text: https://…}): the crawl's
     *                  {@link dev.paved.crawl.UrlReader} in a build, {@link RemoteTexts#NONE} in a check
     */
    record Input(List<CatalogSource> sources, Set<EntityRef> elsewhere, List<CatalogRule> rules,
                 Optional<AppConfigLocations> appConfig, RemoteTexts remote) {
    }

    private CatalogStage() {
    }

    static Stage<Catalog> run(Input in) {
        return Stage.run("catalog", diagnostics -> {
            Catalog catalog = CatalogReader.read(in.sources(), in.elsewhere(), in.remote(), diagnostics);
            CatalogRules.check(catalog, in.rules(), diagnostics);
            in.appConfig().filter(l -> catalog.size() == 0).ifPresent(l -> diagnostics.error(l.at(),
                    Code.LOCATIONS_EMPTY, "The catalog.locations of " + l.at().file() + " gave no entity, so the "
                            + "portal is empty; their file targets were resolved from " + DisplayPath.of(l.base())));
            return catalog;
        });
    }
}
