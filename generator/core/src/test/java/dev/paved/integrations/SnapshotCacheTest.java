package dev.paved.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.catalog.EntityRef;
import dev.paved.integrations.Snapshot.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of answer kept between builds as it was, and shown when a service does not answer. */
class SnapshotCacheTest {

    private static final Instant THEN = Instant.parse("2024-05-02T06:00:00Z");
    private static final Instant NOW = Instant.parse("2024-05-03T06:00:00Z");
    private static final EntityRef PLANNER = EntityRef.parse("route-planner", "component", "default");

    private static Snapshot ok(String service, String source, Reading reading) {
        return new Snapshot(service, source, THEN, Status.OK, "", reading, "https://example.com/" + service);
    }

    /** One answer of each kind a service gives. */
    private static List<Snapshot> everyKind() {
        return List.of(
                ok("GitHub Actions", "github.com tern/route-planner", new CiRuns(List.of(new Run(
                        ".github/workflows/ci.yml", "CI", "completed", "success", "2024-05-02T05:00:00Z",
                        "https://github.com/tern/route-planner/actions/runs/1",
                        Optional.of(new Badge("https://github.com/tern/route-planner/badge.svg", true)))))),
                ok("Kubernetes", "production backstage.io/kubernetes-id=route-planner", new Workloads("production",
                        List.of(new Workloads.Workload("Deployment", "routing", "route-planner", 3, 2,
                                List.of("registry/route-planner:1.4.2"), 4)),
                        List.of(new Workloads.FluxObject("Kustomization", "routing", "route-planner", true, "ok",
                                "main@sha1:5f1e")))),
                ok("Argo CD", "main route-planner", new ArgoApps(List.of(new ArgoApps.App("route-planner",
                        "https://argocd/applications/route-planner", "Synced", "Healthy", "5f1e2d3", "HEAD",
                        "https://kubernetes.default.svc", "routing", List.of(new ArgoApps.Deployment(7, "5f1e2d3",
                        "2024-05-01T10:00:00Z")), List.of("registry/route-planner:1.4.2"), Optional.empty())))),
                ok("Grafana", "grafana tag route-planner", new Dashboards(true, List.of(new Dashboards.Dashboard(
                        "Route planner", "Routing", "https://grafana/d/1", List.of("route-planner"))), true,
                        List.of(new Dashboards.Alert("Latency", "firing", "https://grafana/alerting/1")), "", false)),
                ok("PagerDuty", "PD service P1", new OnCall("Route planner", "Routing policy", "https://pd/ep",
                        true, List.of(new OnCall.Responder("Ada", "https://pd/u/1", 1, "Primary",
                        "2024-05-04T09:00:00Z")), "Open incidents", true, List.of(new OnCall.Incident("12",
                        "Routes late", "triggered", "high", "2024-05-02T04:00:00Z", "https://pd/i/12")))),
                ok("SonarQube", "sonar tern_route-planner", new QualityGate("tern_route-planner", "Route planner",
                        "ERROR", List.of(new QualityGate.Condition("coverage", "LT", "80", "71.5")),
                        List.of(new QualityGate.Measure("bugs", "Bugs", "3")), Optional.empty())));
    }

    @Test
    void everyKindOfAnswerIsKeptAsItWas(@TempDir Path dir) throws IOException {
        Snapshots built = new Snapshots(Map.of(PLANNER, everyKind()));
        Path file = dir.resolve("integrations/snapshots.json");
        SnapshotCache.write(file, built);

        assertEquals(built.byEntity(), SnapshotCache.read(file).byEntity());
    }

    @Test
    void aServiceThatDoesNotAnswerShowsItsLastAnswerAndWhyAndOneThatNeverAnsweredNothing() {
        Snapshot last = everyKind().get(0);
        Snapshots previous = new Snapshots(Map.of(PLANNER, List.of(last)));
        Snapshot down = Snapshot.failed("ci", last.service(), last.source(), NOW, Status.UNREACHABLE,
                "api.github.com answered HTTP 502");
        Snapshot neverAnswered = Snapshot.failed("quality", "SonarQube", "sonar other", NOW, Status.REFUSED,
                "HTTP 401");

        Snapshots shown = SnapshotCache.restore(new Snapshots(Map.of(PLANNER, List.of(down, neverAnswered))),
                previous);

        Snapshot restored = shown.of(PLANNER).get(0);
        assertEquals(Status.OK, restored.status());
        assertEquals(THEN, restored.asOf(), "as of when it answered");
        assertEquals(last.reading(), restored.reading());
        assertEquals("Not newer: api.github.com answered HTTP 502. This is what it said at 2024-05-02T06:00:00Z.",
                restored.message());
        assertSame(neverAnswered, shown.of(PLANNER).get(1));
    }

    @Test
    void aFileItCannotReadIsNoSnapshots(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("snapshots.json");
        Files.writeString(file, "{\"entities\":[{\"ref\":\"component:x\",\"snapshots\":[{\"reading\":"
                + "{\"type\":\"java.lang.ProcessBuilder\"}}]}]}");
        assertTrue(SnapshotCache.read(file).byEntity().isEmpty());
        Files.writeString(file, "not json");
        assertTrue(SnapshotCache.read(file).byEntity().isEmpty());
    }
}
