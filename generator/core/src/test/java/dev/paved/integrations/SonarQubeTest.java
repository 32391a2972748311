package dev.paved.integrations;

import static dev.paved.integrations.LoopbackApi.component;
import static dev.paved.integrations.LoopbackApi.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SonarQube snapshots, end to end, against a loopback server answering as SonarQube's Web API does in its
 * documentation ({@code src/test/resources/integrations/sonarqube/}). The fixture project configures one instance
 * with {@code badges: true} but {@code remoteImages: none}, so the gate's badge is a link; its entities name a
 * project whose gate passes, one whose gate fails, a project SonarQube does not have and an instance that is not
 * configured.
 */
class SonarQubeTest {

    private static final String TOKEN = "sonarqube-t0ken-never-shown";

    @TempDir
    Path dir;
    private LoopbackApi sonar;

    @BeforeEach
    void serve() throws IOException {
        sonar = LoopbackApi.start("sonarqube").expect("Authorization", "Bearer " + TOKEN, "")
                .missing("{\"errors\":[{\"msg\":\"Component key 'tern:gone' not found\"}]}");
        for (String project : List.of("route-planner", "label-renderer")) {
            sonar.route("GET /api/qualitygates/project_status?projectKey=tern:" + project,
                            "status-" + project + ".json")
                    .route("GET /api/measures/component?component=tern:" + project, "measures-" + project + ".json");
        }
    }

    @AfterEach
    void stop() {
        sonar.close();
    }

    @Test
    void aBuildShowsTheQualityGateItsFailedConditionsAndTheMainMeasures() throws IOException {
        Pipeline.Result result = Pipeline.build(sonar.project(dir), Pipeline.Options.defaults().withThreads(2)
                .withCache(false));

        Document planner = page(result, "route-planner");
        assertNotNull(planner.selectFirst("nav.entity-tabs a[data-tab=quality]"), "a Code quality tab");
        Element card = planner.selectFirst("section#quality .integration-card.quality.ok");
        assertEquals(sonar.url() + "/dashboard?id=tern%3Aroute-planner", card.selectFirst("h3 a").attr("href"));
        assertEquals("Passed", card.selectFirst(".gate-status").text());
        assertEquals(List.of("Bugs 0", "Vulnerabilities 0", "Code smells 12", "Coverage (%) 84.3",
                        "Duplications (%) 1.2", "Hotspots reviewed (%) 100.0"),
                card.select("dl.measures dt").stream().map(dt -> dt.text() + " " + dt.nextElementSibling().text())
                        .toList());
        Element badge = card.selectFirst(".quality-gate a");
        assertEquals(sonar.url() + "/api/project_badges/measure?project=tern%3Aroute-planner&metric=alert_status",
                badge.attr("href"), "the badge as a link: remoteImages allows no host");
        assertNull(card.selectFirst("img"));

        Element failing = page(result, "label-renderer").selectFirst("section#quality .integration-card.ok");
        assertEquals("Failed", failing.selectFirst(".gate-status").text());
        assertEquals(List.of("new_coverage is 42.5 (at least 80 needed)",
                        "new_reliability_rating is 3 (at most 1 needed)"),
                failing.select("ul.conditions li").stream().map(Element::text).toList());
        assertEquals("Label renderer <script>alert('sonar')</script>", failing.selectFirst(".project-name").text());
        assertTrue(page(result, "label-renderer").select("script").stream().noneMatch(x -> x.data().contains("sonar")),
                "the API's text is never a tag");

        String gone = page(result, "gone").selectFirst("section#quality .integration-card.refused").text();
        assertTrue(gone.contains("HTTP 404"), gone);
        String legacy = page(result, "old-thing").selectFirst("section#quality .integration-card.refused").text();
        assertTrue(legacy.contains("names legacy, which is not configured"), legacy);
        List<Diagnostic> warnings = result.diagnostics().stream()
                .filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        sonar.heardOnlyWithToken();
        LoopbackApi.showsNowhere(result, TOKEN);
    }

    @Test
    void qualityGatePassedIsTheGatesStatus() throws IOException {
        Snapshots snapshots = LoopbackApi.take(sonar.project(dir), options(), new Diagnostics());
        assertEquals(Map.of("qualityGatePassed", true), snapshots.facts(component("route-planner")));
        assertEquals(Map.of("qualityGatePassed", false), snapshots.facts(component("label-renderer")));
        assertEquals(Map.of(), snapshots.facts(component("gone")));
    }

    /** 401, 404, 500, 429 (with Retry-After) and an answer too late: cards that say so, one warning each. */
    @ParameterizedTest
    @ValueSource(ints = {401, 404, 500, 429, LoopbackApi.LATE})
    void anInstanceThatRefusesOrFailsGivesCardsThatSaySoAndOneWarning(int fault) throws IOException {
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = sonar.takeFailing(fault, dir, options(), problems, "route-planner");
        assertEquals(fault == 404 ? 3 : 1, sonar.heard().size(), "a host that failed is asked once: "
                + sonar.heard());
        assertEquals(fault == 404 ? 4 : 2, problems.sorted().size(), "the failures, and the instance not "
                + "configured: " + problems.sorted());
        problems.sorted().forEach(w -> assertFalse(w.message().contains(TOKEN)));
        sonar.heardOnlyWithToken();
    }

    @Test
    void anInstanceThatIsDownBreaksNoPage() throws IOException {
        sonar.downBreaksNoPage(dir, "route-planner", "quality");
    }

    private static Integrations.Options options() {
        return LoopbackApi.options("PAVED_TEST_SONARQUBE_TOKEN", TOKEN);
    }
}
