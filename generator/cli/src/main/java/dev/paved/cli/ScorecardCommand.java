package dev.paved.cli;

import dev.paved.pipeline.Pipeline;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.DiagnosticFormat;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.scorecard.Scoreboard;
import dev.paved.scorecard.ScorecardGate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paved scorecard}: scores the catalog, and as a CI gate fails when an entity is below a level. */
@Command(name = "scorecard", mixinStandardHelpOptions = true,
        description = {"Scores every entity on the scorecards (scorecards/ beside the catalog, or paved.yaml's).",
                "With --check --min-level L, every entity below L is an error at its metadata.name, in the same "
                        + "formats as paved validate; exit 1 when there is any."})
final class ScorecardCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Catalog folders or files instead of the "
            + "configured sources.")
    List<Path> sources = new ArrayList<>();

    @Option(names = "--check", description = "Fail (exit 1) when an entity is below --min-level.")
    boolean check;

    @Option(names = "--min-level", paramLabel = "LEVEL", description = "The level every entity must reach.")
    String minLevel;

    @Option(names = "--scorecard", paramLabel = "NAME", description = "Only this scorecard (repeatable).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            converter = ValidateCommand.FormatConverter.class,
            description = "For --check: text (default), github, sarif, junit or json.")
    DiagnosticFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (check && (minLevel == null || minLevel.isBlank())) {
            err.println("paved scorecard: --check needs --min-level (e.g. --min-level silver)");
            return 2;
        }
        Diagnostics diagnostics = new Diagnostics();
        PavedConfig config = project.load(diagnostics, sources);
        Scoreboard scores = Pipeline.read(config, Pipeline.Options.defaults(), diagnostics).scores();
        if (scores.scorecards().isEmpty()) {
            err.println("paved scorecard: no scorecards in " + config.scorecardLocations());
            return 2;
        }
        if (!check) {
            for (Scoreboard.Result r : scores.results()) {
                if (names.isEmpty() || names.contains(r.scorecard().name())) {
                    out.printf("%-48s %-24s %-8s %d/%d%n", r.entity().ref().toShortString(), r.scorecard().name(),
                            r.level().isEmpty() ? "none" : r.level(), r.passed(), r.rules().size());
                }
            }
            out.flush();
            return 0;
        }
        Optional<String> unusable = ScorecardGate.problem(scores, minLevel, names);
        if (unusable.isPresent()) {
            err.println("paved scorecard: " + unusable.get());
            return 2;
        }
        List<Diagnostic> below = ScorecardGate.check(scores, minLevel, names);
        String report = format.format(below, List.of());
        if (format == DiagnosticFormat.TEXT) {
            err.print(report);
            err.flush();
            out.println(below.size() + (below.size() == 1 ? " entity is" : " entities are") + " below " + minLevel);
        } else {
            out.print(report);
        }
        out.flush();
        return below.isEmpty() ? 0 : 1;
    }
}
