package dev.paved.maven;

import dev.paved.diagnostic.Diagnostic;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** Diagnostics in Maven's log, compiler-style with their hint. */
final class MojoLog {

    private MojoLog() {
    }

    static void report(Log log, List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            switch (d.severity()) {
                case ERROR -> log.error(d + " (" + d.hint() + ")");
                case WARNING -> log.warn(d + " (" + d.hint() + ")");
                default -> log.info(d.toString());
            }
        }
    }
}
