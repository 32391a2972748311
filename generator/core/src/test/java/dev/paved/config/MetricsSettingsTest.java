package dev.paved.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code metrics} in paved.yaml: the window, production's names and the failure window. */
class MetricsSettingsTest {

    @Test
    void settingsAreRead() {
        Diagnostics problems = new Diagnostics();
        Metrics.Settings s = ConfigReader.readFile(TestFiles.resource("config/metrics/paved.yaml"), problems)
                .metrics();
        assertEquals(List.of(), problems.sorted());
        assertEquals(Duration.ofDays(90), s.window());
        assertEquals(Duration.ofHours(6), s.failureWindow());
        assertTrue(s.production().matcher("Live").matches());
        assertTrue(s.production().matcher("production").matches());
        assertFalse(s.production().matcher("prod").matches(), "only the names given");
        assertFalse(s.production().matcher("preproduction").matches(), "whole names");
    }

    @Test
    void withoutTheSettingTheDefaultsHold() {
        Metrics.Settings s = ConfigReader.readFile(TestFiles.resource("config/services/paved.yaml"),
                new Diagnostics()).metrics();
        assertEquals(Metrics.Settings.DEFAULTS, s);
        assertTrue(s.production().matcher("prod").matches());
        assertFalse(s.production().matcher("staging").matches());
    }

    @Test
    void badValuesAreNamedAndTheDefaultsUsed() {
        Diagnostics problems = new Diagnostics();
        Metrics.Settings s = ConfigReader.readFile(TestFiles.resource("config/metrics-bad/paved.yaml"), problems)
                .metrics();
        List<String> messages = problems.sorted().stream().map(Diagnostic::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("metrics.history is a number of days, hours or "
                + "minutes (180d, 24h, 90m), not half a year")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("metrics.production is not a regular expression")),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("Unknown setting metrics.failureWindw")),
                messages.toString());
        assertEquals(Metrics.Settings.DEFAULTS.window(), s.window());
        assertTrue(s.production().matcher("production").matches());
        problems.sorted().forEach(d -> assertTrue(d.line() >= 3 && d.line() <= 5, "at its line: " + d));
    }
}
