package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.Entity;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Path;
import java.util.List;

/** The API entities of {@code src/test/resources/api}, read as a build reads them (their {@code $text} resolved). */
final class ApiFixtures {

    private static final Catalog CATALOG = read(TestFiles.resource("api"));
    private static Catalog demo;

    private ApiFixtures() {
    }

    private static Catalog read(Path folder) {
        Diagnostics diagnostics = new Diagnostics();
        Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(folder)), diagnostics);
        assertEquals(List.of(), diagnostics.sorted(), "the fixtures are clean catalog files");
        return catalog;
    }

    static Entity api(String name) {
        return api(CATALOG, name);
    }

    /** An API of the demo organisation in {@code catalog/}. */
    static synchronized Entity demo(String name) {
        if (demo == null) {
            demo = read(TestFiles.projectRoot().resolve("catalog"));
        }
        return api(demo, name);
    }

    private static Entity api(Catalog catalog, String name) {
        return catalog.entities().stream().filter(e -> e.kind().equals("API") && e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no API " + name + " in the fixtures"));
    }

    static String definition(String name) {
        return api(name).specText("definition").orElseThrow();
    }
}
