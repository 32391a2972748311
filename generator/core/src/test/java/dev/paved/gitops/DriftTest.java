package dev.paved.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Snapshot;
import dev.paved.integrations.Snapshots;
import dev.paved.integrations.Workloads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drift: the shop's desired state against hand-made Kubernetes snapshots of what its clusters run. */
class DriftTest {

    private static final Path SHOP = TestFiles.resource("gitops/shop/catalog");
    private static final EntityRef ORDERS = EntityRef.parse("orders", "Component", "default");
    private static final Catalog CATALOG = CatalogReader.read(List.of(CatalogSource.of(SHOP)), new Diagnostics());

    private static Snapshot cluster(String name, Workloads.Workload... running) {
        return new Snapshot("Kubernetes", name, Instant.parse("2026-12-01T08:00:00Z"), Snapshot.Status.OK, "",
                new Workloads(name, List.of(running), List.of()), "");
    }

    private static DesiredState.Environment prod(Snapshots live) {
        return GitOps.read(CATALOG, List.of(SHOP), live, new Diagnostics()).of(ORDERS).stream()
                .filter(e -> e.name().equals("prod")).findFirst().orElseThrow();
    }

    private static DesiredState.Container container(DesiredState.Environment env, String name) {
        return env.workloads().get(0).containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void aContainerRunningAnotherImageThanGitAsksForIsMarked() {
        Snapshots live = new Snapshots(Map.of(ORDERS, List.of(cluster("prod-eu", new Workloads.Workload(
                "Deployment", "shop", "prod-orders", 3, 3, List.of("registry.example/orders-hardened:1.9",
                "docker.io/envoyproxy/envoy:v1.30.1"), 0)))));
        DesiredState.Environment prod = prod(live);
        DesiredState.Container orders = container(prod, "orders");
        assertEquals("registry.example/orders-hardened:2.0", orders.reference(), "Git asks");
        assertEquals("registry.example/orders-hardened:1.9", orders.running(), "the cluster runs");
        assertEquals("prod-eu", orders.cluster());
        assertEquals("", container(prod, "proxy").running(), "docker.io/ is Docker Hub's own name");
        assertTrue(prod.drifted());
    }

    @Test
    void theSameImageOrAnotherNamespaceIsNoDrift() {
        Snapshots same = new Snapshots(Map.of(ORDERS, List.of(cluster("prod", new Workloads.Workload("Deployment",
                "shop", "prod-orders", 3, 3, List.of("registry.example/orders-hardened:2.0",
                "envoyproxy/envoy:v1.30.1"), 0)))));
        assertFalse(prod(same).drifted());
        Snapshots elsewhere = new Snapshots(Map.of(ORDERS, List.of(cluster("prod", new Workloads.Workload(
                "Deployment", "other", "prod-orders", 3, 3, List.of("registry.example/orders-hardened:1.0"), 0)))));
        assertFalse(prod(elsewhere).drifted(), "matched by namespace and name");
        Snapshots refused = new Snapshots(Map.of(ORDERS, List.of(new Snapshot("Kubernetes", "prod", Instant.EPOCH,
                Snapshot.Status.UNREACHABLE, "timed out", new Workloads("prod", List.of(), List.of()), ""))));
        assertFalse(prod(refused).drifted(), "a cluster that did not answer says nothing");
    }

    @Test
    void inSeveralClustersTheOneNamedLikeTheEnvironmentIsCompared() {
        Workloads.Workload old = new Workloads.Workload("Deployment", "shop", "prod-orders", 3, 3,
                List.of("registry.example/orders-hardened:1.8", "envoyproxy/envoy:v1.30.1"), 0);
        Workloads.Workload current = new Workloads.Workload("Deployment", "shop", "prod-orders", 3, 3,
                List.of("registry.example/orders-hardened:2.0", "envoyproxy/envoy:v1.30.1"), 0);
        DesiredState.Environment named = prod(new Snapshots(Map.of(ORDERS, List.of(cluster("dr-site", old),
                cluster("prod-eu", current)))));
        assertFalse(named.drifted(), "prod-eu is prod's");
        DesiredState.Environment unknown = prod(new Snapshots(Map.of(ORDERS, List.of(cluster("blue", old),
                cluster("green", current)))));
        assertFalse(unknown.drifted());
        assertTrue(unknown.notes().contains("drift not compared for prod-orders: it runs in blue, green, and which "
                + "is prod is not known"), unknown.notes().toString());
    }
}
