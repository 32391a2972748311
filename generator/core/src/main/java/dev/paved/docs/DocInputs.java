package dev.paved.docs;

import dev.paved.catalog.RepositoryFiles;
import dev.paved.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What building one doc set read, so that a later build can tell whether its pages would come out the same
 * without rendering them: the files whose content or absence decides them ({@code mkdocs.yml}, a README, included
 * configurations), the docs folders read whole (every file, its content and the day git last changed it), and the
 * folders searched for included configurations.
 *
 * @param root     the repository root: nothing outside it is read, and whether a file is inside decides too
 * @param files    files read or looked for
 * @param trees    folders read whole
 * @param listings folders searched (to four levels) for {@code mkdocs.yml}
 */
public record DocInputs(Path root, Set<Path> files, Set<Path> trees, Set<Path> listings) {

    public DocInputs {
        files = Set.copyOf(files);
        trees = Set.copyOf(trees);
        listings = Set.copyOf(listings);
    }

    /** A digest of these inputs as they are now on disk and in git history (SHA-256, hex). */
    String digest(GitHistory history) throws IOException {
        MessageDigest sha = Sha256.digest();
        add(sha, "root", root.toString());
        for (Path file : new TreeSet<>(files)) {
            add(sha, "file", file.toString());
            boolean readable = Files.isRegularFile(file) && RepositoryFiles.isInside(root, file);
            add(sha, "state", readable ? contentHash(file) : "absent");
        }
        for (Path tree : new TreeSet<>(trees)) {
            add(sha, "tree", tree.toString());
            if (!Files.isDirectory(tree)) {
                continue;
            }
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(tree)) {
                entries = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            for (Path p : entries) {
                add(sha, "entry", tree.relativize(p).toString());
                boolean inside = RepositoryFiles.isInside(root, p);
                add(sha, "state", !inside ? "outside" : Files.isRegularFile(p) ? contentHash(p) : "other");
                if (inside && p.getFileName().toString().matches(TechDocsBuilder.PAGE_FILE)) {
                    add(sha, "changed", history.lastChanged(p).map(Object::toString).orElse(""));
                }
            }
        }
        for (Path dir : new TreeSet<>(listings)) {
            add(sha, "listing", dir.toString());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir, TechDocsBuilder.INCLUDE_DEPTH)) {
                    for (Path p : walk.filter(f -> f.getFileName().toString().matches(TechDocsBuilder.MKDOCS_FILE))
                            .sorted()
                            .toList()) {
                        add(sha, "found", dir.relativize(p).toString());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Whether any input changed at or after {@code start} (its modification time): docs built while their files
     * were being edited may not match the digest taken afterwards, so they are not kept.
     */
    public boolean changedSince(Instant start) throws IOException {
        List<Path> paths = new ArrayList<>(files);
        for (Path tree : trees) {
            if (Files.isDirectory(tree)) {
                try (Stream<Path> walk = Files.walk(tree)) {
                    walk.forEach(paths::add);
                }
            }
        }
        paths.addAll(listings);
        for (Path p : paths) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    && !Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(start)) {
                return true;
            }
        }
        return false;
    }

    private static void add(MessageDigest sha, String label, String value) {
        byte[] bytes = (label + "\0" + value + "\0").getBytes(StandardCharsets.UTF_8);
        sha.update(bytes);
    }

    private static String contentHash(Path file) throws IOException {
        MessageDigest sha = Sha256.digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
