package dev.paved.diagnostic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects diagnostics while a build runs. Thread-safe; {@link #sorted()} gives a stable order for output.
 *
 * <p>One file lists at most {@link #PER_FILE} problems; the rest are counted and summed up in one more problem for
 * that file, so that a single hostile or generated file cannot bury the others' problems or fill the memory.
 */
public final class Diagnostics {

    /** The most problems listed for one file. */
    public static final int PER_FILE = 200;
    /** The most problems kept for one file (the first {@link #PER_FILE} of them in file order are listed). */
    private static final int KEPT_PER_FILE = 10_000;

    private final List<Diagnostic> items = new ArrayList<>();
    private final Map<String, Integer> kept = new HashMap<>();
    private final Map<String, Map<Severity, Integer>> overflow = new HashMap<>();

    /** Adds one diagnostic. */
    public synchronized void add(Diagnostic diagnostic) {
        if (diagnostic.code() != Code.MORE_PROBLEMS && !diagnostic.file().isEmpty()
                && kept.merge(diagnostic.file(), 1, Integer::sum) > KEPT_PER_FILE) {
            overflow.computeIfAbsent(diagnostic.file(), f -> new EnumMap<>(Severity.class))
                    .merge(diagnostic.severity(), 1, Integer::sum);
            return;
        }
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

    /**
     * Every diagnostic so far, sorted by file, line and column, without duplicates; of a file with more than
     * {@link #PER_FILE}, the first ones and one that says how many more there are.
     */
    public synchronized List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, Integer> listed = new HashMap<>();
        Map<String, Map<Severity, Integer>> more = new LinkedHashMap<>();
        overflow.forEach((file, counts) -> more.put(file, new EnumMap<>(counts)));
        for (Diagnostic d : items.stream().distinct().sorted(Diagnostic.ORDER).toList()) {
            if (d.code() == Code.MORE_PROBLEMS || d.file().isEmpty()
                    || listed.merge(d.file(), 1, Integer::sum) <= PER_FILE) {
                out.add(d);
            } else {
                more.computeIfAbsent(d.file(), f -> new EnumMap<>(Severity.class)).merge(d.severity(), 1,
                        Integer::sum);
            }
        }
        more.forEach((file, counts) -> out.add(summary(file, counts)));
        return out.stream().distinct().sorted(Diagnostic.ORDER).toList();
    }

    /**
     * Every diagnostic kept, sorted, without duplicates, none summed up: to hand on to the {@code Diagnostics} that
     * reports them, which sums up once.
     */
    public synchronized List<Diagnostic> unsummed() {
        return items.stream().distinct().sorted(Diagnostic.ORDER).toList();
    }

    /** How many diagnostics of this severity there are, those left out of a long file's list included. */
    public synchronized long count(Severity severity) {
        return items.stream().distinct().filter(d -> d.severity() == severity).count()
                + overflow.values().stream().mapToInt(m -> m.getOrDefault(severity, 0)).sum();
    }

    private static Diagnostic summary(String file, Map<Severity, Integer> counts) {
        Severity worst = counts.containsKey(Severity.ERROR) ? Severity.ERROR
                : counts.containsKey(Severity.WARNING) ? Severity.WARNING : Severity.INFO;
        int more = counts.values().stream().mapToInt(Integer::intValue).sum();
        String errors = counts.containsKey(Severity.ERROR) ? " (" + counts.get(Severity.ERROR) + " of them errors)"
                : "";
        return new Diagnostic(file, 0, 0, worst, Code.MORE_PROBLEMS, more + " more problems in this file are not "
                + "listed" + errors + "; only the first " + PER_FILE + " are", null);
    }
}
