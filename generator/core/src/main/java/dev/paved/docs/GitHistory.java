package dev.paved.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * When each file of a git checkout last changed, from its history (JGit, no {@code git} binary): one walk from
 * {@code HEAD} per repository, newest first, recording the first commit that touches each path. Dates are the
 * commits' (UTC), so the same history gives the same pages.
 */
final class GitHistory {

    /** Commits looked at per repository; older changes count as at the oldest commit seen. */
    private static final int MAX_COMMITS = 5_000;

    private final Map<Path, Map<String, LocalDate>> byRepository = new ConcurrentHashMap<>();

    /** When {@code file} last changed, if it is in a git checkout with history. */
    Optional<LocalDate> lastChanged(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(absolute.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        // The folder holding .git, a folder or (in a linked worktree) a file naming the git folder elsewhere.
        Path workTree = absolute.getParent();
        while (workTree != null && !Files.exists(workTree.resolve(".git"))) {
            workTree = workTree.getParent();
        }
        if (workTree == null) {
            return Optional.empty();
        }
        Map<String, LocalDate> dates = byRepository.computeIfAbsent(workTree, w -> read(builder));
        String relative = workTree.relativize(absolute).toString().replace('\\', '/');
        return Optional.ofNullable(dates.get(relative));
    }

    private static Map<String, LocalDate> read(FileRepositoryBuilder builder) {
        Map<String, LocalDate> dates = new HashMap<>();
        try (Repository repository = builder.setMustExist(true).build();
             RevWalk walk = new RevWalk(repository);
             DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            ObjectId head = repository.resolve("HEAD");
            if (head == null) {
                return dates;
            }
            diff.setRepository(repository);
            walk.markStart(walk.parseCommit(head));
            int seen = 0;
            for (RevCommit commit : walk) {
                LocalDate day = commit.getCommitterIdent().getWhenAsInstant().atZone(ZoneOffset.UTC).toLocalDate();
                RevCommit parent = commit.getParentCount() > 0 ? walk.parseCommit(commit.getParent(0)) : null;
                for (DiffEntry entry : diff.scan(parent == null ? null : parent.getTree(), commit.getTree())) {
                    if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
                        dates.putIfAbsent(entry.getNewPath(), day);
                    }
                }
                if (++seen >= MAX_COMMITS) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not a usable repository (shallow, corrupt): pages simply carry no date.
        }
        return dates;
    }
}
