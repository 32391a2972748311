package dev.paved.cli;

import dev.paved.pipeline.Pipeline;
import dev.paved.diagnostic.DiagnosticFormat;
import dev.paved.diagnostic.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paved validate}: checks catalog files without building a site. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks catalog files and reports every problem with file, line and column.",
                "A folder is read with everything its catalog-info.yaml leads to; a file is read alone.",
                "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage error."})
final class ValidateCommand implements Callable<Integer> {
    // An unreadable --against catalog ends the command with picocli's error status (1) and its message.

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Catalog files, or folders with a "
            + "catalog-info.yaml.")
    List<Path> paths;

    @Option(names = "--strict", description = "Count warnings (dangling references…) as errors.")
    boolean strict;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "text (default), github (workflow annotations), sarif (SARIF 2.1.0), junit (JUnit XML) "
                    + "or json. Machine formats go to standard output; text goes to standard error.")
    DiagnosticFormat format;

    @Option(names = "--against", paramLabel = "CATALOG",
            description = "A published portal's catalog.json (a file, a site folder or an http(s) URL): references to "
                    + "its entities count as resolved. For PR checks of one repository.")
    String against;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The paved.yaml whose rules apply. Default: ./paved.yaml when there is one.")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        java.util.Set<dev.paved.catalog.EntityRef> elsewhere = against == null ? java.util.Set.of()
                : dev.paved.catalog.PublishedCatalog.read(against);
        Path configFile = config != null ? config : Path.of(dev.paved.config.PavedConfig.FILE_NAME);
        Pipeline.Validation result = Pipeline.validate(paths, elsewhere,
                config != null || java.nio.file.Files.isRegularFile(configFile) ? Optional.of(configFile)
                        : Optional.empty(), strict);
        long errors = result.count(Severity.ERROR);
        long warnings = result.count(Severity.WARNING);
        String report = format.format(result.diagnostics(), result.files());
        PrintWriter out = spec.commandLine().getOut();
        if (format == DiagnosticFormat.TEXT) {
            PrintWriter err = spec.commandLine().getErr();
            err.print(report);
            err.flush();
            out.println(result.files().size() + " files checked: " + errors + " errors, " + warnings + " warnings");
        } else {
            out.print(report);
        }
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<DiagnosticFormat> {
        @Override
        public DiagnosticFormat convert(String value) {
            return DiagnosticFormat.of(value);
        }
    }
}
