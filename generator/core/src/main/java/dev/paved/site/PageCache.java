package dev.paved.site;

import dev.paved.io.KeptFile;
import dev.paved.io.Sha256;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Files written by earlier builds, kept under a digest of everything they were made from, so that a build writes
 * them again without rendering them. An entry is a group of files (a doc set's pages and its
 * {@code techdocs_metadata.json}); whoever asks for one names it by that digest, so an entry is never out of date,
 * only unused. Parts of pages that are costly to make (a relation diagram's layout) are kept the same way, as
 * {@linkplain #memo() fragments} in one file. What no build asked for is removed when a build ends. A damaged entry
 * is rendered again.
 */
final class PageCache {

    /** Changes when the entry format does. */
    private static final String FORMAT = "page-cache/1";
    private static final String SUFFIX = ".pages";
    private static final String FRAGMENTS = "fragments.bin";

    /** Text made from what its key names, made only when not already kept. */
    @FunctionalInterface
    interface Memo {
        /** The text kept under {@code key}, else what {@code make} gives (then kept). */
        String get(String key, Supplier<String> make);

        /** A memo that keeps nothing. */
        Memo NONE = (key, make) -> make.get();
    }

    /** A file of an entry: its path, relative to the group's folder in the site, and its bytes. */
    record File(String path, byte[] bytes) {
    }

    private final Path folder;
    private final String code;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private volatile Map<String, String> kept;
    private final Map<String, String> fragments = new ConcurrentHashMap<>();

    /**
     * @param folder where the entries are kept
     * @param code   the identity of the code making them: fragments made by other code are not used
     */
    PageCache(Path folder, String code) {
        this.folder = folder;
        this.code = code;
    }

    /** Fragments kept between builds, by a digest of their key and the code that made them. */
    Memo memo() {
        return (key, make) -> {
            String digest = Sha256.hex(code + "\0" + key);
            String text = kept().get(digest);
            if (text == null) {
                text = make.get();
            }
            fragments.put(digest, text);
            return text;
        };
    }

    private Map<String, String> kept() {
        Map<String, String> k = kept;
        if (k == null) {
            synchronized (this) {
                if (kept == null) {
                    kept = readFragments();
                }
                k = kept;
            }
        }
        return k;
    }

    private Map<String, String> readFragments() {
        Map<String, String> out = new HashMap<>();
        Path file = folder.resolve(FRAGMENTS);
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                1 << 16))) {
            if (!in.readUTF().equals(FORMAT)) {
                return out;
            }
            KeptFile.readBlobs(in).forEach((key, text) -> out.put(key, new String(text, StandardCharsets.UTF_8)));
            return out;
        } catch (IOException | RuntimeException e) {
            return new HashMap<>(); // made again
        }
    }

    private void writeFragments() {
        if (kept != null && fragments.equals(kept) || kept == null && fragments.isEmpty()
                && !Files.exists(folder.resolve(FRAGMENTS))) {
            return;
        }
        Map<String, byte[]> blobs = new TreeMap<>();
        fragments.forEach((k, v) -> blobs.put(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            KeptFile.write(folder.resolve(FRAGMENTS), out -> {
                out.writeUTF(FORMAT);
                KeptFile.writeBlobs(out, blobs);
            });
        } catch (IOException | RuntimeException e) {
            // not kept
        }
    }

    /** The files kept under {@code key}, when there are. */
    Optional<List<File>> find(String key) {
        key = Sha256.hex(code + "\0" + key);
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
            List<File> files = new ArrayList<>();
            KeptFile.readBlobs(in).forEach((path, bytes) -> files.add(new File(path, bytes)));
            return in.read() == -1 ? Optional.of(files) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code files} under {@code key}; a cache that cannot be written only costs the next build time. */
    void keep(String key, List<File> files) {
        key = Sha256.hex(code + "\0" + key);
        used.add(key);
        Map<String, byte[]> blobs = new LinkedHashMap<>(); // in order: the pages first (a group's paths are distinct)
        files.forEach(f -> blobs.put(f.path(), f.bytes()));
        String name = key;
        try {
            KeptFile.write(folder.resolve(key + SUFFIX), out -> {
                out.writeUTF(FORMAT);
                out.writeUTF(name);
                KeptFile.writeBlobs(out, blobs);
            });
        } catch (IOException | RuntimeException e) {
            // not kept: the next build renders these pages again
        }
    }

    /**
     * Ends a build: keeps the fragments it used, and removes the entries it did not ask for and leftover temporary
     * files.
     */
    void finish() {
        writeFragments();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals(FRAGMENTS)) {
                    continue;
                }
                if (!name.endsWith(SUFFIX) || !used.contains(name.substring(0, name.length() - SUFFIX.length()))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // the next build tries again
        }
    }
}
