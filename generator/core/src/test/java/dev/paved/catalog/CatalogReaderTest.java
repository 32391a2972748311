package dev.paved.catalog;

import dev.paved.diagnostic.Code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the {@code catalogs/broken} fixture, which has one of every kind of mistake beside valid entities. */
class CatalogReaderTest {

    private static Catalog catalog;
    private static List<Diagnostic> diagnostics;

    @BeforeAll
    static void read() {
        Diagnostics collected = new Diagnostics();
        catalog = CatalogReader.read(List.of(CatalogSource.of(TestFiles.resource("catalogs/broken"))), collected);
        diagnostics = collected.sorted();
    }

    private static Diagnostic only(Code code, String fileEnd) {
        List<Diagnostic> found = diagnostics.stream().filter(d -> d.code().equals(code) && d.file().endsWith(fileEnd))
                .toList();
        assertEquals(1, found.size(), code + " in " + fileEnd + ": " + diagnostics);
        return found.get(0);
    }

    @Test
    void readsTheValidEntitiesAndLeavesOutTheBrokenOnes() {
        String refs = catalog.entities().stream().map(e -> e.ref().toString()).collect(Collectors.joining(" "));
        assertEquals("api:default/payments-api component:default/escape-artist component:default/hostile "
                + "component:default/safe-service group:default/team-a location:default/broken-root user:default/alice",
                refs);
    }

    @Test
    void pointsEveryProblemAtItsFileLineAndColumn() {
        Diagnostic syntax = only(Code.YAML_SYNTAX, "malformed.yaml");
        assertEquals(Severity.ERROR, syntax.severity());
        assertEquals(5, syntax.line());

        Diagnostic kind = only(Code.UNKNOWN_KIND, "not-entities.yaml");
        assertEquals(5, kind.line());
        assertEquals(7, kind.column());
        assertTrue(kind.message().contains("Widget"), kind.message());

        assertEquals(1, only(Code.NOT_AN_ENTITY, "not-entities.yaml").line());
        Diagnostic name = only(Code.INVALID_NAME, "not-entities.yaml");
        assertEquals(13, name.line());
        assertTrue(name.message().contains("\"Bad Name!\""));
        assertTrue(only(Code.MISSING_FIELD, "not-entities.yaml").message().contains("'owner'"));
    }

    @Test
    void refusesPathsThatLeaveTheRepository() {
        List<Diagnostic> outside = diagnostics.stream().filter(d -> d.code().equals(Code.PATH_OUTSIDE_REPOSITORY))
                .toList();
        assertTrue(outside.stream().anyMatch(d -> d.file().endsWith("catalog-info.yaml")
                && d.message().contains("../outside.yaml")), outside.toString());
        assertTrue(outside.stream().anyMatch(d -> d.file().endsWith("payments.yaml")
                && d.message().contains("/etc/passwd")), outside.toString());
        assertTrue(catalog.entities().stream().noneMatch(e -> e.name().equals("stolen-api")),
                "an entity whose placeholder escapes is rejected");
        assertEquals(14, only(Code.LOCATION_MISSING, "catalog-info.yaml").line());
    }

    @Test
    void resolvesTextPlaceholdersRelativeToTheFile() {
        Entity api = catalog.find(EntityRef.parse("api:payments-api", null, "default")).orElseThrow();
        assertTrue(api.specText("definition").orElseThrow().contains("openapi: 3.0.3"));
    }

    @Test
    void derivesRelationsInBothDirections() {
        EntityRef service = EntityRef.parse("component:safe-service", null, "default");
        EntityRef team = EntityRef.parse("group:team-a", null, "default");
        EntityRef api = EntityRef.parse("api:payments-api", null, "default");
        EntityRef alice = EntityRef.parse("user:alice", null, "default");

        assertEquals(List.of(team), catalog.related(service, RelationType.OWNED_BY));
        assertTrue(catalog.related(team, RelationType.OWNER_OF).contains(service));
        assertEquals(List.of(service), catalog.related(api, RelationType.API_PROVIDED_BY));
        assertEquals(List.of(team), catalog.related(alice, RelationType.MEMBER_OF));
        assertEquals(List.of(alice), catalog.related(team, RelationType.HAS_MEMBER));
    }

