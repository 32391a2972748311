package dev.paved.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder one run of Paved works in and removes when it is done, which a later run can tell from a folder left
 * behind by a run that was killed. Beside {@code name/} lies {@code name.lock}, locked for as long as the folder is
 * in use: the operating system releases the lock when the process ends, however it ends, so a folder whose lock
 * is free was abandoned, and {@link #create} removes such folders of the same prefix first.
 *
 * <p>A folder without its lock file (a run killed between the two, or made by a Paved that did not lock) counts as
 * abandoned only once it is older than {@link #UNLOCKED_AGE}.
 */
public final class WorkFolder implements AutoCloseable {

    /** How old a folder without a lock file must be before it counts as abandoned. */
    static final Duration UNLOCKED_AGE = Duration.ofDays(1);

    private static final String LOCK = ".lock";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final Path lockFile;
    private final FileChannel lock;

    private WorkFolder(Path path, Path lockFile, FileChannel lock) {
        this.path = path;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Removes the abandoned folders named {@code prefix…} in {@code parent}, then creates a new one there, locked,
     * readable by its owner only.
     */
    public static WorkFolder create(Path parent, String prefix) throws IOException {
        removeAbandoned(parent, prefix);
        for (int attempt = 0; ; attempt++) {
            Path dir = parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36));
            Path lockFile = lockFileOf(dir);
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 10) {
                    continue;
                }
                throw e;
            }
            try {
                // Locked before the folder exists: another run never sees the folder with a free lock.
                if (channel.tryLock() == null) {
                    throw new IOException("cannot lock " + lockFile);
                }
                Files.createDirectory(dir, ownerOnly(parent));
                return new WorkFolder(dir, lockFile, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(lockFile);
                throw e;
            }
        }
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** Deletes the folder and everything in it, then its lock file. */
    @Override
    public void close() throws IOException {
        try {
            deleteTree(path);
        } finally {
            lock.close();
        }
        // Only once the folder is gone: if deleting it failed, a later run finds the lock free and retries.
        Files.deleteIfExists(lockFile);
    }

    /**
     * Removes the folders named {@code prefix…} in {@code parent} that their run abandoned, as far as it can; a
     * folder in use, or one it cannot delete, is left.
     */
    public static void removeAbandoned(Path parent, String prefix) {
        List<Path> found;
        try (Stream<Path> s = Files.list(parent)) {
            found = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            return;
        }
        for (Path p : found) {
            String name = p.getFileName().toString();
            if (name.endsWith(LOCK)) {
                Path dir = p.resolveSibling(name.substring(0, name.length() - LOCK.length()));
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    removeIfFree(dir, p); // a lock file whose folder is gone
                }
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Path lockFile = lockFileOf(p);
                if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                    removeIfFree(p, lockFile);
                } else if (olderThan(p, UNLOCKED_AGE)) {
                    try {
                        deleteTree(p);
                    } catch (IOException e) {
                        // left for a later run
                    }
                }
            }
        }
    }

    private static void removeIfFree(Path dir, Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return; // another process works in it
            }
            deleteTree(dir);
            Files.deleteIfExists(lockFile);
        } catch (OverlappingFileLockException e) {
            // this process works in it
        } catch (IOException e) {
            // left for a later run
        }
    }

    private static boolean olderThan(Path p, Duration age) {
        try {
            FileTime modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            return modified.toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path lockFileOf(Path dir) {
        return dir.resolveSibling(dir.getFileName() + LOCK);
    }

    private static FileAttribute<?>[] ownerOnly(Path parent) {
        if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"))};
        }
        return new FileAttribute<?>[0];
    }

    /** Deletes a file, or a folder and everything in it, without following symbolic links; nothing if absent. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
