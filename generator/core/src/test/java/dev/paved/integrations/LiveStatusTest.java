package dev.paved.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.LiveStatus.Embed;
import dev.paved.integrations.LiveStatus.LiveBadge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live badges and embeds from annotations and configuration alone, from {@code integrations/live/}. */
class LiveStatusTest {

    private static final List<Service> SERVICES = List.of(
            new Service("argocd", "default", "https://argocd.tern.example", "", Map.of("badges", "true")),
            new Service("argocd", "staging", "https://argocd-staging.tern.example", "", Map.of()),
            new Service("sonarqube", "", "https://sonarqube.tern.example", "", Map.of("badges", "true",
                    "snapshots", "false")),
            new Service("grafana", "", "https://grafana-api.tern.example", "", Map.of("web",
                    "https://grafana.tern.example")));

    private static Entity entity(String name) {
        Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(TestFiles.resource(
                "integrations/live/catalog-info.yaml"))), new Diagnostics());
        return catalog.find(EntityRef.parse(name, "component", "default")).orElseThrow();
    }

    @Test
    void badgesAndEmbedsComeFromAnnotationsAndTheConfiguredServicesOnly() {
        LiveStatus live = LiveStatus.of(entity("route-planner"), SERVICES,
                new RemoteImages(List.of("argocd.tern.example")));

        assertEquals(List.of(
                new LiveBadge("Argo CD", "route-planner-staging sync status",
                        "https://argocd.tern.example/api/badge?name=route-planner-staging&revision=true", true,
                        "https://argocd.tern.example/applications/route-planner-staging"),
                new LiveBadge("Argo CD", "route-planner-production sync status",
                        "https://argocd.tern.example/api/badge?name=route-planner-production&revision=true", true,
                        "https://argocd.tern.example/applications/route-planner-production"),
                new LiveBadge("SonarQube", "tern_route-planner quality gate",
                        "https://sonarqube.tern.example/api/project_badges/measure?project=tern_route-planner"
                                + "&metric=alert_status", false,
                        "https://sonarqube.tern.example/dashboard?id=tern_route-planner")),
                live.badges(), "an app name that is not one is left out; SonarQube's host is not in remoteImages: "
                        + "a link");
        assertEquals(List.of(new Embed("Route planner overview dashboard",
                "https://grafana.tern.example/d/abc/route-planner?kiosk")), live.embeds());
    }

    @Test
    void anInstanceWithoutBadgesAnUnknownInstanceAndAnotherHostsDashboardGiveNothing() {
        LiveStatus live = LiveStatus.of(entity("label-renderer"), SERVICES, RemoteImages.ANY);
        assertTrue(live.isEmpty(), "staging has no badges: true; SonarQube 'other' is not configured; the "
                + "dashboard is not on the configured Grafana: " + live);
    }
}
