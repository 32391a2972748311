package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catalog.json holds entities as Backstage's catalog API returns them. */
class CatalogExportTest {

    @Test
    void linksKeepTheirTitleIconAndType(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: team-a
                  links:
                    - url: https://dashboard.example.com/team-a
                      title: Dashboard
                      icon: dashboard
                      type: metrics
                    - url: https://chat.example.com/team-a
                spec: {type: team, children: []}
                """);
        Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(dir)), new Diagnostics());
        JsonNode links = new ObjectMapper().readTree(CatalogExport.json(catalog, e -> "catalog-info.yaml"))
                .path("items").get(0).path("metadata").path("links");
        assertEquals(new ObjectMapper().readTree("""
                [{"url": "https://dashboard.example.com/team-a", "title": "Dashboard", "icon": "dashboard",
                  "type": "metrics"},
                 {"url": "https://chat.example.com/team-a"}]
                """), links);
    }
}
