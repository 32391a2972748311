package dev.paved.catalog;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Optional;

/**
 * Resolves paths written in catalog files against the file's folder, refusing anything that leaves the repository:
 * {@code ../..}, absolute paths, and symbolic links that point outside.
 */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /**
     * Resolves {@code relative} against {@code base} and checks it stays inside {@code repositoryRoot}, following
     * symbolic links of whatever exists.
     *
     * @return the normalised path, or empty when it would leave the repository
     */
    public static Optional<Path> resolveInside(Path repositoryRoot, Path base, String relative) {
        if (!isRelative(relative)) {
            return Optional.empty();
        }
        Path root = repositoryRoot.toAbsolutePath().normalize();
        Path resolved = base.toAbsolutePath().resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            return Optional.empty();
        }
        return isInside(root, resolved) ? Optional.of(resolved) : Optional.empty();
    }

    /** The closest folder at or above {@code folder} that holds a {@code .git}, else {@code folder} itself. */
    public static Path repositoryRoot(Path folder) {
        Path start = folder.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return start;
    }

    /**
     * Whether an author's path is a plain relative one: not empty, not absolute, no drive letter, no NUL. Whether it
     * climbs out with {@code ..} is for the caller, who knows the base.
     */
    public static boolean isRelative(String path) {
        return !path.isEmpty() && !path.startsWith("/") && !path.startsWith("\\") && !path.matches("^[A-Za-z]:.*")
                && path.indexOf('\0') < 0;
    }

    /**
     * Whether {@code path}, with symbolic links followed as far as it exists, lies inside {@code repositoryRoot}.
     */
    public static boolean isInside(Path repositoryRoot, Path path) {
        try {
            Path realRoot = repositoryRoot.toRealPath();
            Path existing = path.toAbsolutePath().normalize();
            Path rest = existing.getFileSystem().getPath("");
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                rest = existing.getFileName().resolve(rest);
                existing = existing.getParent();
            }
            if (existing == null) {
                return false;
            }
            Path real = existing.toRealPath().resolve(rest).normalize();
            return real.startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A matcher for a glob an author wrote ({@code ./*}{@code /catalog-info.yaml}, {@code docs/**}), or empty when it
     * is not a glob ({@code ./[.yaml}, {@code *.{yaml}): the caller reports it; nothing throws.
     */
    public static Optional<PathMatcher> glob(String pattern) {
        try {
            return Optional.of(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        } catch (IllegalArgumentException e) { // PatternSyntaxException is one
            return Optional.empty();
        }
    }
}
