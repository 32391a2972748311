package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Last updated" on each docs page comes from the git history of the page's own file. */
class LastUpdatedTest {

    @Test
    void eachPageCarriesTheDayItsFileLastChanged(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("mkdocs.yml"), "site_name: Dated\n");
        Files.writeString(repo.resolve("docs/index.md"), "# Home\n");
        Files.writeString(repo.resolve("docs/guide.md"), "# Guide\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            commit(git, "2026-01-05T10:00:00Z");
            Files.writeString(repo.resolve("docs/guide.md"), "# Guide\n\nMore.\n");
            commit(git, "2026-03-09T23:30:00Z");
        }
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), new Diagnostics()).build(repo, repo).orElseThrow();

        assertEquals("2026-01-05", docs.lastUpdated().get("index.md"));
        assertEquals("2026-03-09", docs.lastUpdated().get("guide.md"));
    }

    @Test
    void outsideGitThereIsNoDate(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.md"), "# Home\n");
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), new Diagnostics()).build(dir, dir).orElseThrow();
        assertTrue(docs.lastUpdated().isEmpty());
    }

    private static void commit(Git git, String when) throws Exception {
        PersonIdent who = new PersonIdent("Writer", "w@example.com", Instant.parse(when), ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        git.commit().setMessage("docs").setAuthor(who).setCommitter(who).setSign(false).call();
    }
}
