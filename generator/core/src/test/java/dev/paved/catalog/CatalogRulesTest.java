package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The organisation's own rules from {@code paved.yaml}, on {@code catalogs/rules}. */
class CatalogRulesTest {

    @Test
    void reportsEveryViolationAtItsFieldWithTheRulesSeverity() {
        Diagnostics configProblems = new Diagnostics();
        PavedConfig config = ConfigReader.read(TestFiles.resource("catalogs/rules"), configProblems);
        assertEquals(3, config.rules().size());

        Diagnostics diagnostics = new Diagnostics();
        Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(TestFiles.resource("catalogs/rules"))),
                diagnostics);
        CatalogRules.check(catalog, config.rules(), diagnostics);
        List<Diagnostic> violations = diagnostics.sorted().stream().filter(d -> d.code() == Code.RULE_VIOLATION)
                .toList();

        List<String> shown = violations.stream().map(d -> d.line() + " " + d.severity().label() + " "
                + d.message()).toList();
        assertEquals(List.of(
                "4 warning rule on-call: component:legacy_billing has no annotation pagerduty.com/service-id",
                "4 warning rule on-call: component:legacy_billing has no metadata.description",
                "4 warning rule on-call: component:legacy_billing has no tags",
                "4 warning rule on-call: component:legacy_billing's name does not match ^[a-z][a-z0-9-]*$",
                "7 warning rule on-call: component:legacy_billing has lifecycle sunset; allowed: production, "
                        + "experimental",
                "8 error rule owned-by-a-team: component:legacy_billing is owned by user:jo; owners must be of kind "
                        + "Group"), shown);
        assertTrue(violations.get(0).hint().contains("paved.yaml:"), violations.get(0).hint());
        assertTrue(violations.stream().noneMatch(d -> d.message().contains("good-service")));
        assertEquals(Severity.ERROR, violations.stream().filter(d -> d.message().contains("owned-by"))
                .findFirst().orElseThrow().severity());
    }

    @Test
    void misspeltRuleSettingsAreWarnings() {
        Diagnostics configProblems = new Diagnostics();
        ConfigReader.read(TestFiles.resource("catalogs/rules"), configProblems);
        List<String> messages = configProblems.sorted().stream().map(Diagnostic::message).toList();
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains("not colour"), messages.toString());
        assertTrue(messages.get(1).contains("Unknown rule setting namePatern"), messages.toString());
    }
}
