package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.paved.TestFiles;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $openapi}/{@code $asyncapi} bundle a definition's file {@code $ref}s as Backstage does: each referenced part
 * once, later uses pointing at it. References that multiply cannot take the build's time or memory (issue 15,
 * item 7).
 */
class DefinitionBundlingTest {

    @Test
    void eachReferencedFileIsCopiedInOnceAndLaterUsesPointAtIt() throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        // 8^11 copies before: minutes and gigabytes. The bound only keeps a regression from hanging the suite.
        Catalog catalog = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CatalogReader.read(List.of(
                CatalogSource.of(TestFiles.resource("hostile/ref-bomb/catalog"))), diagnostics));

        String definition = catalog.entities().stream().filter(e -> e.kind().equals("API")).findFirst().orElseThrow().specText("definition").orElseThrow();
        assertTrue(definition.length() < 20_000, definition.length() + " characters");
        JsonNode bundled = new YAMLMapper().readTree(definition);
        JsonNode root = bundled.at("/components/schemas/Root");
        assertEquals("#/components/schemas/Root/properties/a", root.at("/properties/b/$ref").asText(),
                "the second use of s1.yaml points at the first");
        assertEquals("the leaf", root.at("/properties/a/properties/a/properties/a/properties/a/properties/a"
                + "/properties/a/properties/a/properties/a/properties/a/properties/a/properties/a/description").asText());
        assertEquals("#/components/schemas/Loop", bundled.at("/components/schemas/Loop/properties/self/$ref")
                .asText(), "a circular reference points back at the part it is in");
        assertEquals(List.of(), diagnostics.sorted());
    }

    @Test
    void aDefinitionLargerThanTheBoundIsRefusedWithOneProblem(@TempDir Path repo) throws Exception {
        StringBuilder values = new StringBuilder("[0");
        values.append(",0".repeat(Placeholders.MAX_BUNDLED_VALUES));
        Files.writeString(repo.resolve("huge.json"), values.append("]"));
        Files.writeString(repo.resolve("openapi.yaml"), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
                + "paths: {}\ncomponents: {schemas: {Huge: {$ref: './huge.json'}}}\n");
        Files.writeString(repo.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: huge}
                spec: {type: openapi, lifecycle: production, owner: team-a, definition: {$openapi: ./openapi.yaml}}
                """);
        Diagnostics diagnostics = new Diagnostics();
        CatalogReader.read(List.of(CatalogSource.of(repo)), diagnostics);

        List<Diagnostic> problems = diagnostics.sorted();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Code.PLACEHOLDER_UNREADABLE, problems.get(0).code());
        assertTrue(problems.get(0).message().contains("larger than Paved reads"), problems.get(0).message());
    }
}
