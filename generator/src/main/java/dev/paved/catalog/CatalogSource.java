package dev.paved.catalog;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where to start reading a catalog: an entry file inside a repository. Nothing read from it may leave
 * {@code repositoryRoot}.
 *
 * @param repositoryRoot the repository (or source folder) the catalog lives in
 * @param entryFile      the first file read, usually {@code catalog-info.yaml}; {@code Location} entities in it lead
 *                       to the rest
 */
public record CatalogSource(Path repositoryRoot, Path entryFile) {

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
            return new CatalogSource(path, path.resolve(DEFAULT_FILE));
        }
        Path folder = path.getParent();
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return new CatalogSource(p, path);
            }
        }
        return new CatalogSource(folder, path);
    }
}
