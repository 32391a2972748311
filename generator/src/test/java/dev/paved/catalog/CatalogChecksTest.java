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
}
