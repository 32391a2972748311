package dev.paved.cli;

import dev.paved.pipeline.Pipeline;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.preview.LivePreview;
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
        description = "Builds the portal and serves it at http://127.0.0.1:PORT/ until interrupted, building it "
                + "again and reloading open pages whenever a file it is made from changes.")
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
        DiagnosticPrinter.print(configProblems.sorted(), spec.commandLine().getErr());
        if (noBuild) {
            try (PreviewServer server = PreviewServer.start(config.output(), port)) {
                serving(config, server.uri().toString(), "");
                new CountDownLatch(1).await();
            }
            return 0;
        }
        LivePreview.Listener listener = new LivePreview.Listener() {
            @Override
            public void built(Pipeline.Result result) {
                DiagnosticPrinter.print(result.diagnostics(), spec.commandLine().getErr());
                spec.commandLine().getOut().println(result.summary());
                spec.commandLine().getOut().flush();
            }

            @Override
            public void failed(IOException e) {
                spec.commandLine().getErr().println("paved preview: " + e.getMessage());
                spec.commandLine().getErr().flush();
            }
        };
        try (LivePreview preview = LivePreview.start(() -> project.load(new Diagnostics(), List.of()),
                Pipeline.Options.defaults(), port, listener)) {
            serving(config, preview.uri().toString(), "; rebuilt and reloaded when a file changes");
            new CountDownLatch(1).await();
        }
        return 0;
    }

    private void serving(PavedConfig config, String uri, String live) {
        spec.commandLine().getOut().println("Serving " + config.output() + " at " + uri + live + " (Ctrl+C to stop)");
        spec.commandLine().getOut().flush();
    }
}
