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
 * @param code     a stable, kebab-case identifier such as {@code dangling-ref}
 * @param message  a sentence for humans
 */
public record Diagnostic(String file, int line, int column, Severity severity, String code, String message) {

    /** Orders by file, line, column, then code: the order diagnostics are printed in. */
    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** An error at a position. */
    public static Diagnostic error(SourcePosition at, String code, String message) {
        return new Diagnostic(at.file(), at.line(), at.column(), Severity.ERROR, code, message);
    }

    /** A warning at a position. */
    public static Diagnostic warning(SourcePosition at, String code, String message) {
        return new Diagnostic(at.file(), at.line(), at.column(), Severity.WARNING, code, message);
    }

    /** This diagnostic with another severity. */
    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(file, line, column, newSeverity, code, message);
    }

    /** Compiler-style form: {@code file:line:col: warning: message [code]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (!file.isEmpty()) {
            out.append(file);
            if (line > 0) {
                out.append(':').append(line);
                if (column > 0) {
                    out.append(':').append(column);
                }
            }
            out.append(": ");
        }
        return out.append(severity.label()).append(": ").append(message)
                .append(" [").append(code).append(']').toString();
    }
}
