package dev.paved.io;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of a cache, written whole or not at all: into a temporary file beside it, then moved into its place (a
 * reader sees the old file or the new one, never half of one), the temporary file removed if anything fails. Also
 * the one form the caches keep named blobs in.
 */
public final class KeptFile {

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void write(DataOutputStream out) throws IOException;
    }

    private KeptFile() {
    }

    /** Writes {@code file} with {@code content}, creating its folder. */
    public static void write(Path file, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp),
                    1 << 16))) {
                content.write(out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes named blobs: their count, then each one's name, length and bytes, in the map's order. */
    public static void writeBlobs(DataOutputStream out, Map<String, byte[]> blobs) throws IOException {
        out.writeInt(blobs.size());
        for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
            out.writeUTF(blob.getKey());
            out.writeInt(blob.getValue().length);
            out.write(blob.getValue());
        }
    }

    /**
     * Reads what {@link #writeBlobs} wrote, in order.
     *
     * @throws IOException when the file ends early
     */
    public static Map<String, byte[]> readBlobs(DataInputStream in) throws IOException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            String name = in.readUTF();
            int length = in.readInt();
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("cut short in " + name);
            }
            blobs.put(name, bytes);
        }
        return blobs;
    }
}
