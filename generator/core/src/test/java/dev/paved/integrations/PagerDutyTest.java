package dev.paved.integrations;

import static dev.paved.integrations.LoopbackApi.component;
import static dev.paved.integrations.LoopbackApi.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * PagerDuty snapshots, end to end, against a loopback server answering as PagerDuty's REST API v2 does in its
 * reference ({@code src/test/resources/integrations/pagerduty/}). The fixture project's entities name a service by
 * id, one by an integration key found on the second page of services ({@code offset}, {@code more}), and an
 * integration key no service has.
 */
class PagerDutyTest {

    private static final String TOKEN = "pagerduty-t0ken-never-shown";
    private static final String KEY = "8c3f2a1b9d4e4f7a8b6c5d4e3f2a1b0c";

    @TempDir
    Path dir;
    private LoopbackApi pd;

    @BeforeEach
    void serve() throws IOException {
        pd = LoopbackApi.start("pagerduty")
                .expect("Authorization", "Token token=" + TOKEN, "{\"error\":{\"message\":\"Unauthorized\","
                        + "\"code\":2006}}")
                .missing("{\"error\":{\"message\":\"Not Found\",\"code\":2100}}")
                .route("GET /services/PRT0001", "service-route-planner.json")
                .route("GET /oncalls?escalation_policy_ids[]=PPOL001", "oncalls-routing.json")
                .route("GET /oncalls?escalation_policy_ids[]=PPOL002", "oncalls-none.json")
                .route("GET /incidents?service_ids[]=PRT0001&statuses[]=triggered&statuses[]=acknowledged",
                        "incidents-route-planner.json")
                .route("GET /incidents?service_ids[]=PLR0002&statuses[]=triggered&statuses[]=acknowledged",
                        "incidents-none.json")
                .route("GET /services?include[]=integrations&offset=0", "services-1.json")
                .route("GET /services?include[]=integrations&offset=1", "services-2.json");
    }

    @AfterEach
    void stop() {
        pd.close();
    }

    @Test
    void aBuildShowsWhoIsOnCallByEscalationLevelAndTheOpenIncidents() throws IOException {
        Pipeline.Result result = Pipeline.build(pd.project(dir), Pipeline.Options.defaults().withThreads(2)
                .withCache(false));

        Document planner = page(result, "route-planner");
        assertNotNull(planner.selectFirst("nav.entity-tabs a[data-tab=operations]"), "an Operations tab");
        Element card = planner.selectFirst("section#operations .integration-card.oncall.ok");
        assertEquals("PagerDuty: service PRT0001", card.selectFirst("h3").text());
        assertEquals("https://tern.pagerduty.com/service-directory/PRT0001", card.selectFirst("h3 a").attr("href"));
        assertEquals("Escalation policy: Routing on call", card.selectFirst(".policy").text());
        assertEquals(List.of("Level 1: Ada Lovelace (Routing primary) until 2024-05-03T09:00:00Z",
                        "Level 2: Grace <script>alert('pd')</script> (Routing secondary) until 2024-05-06T09:00:00Z"),
                card.select("ul.responders li").stream().map(Element::text).toList(),
                "by level, each person once a level");
        assertEquals("https://tern.pagerduty.com/users/PUSR001", card.selectFirst("ul.responders a").attr("href"));
        List<Element> incidents = card.select("table.incidents tbody tr");
        assertEquals(List.of("#1234 Route solver latency above 2 s triggered high 2024-05-03T05:40:00Z",
                        "#1229 Map tiles 5xx acknowledged low 2024-05-02T22:10:00Z"),
                incidents.stream().map(Element::text).toList());
        assertTrue(incidents.get(1).select("a").isEmpty(), "no javascript: link from the API");
        assertTrue(planner.select("script").stream().noneMatch(s -> s.data().contains("alert")));

        // By integration key: the services are read page by page until the key is found.
        Element labels = page(result, "label-renderer").selectFirst("section#operations .integration-card.ok");
        assertEquals("Nobody is on call.", labels.selectFirst(".nobody").text());
        assertEquals("None.", labels.selectFirst(".none-open").text());
        assertEquals(2, pd.asked("GET /services?include[]=integrations&limit=50&offset=1"),
                "the second page, for label-renderer's key and lost-key's");

        Element lost = page(result, "lost-key").selectFirst("section#operations .integration-card.refused");
        assertTrue(lost.text().contains("has the integration key of pagerduty.com/integration-key"), lost.text());
        List<Diagnostic> warnings = result.diagnostics().stream()
                .filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        pd.heardOnlyWithToken();
        LoopbackApi.showsNowhere(result, TOKEN);
        // The key is the catalog's (its annotations show it); the cards and warnings do not repeat it.
        assertFalse(page(result, "label-renderer").select("section#operations").outerHtml().contains(KEY));
        warnings.forEach(w -> assertFalse(w.message().contains(KEY)));
        assertTrue(pd.heard().stream().allMatch(h -> !h.request().contains(KEY)), "the key is never sent either");
    }

    @Test
    void hasOnCallAndOpenIncidentsAreWhatPagerDutySays() throws IOException {
        Snapshots snapshots = LoopbackApi.take(pd.project(dir), options(), new Diagnostics());
        assertEquals(Map.of("hasOnCall", true, "openIncidents", 2), snapshots.facts(component("route-planner")));
        assertEquals(Map.of("hasOnCall", false, "openIncidents", 0), snapshots.facts(component("label-renderer")));
        assertEquals(Map.of(), snapshots.facts(component("lost-key")));
    }

    /** 401, 404, 500, 429 (with Retry-After) and an answer too late: cards that say so, one warning each. */
    @ParameterizedTest
    @ValueSource(ints = {401, 404, 500, 429, LoopbackApi.LATE})
    void pagerDutyRefusingOrFailingGivesCardsThatSaySoAndOneWarning(int fault) throws IOException {
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = pd.takeFailing(fault, dir, options(), problems, "route-planner");
        assertEquals(fault == 404 ? 3 : 1, pd.heard().size(), "a host that failed is asked once: " + pd.heard());
        assertEquals(fault == 404 ? 3 : 1, problems.sorted().size(), problems.sorted().toString());
        problems.sorted().forEach(w -> assertFalse(w.message().contains(TOKEN) || w.message().contains(KEY)));
        pd.heardOnlyWithToken();
    }

    @Test
    void pagerDutyDownBreaksNoPage() throws IOException {
        pd.downBreaksNoPage(dir, "route-planner", "operations");
    }

    private static Integrations.Options options() {
        return LoopbackApi.options("PAVED_TEST_PAGERDUTY_TOKEN", TOKEN);
    }
}
