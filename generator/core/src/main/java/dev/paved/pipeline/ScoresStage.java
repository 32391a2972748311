package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.EntityRef;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.docs.DocSet;
import dev.paved.gitops.DesiredState;
import dev.paved.integrations.Snapshots;
import dev.paved.metrics.DeliveryMetrics;
import dev.paved.scorecard.PreviousScores;
import dev.paved.scorecard.Scoreboard;
import dev.paved.scorecard.ScorecardReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * @param desired    what Git asks each component to run, whose facts ({@code deployedTo}) rules test
     * @param delivery   the delivery metrics, whose facts ({@code deploysPerWeek}, {@code leadTimeHours}…) rules
     *                   test
     */
    record Input(List<Path> scorecards, String previous, Catalog catalog, Map<EntityRef, DocSet> docs,
                 List<Diagnostic> problems, LocalDate today, Snapshots snapshots, DesiredState desired,
                 DeliveryMetrics delivery) {
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
                    in.docs(), in.problems(), in.today(), ref -> joined(joined(in.snapshots().facts(ref),
                            in.desired().facts(ref)), in.delivery().facts(ref)));
            return new Output(scores, PreviousScores.read(in.previous(), diagnostics));
        });
    }

    /**
     * The snapshots' facts with Git's: lists ({@code deployedTo}: the clusters running the entity and the
     * environments Git deploys it to) joined without repeats; otherwise the snapshots' fact wins.
     */
    static Map<String, Object> joined(Map<String, Object> snapshots, Map<String, Object> git) {
        Map<String, Object> out = new LinkedHashMap<>(snapshots);
        git.forEach((name, value) -> out.merge(name, value, (a, b) -> {
            if (a instanceof List<?> x && b instanceof List<?> y) {
                Set<Object> both = new LinkedHashSet<>(x);
                both.addAll(y);
                return List.copyOf(both);
            }
            return a;
        }));
        return out;
    }
}
