package dev.paved.scorecard;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Severity;
import dev.paved.diagnostic.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The CI gate: every entity below a level, as a diagnostic at its {@code metadata.name} that lists the rules
 * between it and that level, so PR checks annotate the entity's file.
 */
public final class ScorecardGate {

    private ScorecardGate() {
    }

    /**
     * Why a gate cannot be checked, or empty when it can: a scorecard named that does not exist, or a level that
     * none of the checked scorecards has (a gate that checks nothing must not pass).
     *
     * @param scorecards the scorecards' names to check, empty for all
     */
    public static Optional<String> problem(Scoreboard scores, String minLevel, List<String> scorecards) {
        Set<String> known = new TreeSet<>();
        scores.scorecards().forEach(s -> known.add(s.name()));
        for (String name : scorecards) {
            if (!known.contains(name)) {
                return Optional.of("no scorecard " + name + " (there are: " + String.join(", ", known) + ")");
            }
        }
        Set<String> levels = new LinkedHashSet<>();
        boolean found = false;
        for (Scorecard s : scores.scorecards()) {
            if (scorecards.isEmpty() || scorecards.contains(s.name())) {
                levels.addAll(s.levels());
                found |= s.rank(minLevel) >= 0;
            }
        }
        return found ? Optional.empty() : Optional.of("no level " + minLevel + " on the scorecards checked (their "
                + "levels: " + String.join(", ", levels) + ")");
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
