package dev.paved.scaffold;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A ZIP archive read safely, for unpacking into the output folder: every entry is a relative path without
 * {@code ..}, empty or absolute segments; symbolic links are refused (their Unix mode, in the central directory);
 * at most {@link #MAX_ENTRIES} entries and {@link #MAX_BYTES} bytes unpacked, whatever the archive claims. Folders
 * are not entries of their own: they come with their files.
 */
final class ZipArchive {

    static final int MAX_ENTRIES = 20_000;
    static final long MAX_BYTES = 256L << 20;

    /** A file of the archive: its path, its bytes, whether its Unix mode makes it executable. */
    record Entry(String path, byte[] content, boolean executable) {
    }

    private ZipArchive() {
    }

    /** The files of {@code zip}; an {@link IOException} says why it cannot be unpacked safely. */
    static List<Entry> read(byte[] zip) throws IOException {
        Map<String, Integer> modes = unixModes(zip);
        List<Entry> out = new ArrayList<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName();
                String path = checked(name);
                int mode = modes.getOrDefault(name, 0);
                if ((mode & 0170000) == 0120000) {
                    throw new IOException("its entry " + name + " is a symbolic link, which Paved does not unpack");
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (out.size() == MAX_ENTRIES) {
                    throw new IOException("it has more than " + MAX_ENTRIES + " files");
                }
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
                total += content.length;
                if (total > MAX_BYTES) {
                    throw new IOException("it unpacks to more than " + (MAX_BYTES >> 20) + " MB");
                }
                out.add(new Entry(path, content, (mode & 0100) != 0));
            }
        } catch (IllegalArgumentException | java.util.zip.ZipException e) {
            throw new IOException("it is not a ZIP archive Paved can read: " + e.getMessage(), e);
        }
        if (out.isEmpty() && modes.isEmpty()) {
            throw new IOException("it is not a ZIP archive, or holds no files");
        }
        return out;
    }

    /** The entry's path, or an error when it would leave the folder it is unpacked into. */
    private static String checked(String name) throws IOException {
        String p = name.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            throw new IOException("its entry " + name + " is an absolute path");
        }
        String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".") || segment.indexOf('\0') >= 0) {
                throw new IOException("its entry " + name + " has an empty, '.' or '..' segment, which leads out of "
                        + "its folder");
            }
        }
        return trimmed;
    }

    /**
     * The Unix mode of each entry, from the central directory's external attributes (high 16 bits) of entries made on
     * Unix; none when the archive has no central directory.
     */
    private static Map<String, Integer> unixModes(byte[] zip) {
        Map<String, Integer> out = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xFFFF); i--) {
            if (b.getInt(i) == 0x06054b50) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return out;
        }
        int count = Short.toUnsignedInt(b.getShort(end + 10));
        long at = Integer.toUnsignedLong(b.getInt(end + 16));
        for (int n = 0; n < count && at + 46 <= zip.length; n++) {
            int i = (int) at;
            if (b.getInt(i) != 0x02014b50) {
                break;
            }
            int madeBy = Short.toUnsignedInt(b.getShort(i + 4)) >> 8;
            int nameLength = Short.toUnsignedInt(b.getShort(i + 28));
            int extraLength = Short.toUnsignedInt(b.getShort(i + 30));
            int commentLength = Short.toUnsignedInt(b.getShort(i + 32));
            int external = b.getInt(i + 38);
            if (i + 46 + nameLength > zip.length) {
                break;
            }
            String name = new String(zip, i + 46, nameLength, StandardCharsets.UTF_8);
            out.put(name, madeBy == 3 ? external >>> 16 : 0);
            at = (long) i + 46 + nameLength + extraLength + commentLength;
        }
        return out;
    }
}
