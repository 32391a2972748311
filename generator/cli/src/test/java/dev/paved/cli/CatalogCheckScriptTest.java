package dev.paved.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code .github/scripts/catalog-check.sh}, the command {@code .github/workflows/catalog-check.yml} runs on
 * pull requests, in a real git repository with a base branch and a change, as the workflow would.
 */
class CatalogCheckScriptTest {

    private static final Path SCRIPT = TestFiles.projectRoot().resolve(".github/scripts/catalog-check.sh");

    private record Run(int status, String out, String err) {
    }

    @Test
    void theWorkflowRunsTheScript() throws IOException {
        String workflow = Files.readString(TestFiles.projectRoot().resolve(".github/workflows/catalog-check.yml"));
        assertTrue(workflow.contains("run: .github/scripts/catalog-check.sh \"origin/${{ github.base_ref }}\""));
        assertTrue(workflow.contains("fetch-depth: 0"), "the base branch must be fetched for the diff");
    }

    @Test
    void annotatesOnlyTheChangedFilesAndResolvesRefsAgainstThePublishedCatalog(@TempDir Path repo)
            throws Exception {
        git(repo, "init", "-q", "-b", "main");
        write(repo, "catalog-info.yaml", component("svc", "team-a"));
        write(repo, "old/catalog-info.yaml", "this file: [is broken but unchanged\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "change");
        // The PR: a new owner that exists only in the published portal, and a new file with a mistake.
        write(repo, "catalog-info.yaml", component("svc", "team-elsewhere"));
        write(repo, "lib/catalog-info.yaml", component("Bad Name", "team-a"));
        write(repo, "templates/t/skeleton/catalog-info.yaml", "name: ${{ values.name }}\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "change");
        Path published = write(repo.resolveSibling(repo.getFileName() + "-site"), "catalog.json", """
                {"items": [{"kind": "Group", "metadata": {"namespace": "default", "name": "team-elsewhere"}}]}
                """);

        Run run = script(repo, "main", published.toString());

        assertEquals(1, run.status(), run.err());
        List<String> annotations = run.out().lines().filter(l -> l.startsWith("::")).toList();
        assertEquals(1, annotations.size(), run.out());
        assertTrue(annotations.get(0).startsWith("::error file=lib/catalog-info.yaml,line=4,col=9,"
                + "title=PAVED-E007 invalid-name::"), annotations.get(0));
        assertFalse(run.out().contains("team-elsewhere"), "resolved against the published catalog");
        assertFalse(run.out().contains("old/"), "unchanged files are not checked");
        assertFalse(run.out().contains("skeleton"), "template skeletons are not catalog files");

        Run withoutPublished = script(repo, "main", "");
        assertTrue(withoutPublished.out().contains("::warning file=catalog-info.yaml,line=8,col=10,"
                + "title=PAVED-W001 dangling-ref::"), withoutPublished.out());
    }

    @Test
    void aPullRequestWithoutCatalogChangesPasses(@TempDir Path repo) throws Exception {
        git(repo, "init", "-q", "-b", "main");
        write(repo, "README.md", "hello\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "change");
        write(repo, "README.md", "hello again\n");
        git(repo, "commit", "-q", "-am", "docs");

        Run run = script(repo, "main", "");
        assertEquals(0, run.status(), run.err());
        assertEquals("No catalog files changed.", run.out().trim());
    }

    private static String component(String name, String owner) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: %s
                """.formatted(name, owner);
    }

    private static Path write(Path dir, String file, String text) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text);
    }

    private static Run script(Path repo, String base, String published) throws Exception {
        // The workflow runs ./paved; here the same CLI runs from the test class path.
        String paved = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
                + System.getProperty("java.class.path") + " " + PavedCli.class.getName();
        return exec(repo, Map.of("PAVED", paved, "PAVED_PUBLISHED_CATALOG", published), "bash", SCRIPT.toString(),
                base);
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Run run = exec(repo, Map.of(), command.toArray(String[]::new));
        assertEquals(0, run.status(), "git " + String.join(" ", args) + ": " + run.err());
    }

    private static Run exec(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("paved-out", ".txt");
        Path err = Files.createTempFile("paved-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int status = process.waitFor();
        return new Run(status, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
