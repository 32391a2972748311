package dev.paved.integrations;

import static dev.paved.integrations.LoopbackApi.component;
import static dev.paved.integrations.LoopbackApi.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Snapshot.Status;
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
 * Argo CD snapshots, end to end, against a loopback server answering as Argo CD's API does in its reference
 * ({@code src/test/resources/integrations/argocd/}). The fixture project configures one instance with
 * {@code badges: true} and its token's variable (set by surefire); its entities name an application, a label
 * selector, an application Argo CD does not have and an instance that is not configured.
 */
class ArgoCdTest {

    private static final String TOKEN = "argocd-t0ken-never-shown";
    private static final String APP = "GET /api/v1/applications/route-planner";

    @TempDir
    Path dir;
    private LoopbackApi argo;

    @BeforeEach
    void serve() throws IOException {
        argo = LoopbackApi.start("argocd").expect("Authorization", "Bearer " + TOKEN,
                        "{\"error\":\"invalid session\",\"code\":16,\"message\":\"invalid session\"}")
                .missing("{\"error\":\"not found\",\"code\":5,\"message\":\"applications.argoproj.io not found\"}")
                .route(APP, "app-route-planner.json")
                .route("GET /api/v1/applications?selector=team=parcels", "apps-team-parcels.json");
    }

    @AfterEach
    void stop() {
        argo.close();
    }

    @Test
    void aBuildShowsEachApplicationsSyncHealthRevisionDestinationDeploymentsAndLiveBadge() throws IOException {
        Pipeline.Result result = Pipeline.build(argo.project(dir), Pipeline.Options.defaults().withThreads(2)
                .withCache(false));

        assertEquals(1, argo.asked(APP), "one question per application, however many entities ask it");
        Document planner = page(result, "route-planner");
        assertNotNull(planner.selectFirst("nav.entity-tabs a[data-tab=deployments]"), "a Deployments tab");
        Element card = planner.selectFirst("section#deployments .integration-card.argocd.ok");
        assertNotNull(card);
        assertEquals(argo.url() + "/applications/route-planner", card.selectFirst("h3 a").attr("href"));
        Element app = card.selectFirst(".argo-app");
        assertEquals("Synced", app.selectFirst(".sync").text());
        assertEquals("Healthy", app.selectFirst(".health").text());
        assertEquals("8f2c1e0 (following main<script>alert('argo')</script>)", app.selectFirst(".revision").text(),
                "the short revision; the API's text as text");
        assertEquals("https://kubernetes.default.svc / routing", app.selectFirst(".destination").text());
        assertEquals(List.of("#16 8f2c1e0 2024-05-02T10:20:00Z", "#15 5555555 2024-05-01T18:00:00Z",
                        "#14 4444444 2024-05-01T09:00:00Z", "#13 3333333 2024-04-30T09:00:00Z",
                        "#12 2222222 2024-04-29T09:00:00Z"),
                app.select("table.history tbody tr").stream().map(Element::text).toList(), "the latest five");
        assertEquals(List.of("registry.tern.example/route-planner:1.4.2", "registry.tern.example/envoy:1.29"),
                app.select("ul.images li").stream().map(Element::text).toList());
        assertEquals(argo.url() + "/api/badge?name=route-planner&revision=true",
                app.selectFirst("img.badge").attr("src"), "the live badge, its host allowed by remoteImages");
        assertTrue(planner.select("script").stream().noneMatch(s -> s.data().contains("alert")));

        // A label selector: the applications it picks, by name.
        Document parcels = page(result, "parcels");
        List<Element> apps = parcels.select("section#deployments .argo-app");
        assertEquals(List.of("parcel-api", "parcel-worker"), apps.stream().map(a -> a.selectFirst("h4").text())
                .toList());
        assertEquals("OutOfSync", apps.get(1).selectFirst(".sync").text());
        assertEquals("production-eu / parcels-batch", apps.get(1).selectFirst(".destination").text());
        assertEquals("2.3.1 (following 2.3.*)", apps.get(1).selectFirst(".revision").text());

        // Two names: a card each, the one Argo CD does not have says so.
        List<Element> cards = page(result, "route-planner-and-a-typo").select("section#deployments .integration-card");
        assertEquals(List.of("ok", "refused"), cards.stream().map(c -> c.classNames().contains("ok") ? "ok"
                : "refused").toList());
        assertTrue(cards.get(1).text().contains("HTTP 404"), cards.get(1).text());

        // An instance that is not configured: a card that says so, and nothing asked.
        String staging = page(result, "on-staging").selectFirst("section#deployments .integration-card.refused")
                .text();
        assertTrue(staging.contains("argocd/instance-name names staging, which is not configured"), staging);
        assertNull(page(result, "no-argo").selectFirst("nav.entity-tabs a[data-tab=deployments]"));

        List<Diagnostic> warnings = result.diagnostics().stream()
                .filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        argo.heardOnlyWithToken();
        LoopbackApi.showsNowhere(result, TOKEN);
    }

