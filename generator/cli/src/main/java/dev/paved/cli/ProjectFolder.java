package dev.paved.cli;

import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the commands that read a project: where it is and its config file. */
class ProjectFolder {

    @Option(names = {"-C", "--project"}, paramLabel = "DIR", defaultValue = ".",
            description = "The project folder (its paved.yaml, catalog/ and content/). Default: the current folder.")
    Path project;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A paved.yaml to use instead of the project's.")
    Path config;

    /** The configuration these options name; problems with it go to {@code diagnostics}. */
    PavedConfig load(Diagnostics diagnostics, List<Path> sources) {
        PavedConfig loaded = this.config != null ? ConfigReader.readFile(this.config, diagnostics)
                : ConfigReader.read(project, diagnostics);
        return sources.isEmpty() ? loaded : loaded.withSources(sources);
    }
}
