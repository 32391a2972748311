package dev.paved.catalog;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where to start reading a catalog: an entry file inside a repository. Nothing read from it may leave
 * {@code repositoryRoot}.
 *
 * @param repositoryRoot the repository (or source folder) the catalog lives in
 * @param entryFile      the first file read, usually {@code catalog-info.yaml}
 * @param followLocations whether the targets of {@code Location} entities are read too
 */
public record CatalogSource(Path repositoryRoot, Path entryFile, boolean followLocations) {

    /** The usual name of a repository's catalog file. */
    public static final String DEFAULT_FILE = "catalog-info.yaml";

    public CatalogSource {
        repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        entryFile = entryFile.toAbsolutePath().normalize();
    }

    /**
     * A source for a folder (its {@code catalog-info.yaml}) or a single file. The repository root is the closest
     * enclosing folder with a {@code .git}, or else the folder itself (or the file's folder).
     */
    public static CatalogSource of(Path folderOrFile) {
        Path path = folderOrFile.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            return new CatalogSource(path, path.resolve(DEFAULT_FILE), true);
        }
        return new CatalogSource(repositoryOf(path), path, true);
    }

    /** A single file, read alone: its Locations are checked but not followed. */
    public static CatalogSource singleFile(Path file) {
        Path path = file.toAbsolutePath().normalize();
        return new CatalogSource(repositoryOf(path), path, false);
    }

    private static Path repositoryOf(Path file) {
        return RepositoryFiles.repositoryRoot(file.getParent());
    }
}
