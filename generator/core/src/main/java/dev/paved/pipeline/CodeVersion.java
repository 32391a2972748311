package dev.paved.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vladsch.flexmark.parser.Parser;
import dev.paved.io.Sha256;
import io.pebbletemplates.pebble.PebbleEngine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.lucene.index.IndexWriter;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.jsoup.Jsoup;

/**
 * Paved's code as it runs, for the caches' keys, so that a changed Paved never reads what another one kept and an
 * unchanged one, rebuilt, does: the content of the jar (or class folder) it was loaded from — each entry's name, size
 * and CRC, not the times a rebuild changes — and the jars of the libraries that decide its output.
 */
final class CodeVersion {

    /** Libraries whose version decides what Paved writes: one class of each names its jar. */
    private static final List<Class<?>> LIBRARIES = List.of(Parser.class, IndexWriter.class, PebbleEngine.class,
            Jsoup.class, ObjectMapper.class, RecursiveGraphLayoutEngine.class, LayeredOptions.class);

    /** The identity of the running code; code that cannot be read gives a value never seen again. */
    static final String CURRENT = identify();

    private CodeVersion() {
    }

    /** Computes the identity (the same each time for the same code). */
    static String identify() {
        try {
            MessageDigest sha = Sha256.digest();
            Path own = location(CodeVersion.class);
            add(sha, own);
            for (Class<?> library : LIBRARIES) {
                Path jar = location(library);
                if (!jar.equals(own)) {
                    add(sha, jar);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown " + System.nanoTime();
        }
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A jar by its entries (from its central directory: no content is read), a folder by its files' contents. */
    private static void add(MessageDigest sha, Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    CRC32 crc = new CRC32();
                    crc.update(Files.readAllBytes(file));
                    update(sha, source.relativize(file) + "\0" + crc.getValue());
                }
            }
            return;
        }
        try (ZipFile jar = new ZipFile(source.toFile())) {
            for (ZipEntry entry : jar.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                update(sha, entry.getName() + "\0" + entry.getSize() + "\0" + entry.getCrc());
            }
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }
}
