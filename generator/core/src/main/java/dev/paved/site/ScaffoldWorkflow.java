package dev.paved.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Where the portal's own repository runs templates in CI: its {@code .github/workflows/scaffold.yml}, a
 * {@code workflow_dispatch} workflow taking the template's ref and the form's values. The Create form links to its
 * page when the portal's folder is a clone of a GitHub repository (its {@code origin}), and the workflow is there.
 */
public final class ScaffoldWorkflow {

    /** The workflow's file in the portal's repository. */
    public static final String FILE = ".github/workflows/scaffold.yml";

    private static final Pattern GITHUB = Pattern.compile(
            "^(?:https://(github\\.com)/|git@(github\\.com):|ssh://git@(github\\.com)/)([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/?$");

    private ScaffoldWorkflow() {
    }

    /** The workflow's page on GitHub, when the project is a clone of a GitHub repository holding the workflow. */
    public static Optional<String> page(Path projectDir) {
        if (!Files.isRegularFile(projectDir.resolve(FILE))) {
            return Optional.empty();
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(projectDir.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.build()) {
            return of(repo.getConfig().getString("remote", "origin", "url"));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The workflow's page for a GitHub remote URL ({@code https://github.com/o/r.git}, {@code git@github.com:o/r}). */
    static Optional<String> of(String remote) {
        if (remote == null) {
            return Optional.empty();
        }
        Matcher m = GITHUB.matcher(remote.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of("https://github.com/" + m.group(4) + "/" + m.group(5) + "/actions/workflows/scaffold.yml");
    }
}
