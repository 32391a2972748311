package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Create form's "Run in CI" leads, and the workflow it leads to. */
class ScaffoldWorkflowTest {

    @Test
    void aGitHubRemoteGivesItsScaffoldWorkflowsPage() {
        for (String remote : new String[] {"https://github.com/tern-logistics/portal.git",
                "https://github.com/tern-logistics/portal", "git@github.com:tern-logistics/portal.git",
                "ssh://git@github.com/tern-logistics/portal.git"}) {
            assertEquals(Optional.of("https://github.com/tern-logistics/portal/actions/workflows/scaffold.yml"),
                    ScaffoldWorkflow.of(remote), remote);
        }
        assertEquals(Optional.empty(), ScaffoldWorkflow.of("https://gitlab.com/tern/portal.git"));
        assertEquals(Optional.empty(), ScaffoldWorkflow.of("https://github.com/tern/portal/../../evil"));
        assertEquals(Optional.empty(), ScaffoldWorkflow.of("javascript:alert(1)//github.com/a/b"));
    }

    @Test
    void aCloneWithTheWorkflowLinksItAndOneWithoutDoesNot(@TempDir Path dir) throws IOException, GitAPIException {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", "https://github.com/tern-logistics/portal.git");
            config.save();
        }
        assertEquals(Optional.empty(), ScaffoldWorkflow.page(dir), "no workflow in the repository");
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(ScaffoldWorkflow.FILE), "name: scaffold\n");
        assertEquals(Optional.of("https://github.com/tern-logistics/portal/actions/workflows/scaffold.yml"),
                ScaffoldWorkflow.page(dir));
    }

    /** The workflow shipped with the demo: its inputs reach the shell only through the environment. */
    @Test
    void theDemosWorkflowPassesItsInputsThroughTheEnvironmentOnly() throws IOException {
        String workflow = Files.readString(TestFiles.projectRoot().resolve(ScaffoldWorkflow.FILE));
        assertTrue(workflow.contains("workflow_dispatch:") && workflow.contains("template:")
                && workflow.contains("values:"), "its two inputs");
        Matcher run = Pattern.compile("(?m)^ +run: \\|\\n((?: {10}.*\\n?)+)").matcher(workflow);
        assertTrue(run.find());
        do {
            assertFalse(run.group(1).contains("${{"), "no expression pasted into a script: " + run.group(1));
        } while (run.find());
        assertTrue(workflow.contains("TEMPLATE: ${{ inputs.template }}") && workflow.contains(
                "VALUES: ${{ inputs.values }}"));
    }
}