    @Test
    void keepsDanglingReferencesAsWarnings() {
        Diagnostic dangling = only(Code.DANGLING_REF, "safe/catalog-info.yaml");
        assertEquals(Severity.WARNING, dangling.severity());
        assertEquals(13, dangling.line());
        assertTrue(dangling.message().contains("system:ghost-system"));
        EntityRef service = EntityRef.parse("component:safe-service", null, "default");
        assertEquals(List.of(EntityRef.parse("system:ghost-system", null, "default")),
                catalog.related(service, RelationType.PART_OF), "Backstage keeps the relation, left dangling");
    }

    @Test
    void theFirstDefinitionOfAnEntityWins() {
        Diagnostic duplicate = only(Code.DUPLICATE_ENTITY, "org.yaml");
        assertEquals(20, duplicate.line());
        assertTrue(duplicate.message().contains("org.yaml:4:9"), duplicate.message());
        Entity team = catalog.find(EntityRef.parse("group:team-a", null, "default")).orElseThrow();
        assertEquals("", team.description());
    }

    @Test
    void aSymbolicLinkOutOfTheRepositoryIsNotFollowed(@TempDir Path temp) throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Path secret = Files.writeString(temp.resolve("secret.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: secret}
                spec: {type: service, lifecycle: production, owner: x}
                """);
        Files.createSymbolicLink(repo.resolve("linked.yaml"), secret);
        Files.writeString(repo.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata: {name: root}
                spec: {targets: [./linked.yaml]}
                """);
        Diagnostics collected = new Diagnostics();
        Catalog read = CatalogReader.read(List.of(CatalogSource.of(repo)), collected);

        assertFalse(read.entities().stream().anyMatch(e -> e.name().equals("secret")));
        assertEquals(Code.PATH_OUTSIDE_REPOSITORY, collected.sorted().get(0).code());
    }

    @Test
    void openApiPlaceholdersBundleTheFilesTheDefinitionRefersTo(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("api/schemas"));
        Files.writeString(repo.resolve("api/openapi.yaml"), """
                openapi: 3.0.3
                info: {title: Pets, version: "1"}
                paths:
                  /pets:
                    get:
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: "./schemas/pet.yaml"}
                components:
                  schemas:
                    Own: {$ref: "#/components/schemas/Other"}
                """);
        Files.writeString(repo.resolve("api/schemas/pet.yaml"), "type: object\nproperties: {name: {type: string}}\n");
        Files.writeString(repo.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: pets}
                spec:
                  type: openapi
                  lifecycle: production
                  owner: team-a
                  definition:
                    $openapi: ./api/openapi.yaml
                """);
        Diagnostics collected = new Diagnostics();
        Catalog read = CatalogReader.read(List.of(CatalogSource.of(repo)), collected);

        String definition = read.entities().get(0).specText("definition").orElseThrow();
        assertTrue(definition.contains("name:") && definition.contains("type: \"string\""), definition);
        assertFalse(definition.contains("./schemas/pet.yaml"), "the file reference is bundled in");
        assertTrue(definition.contains("#/components/schemas/Other"), "internal references stay");
    }

    @Test
    void anEntryFileLinkingOutOfItsFolderIsNotRead(@TempDir Path dir) throws Exception {
        // issue 15, item 12: `paved validate .` printed the first line of the link's target.
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\n");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createSymbolicLink(repo.resolve("catalog-info.yaml"), secret);
        for (CatalogSource source : List.of(CatalogSource.of(repo), CatalogSource.singleFile(
                repo.resolve("catalog-info.yaml")))) {
            Diagnostics diagnostics = new Diagnostics();
            Catalog catalog = CatalogReader.read(List.of(source), diagnostics);
            assertEquals(0, catalog.size());
            assertEquals(List.of(Code.PATH_OUTSIDE_REPOSITORY), diagnostics.sorted().stream()
                    .map(Diagnostic::code).toList(), diagnostics.sorted().toString());
            assertTrue(diagnostics.sorted().stream().noneMatch(d -> (d.message() + d.hint()).contains("root:x")));
        }
    }
}
