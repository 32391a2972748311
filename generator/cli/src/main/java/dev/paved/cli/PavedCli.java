package dev.paved.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code paved} command: parses options and calls the generator. */
@Command(name = "paved", mixinStandardHelpOptions = true, versionProvider = PavedCli.Version.class,
        description = "Builds a static developer portal from Backstage catalog files, TechDocs and Markdown pages.",
        subcommands = {BuildCommand.class, PreviewCommand.class, ValidateCommand.class, TechDocsCommand.class,
                SearchCommand.class, PublishCommand.class, CrawlCommand.class, ScorecardCommand.class, ScaffoldCommand.class,
                CommandLine.HelpCommand.class})
public final class PavedCli {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 ok, 1 problems found, 2 usage error). */
    public static int run(String... args) {
        return new CommandLine(new PavedCli()).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PavedCli.class.getPackage().getImplementationVersion();
            return new String[] {"paved " + (v == null ? "development build" : v)};
        }
    }
}
