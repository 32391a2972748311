package dev.paved.diagnostic;

/** How bad a {@link Diagnostic} is. Warnings become errors under {@code --strict}. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case label used in compiler-style output, e.g. {@code warning}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
