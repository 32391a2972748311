package dev.paved.diagnostic;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics while a build runs. Thread-safe; {@link #sorted()} gives a stable order for output.
 */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();

    /** Adds one diagnostic. */
    public synchronized void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    /** Adds an error at a position. */
    public void error(SourcePosition at, Code code, String message) {
        add(Diagnostic.error(at, code, message));
    }

    /** Adds a warning at a position. */
    public void warning(SourcePosition at, Code code, String message) {
        add(Diagnostic.warning(at, code, message));
    }

    /** Every diagnostic so far, sorted by file, line and column, without duplicates. */
    public synchronized List<Diagnostic> sorted() {
        return items.stream().distinct().sorted(Diagnostic.ORDER).toList();
    }

    /** How many diagnostics of this severity there are. */
    public synchronized long count(Severity severity) {
        return items.stream().distinct().filter(d -> d.severity() == severity).count();
    }
}
