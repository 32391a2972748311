package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What building a doc set read decides whether a later build may reuse it: every file that mattered, read or
 * skipped, inside or refused, must change the digest when it changes (issue 16; found in review).
 */
class DocInputsTest {

    /** What building the docs at {@code dir} read. */
    private static DocInputs read(Path dir) {
        return new TechDocsBuilder(new MarkdownRenderer(), new Diagnostics()).buildTracked(
                new TechDocsBuilder.Location(dir, dir, "Docs", Optional.empty(), SourcePosition.of("catalog-info.yaml")),
                new Diagnostics()).inputs();
    }

    /** The digest of those inputs as they are now, as a later build computes it before deciding to reuse. */
    private static String now(DocInputs inputs) throws Exception {
        return new TechDocsBuilder(new MarkdownRenderer(), new Diagnostics()).digest(inputs);
    }

    @Test
    void anIncludedSiteSkippedForItsNameStillCounts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mkdocs.yml"), "site_name: Root\nnav:\n  - Parts: '*include ./*/mkdocs.yml'\n");
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.md"), "# Root\n");
        for (String part : new String[] {"a", "b"}) {
            Files.createDirectories(dir.resolve(part + "/docs"));
            Files.writeString(dir.resolve(part + "/mkdocs.yml"), "site_name: Service\n");
            Files.writeString(dir.resolve(part + "/docs/index.md"), "# " + part + "\n");
        }
        DocInputs inputs = read(dir);
        String before = now(inputs);
        // b was left out (its name was taken); renaming it brings it in, so the docs are not the same.
        Files.writeString(dir.resolve("b/mkdocs.yml"), "site_name: Billing\n");
        assertNotEquals(before, now(inputs));
    }

    @Test
    void aRefusedDocsFolderThatBecomesARealOneCounts(@TempDir Path dir, @TempDir Path elsewhere) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("mkdocs.yml"), "site_name: Linked\n");
        Files.writeString(elsewhere.resolve("index.md"), "# Outside\n");
        Files.createSymbolicLink(repo.resolve("docs"), elsewhere);
        DocInputs inputs = read(repo);
        String before = now(inputs);
        Files.delete(repo.resolve("docs"));
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/index.md"), "# Inside\n");
        assertNotEquals(before, now(inputs));
    }

    @Test
    void theSameFilesGiveTheSameDigest(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.md"), "# Same\n");
        DocInputs inputs = read(dir);
        assertEquals(now(inputs), now(read(dir)));
        assertTrue(now(inputs).matches("[0-9a-f]{64}"));
    }
}
