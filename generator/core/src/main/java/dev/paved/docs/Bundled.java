package dev.paved.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Data files shipped in Paved's jar beside the extensions that read them (key names, emoji, icons). */
final class Bundled {

    private Bundled() {
    }

    /** The UTF-8 text of a resource ({@code /paved/docs/…}), unpacked when its name ends in {@code .gz}. */
    static String text(String name) {
        try (InputStream in = Bundled.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name.substring(1) + " is missing from Paved's jar");
            }
            byte[] bytes = name.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
