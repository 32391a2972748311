package dev.paved.cli;

import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that read a project and write its site: the project's, and the output folder. */
final class ProjectOptions extends ProjectFolder {

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Where the site is written. Default: target/site in the project.")
    Path output;

    @Override
    PavedConfig load(Diagnostics diagnostics, List<Path> sources) {
        PavedConfig config = super.load(diagnostics, sources);
        return output != null ? config.withOutput(output) : config;
    }
}
