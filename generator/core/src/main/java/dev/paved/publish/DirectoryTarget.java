package dev.paved.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A folder (a mounted volume, a web server's root). Each file is written beside its place ({@code name.paved-tmp})
 * and moved in, so a reader never sees half a file; such a file left by a publish that was killed is removed when
 * the next publish finishes. A folder that holds files Paved did not publish is refused.
 */
public final class DirectoryTarget implements PublishTarget {

    static final String MARKER = ".paved-published";
    private static final String TEMP = ".paved-tmp";

    private final Path root;
    /** The temporary files {@link #list} found: left by a publish that was stopped, deleted by {@link #finish}. */
    private final Set<String> leftovers = new TreeSet<>();

    /** A target folder; it may not exist yet. */
    public DirectoryTarget(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        if (Files.isDirectory(this.root) && !Files.exists(this.root.resolve(MARKER))) {
            try (Stream<Path> s = Files.list(this.root)) {
                if (s.findAny().isPresent()) {
                    throw new Publisher.PermanentFailure(this.root + " holds files Paved did not publish; "
                            + "publish into an empty folder (or one Paved published to)", null);
                }
            }
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public Map<String, String> list() throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String path = root.relativize(f).toString().replace('\\', '/');
                if (path.endsWith(TEMP)) {
                    leftovers.add(path);
                } else if (!path.equals(MARKER)) {
                    out.put(path, Fingerprints.md5(f));
                }
            }
        }
        return out;
    }

    @Override
    public String fingerprint(SiteFile file) throws IOException {
        return Fingerprints.md5(file.file());
    }

    @Override
    public void put(SiteFile file) throws IOException {
        Path target = root.resolve(file.path()).normalize();
        if (!target.startsWith(root)) {
            throw new Publisher.PermanentFailure(file.path() + " is outside " + root, null);
        }
        Files.createDirectories(target.getParent());
        Files.writeString(root.resolve(MARKER), "Published by Paved; publishing replaces this folder's files.\n");
        Path temp = target.resolveSibling(target.getFileName() + TEMP);
        leftovers.remove(file.path()); // a site file that happens to end so
        try {
            Files.copy(file.file(), temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public void delete(List<String> paths) throws IOException {
        for (String p : paths) {
            Path f = root.resolve(p).normalize();
            if (f.startsWith(root)) {
                Files.deleteIfExists(f);
                for (Path dir = f.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
                    try (Stream<Path> s = Files.list(dir)) {
                        if (s.findAny().isPresent()) {
                            break;
                        }
                    }
                    Files.delete(dir);
                }
            }
        }
    }

    @Override
    public void finish(String message) throws IOException {
        delete(List.copyOf(leftovers));
        leftovers.clear();
    }
}
