package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-catalog checks, on {@code catalogs/checks}: valid entities that make an unhealthy catalog. */
class CatalogChecksTest {

    private static List<Diagnostic> check(CatalogSource source) {
        Diagnostics diagnostics = new Diagnostics();
        CatalogReader.read(List.of(source), diagnostics);
        return diagnostics.sorted();
    }

    private static List<Diagnostic> of(List<Diagnostic> all, Code code) {
        return all.stream().filter(d -> d.code() == code).toList();
    }

    @Test
    void everyProblemIsAWarningWithItsPosition() {
        List<Diagnostic> found = check(CatalogSource.of(TestFiles.resource("catalogs/checks")));
        assertTrue(found.stream().allMatch(d -> d.severity() == Severity.WARNING), found.toString());

        List<Diagnostic> groupCycle = of(found, Code.RELATION_CYCLE).stream()
                .filter(d -> d.message().contains("child group")).toList();
        assertEquals(1, groupCycle.size(), "one cycle is reported once: " + found);
        assertTrue(groupCycle.get(0).message().contains("group:team-infra → group:team-platform → group:team-infra"),
                groupCycle.get(0).message());

        List<Diagnostic> partCycle = of(found, Code.RELATION_CYCLE).stream()
                .filter(d -> d.message().contains("part of")).toList();
        assertEquals(List.of("component:a is part of itself: component:a → component:b → component:a"),
                partCycle.stream().map(Diagnostic::message).toList());

        Diagnostic loner = of(found, Code.USER_WITHOUT_GROUP).get(0);
        assertEquals(25, loner.line());
        Diagnostic orphan = of(found, Code.API_WITHOUT_PROVIDER).get(0);
        assertTrue(orphan.message().startsWith("api:orphan-api"));
    }

    @Test
    void aDanglingReferenceSuggestsTheClosestEntity() {
        List<Diagnostic> dangling = of(check(CatalogSource.of(TestFiles.resource("catalogs/checks"))),
                Code.DANGLING_REF);
        assertEquals(2, dangling.size(), dangling.toString());
        // A typo in the name.
        assertEquals("did you mean group:default/team-platform?", dangling.get(0).hint());
        assertEquals(34, dangling.get(0).line());
        // The right name with the wrong kind.
        assertEquals("did you mean group:default/team-platform?", dangling.get(1).hint());
        assertEquals(44, dangling.get(1).line());
    }

    @Test
    void checksThatNeedTheWholeCatalogAreSkippedForASingleFile() {
        List<Diagnostic> found = check(CatalogSource.singleFile(
                TestFiles.resource("catalogs/checks/catalog-info.yaml")));
        assertEquals(List.of(), of(found, Code.USER_WITHOUT_GROUP));
        assertEquals(List.of(), of(found, Code.API_WITHOUT_PROVIDER));
        assertEquals(2, of(found, Code.RELATION_CYCLE).size());
    }

    @Test
    void theBoundedEditDistanceAgreesWithTheFullOne() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 20_000; round++) {
            String a = word(random);
            String b = random.nextBoolean() ? word(random) : mutate(a, random);
            int full = levenshtein(a, b);
            int limit = random.nextInt(6);
            int bounded = CatalogChecks.distance(a, b, limit);
            assertEquals(full <= limit ? full : limit + 1, bounded, a + " / " + b + " limit " + limit);
        }
    }

    private static String word(java.util.Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            s.append((char) ('a' + random.nextInt(4)));
        }
        return s.toString();
    }

    private static String mutate(String a, java.util.Random random) {
        StringBuilder s = new StringBuilder(a);
        for (int i = random.nextInt(4); i > 0; i--) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, (char) ('a' + random.nextInt(4)));
                case 1 -> { if (s.length() > 0) { s.deleteCharAt(at); } }
                default -> { if (s.length() > 0) { s.setCharAt(at, (char) ('a' + random.nextInt(4))); } }
            }
        }
        return s.toString();
    }

    /** The textbook dynamic programme, as the reference. */
    private static int levenshtein(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }
}
