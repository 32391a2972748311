package dev.paved.scorecard;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RelationType;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.crawl.FileNeeds;
import dev.paved.docs.DocSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every applicable entity scored on every scorecard. An entity reaches a level when it passes every rule of that
 * level and of the levels below; failing a bronze rule leaves it at no level.
 */
public final class Scoreboard {

    /**
     * One entity on one scorecard.
     *
     * @param level its level, or empty for none
     * @param owner its owner's reference, or empty
     */
    public record Result(Entity entity, Scorecard scorecard, String level, List<RuleResult> rules, String owner) {

        /** How many rules it passes. */
        public long passed() {
            return rules.stream().filter(RuleResult::passed).count();
        }

        /** The rules of the next level up that it fails (what stands between it and that level). */
        public List<RuleResult> blocking() {
            int next = scorecard.rank(level) + 1;
            return rules.stream().filter(r -> !r.passed() && scorecard.rank(r.rule().level()) <= next).toList();
        }
    }

    /** A rule's outcome for one entity. */
    public record RuleResult(Scorecard.Rule rule, boolean passed) {
    }

    private final List<Scorecard> scorecards;
    private final List<Result> results;
    private final Map<EntityRef, List<Result>> byEntity;

    private Scoreboard(List<Scorecard> scorecards, List<Result> results) {
        this.scorecards = List.copyOf(scorecards);
        this.results = List.copyOf(results);
        Map<EntityRef, List<Result>> map = new LinkedHashMap<>();
        for (Result r : results) {
            map.computeIfAbsent(r.entity().ref(), k -> new ArrayList<>()).add(r);
        }
        this.byEntity = map;
    }

    /** What scoring reads of a repository: READMEs, licences, code owners and CI files, in any folder. */
    public static final FileNeeds NEEDS = Facts.NEEDS;

    /** No scorecards. */
    public static Scoreboard empty() {
        return new Scoreboard(List.of(), List.of());
    }

    /**
     * Scores the catalog.
     *
     * @param problems the build's diagnostics (catalog problems and broken links are facts)
     * @param today    the day "days since" facts count to
     */
    public static Scoreboard score(List<Scorecard> scorecards, Catalog catalog, Map<EntityRef, DocSet> docs,
                                   List<Diagnostic> problems, LocalDate today) {
        return score(scorecards, catalog, docs, problems, today, ref -> Map.of());
    }

    /**
     * Scores the catalog with facts found elsewhere too: the integrations' snapshots ({@code hasCi} there adds to
     * the repository's CI files; {@code ciPassing}).
     *
     * @param more each entity's facts from elsewhere
     */
    public static Scoreboard score(List<Scorecard> scorecards, Catalog catalog, Map<EntityRef, DocSet> docs,
                                   List<Diagnostic> problems, LocalDate today,
                                   Function<EntityRef, Map<String, Object>> more) {
        if (scorecards.isEmpty()) {
            return empty();
        }
        Facts facts = new Facts(catalog, docs, problems, today, more);
        List<Result> results = new ArrayList<>();
        for (Entity e : catalog.entities()) {
            String owner = catalog.related(e.ref(), RelationType.OWNED_BY).stream().findFirst()
                    .map(EntityRef::toString).orElse("");
            Map<String, Object> f = null;
            for (Scorecard s : scorecards) {
                if (!s.appliesTo().matches(e, owner)) {
                    continue;
                }
                if (f == null) {
                    f = facts.of(e);
                }
                List<RuleResult> rules = new ArrayList<>(s.rules().size());
                for (Scorecard.Rule rule : s.rules()) {
                    rules.add(new RuleResult(rule, rule.check().test(f)));
                }
                results.add(new Result(e, s, level(s, rules), rules, owner));
            }
        }
        return new Scoreboard(scorecards, results);
    }

    /**
     * The facts rules would test of each entity, without scoring: for figures that count practices (adoption).
     *
     * @param more each entity's facts from elsewhere (snapshots, Git)
     */
    public static Function<Entity, Map<String, Object>> facts(Catalog catalog, Map<EntityRef, DocSet> docs,
                                                              List<Diagnostic> problems, LocalDate today,
                                                              Function<EntityRef, Map<String, Object>> more) {
        return new Facts(catalog, docs, problems, today, more)::of;
    }

    private static String level(Scorecard s, List<RuleResult> rules) {
        String reached = "";
        for (String level : s.levels()) {
            int rank = s.rank(level);
            boolean all = rules.stream().filter(r -> s.rank(r.rule().level()) <= rank).allMatch(RuleResult::passed);
            if (!all) {
                break;
            }
            reached = level;
        }
        return reached;
    }

    public List<Scorecard> scorecards() {
        return scorecards;
    }

    public List<Result> results() {
        return results;
    }

    /** An entity's results, one per scorecard that applies to it. */
    public List<Result> of(EntityRef ref) {
        return byEntity.getOrDefault(ref, List.of());
    }

    /** The results of one scorecard. */
    public List<Result> of(Scorecard scorecard) {
        return results.stream().filter(r -> r.scorecard() == scorecard).toList();
    }
}
