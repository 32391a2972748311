package dev.paved.cli;

import dev.paved.build.PortalBuild;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paved validate}: checks catalog files, following their Locations, without building a site. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks catalog files and prints every problem as file:line:col. Exits 1 when there is an "
                + "error (or, with --strict, a warning).")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Catalog files, or folders with a "
            + "catalog-info.yaml.")
    List<Path> paths;

    @Option(names = "--strict", description = "Count warnings (dangling references…) as errors.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Diagnostic> diagnostics = PortalBuild.validate(paths, strict);
        DiagnosticPrinter.print(diagnostics, spec.commandLine().getErr());
        long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
        spec.commandLine().getOut().println(errors + " errors, " + warnings + " warnings");
        return errors > 0 ? 1 : 0;
    }
}
