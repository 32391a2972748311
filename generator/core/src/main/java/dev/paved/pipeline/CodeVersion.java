package dev.paved.pipeline;

import dev.paved.docs.MarkdownRenderer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paved's code as it runs, for the caches' keys: its version, and the jar or class folder it was loaded from with
 * its size and time, so that a rebuilt Paved never reads what another one kept.
 */
final class CodeVersion {

    /** The identity of the running code; unknown code gives a value never seen again. */
    static final String CURRENT = identify();

    private CodeVersion() {
    }

    private static String identify() {
        String version = String.valueOf(CodeVersion.class.getPackage().getImplementationVersion());
        try {
            Path source = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path marker = Files.isDirectory(source) ? source.resolve(MarkdownRenderer.class.getName()
                    .replace('.', '/') + ".class") : source;
            return version + "\0" + source + "\0" + Files.size(marker) + "\0" + Files.getLastModifiedTime(marker);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return version + "\0" + System.nanoTime();
        }
    }
}
