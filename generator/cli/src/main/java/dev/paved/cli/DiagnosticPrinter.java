package dev.paved.cli;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.DiagnosticFormat;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnostics in compiler style, with the offending line, so editors and CI logs link them to the file. */
final class DiagnosticPrinter {

    private DiagnosticPrinter() {
    }

    static void print(List<Diagnostic> diagnostics, PrintWriter err) {
        err.print(DiagnosticFormat.TEXT.format(diagnostics, List.of()));
        err.flush();
    }
}
