package dev.paved.integrations;

import static dev.paved.integrations.LoopbackApi.component;
import static dev.paved.integrations.LoopbackApi.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Code;
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
 * Opsgenie snapshots, end to end, against a loopback server answering as Opsgenie's REST API does in its
 * documentation ({@code src/test/resources/integrations/opsgenie/}). The fixture project's entities name a team
 * (its schedules' on-call participants, its open alerts over two pages) and an alert query.
 */
class OpsgenieTest {

    private static final String KEY = "opsgenie-k3y-never-shown";
    private static final String TEAM_ALERTS = "GET /v2/alerts?query=teams:\"routing\" AND status:open";

    @TempDir
    Path dir;
    private LoopbackApi og;

    @BeforeEach
    void serve() throws IOException {
        og = LoopbackApi.start("opsgenie")
                .expect("Authorization", "GenieKey " + KEY, "{\"message\":\"Key format is not valid!\","
                        + "\"took\":0.0,\"requestId\":\"1\"}")
                .missing("{\"message\":\"Could not find\",\"took\":0.0,\"requestId\":\"2\"}")
                .route("GET /v2/schedules", "schedules.json")
                .route("GET /v2/schedules/d875e654-9b4e-4219-a803-0c26ca2d8d9f/on-calls?flat=true",
                        "oncalls-routing.json")
                .route(TEAM_ALERTS, "alerts-routing-1.json")
                .route(TEAM_ALERTS + "&offset=1", "alerts-routing-2.json")
                .route("GET /v2/alerts?query=(tag:\"label-renderer\") AND status:open", "alerts-none.json");
    }

    @AfterEach
    void stop() {
        og.close();
    }

    @Test
    void aBuildShowsTheTeamsOnCallParticipantsAndOpenAlerts() throws IOException {
        Pipeline.Result result = Pipeline.build(og.project(dir), Pipeline.Options.defaults().withThreads(2)
                .withCache(false));

        Document planner = page(result, "route-planner");
        Element card = planner.selectFirst("section#operations .integration-card.oncall.ok");
        assertEquals("Opsgenie: team routing", card.selectFirst("h3").text());
        assertEquals("https://tern.app.opsgenie.com", card.selectFirst("h3 a").attr("href"));
        assertEquals(List.of("ada@tern.example (Routing primary)",
                        "grace <script>alert('og')</script> (Routing primary)"),
                card.select("ul.responders li").stream().map(Element::text).toList(), "the team's schedules only");
        List<Element> alerts = card.select("table.incidents tbody tr");
        assertEquals(List.of("#1791 Route solver latency above 2 s open P2 2024-05-03T05:40:00.000Z",
                        "#1788 Map tiles 5xx <script>alert('og')</script> acknowledged P4 2024-05-02T22:10:00.000Z"),
                alerts.stream().map(Element::text).toList(), "both pages");
        assertEquals("https://tern.app.opsgenie.com/alert/detail/70413a06-38d6-4c85-92b8-5ebc900d42e2/details",
                alerts.get(0).selectFirst("a").attr("href"));
        assertTrue(planner.select("script").stream().noneMatch(s -> s.data().contains("alert('og')")));

        Element labels = page(result, "label-renderer").selectFirst("section#operations .integration-card.ok");
        assertNull(labels.selectFirst("ul.responders, .nobody"), "an alert query asks no schedule");
        assertEquals("None.", labels.selectFirst(".none-open").text());
        assertEquals(0, result.diagnostics().stream().filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE).count());
        og.heardOnlyWithToken();
        LoopbackApi.showsNowhere(result, KEY);
    }

    @Test
    void hasOnCallIsAskedOnlyOfATeam() throws IOException {
        Snapshots snapshots = LoopbackApi.take(og.project(dir), options(), new Diagnostics());
        assertEquals(Map.of("hasOnCall", true, "openIncidents", 2), snapshots.facts(component("route-planner")));
        assertEquals(Map.of("openIncidents", 0), snapshots.facts(component("label-renderer")));
    }

    /** 401, 404, 500, 429 (with Retry-After) and an answer too late: cards that say so, one warning each. */
    @ParameterizedTest
    @ValueSource(ints = {401, 404, 500, 429, LoopbackApi.LATE})
    void opsgenieRefusingOrFailingGivesCardsThatSaySoAndOneWarning(int fault) throws IOException {
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = og.takeFailing(fault, dir, options(), problems, "route-planner");
        assertEquals(fault == 404 ? 2 : 1, og.heard().size(), "a host that failed is asked once: " + og.heard());
        assertEquals(fault == 404 ? 2 : 1, problems.sorted().size(), problems.sorted().toString());
        problems.sorted().forEach(w -> assertFalse(w.message().contains(KEY)));
        og.heardOnlyWithToken();
    }

    @Test
    void opsgenieDownBreaksNoPage() throws IOException {
        og.downBreaksNoPage(dir, "route-planner", "operations");
    }

    private static Integrations.Options options() {
        return LoopbackApi.options("PAVED_TEST_OPSGENIE_KEY", KEY);
    }
}
