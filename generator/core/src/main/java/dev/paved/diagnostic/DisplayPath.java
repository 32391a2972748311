package dev.paved.diagnostic;

import java.nio.file.Path;

/** Turns file paths into the form diagnostics show: relative to the working directory when under it. */
public final class DisplayPath {

    private static final Path CWD = Path.of("").toAbsolutePath().normalize();

    private DisplayPath() {
    }

    /** {@code path} relative to the working directory if it is under it, else absolute; always with {@code /}. */
    public static String of(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path shown = abs.startsWith(CWD) && !abs.equals(CWD) ? CWD.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
