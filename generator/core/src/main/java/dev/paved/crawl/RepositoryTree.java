package dev.paved.crawl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The files of one repository as a stage sees them when it says what it reads ({@link FileNeeds}): every regular
 * file's path, and the text of the files that are at hand.
 *
 * @param repository the repository (its catalog paths), or null for a local folder
 * @param paths      every regular file, relative to the repository root with {@code /}, sorted; symbolic links and
 *                   submodules are not files here
 * @param reader     the text of a file when it is at hand; empty when it is not (yet)
 */
public record RepositoryTree(Repository repository, List<String> paths, Function<String, Optional<String>> reader) {

    public RepositoryTree {
        paths = paths.stream().sorted().toList();
    }

    /** The text of a file, when it is at hand (fetched, or on disk). */
    public Optional<String> read(String path) {
        return reader.apply(path);
    }

    /** The catalog paths of the repository (globs), or the defaults for a local folder. */
    public List<String> catalogPaths() {
        return repository == null ? Repository.DEFAULT_CATALOG_PATHS : repository.catalogPaths();
    }

    /** The paths under a folder ({@code ""} for all), in order. */
    public Stream<String> under(String folder) {
        String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        return paths.stream().filter(p -> p.startsWith(prefix));
    }

    /**
     * Whether a path is in a folder of dependencies ({@code node_modules/}, a top-level {@code vendor/}): what others
     * wrote, which no stage reads.
     */
    public static boolean isDependency(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.startsWith("node_modules/") || lower.contains("/node_modules/") || lower.startsWith("vendor/");
    }

    /**
     * A path as each folder above it sees it: {@code a/b/c.yml}, {@code b/c.yml}, {@code c.yml}.
     */
    public static Stream<String> relativeToEachFolder(String path) {
        return Stream.iterate(path, p -> p != null, p -> p.indexOf('/') < 0 ? null : p.substring(p.indexOf('/') + 1));
    }

    /** A path's file name, in lower case. */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** The folder part of a path, {@code ""} at the root. */
    public static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** A local folder's files (the same rule as a crawl: regular files, no links followed, no {@code .git}). */
    public static RepositoryTree of(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        List<String> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(".git") && !p.startsWith(".git/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RepositoryTree(null, files, path -> {
            try {
                return Optional.of(Files.readString(dir.resolve(path), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }
}
