package dev.paved.scorecard;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Severity;
import dev.paved.diagnostic.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CI gate: every entity below a level, as a diagnostic at its {@code metadata.name} that lists the rules
 * between it and that level, so PR checks annotate the entity's file.
 */
public final class ScorecardGate {

    private ScorecardGate() {
    }

    /**
     * The entities below {@code minLevel} on the scorecards that have that level.
     *
     * @param scorecards the scorecards' names to check, empty for all
     */
    public static List<Diagnostic> check(Scoreboard scores, String minLevel, List<String> scorecards) {
        List<Diagnostic> out = new ArrayList<>();
        for (Scoreboard.Result r : scores.results()) {
            Scorecard s = r.scorecard();
            int wanted = s.rank(minLevel);
            if (wanted < 0 || (!scorecards.isEmpty() && !scorecards.contains(s.name()))
                    || s.rank(r.level()) >= wanted) {
                continue;
            }
            String failing = r.rules().stream().filter(x -> !x.passed() && s.rank(x.rule().level()) <= wanted)
                    .map(x -> x.rule().title() + (x.rule().fix().isEmpty() ? "" : " (" + x.rule().fix() + ")"))
                    .collect(Collectors.joining("; "));
            SourcePosition at = r.entity().source().at("/metadata/name");
            out.add(new Diagnostic(at.file(), at.line(), at.column(), Severity.ERROR, Code.BELOW_LEVEL,
                    r.entity().ref().toShortString() + " is " + (r.level().isEmpty() ? "below " + s.levels().get(0)
                            : r.level()) + " on " + s.title() + "; " + minLevel + " needs: " + failing,
                    Code.BELOW_LEVEL.hint()));
        }
        return out;
    }
}