    @Test
    void factsAreWhereEachApplicationDeploysAndWhetherAllAreSyncedAndHealthy() throws IOException {
        Snapshots snapshots = LoopbackApi.take(argo.project(dir), options(), new Diagnostics());
        assertEquals(Map.of("deployedTo", List.of("routing"), "argoSynced", true, "argoHealthy", true),
                snapshots.facts(component("route-planner")));
        assertEquals(Map.of("deployedTo", List.of("parcels", "parcels-batch"), "argoSynced", false,
                "argoHealthy", false), snapshots.facts(component("parcels")));
        assertEquals(snapshots.facts(component("route-planner")),
                snapshots.facts(component("route-planner-and-a-typo")), "the card not found tells nothing");
        assertEquals(Map.of(), snapshots.facts(component("on-staging")));
    }

    /** 401, 404, 500, 429 (with Retry-After) and an answer too late: cards that say so, one warning each. */
    @ParameterizedTest
    @ValueSource(ints = {401, 404, 500, 429, LoopbackApi.LATE})
    void anInstanceThatRefusesOrFailsGivesCardsThatSaySoAndOneWarning(int fault) throws IOException {
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = argo.takeFailing(fault, dir, options(), problems, "route-planner");
        assertEquals(Map.of(), snapshots.facts(component("parcels")));
        // A host that failed as a whole is asked once; a 404 is the application's alone.
        assertEquals(fault == 404 ? 3 : 1, argo.heard().size(), argo.heard().toString());
        List<Diagnostic> warnings = problems.sorted();
        assertEquals(fault == 404 ? 4 : 2, warnings.size(), "the failures, and the instance not configured: "
                + warnings);
        warnings.forEach(w -> assertTrue(!w.message().contains(TOKEN)));
        argo.heardOnlyWithToken();
    }

    @Test
    void theTokenDoesNotFollowARedirectToAnotherOrigin() throws IOException {
        try (LoopbackApi elsewhere = LoopbackApi.start("argocd")) {
            elsewhere.route(APP, "app-route-planner.json");
            argo.redirect(APP, elsewhere.url() + "/api/v1/applications/route-planner");
            Snapshots snapshots = LoopbackApi.take(argo.project(dir), options(), new Diagnostics());
            assertEquals(Status.OK, snapshots.of(component("route-planner")).get(0).status());
            assertEquals(1, elsewhere.heard().size());
            assertNull(elsewhere.heard().get(0).authorization(), "the token stays on the configured origin");
        }
    }

    @Test
    void anInstanceThatIsDownBreaksNoPage() throws IOException {
        Document page = argo.downBreaksNoPage(dir, "route-planner", "deployments");
        assertNotNull(page.selectFirst("section#overview, main"), "the rest of the page");
    }

    private static Integrations.Options options() {
        return LoopbackApi.options("PAVED_TEST_ARGOCD_TOKEN", TOKEN);
    }
}
