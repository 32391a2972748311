package dev.paved.cli;

import dev.paved.pipeline.Pipeline;
import dev.paved.diagnostic.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paved techdocs}: one repository's docs alone, the twin of {@code techdocs-cli generate}. */
@Command(name = "techdocs", mixinStandardHelpOptions = true,
        description = {"Builds one folder's docs (mkdocs.yml and docs/) into a static site with a "
                + "techdocs_metadata.json, as techdocs-cli generate does.",
                "Exit status: 0 built, 1 errors (or warnings with --strict) or nothing to build, 2 usage error."})
final class TechDocsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = ".",
            description = "The folder with mkdocs.yml. Default: the current folder.")
    Path folder;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "site",
            description = "Where the site is written. Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--theme", paramLabel = "DIR", description = "A theme folder overriding the built-in theme.")
    Path theme;

    @Option(names = "--strict", description = "Count warnings (broken links, missing anchors…) as errors.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Pipeline.Result result;
        try {
            result = Pipeline.techdocs(folder, output, Optional.ofNullable(theme), strict);
        } catch (IOException e) {
            spec.commandLine().getErr().println("paved techdocs: " + e.getMessage());
            return 1;
        }
        DiagnosticPrinter.print(result.diagnostics(), spec.commandLine().getErr());
        spec.commandLine().getOut().printf("Built %d pages, %d warnings, %d errors in %.1f s -> %s%n",
                result.pages(), result.count(Severity.WARNING), result.count(Severity.ERROR),
                result.millis() / 1000.0, result.output());
        spec.commandLine().getOut().flush();
        return result.pages() == 0 || result.count(Severity.ERROR) > 0 ? 1 : 0;
    }
}
