package dev.paved.site;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Files written by earlier builds, kept under a digest of everything they were made from, so that a build writes
 * them again without rendering them. An entry is a group of files (a doc set's pages and its
 * {@code techdocs_metadata.json}); whoever asks for one names it by that digest, so an entry is never out of date,
 * only unused. Entries no build asked for are removed when a build ends. A damaged entry is rendered again.
 */
final class PageCache {

    /** Changes when the entry format does. */
    private static final String FORMAT = "page-cache/1";
    private static final String SUFFIX = ".pages";

    /** A file of an entry: its path, relative to the group's folder in the site, and its bytes. */
    record File(String path, byte[] bytes) {
    }

    private final Path folder;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    PageCache(Path folder) {
        this.folder = folder;
    }

    /** The files kept under {@code key}, when there are. */
    Optional<List<File>> find(String key) {
        used.add(key);
        Path file = folder.resolve(key + SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                1 << 16))) {
            if (!in.readUTF().equals(FORMAT) || !in.readUTF().equals(key)) {
                return Optional.empty();
            }
            int count = in.readInt();
            List<File> files = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String path = in.readUTF();
                int length = in.readInt();
                byte[] bytes = in.readNBytes(length);
                if (bytes.length != length) {
                    return Optional.empty();
                }
                files.add(new File(path, bytes));
            }
            return in.read() == -1 ? Optional.of(files) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code files} under {@code key}; a cache that cannot be written only costs the next build time. */
    void keep(String key, List<File> files) {
        used.add(key);
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, key, ".tmp");
            try {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(temp), 1 << 16))) {
                    out.writeUTF(FORMAT);
                    out.writeUTF(key);
                    out.writeInt(files.size());
                    for (File f : files) {
                        out.writeUTF(f.path());
                        out.writeInt(f.bytes().length);
                        out.write(f.bytes());
                    }
                }
                try {
                    Files.move(temp, folder.resolve(key + SUFFIX), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, folder.resolve(key + SUFFIX), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            // not kept: the next build renders these pages again
        }
    }

    /** Removes the entries this build did not ask for, and leftover temporary files. */
    void removeUnused() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX) || !used.contains(name.substring(0, name.length() - SUFFIX.length()))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // the next build tries again
        }
    }
}
