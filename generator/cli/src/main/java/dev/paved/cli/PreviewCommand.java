package dev.paved.cli;

import dev.paved.pipeline.Pipeline;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.preview.PreviewServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paved preview}: builds the portal and serves it on the loopback interface. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Builds the portal and serves it at http://127.0.0.1:PORT/ until interrupted.")
final class PreviewCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Option(names = {"-p", "--port"}, defaultValue = "8000", description = "The port (0 for any free one). "
            + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--no-build", description = "Serve the output folder as it is, without building first.")
    boolean noBuild;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Diagnostics configProblems = new Diagnostics();
        PavedConfig config = project.load(configProblems, List.of());
        if (noBuild) {
            DiagnosticPrinter.print(configProblems.sorted(), spec.commandLine().getErr());
        } else {
            Pipeline.Result result;
            try {
                result = Pipeline.build(config, Pipeline.Options.defaults()
                        .withConfigProblems(configProblems.sorted()));
            } catch (IOException e) {
                spec.commandLine().getErr().println("paved preview: " + e.getMessage());
                return 1;
            }
            DiagnosticPrinter.print(result.diagnostics(), spec.commandLine().getErr());
            spec.commandLine().getOut().println(result.summary());
        }
        try (PreviewServer server = PreviewServer.start(config.output(), port)) {
            spec.commandLine().getOut().println("Serving " + config.output() + " at " + server.uri()
                    + " (Ctrl+C to stop)");
            spec.commandLine().getOut().flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
