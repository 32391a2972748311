package dev.paved.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code services} in paved.yaml and the app-config's services, from {@code config/services/}. */
class ServiceReaderTest {

    @Test
    void servicesAreReadFromPavedYamlAndTheAppConfigAsBackstagesPluginsConfigureThem() {
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.readFile(TestFiles.resource("config/services/paved.yaml"), problems);

        assertEquals(List.of(
                new Service("argocd", "main", "https://argocd.tern.example", "ARGOCD_TOKEN", Map.of("badges", "true")),
                new Service("sonarqube", "", "https://sonarqube.tern.example", "SONAR_TOKEN",
                        Map.of("snapshots", "false")),
                new Service("pagerduty", "", "https://api.pagerduty.com", "", Map.of()),
                new Service("argocd", "staging", "https://argocd-staging.tern.example", "ARGOCD_STAGING_TOKEN",
                        Map.of()),
                new Service("kubernetes", "production", "https://k8s.tern.example", "K8S_PROD_TOKEN",
                        Map.of("caData", "LS0tLS1CRUdJTi0tLS0t")),
                new Service("grafana", "", "https://grafana.tern.example", "GRAFANA_TOKEN",
                        Map.of("web", "https://grafana.tern.example", "unifiedAlerting", "true")),
                new Service("opsgenie", "", "https://api.eu.opsgenie.com", "OPSGENIE_API_KEY",
                        Map.of("web", "https://tern.app.eu.opsgenie.com/"))),
                config.services(), "paved.yaml's first, then the app-config's not named the same");
        assertFalse(config.services().get(1).asked(), "snapshots: false: live badges only");
        assertTrue(config.services().get(0).asked());

        List<Diagnostic> said = problems.sorted();
        assertEquals(3, said.size(), said.toString());
        assertTrue(said.stream().anyMatch(d -> d.code() == Code.INVALID_CONFIG && d.line() == 14
                && d.message().contains("needs its url")), "grafana without https://: " + said);
        assertTrue(said.stream().anyMatch(d -> d.code() == Code.UNKNOWN_CONFIG_KEY && d.line() == 16
                && d.message().contains("Unknown service nagios")), said.toString());
        assertTrue(said.stream().anyMatch(d -> d.line() == 19
                && d.message().contains("a token written out is not used")), said.toString());
        said.forEach(d -> assertFalse(d.message().contains("u+written-out-token"), "never shown: " + d));
    }

    @Test
    void withoutAppConfigTrueTheAppConfigsServicesAreNotAsked() {
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.readFile(TestFiles.resource("config/services/paved.yaml"), problems);
        assertEquals(7, config.services().size());
        PavedConfig none = PavedConfig.defaults(TestFiles.resource("config/services"));
        assertEquals(List.of(), none.services());
    }
}
