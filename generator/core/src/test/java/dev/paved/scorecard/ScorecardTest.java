package dev.paved.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.site.SiteGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScorecardTest {

    private static Scoreboard score(Path catalog) {
        PavedConfig config = PavedConfig.defaults(catalog.getParent()).withSources(List.of(catalog));
        return Pipeline.read(config, Pipeline.Options.defaults(), new Diagnostics()).scores();
    }

    private static Map<String, String> levels(Scoreboard scores, String scorecard) {
        Map<String, String> out = new TreeMap<>();
        scores.results().stream().filter(r -> r.scorecard().name().equals(scorecard))
                .forEach(r -> out.put(r.entity().name(), r.level().isEmpty() ? "none" : r.level()));
        return out;
    }

    @Test
    void levelsAreReachedRuleByRule() {
        Scoreboard scores = score(TestFiles.resource("scorecards/catalog"));
        // The library is not a service: the scorecard does not apply to it.
        assertEquals(Map.of("gold-service", "gold", "bronze-service", "bronze", "bare-service", "none"),
                levels(scores, "basics"));
        Scoreboard.Result bronze = scores.results().stream().filter(r -> r.entity().name().equals("bronze-service"))
                .findFirst().orElseThrow();
        assertEquals(List.of("Known lifecycle"), bronze.blocking().stream().map(r -> r.rule().title()).toList(),
                "what stands between it and silver");
    }

    @Test
    void theGateReportsEntitiesBelowALevelAtTheirName() {
        Scoreboard scores = score(TestFiles.resource("scorecards/catalog"));
        List<Diagnostic> belowSilver = ScorecardGate.check(scores, "silver", List.of());
        assertEquals(2, belowSilver.size(), belowSilver.toString());
        Diagnostic bare = belowSilver.stream().filter(d -> d.message().startsWith("component:bare-service"))
                .findFirst().orElseThrow();
        assertEquals(Code.BELOW_LEVEL, bare.code());
        assertEquals(33, bare.line(), "at the entity's metadata.name");
        assertTrue(bare.message().contains("below bronze") && bare.message().contains("Owned by a team")
                && bare.message().contains("Known lifecycle") == false, bare.message());
        assertEquals(List.of(), ScorecardGate.check(scores, "bronze", List.of("other")), "only named scorecards");
        assertEquals(List.of(), ScorecardGate.check(scores, "platinum", List.of()), "a level no scorecard has");
    }

    @Test
    void invalidScorecardsAreReportedWithTheirLinesAndLeftOut() {
        Diagnostics diagnostics = new Diagnostics();
        List<Scorecard> read = ScorecardReader.read(List.of(TestFiles.resource("scorecards/invalid")), diagnostics);
        assertEquals(List.of("fine"), read.stream().map(Scorecard::name).toList());
        Map<Integer, String> byLine = diagnostics.sorted().stream().collect(Collectors.toMap(Diagnostic::line,
                d -> d.code().name() + ": " + d.message(), (a, b) -> a + " | " + b, TreeMap::new));
        assertTrue(byLine.get(9).startsWith("INVALID_SCORECARD: level \"platinum\""), byLine.toString());
        assertTrue(byLine.get(13).contains("unknown test roughly"), byLine.toString());
        assertTrue(byLine.get(16).contains("invalid pattern"), byLine.toString());
        assertTrue(byLine.get(27).startsWith("UNKNOWN_FACT: unknown fact hasReadmee"), byLine.toString());
        assertTrue(byLine.values().stream().anyMatch(m -> m.contains("kind: Scorecard")), byLine.toString());
    }

    @Test
    void theDefaultScorecardsGiveTheDemoAMixOfLevels() {
        PavedConfig config = ConfigReader.read(TestFiles.projectRoot(), new Diagnostics());
        Diagnostics diagnostics = new Diagnostics();
        SiteGenerator.Input input = Pipeline.read(config, Pipeline.Options.defaults(), diagnostics);
        assertEquals(Set.of("production-readiness", "documentation", "delivery"), input.scores().scorecards()
                .stream().map(Scorecard::name).collect(Collectors.toSet()));
        for (Scorecard s : input.scores().scorecards()) {
            if (s.name().equals("delivery") && !Files.exists(TestFiles.projectRoot().resolve(".git"))) {
                continue; // measured from the clone's Git history: a copy without it has no deployments to score
            }
            Set<String> levels = input.scores().of(s).stream().map(Scoreboard.Result::level)
                    .collect(Collectors.toSet());
            assertTrue(levels.size() >= 2, s.name() + " gives every entity the same level: " + levels);
        }
        assertTrue(diagnostics.sorted().stream().noneMatch(d -> d.code() == Code.INVALID_SCORECARD
                || d.code() == Code.UNKNOWN_FACT), diagnostics.sorted().toString());
    }

    @Test
    void pagesShowWhatImprovedOrRegressedSinceThePreviousPublish(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path previous = dir.resolve("previous.json");
        java.nio.file.Files.writeString(previous, """
                {"format": 1, "results": [
                  {"entity": "component:default/gold-service", "scorecard": "basics", "level": "silver"},
                  {"entity": "component:default/bronze-service", "scorecard": "basics", "level": "gold"}]}
                """);
        PavedConfig base = PavedConfig.defaults(dir).withSources(List.of(TestFiles.resource("scorecards/catalog")))
                .withOutput(dir.resolve("site"));
        PavedConfig config = new PavedConfig(base.title(), base.baseUrl(), base.sources(), base.content(),
                base.theme(), base.output(), base.projectDir(), base.rules(), base.repositories(), base.cache(),
                base.scorecards(), previous.toString(), base.remoteImages());
        Pipeline.build(config, Pipeline.Options.defaults());
        String gold = java.nio.file.Files.readString(dir.resolve("site/catalog/default/component/gold-service/index.html"));
        assertTrue(gold.contains("↑ from silver"), "the improvement is shown on the entity's page");
        String bronze = java.nio.file.Files.readString(dir.resolve(
                "site/catalog/default/component/bronze-service/index.html"));
        assertTrue(bronze.contains("↓ from gold"));
        String page = java.nio.file.Files.readString(dir.resolve("site/scorecards/basics/index.html"));
        assertTrue(page.contains("Since last publish") && page.contains("↑ 1") && page.contains("↓ 1"), page);

        Diagnostics diagnostics = new Diagnostics();
        assertTrue(PreviousScores.read(dir.resolve("missing.json").toString(), diagnostics).isEmpty());
        assertEquals(1, diagnostics.sorted().size(), "an unreachable previous file is a warning");
    }

    @Test
    void aGateThatWouldCheckNothingSaysWhy() {
        // issue 15, item 13: --min-level no-such-level used to pass ("0 entities are below").
        Scoreboard scores = score(TestFiles.resource("scorecards/catalog"));
        assertEquals(Optional.empty(), ScorecardGate.problem(scores, "silver", List.of()));
        assertEquals("no level no-such-level on the scorecards checked (their levels: bronze, silver, gold)",
                ScorecardGate.problem(scores, "no-such-level", List.of()).orElseThrow());
        assertTrue(ScorecardGate.problem(scores, "gold", List.of("nope")).orElseThrow()
                .startsWith("no scorecard nope (there are: basics"));
    }
}
