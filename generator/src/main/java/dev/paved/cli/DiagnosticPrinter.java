package dev.paved.cli;

import dev.paved.diagnostic.Diagnostic;
import java.io.PrintWriter;
import java.util.List;

/** Prints diagnostics in compiler style, one per line, so editors and CI logs link them to the file. */
final class DiagnosticPrinter {

    private DiagnosticPrinter() {
    }

    static void print(List<Diagnostic> diagnostics, PrintWriter err) {
        diagnostics.forEach(d -> err.println(d));
        err.flush();
    }
}
