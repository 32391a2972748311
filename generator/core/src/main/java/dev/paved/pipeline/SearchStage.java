package dev.paved.pipeline;

import dev.paved.search.SearchIndex;
import dev.paved.site.SearchDocuments;
import dev.paved.site.SiteGenerator;
import java.util.Map;

/** Search: the Lucene index of every entity, docs section and portal page, exported as static files. */
final class SearchStage {

    private SearchStage() {
    }

    /** The index files, by path under the site's {@code search/} folder. */
    static Stage<Map<String, byte[]>> run(SiteGenerator.Input site) {
        return Stage.run("search", diagnostics -> {
            try (SearchIndex index = SearchIndex.build(SearchDocuments.of(site))) {
                return index.export();
            }
        });
    }
}
