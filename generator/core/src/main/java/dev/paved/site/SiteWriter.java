package dev.paved.site;

import dev.paved.io.WorkFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Writes the site's files, and only inside its site: a path that would leave it is refused. Pages may be written
 * from several threads at once.
 *
 * <p>A build never touches the previous site until it is complete. The files are written into a work folder beside
 * the output folder ({@code <output>.paved-build-…}, on the same file system); {@link #commit} writes the manifest
 * ({@value SiteManifest#FILE}) last, then moves the previous site aside and the new one into its place, two renames.
 * A build that fails or is stopped before leaves the previous site as it was, and its work folder is removed (by
 * {@link #close}, or, when the process was killed, by the next build). An output folder that cannot be moved (a mount
 * point) is emptied and filled instead, the manifest last.
 *
 * <p>The output folder is replaced only when Paved wrote it (it holds {@value SiteManifest#FILE}) or it is empty.
 */
final class SiteWriter implements AutoCloseable {

    private static final String WORK = ".paved-build-";

    private final Path output;
    private final WorkFolder work;
    private final Path root;
    /** The size of every file written, by site path; -1 while it is being written. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private boolean committed;

    private SiteWriter(Path output, WorkFolder work, Path root) {
        this.output = output;
        this.work = work;
        this.root = root;
    }

    /**
     * A writer of a new site for {@code output}, which is checked first: a folder holding files Paved did not write
     * is refused, and so is one that cannot be written.
     */
    static SiteWriter prepare(Path output) throws IOException {
        Path target = output.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(target)) {
            target = target.toRealPath(); // the folder it leads to is replaced, the link kept
        }
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("Cannot write the portal to " + target + ": choose a folder to build into");
        }
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IOException("Cannot write the portal to " + target + ": it is a file, not a folder");
            }
            boolean empty;
            try (Stream<Path> list = Files.list(target)) {
                empty = list.findAny().isEmpty();
            }
            if (!empty && !Files.exists(target.resolve(SiteManifest.FILE))) {
                throw new IOException("The output folder " + target + " is not empty and was not written by Paved; "
                        + "refusing to delete what is in it. Choose an empty folder or remove it.");
            }
            if (!Files.isWritable(target)) {
                throw new IOException("Cannot write the portal to " + target + ": the folder is read-only");
            }
        }
        WorkFolder work;
        try {
            Files.createDirectories(parent);
            work = WorkFolder.create(parent, target.getFileName() + WORK);
        } catch (IOException e) {
            throw new IOException("Cannot write the portal to " + target + ": cannot create a folder in " + parent
                    + " (" + reason(e) + "); Paved builds the site beside its output folder and moves it in "
                    + "when it is complete", e);
        }
        Path root = work.path().resolve("site");
        try {
            Files.createDirectory(root);
        } catch (IOException e) {
            work.close();
            throw new IOException("Cannot write the portal to " + target + ": " + reason(e), e);
        }
        return new SiteWriter(target, work, root);
    }

    /** Writes a text file at a site-relative path. */
    void write(String path, String text) {
        write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes at a site-relative path. */
    void write(String path, byte[] bytes) {
        Path target = resolve(path);
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
        } catch (IOException e) {
            throw failed(path, target, e);
        }
        written.put(key(target), (long) bytes.length);
    }

    /** Copies a file to a site-relative path; a source that cannot be read is an {@link UncheckedIOException}. */
    void copy(Path source, String path) {
        try (InputStream in = Files.newInputStream(source)) {
            Path target = resolve(path);
            try {
                Files.createDirectories(target.getParent());
                written.put(key(target), Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING));
            } catch (IOException e) {
                throw failed(path, target, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many HTML pages were written. */
    long pageCount() {
        return written.keySet().stream().filter(p -> p.endsWith(".html")).count();
    }

    /** Whether a path was written in this build. */
    boolean wasWritten(String path) {
        return written.containsKey(path);
    }

    /**
     * Finishes the site: writes its manifest, last, and puts it in the place of the previous one.
     *
     * @throws IOException when it cannot; the previous site is then as it was, unless the output folder could not
     *                     be moved and was being refilled, in which case it has no manifest and publish refuses it
     */
    void commit() throws IOException {
        try {
            Files.writeString(root.resolve(SiteManifest.FILE), SiteManifest.json(written));
        } catch (IOException e) {
            throw failure(SiteManifest.FILE, e);
        }
        Path old = work.path().resolve("old");
        boolean replacing = Files.exists(output, LinkOption.NOFOLLOW_LINKS);
        if (replacing) {
            try {
                Files.move(output, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                refill(root, output);
                committed = true;
                return;
            }
        }
        try {
            Files.move(root, output, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (replacing) {
                Files.move(old, output, StandardCopyOption.ATOMIC_MOVE);
            }
            throw new IOException("Cannot write the portal to " + output + ": cannot move the new site in ("
                    + reason(e) + "); the previous site is unchanged", e);
        }
        if (replacing) {
            keepAccess(old, output);
        }
        committed = true;
    }

    /** Gives the new output folder the permissions and group of the previous one, where the file system has them. */
    private static void keepAccess(Path previous, Path folder) {
        try {
            PosixFileAttributes was = Files.readAttributes(previous, PosixFileAttributes.class);
            Files.setPosixFilePermissions(folder, was.permissions());
            Files.getFileAttributeView(folder, PosixFileAttributeView.class).setGroup(was.group());
        } catch (IOException | UnsupportedOperationException e) {
            // as far as the file system allows (another group may not be ours to give)
        }
    }

    /** Whether {@link #commit} put the site in place. */
    boolean committed() {
        return committed;
    }

    /** Removes the work folder: the new site, unless committed, and the previous one. */
    @Override
    public void close() {
        try {
            work.close();
        } catch (IOException e) {
            // The next build removes it: its lock is free.
        }
    }

    /**
     * Replaces what {@code output} holds with the files of {@code site}, for an output folder that cannot be moved:
     * its manifest is deleted first and written last, so that in between it is not taken for a finished build.
     */
    static void refill(Path site, Path output) throws IOException {
        try {
            Files.deleteIfExists(output.resolve(SiteManifest.FILE));
            try (Stream<Path> entries = Files.list(output)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    WorkFolder.deleteTree(entry);
                }
            }
            Files.walkFileTree(site, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(output.resolve(site.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!file.getParent().equals(site) || !file.getFileName().toString().equals(SiteManifest.FILE)) {
                        Files.copy(file, output.resolve(site.relativize(file).toString()));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.copy(site.resolve(SiteManifest.FILE), output.resolve(SiteManifest.FILE));
        } catch (IOException e) {
            throw new IOException("Cannot write the portal to " + output + ": " + reason(e) + "; the folder holds "
                    + "part of the new site and no " + SiteManifest.FILE + ", so publish refuses it", e);
        }
    }

    private Path resolve(String path) {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("Refusing to write outside the output folder: " + path);
        }
        if (written.putIfAbsent(key(target), -1L) != null) {
            throw new IllegalStateException("Two pages want the same path: " + path);
        }
        return target;
    }

    private String key(Path target) {
        return root.relativize(target).toString().replace('\\', '/');
    }

    /**
     * Why a file could not be written: another page took its path as a folder, or one of its folders as a file
     * (that page's problem: the rest is written), or the disk is full, the folder read-only… (the build stops).
     */
    private RuntimeException failed(String path, Path target, IOException e) {
        written.remove(key(target));
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return new IllegalStateException("Two pages want the same path: " + path + " is a folder of other pages");
        }
        for (Path dir = target.getParent(); !dir.equals(root); dir = dir.getParent()) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return new IllegalStateException("Two pages want the same path: " + key(dir) + ", a folder of "
                        + path + ", is a file");
            }
        }
        return new WriteFailed(failure(path, e));
    }

    private IOException failure(String path, IOException e) {
        return new IOException("Cannot write the portal to " + output + ": " + reason(e) + " (writing " + path
                + "); the previous site is unchanged", e);
    }

    /** What went wrong, in words: the file it happened to is for the caller to say, in the site's terms. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason()
                    : e instanceof AccessDeniedException ? "Permission denied"
                    : e instanceof NoSuchFileException ? "No such file or folder"
                    : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * A file of the site could not be written: the build stops, for the site would be incomplete. Its cause says
     * so in one line.
     */
    static final class WriteFailed extends UncheckedIOException {
        WriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
