package dev.paved.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.Snapshot.Status;
import dev.paved.pipeline.Pipeline;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kubernetes snapshots against an API server: fabric8's mock server in CRUD mode (no real API server can be run from
 * Debian or Maven packages here), holding the objects a cluster would, created through the client library; faults
 * from a loopback server answering 401, 500 or too late.
 *
 * <p>The fixture project ({@code integrations/kubernetes}) configures one cluster, {@code production}, with a token
 * in {@code PAVED_TEST_K8S_TOKEN}. Its catalog names a component by {@code backstage.io/kubernetes-id}, one by a
 * label selector in a namespace, one that runs nowhere.
 */
class KubernetesSnapshotsTest {

    private static final String TOKEN = "k8s-t0ken-never-shown";
    private static final CustomResourceDefinitionContext KUSTOMIZATION = new CustomResourceDefinitionContext.Builder()
            .withGroup("kustomize.toolkit.fluxcd.io").withVersion("v1").withKind("Kustomization")
            .withPlural("kustomizations").withScope("Namespaced").build();

    @TempDir
    Path dir;

    private KubernetesMockServer cluster;
    private HttpServer faulty;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> faultyHeard = new CopyOnWriteArrayList<>();
    private int setupRequests;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.destroy();
        }
        if (faulty != null) {
            faulty.stop(0);
        }
        threads.shutdownNow();
    }

    /** A cluster holding route-planner (a Deployment 2/3 ready, a StatefulSet, a restarting pod, a Flux
     * Kustomization), label-renderer in namespace labels, and another team's Deployment. */
    private String startCluster() throws IOException {
        cluster = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        cluster.init(InetAddress.getByName("127.0.0.1"), 0);
        cluster.expectCustomResource(KUSTOMIZATION);
        try (KubernetesClient admin = cluster.createClient()) {
            for (String ns : List.of("routing", "labels", "billing")) {
                admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                        .build()).create();
            }
            Deployment planner = deployment("routing", "route-planner", Map.of("backstage.io/kubernetes-id",
                    "route-planner"), 3, "registry.tern.example/route-planner:1.4.2");
            admin.apps().deployments().resource(planner).create();
            planner.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(3)
                    .withReadyReplicas(2).build());
            admin.apps().deployments().resource(planner).updateStatus();
            admin.apps().statefulSets().resource(new StatefulSetBuilder().withNewMetadata()
                    .withNamespace("routing").withName("route-cache")
                    .withLabels(Map.of("backstage.io/kubernetes-id", "route-planner")).endMetadata()
                    .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer()
                    .withName("redis").withImage("redis:7.2").endContainer().endSpec().endTemplate().endSpec()
                    .build()).create();
            Pod pod = new PodBuilder().withNewMetadata().withNamespace("routing").withName("route-planner-7d9f-x2")
                    .withLabels(Map.of("backstage.io/kubernetes-id", "route-planner")).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("x").endContainer().endSpec().build();
            admin.pods().resource(pod).create();
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withContainerStatuses(
                    new ContainerStatusBuilder().withName("app").withRestartCount(4).build()).build());
            admin.pods().resource(pod).updateStatus();
            GenericKubernetesResource kustomization = new GenericKubernetesResourceBuilder()
                    .withApiVersion("kustomize.toolkit.fluxcd.io/v1").withKind("Kustomization").withNewMetadata()
                    .withNamespace("routing").withName("route-planner").endMetadata().build();
            kustomization.setAdditionalProperty("spec", Map.of("path", "./apps/route-planner/production"));
            kustomization.setAdditionalProperty("status", Map.of("lastAppliedRevision", "main@sha1:5f1e2d3",
                    "conditions", List.of(Map.of("type", "Ready", "status", "True", "message",
                            "Applied revision: main@sha1:5f1e2d3"))));
            admin.genericKubernetesResources(KUSTOMIZATION).inNamespace("routing").resource(kustomization).create();
            admin.apps().deployments().resource(deployment("labels", "label-renderer", Map.of("app",
                    "label-renderer", "tier", "web"), 2, "registry.tern.example/labels:<script>alert(1)</script>"))
                    .create();
            admin.apps().deployments().resource(deployment("billing", "invoicer", Map.of("app", "invoicer"), 1,
                    "registry.tern.example/invoicer:9")).create();
        }
        setupRequests = cluster.getRequestCount(); // the setup's requests are not the build's
        return cluster.url("/").replaceAll("/+$", "");
    }

    private static Deployment deployment(String ns, String name, Map<String, String> labels, int replicas,
                                         String image) {
        return new DeploymentBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels)
                .endMetadata().withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels)
                .endSelector().withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    /** The fixture project, its cluster at {@code url}. */
    private PavedConfig project(String url) throws IOException {
        Path fixture = TestFiles.resource("integrations/kubernetes");
        Path project = dir.resolve("project");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = project.resolve(fixture.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(from).replace("@URL@", url));
            }
        }
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.read(project, problems);
        assertEquals(List.of(), problems.sorted(), "the fixture's paved.yaml is read without problems");
        return config;
    }

    private static Integrations.Options options() {
        return Integrations.Options.defaults().withTimeout(Duration.ofSeconds(1))
                .withEnvironment(Map.of("PAVED_TEST_K8S_TOKEN", TOKEN)::get)
                .withClock(Clock.fixed(Instant.parse("2024-05-03T06:00:00Z"), ZoneOffset.UTC));
    }

    private static Snapshots take(PavedConfig config, Diagnostics problems) {
        Catalog catalog = CatalogReader.read(config.sources().stream().map(CatalogSource::of).toList(),
                new Diagnostics());
        return Integrations.take(catalog, config.integrations(), config.services(), RemoteImages.ANY, options(),
                problems);
    }

    private static EntityRef component(String name) {
        return EntityRef.parse(name, "component", "default");
    }

    @Test
    void eachComponentsWorkloadsAreReadByItsIdOrSelectorWithTheTokenOfItsCluster() throws Exception {
        PavedConfig config = project(startCluster());
        Diagnostics problems = new Diagnostics();
        Snapshots snapshots = take(config, problems);

        assertEquals(List.of(), problems.sorted());
        Snapshot planner = snapshots.of(component("route-planner")).get(0);
        assertEquals(Status.OK, planner.status());
        assertEquals("Kubernetes", planner.service());
        Workloads w = (Workloads) planner.reading();
        assertEquals("production", w.cluster());
        assertEquals(List.of(new Workloads.Workload("Deployment", "routing", "route-planner", 3, 2,
                        List.of("registry.tern.example/route-planner:1.4.2"), 4),
                new Workloads.Workload("StatefulSet", "routing", "route-cache", 1, 0, List.of("redis:7.2"), 0)),
                w.workloads(), "the labelled workloads, not another team's; restarts from the pods");
        assertEquals(List.of(new Workloads.FluxObject("Kustomization", "routing", "route-planner", true,
                "Applied revision: main@sha1:5f1e2d3", "main@sha1:5f1e2d3")), w.flux());
        assertEquals(List.of("production"), snapshots.facts(component("route-planner")).get("deployedTo"));

        Workloads labels = (Workloads) snapshots.of(component("label-renderer")).get(0).reading();
        assertEquals(List.of("label-renderer"), labels.workloads().stream().map(Workloads.Workload::name).toList());
        Workloads none = (Workloads) snapshots.of(component("fleet-tracker")).get(0).reading();
        assertTrue(none.workloads().isEmpty());
        assertFalse(snapshots.facts(component("fleet-tracker")).containsKey("deployedTo"));

        int requests = cluster.getRequestCount();
        assertTrue(requests > setupRequests, "the build asked the cluster");
        for (int i = 0; i < requests; i++) {
            RecordedRequest r = cluster.takeRequest(1, TimeUnit.SECONDS);
            if (i < setupRequests) {
                continue;
            }
            assertEquals("Bearer " + TOKEN, r.getHeader("Authorization"), "the cluster's token: " + r.getPath());
            assertEquals("GET", r.getMethod(), "read-only: " + r.getPath());
        }
    }

    @Test
    void aBuildShowsTheWorkloadsOnTheDeploymentsTabEscaped() throws Exception {
        PavedConfig config = project(startCluster());
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults().withThreads(2).withCache(false));

        Document planner = Jsoup.parse(result.output().resolve("catalog/default/component/route-planner/index.html")
                .toFile());
        assertNotNull(planner.selectFirst("nav.entity-tabs a[data-tab=deployments]"), "a Deployments tab");
        Element card = planner.selectFirst("section#deployments .integration-card.kubernetes.ok");
        assertNotNull(card);
        assertTrue(card.selectFirst("h3").text().startsWith("Kubernetes: production"), card.selectFirst("h3").text());
        List<Element> rows = card.select("table.workloads tbody tr");
        assertEquals(2, rows.size());
        assertEquals("fail", rows.get(0).className(), "2 of 3 ready");
        assertEquals(List.of("Deployment route-planner", "routing", "2/3",
                "registry.tern.example/route-planner:1.4.2", "4"), rows.get(0).select("td").eachText());
        assertEquals("Ready", card.select("table.flux td").get(2).text());

        Document labels = Jsoup.parse(result.output()
                .resolve("catalog/default/component/label-renderer/index.html").toFile());
        assertEquals(0, labels.select("section#deployments script").size(), "an image name is text, never a tag");
        assertTrue(labels.selectFirst("section#deployments table.workloads code").text().contains("<script>"));
        for (Path p : List.of(result.output().resolve("catalog/default/component/route-planner/index.html"),
                result.output().resolve("catalog.json"))) {
            if (Files.exists(p)) {
                assertFalse(Files.readString(p).contains(TOKEN), p + " shows the token");
            }
        }
        result.diagnostics().forEach(d -> assertFalse(d.message().contains(TOKEN)));
    }

    /** 401 (the token refused), 500 and a timeout (-1): the cluster is asked once, and each card says why. */
    @ParameterizedTest
    @ValueSource(ints = {401, 500, -1})
    void aClusterThatRefusesOrFailsGivesCardsThatSaySo(int fault) throws IOException {
        faulty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        faulty.setExecutor(threads);
        faulty.createContext("/", x -> {
            faultyHeard.add(x.getRequestURI().toString() + " " + x.getRequestHeaders().getFirst("Authorization"));
            if (fault == -1) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = fault == 401 ? 401 : 500;
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                    + status + "}").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        faulty.start();
        PavedConfig config = project("http://127.0.0.1:" + faulty.getAddress().getPort());
        Diagnostics problems = new Diagnostics();
        long start = System.nanoTime();
        Snapshots snapshots = take(config, problems);

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "bounded by the timeout");
        Status expected = fault == 401 ? Status.REFUSED : Status.UNREACHABLE;
        for (String name : List.of("route-planner", "label-renderer", "fleet-tracker")) {
            Snapshot s = snapshots.of(component(name)).get(0);
            assertEquals(expected, s.status(), name + ": " + s.message());
            assertTrue(s.message().contains("cluster production"), s.message());
            assertFalse(s.message().contains(TOKEN));
        }
        if (fault == 401) {
            assertTrue(snapshots.of(component("route-planner")).get(0).message()
                    .contains("the token of PAVED_TEST_K8S_TOKEN may not read it"));
        }
        List<Diagnostic> warnings = problems.sorted().stream()
                .filter(d -> d.code() == Code.INTEGRATION_UNAVAILABLE).toList();
        assertEquals(1, warnings.size(), "one warning: the cluster is not asked again after it failed");
        assertTrue(faultyHeard.stream().allMatch(h -> h.endsWith("Bearer " + TOKEN)), faultyHeard.toString());
    }

    @Test
    void aTokenIsNeverSentOverPlainHttpToAnotherHostAndABadSelectorIsNotAsked() throws IOException {
        PavedConfig config = project("http://k8s.tern.example");
        Diagnostics problems = new Diagnostics();
        Snapshot s = take(config, problems).of(component("route-planner")).get(0);
        assertEquals(Status.REFUSED, s.status());
        assertTrue(s.message().contains("plain http"), s.message());

        Catalog catalog = CatalogReader.read(List.of(CatalogSource.of(config.sources().get(0))), new Diagnostics());
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: odd\n  annotations:\n"
                + "    backstage.io/kubernetes-label-selector: \"app=x; rm -rf /\"\nspec:\n  type: service\n"
                + "  lifecycle: production\n  owner: group:routing\n";
        Path odd = dir.resolve("odd.yaml");
        Files.writeString(odd, yaml);
        Catalog withOdd = CatalogReader.read(List.of(CatalogSource.of(odd)), new Diagnostics());
        Diagnostics more = new Diagnostics();
        Snapshot refused = Integrations.take(withOdd, List.of(), config.services(), RemoteImages.ANY, options(),
                more).of(component("odd")).get(0);
        assertEquals(Status.REFUSED, refused.status());
        assertTrue(refused.message().contains("not a label selector"), refused.message());
        assertNotNull(catalog);
    }
}
