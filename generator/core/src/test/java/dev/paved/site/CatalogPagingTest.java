package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog of 1,207 entities: the catalog page holds only its first rows, and the chunk scripts it lists hold every
 * entity, which its script loads to filter and page.
 */
class CatalogPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A chunk script: {@code pavedCatalogRows(n, [rows]);}. */
    private static final Pattern CHUNK = Pattern.compile("pavedCatalogRows\\((\\d+), (\\[.*])\\);\\n", Pattern.DOTALL);

    @TempDir
    static Path project;
    static Path site;
    static Document catalog;

    @BeforeAll
    static void build() throws IOException {
        site = BigCatalog.build(project, 1_200);
        catalog = SiteChecks.parse(site.resolve("catalog/index.html"));
    }

    @Test
    void theCatalogPageHoldsOnlyTheFirstRows() throws IOException {
        List<String> names = exportedNames();
        assertEquals(1_207, names.size());
        List<String> rows = catalog.select("#catalog-table tbody tr").eachAttr("data-text");
        assertEquals(CatalogTable.PAGE_ROWS, rows.size(), "the page holds a bounded number of rows");
        for (int i = 0; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith(names.get(i) + " "), "row " + i + " is " + rows.get(i)
                    + ", not the catalog's entity " + names.get(i));
        }
        assertEquals("Showing the first 500 of 1,207 entities — filtering loads the rest. Every entity is in "
                + "catalog.csv.", catalog.getElementById("catalog-paging").text());
        assertEquals("1207 entities", catalog.getElementById("catalog-count").text(), "the count is of all");
        assertTrue(Files.size(site.resolve("catalog/index.html")) < 600_000, "the page stays small");
    }

    @Test
    void theChunksHoldEveryEntityInOrder() throws IOException {
        Element paging = catalog.getElementById("catalog-paging");
        assertEquals("1207", paging.attr("data-total"));
        List<String> chunks = List.of(paging.attr("data-chunks").split(" "));
        assertEquals(1, chunks.size(), "1,207 rows fit in one chunk of " + CatalogTable.CHUNK_ROWS);
        List<String> names = new ArrayList<>();
        for (int n = 0; n < chunks.size(); n++) {
            assertTrue(chunks.get(n).matches("catalog/rows/" + n + "\\.[0-9a-f]{10}\\.js"), chunks.get(n));
            Matcher script = CHUNK.matcher(Files.readString(site.resolve(chunks.get(n))));
            assertTrue(script.matches(), chunks.get(n) + " is not a chunk script");
            assertEquals(n, Integer.parseInt(script.group(1)));
            for (JsonNode row : JSON.readTree(script.group(2))) {
                names.add(row.get(11).asText());
            }
        }
        assertEquals(exportedNames(), names, "the chunks hold every entity, in the catalog's order");

        // A row has what the page's script shows and filters on: the needle, last, is in no row of the page.
        JsonNode needle = rowsOf(chunks.get(0)).get(1_199);
        assertEquals("Needle service", needle.get(0).asText());
        assertEquals("catalog/default/component/zz-needle-service/index.html", needle.get(1).asText());
        assertEquals("[\"Team 2\",\"catalog/default/group/team-2/index.html\",\"group:default/team-2\",0]",
                needle.get(6).toString());
        assertFalse(catalog.html().contains(BigCatalog.NEEDLE));
    }

    @Test
    void theFiltersOfferTheValuesOfEveryRow() {
        // Only the needle, in no row of the page, is deprecated; the filter offers it all the same.
        assertTrue(catalog.select("#catalog-table tbody tr[data-lifecycle=deprecated]").isEmpty());
        assertEquals(List.of("", "deprecated", "experimental", "production"),
                catalog.select("#catalog-filters select[name=lifecycle] option").eachAttr("value"));
    }

    private static JsonNode rowsOf(String chunk) throws IOException {
        Matcher script = CHUNK.matcher(Files.readString(site.resolve(chunk)));
        assertTrue(script.matches());
        return JSON.readTree(script.group(2));
    }

    /** The names in catalog.json, in the catalog's order. */
    private static List<String> exportedNames() throws IOException {
        List<String> names = new ArrayList<>();
        JSON.readTree(site.resolve("catalog.json").toFile()).path("items")
                .forEach(i -> names.add(i.at("/metadata/name").asText()));
        return names;
    }
}
