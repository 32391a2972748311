package dev.paved.catalog;

import dev.paved.crawl.FileNeeds;
import dev.paved.crawl.RepositoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

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

    /**
     * One source per catalog file of a repository's folder (a crawl's checkout), its files matching the catalog
     * paths ({@code catalog-info.yaml}, or globs such as {@code .backstage/*.yaml}), read inside it only.
     */
    public static List<CatalogSource> inRepository(Path root, List<String> catalogPaths) {
        List<CatalogSource> out = new ArrayList<>();
        for (String glob : catalogPaths) {
            String pattern = glob.replaceFirst("^/+", "");
            if (!pattern.matches(".*[*?\\[{].*")) {
                Path file = root.resolve(pattern).normalize();
                if (file.startsWith(root) && Files.isRegularFile(file)) {
                    out.add(new CatalogSource(root, file, true));
                }
                continue;
            }
            Optional<PathMatcher> valid = RepositoryFiles.glob(pattern);
            if (valid.isEmpty()) {
                continue; // not a glob: nothing matches it
            }
            PathMatcher matcher = valid.get();
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(f -> matcher.matches(root.relativize(f))).sorted()
                        .forEach(f -> out.add(new CatalogSource(root, f, true)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * What the catalog reads of a repository: its catalog paths, and every YAML, JSON and schema file (what a
     * Location or a {@code $text}/{@code $json}/{@code $yaml} placeholder may name), outside dependency folders.
     */
    public static final FileNeeds NEEDS = new FileNeeds() {
        @Override
        public Set<String> select(RepositoryTree tree) {
            List<PathMatcher> catalog = tree.catalogPaths().stream()
                    .flatMap(g -> RepositoryFiles.glob(g.replaceFirst("^/+", "")).stream()).toList();
            Set<String> out = new TreeSet<>();
            for (String path : tree.paths()) {
                Path p = Path.of(path);
                String name = RepositoryTree.fileName(path);
                if (catalog.stream().anyMatch(m -> m.matches(p)) || !RepositoryTree.isDependency(path)
                        && (name.endsWith(".yaml")
                        || name.endsWith(".yml") || name.endsWith(".json") || name.endsWith(".graphql")
                        || name.endsWith(".proto") || name.endsWith(".avsc"))) {
                    out.add(path);
                }
            }
            return out;
        }

        @Override
        public String id() {
            return "catalog/1";
        }
    };
}
