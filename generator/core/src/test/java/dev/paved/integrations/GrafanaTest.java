package dev.paved.integrations;

import static dev.paved.integrations.LoopbackApi.component;
import static dev.paved.integrations.LoopbackApi.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * Grafana snapshots, end to end, against a loopback server answering as Grafana's HTTP API does in its
 * documentation ({@code src/test/resources/integrations/grafana/}). The fixture project configures Grafana with
 * unified alerting; its entities pick dashboards by a tag and by an expression, alerts by a label, an overview
 * dashboard on Grafana's origin (embedded) and one elsewhere (a link), and a selector that is not one.
 */
class GrafanaTest {

    private static final String TOKEN = "grafana-t0ken-never-shown";

    @TempDir
    Path dir;
    private LoopbackApi grafana;

    @BeforeEach
    void serve() throws IOException {
        grafana = LoopbackApi.start("grafana")
                .expect("Authorization", "Bearer " + TOKEN, "{\"message\":\"Invalid API key\"}")
                .missing("{\"message\":\"Not found\"}")
                .route("GET /api/search?type=dash-db&tag=route-planner&page=1", "search-route-planner.json")
                .route("GET /api/search?type=dash-db&page=1", "search-page-1.json")
                .route("GET /api/search?type=dash-db&page=2", "search-page-2.json")
                .route("GET /api/alertmanager/grafana/api/v2/alerts?filter=service=route-planner",
                        "alerts-route-planner.json");
    }

    @AfterEach
    void stop() {
        grafana.close();
    }

    @Test
    void aBuildShowsDashboardsAlertsAndTheOverviewEmbeddedOnlyFromGrafanasOrigin() throws IOException {
        Pipeline.Result result = Pipeline.build(grafana.project(dir), Pipeline.Options.defaults().withThreads(2)
                .withCache(false));

        Document planner = page(result, "route-planner");
        Element card = planner.selectFirst("section#operations .integration-card.grafana.ok");
        assertNotNull(card);
        Element frame = card.selectFirst("iframe.grafana-overview");
        assertEquals(grafana.url() + "/d/rp-overview/route-planner?orgId=1&kiosk", frame.attr("src"));
        assertEquals("no-referrer", frame.attr("referrerpolicy"));
        assertEquals("lazy", frame.attr("loading"));
        assertTrue(frame.hasAttr("sandbox"));
        assertEquals(List.of("Route planner <script>alert('graf')</script> in Routing", "Route planner (javascript)"),
                card.select("ul.dashboards li").stream().map(Element::text).toList());
        assertEquals(grafana.url() + "/d/rp-overview/route-planner", card.selectFirst("ul.dashboards a")
                .attr("href"));
        assertEquals(1, card.select("ul.dashboards a").size(), "no javascript: link from the API");
        assertEquals(List.of("Route solver latency above 2 s active", "RoutePlannerErrors suppressed"),
                card.select("ul.alerts li").stream().map(Element::text).toList());
        assertEquals(grafana.url() + "/alerting/grafana/rp-latency/view", card.selectFirst("ul.alerts a")
                .attr("href"));
        assertTrue(planner.select("script").stream().noneMatch(s -> s.data().contains("graf")));

        Element parcels = page(result, "parcels").selectFirst("section#operations .integration-card.ok");
        assertNull(parcels.selectFirst("iframe"), "an overview on another host is not embedded");
        assertEquals("https://grafana.elsewhere.example/d/parcels", parcels.selectFirst(".overview a").attr("href"));
        assertEquals(List.of("Parcels API in Parcels"), parcels.select("ul.dashboards li").stream()
                .map(Element::text).toList(), "the expression, over one page of 50");

        String broken = page(result, "broken-selector").selectFirst("section#operations .integration-card.refused")
                .text();
        assertTrue(broken.contains("a quote is not closed"), broken);
        assertEquals(1, result.diagnostics().stream().filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE).count());
        grafana.heardOnlyWithToken();
        LoopbackApi.showsNowhere(result, TOKEN);
    }

    @Test
    void anExpressionFiltersEveryPageOfDashboardsAndFactsFollow() throws IOException {
        Snapshots snapshots = LoopbackApi.take(grafana.project(dir), options().withPages(2, 3), new Diagnostics());
        Dashboards parcels = (Dashboards) snapshots.of(component("parcels")).get(0).reading();
        assertEquals(List.of("Parcels API", "Parcels SLO"), parcels.dashboards().stream()
                .map(Dashboards.Dashboard::title).toList(), "two pages of two; the old one left out");
        assertEquals(1, grafana.asked("GET /api/search?type=dash-db&limit=2&page=2"));
        assertEquals(Map.of("hasDashboards", true, "alertsFiring", 1), snapshots.facts(component("route-planner")));
        assertEquals(Map.of("hasDashboards", true), snapshots.facts(component("parcels")));
    }

    /** 401, 404, 500, 429 (with Retry-After) and an answer too late: cards that say so, one warning each. */
    @ParameterizedTest
    @ValueSource(ints = {401, 404, 500, 429, LoopbackApi.LATE})
    void grafanaRefusingOrFailingGivesCardsThatSaySoAndOneWarning(int fault) throws IOException {
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = grafana.takeFailing(fault, dir, options(), problems, "route-planner");
        assertEquals(fault == 404 ? 2 : 1, grafana.heard().size(), "a host that failed is asked once: "
                + grafana.heard());
        assertEquals(fault == 404 ? 3 : 2, problems.sorted().size(), "the failures, and the broken selector: "
                + problems.sorted());
        problems.sorted().forEach(w -> assertFalse(w.message().contains(TOKEN)));
        grafana.heardOnlyWithToken();
    }

    @Test
    void grafanaDownBreaksNoPage() throws IOException {
        grafana.downBreaksNoPage(dir, "route-planner", "operations");
    }

    private static Integrations.Options options() {
        return LoopbackApi.options("PAVED_TEST_GRAFANA_TOKEN", TOKEN);
    }
}
