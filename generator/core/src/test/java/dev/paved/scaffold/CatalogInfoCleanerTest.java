package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terasky:catalog-info-cleaner}: an entity as {@code catalog:fetch} gives it from the built catalog, or as
 * Backstage's catalog API gives it (uid, etag, relations, status, location annotations), becomes the
 * {@code catalog-info.yaml} its repository keeps.
 */
class CatalogInfoCleanerTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void anEntityOfTheBuiltCatalogIsWrittenBackAsItsAuthorsWroteIt() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.Result result = Scaffolder.run(SoftwareTemplate.read(TestFiles.resource(
                "scaffold/templates/catalog-info-cleaner/template.yaml")), Map.of(), options(out, false)
                .withCatalog(catalog()));
        assertEquals(List.of("catalog-info.yaml"), result.files());
        assertEquals("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: parcel-service
                  annotations:
                    backstage.io/source-location: url:https://github.com/tern/parcel-service/tree/main/
                spec:
                  type: service
                  lifecycle: production
                  owner: team-parcels
                """, Files.readString(out.resolve("catalog-info.yaml")));
        assertEquals("catalog-info.yaml", result.text().get(0).get("content"));
        assertTrue(log.contains("  wrote catalog-info.yaml of Component parcel-service, without what the catalog "
                + "adds"), log.toString());
    }

    @Test
    void whatBackstagesCatalogAddsIsRemoved() throws Exception {
        Path template = dir.resolve("t/template.yaml");
        Files.createDirectories(template.getParent());
        Files.writeString(template, """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: clean-given}
                spec:
                  type: service
                  steps:
                    - id: clean
                      action: terasky:catalog-info:cleaner
                      input:
                        entity:
                          apiVersion: backstage.io/v1alpha1
                          kind: API
                          metadata:
                            namespace: payments
                            name: ledger-api
                            uid: 6f1c2b9e-0000-4000-8000-000000000000
                            etag: 9c5d
                            labels: {}
                            tags: []
                            annotations:
                              backstage.io/managed-by-location: url:https://github.com/tern/ledger/blob/main/catalog-info.yaml
                              backstage.io/managed-by-origin-location: url:https://github.com/tern/ledger/blob/main/catalog-info.yaml
                              backstage.io/view-url: https://github.com/tern/ledger/blob/main/catalog-info.yaml
                              backstage.io/edit-url: https://github.com/tern/ledger/edit/main/catalog-info.yaml
                              github.com/project-slug: tern/ledger
                          spec: {type: openapi, lifecycle: production, owner: team-ledger, definition: "openapi: 3.0.0"}
                          relations:
                            - {type: ownedBy, targetRef: group:default/team-ledger}
                          status: {items: []}
                """);
        Path out = dir.resolve("out");
        Scaffolder.run(SoftwareTemplate.read(template), Map.of(), options(out, false));
        assertEquals("""
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  namespace: payments
                  name: ledger-api
                  annotations:
                    github.com/project-slug: tern/ledger
                spec:
                  type: openapi
                  lifecycle: production
                  owner: team-ledger
                  definition: "openapi: 3.0.0"
                """, Files.readString(out.resolve("catalog-info.yaml")));
    }

    @Test
    void aMissingEntityStopsARunAndIsReportedInADryRun() throws Exception {
        SoftwareTemplate template = SoftwareTemplate.read(TestFiles.resource(
                "scaffold/templates/catalog-info-cleaner/template.yaml"));
        Path dry = dir.resolve("dry");
        Scaffolder.run(template, Map.of("entity", "component:default/nope"), options(dry, true));
        assertTrue(log.contains("  no entity to clean (catalog:fetch found none here): a run would stop here"),
                log.toString());
        assertFalse(Files.exists(dry));

        Path planned = dir.resolve("planned");
        Scaffolder.Result result = Scaffolder.run(template, Map.of(), options(planned, true).withCatalog(catalog()));
        assertEquals(List.of("catalog-info.yaml"), result.files(), "planned, not written");
        assertFalse(Files.exists(planned));

        Path t = dir.resolve("t/template.yaml");
        Files.createDirectories(t.getParent());
        Files.writeString(t, """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: clean-text}
                spec:
                  type: service
                  steps:
                    - id: clean
                      action: terasky:catalog-info-cleaner
                      input: {entity: parcel-service}
                """);
        TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(SoftwareTemplate.read(t),
                Map.of(), options(dir.resolve("out"), false)));
        assertEquals("step 'clean' (terasky:catalog-info-cleaner): input 'entity' must be an entity (an object, as "
                + "catalog:fetch gives it)", e.getMessage());
    }

    private Catalog catalog() {
        return CatalogReader.read(List.of(CatalogSource.of(TestFiles.resource("scaffold/catalog/catalog-info.yaml"))),
                new Diagnostics());
    }

    private Scaffolder.Options options(Path out, boolean dryRun) {
        return new Scaffolder.Options(out, dryRun, Map.of(), null, Map.of(), null, log::add);
    }
}
