package dev.paved.diagnostic;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in the input, pointing at a file position. Diagnostics are collected as data while the
 * pipeline runs and reported at the end; they are never thrown.
 *
 * @param file     the file as the user knows it (relative to the working directory where possible), or
 *                 {@code ""} when the problem belongs to no file
 * @param line     1-based line, or 0 when unknown
 * @param column   1-based column, or 0 when unknown
 * @param severity how bad it is
 * @param code     what kind of problem it is, with a stable identifier such as {@code PAVED-W001}
 * @param message  a sentence for humans
 * @param hint     how to fix it: a "did you mean" when there is a close match, else the code's general hint
 */
public record Diagnostic(String file, int line, int column, Severity severity, Code code, String message,
                         String hint) {

    /** Orders by file, line, column, code and message (then severity and hint): the order they are printed in. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(d -> d.code().id())
            .thenComparing(Diagnostic::message)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::hint);

    /** The most characters of a message (or a hint) kept: what it quotes from the input is cut there. */
    public static final int MAX_MESSAGE = 2_000;
    /** Room for the "… (N more characters)" a cut adds. */
    private static final int CUT_MARK = 40;

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        file = printable(file, MAX_MESSAGE);
        message = printable(message, MAX_MESSAGE);
        hint = hint == null || hint.isBlank() ? code.hint() : printable(hint, MAX_MESSAGE);
    }

    /**
     * Text as it may be shown on a terminal, a CI log or a page: control characters (which could move a terminal's
     * cursor or hide text) written as Java escapes them, and at most {@code max} characters, the rest summed up.
     */
    public static String printable(String text, int max) {
        // Escaped first, then cut, and only past what the cut itself adds: text made printable is printable and
        // stays as it is when made printable again (as a cached problem is when read back).
        int limit = max + CUT_MARK;
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit + 8));
        int i = 0;
        for (; i < text.length() && out.length() <= limit; i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f || c == 0x2028
                    || c == 0x2029 || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
            if (control) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (i == text.length() && out.length() <= limit) {
            return out.length() == text.length() ? text : out.toString();
        }
        int cut = Character.isHighSurrogate(out.charAt(max - 1)) ? max - 1 : max;
        int more = out.length() - cut + (text.length() - i);
        return out.substring(0, cut) + "… (" + more + " more characters)";
    }

    /** An error at a position, with the code's general hint. */
    public static Diagnostic error(SourcePosition at, Code code, String message) {
        return new Diagnostic(at.file(), at.line(), at.column(), Severity.ERROR, code, message, null);
    }

    /** A warning at a position, with the code's general hint. */
    public static Diagnostic warning(SourcePosition at, Code code, String message) {
        return new Diagnostic(at.file(), at.line(), at.column(), Severity.WARNING, code, message, null);
    }

    /** This diagnostic with another severity. */
    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(file, line, column, newSeverity, code, message, hint);
    }

    /** This diagnostic with a more specific hint. */
    public Diagnostic withHint(String newHint) {
        return new Diagnostic(file, line, column, severity, code, message, newHint);
    }

    /** Where it is, {@code file:line:col}, leaving out what is unknown. */
    public String where() {
        return new SourcePosition(file, line, column).toString();
    }

    /** Compiler-style form: {@code file:line:col: warning PAVED-W001: message}. */
    @Override
    public String toString() {
        String place = where();
        return (place.isEmpty() ? "" : place + ": ") + severity.label() + " " + code.id() + ": " + message;
    }
}
