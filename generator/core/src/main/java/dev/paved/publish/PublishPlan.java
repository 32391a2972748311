package dev.paved.publish;

import dev.paved.site.SiteManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a publish does, in the order it does it, so that a reader at any moment sees the old site or the new one
 * and never a link to a missing file:
 * <ol>
 *   <li>content-hashed files (theme assets, the search index's folder): new paths, nothing links to them yet;</li>
 *   <li>other new files, then new pages: only changed pages link to them;</li>
 *   <li>changed files and pages;</li>
 *   <li>the entry points ({@code index.html}, {@code 404.html}, {@code search/manifest.json});</li>
 *   <li>deletions, last.</li>
 * </ol>
 * An interrupted publish leaves the old entry points in place, and the next publish converges.
 *
 * @param uploads    files to write, in order
 * @param unchanged  how many files the target already holds as they are
 * @param deletions  paths the target holds that the site no longer has
 * @param bytes      how many bytes the uploads take
 */
public record PublishPlan(List<SiteFile> uploads, int unchanged, List<String> deletions, long bytes) {

    public PublishPlan {
        uploads = List.copyOf(uploads);
        deletions = List.copyOf(deletions);
    }

    /** The files of a built site, by path. */
    public static List<SiteFile> siteFiles(Path site) throws IOException {
        Path root = site.toAbsolutePath().normalize();
        List<SiteFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String path = root.relativize(f).toString().replace('\\', '/');
                if (path.equals(SiteManifest.FILE)) {
                    continue;
                }
                out.add(new SiteFile(path, f, Files.size(f), ServedAs.contentType(path), ServedAs.cacheControl(path)));
            }
        }
        return out;
    }

    /** Compares a site with what a target holds. */
    static PublishPlan of(List<SiteFile> site, Map<String, String> remote, PublishTarget target) throws IOException {
        List<SiteFile> uploads = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        int unchanged = 0;
        long bytes = 0;
        java.util.Set<String> sitePaths = new java.util.HashSet<>();
        for (SiteFile f : site) {
            sitePaths.add(f.path());
            String held = remote.get(f.path());
            if (held != null && held.equals(target.fingerprint(f))) {
                unchanged++;
                continue;
            }
            uploads.add(f);
            bytes += f.size();
        }
        uploads.sort(Comparator.comparingInt((SiteFile f) -> rank(f, !remote.containsKey(f.path())))
                .thenComparing(SiteFile::path));
        List<String> deletions = remote.keySet().stream().filter(p -> !sitePaths.contains(p)).sorted().toList();
        return new PublishPlan(uploads, unchanged, deletions, bytes);
    }

    private static int rank(SiteFile f, boolean isNew) {
        if (ServedAs.isImmutable(f.path())) {
            return 0;
        }
        if (ServedAs.isEntryPoint(f.path())) {
            return 4;
        }
        if (isNew) {
            return f.path().endsWith(".html") ? 2 : 1;
        }
        return 3;
    }
}
