package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.EntityRef;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.docs.DocSet;
import dev.paved.integrations.Snapshots;
import dev.paved.scorecard.PreviousScores;
import dev.paved.scorecard.Scoreboard;
import dev.paved.scorecard.ScorecardReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Scores: every entity scored on every scorecard, with the previous publish's levels for trends. */
final class ScoresStage {

    /**
     * @param scorecards the scorecard files and folders
     * @param previous   the previous publish's {@code scorecards.json}, or empty
     * @param catalog    the catalog
     * @param docs       the entities' docs
     * @param problems   the problems found so far (rules can count an entity's problems)
     * @param today      the day scores are computed on (for docs freshness)
     * @param snapshots  the integrations' snapshots, whose facts ({@code hasCi}, {@code ciPassing}) rules test
     */
    record Input(List<Path> scorecards, String previous, Catalog catalog, Map<EntityRef, DocSet> docs,
                 List<Diagnostic> problems, LocalDate today, Snapshots snapshots) {
    }

    /**
     * @param scores   every entity on every scorecard
     * @param previous the levels of the previous publish
     */
    record Output(Scoreboard scores, PreviousScores previous) {
    }

    private ScoresStage() {
    }

    static Stage<Output> run(Input in) {
        return Stage.run("scores", diagnostics -> {
            Scoreboard scores = Scoreboard.score(ScorecardReader.read(in.scorecards(), diagnostics), in.catalog(),
                    in.docs(), in.problems(), in.today(), in.snapshots()::facts);
            return new Output(scores, PreviousScores.read(in.previous(), diagnostics));
        });
    }
}
