package dev.paved.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.crawl.RepositoryTree;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the shop fixture ({@code src/test/resources/gitops/shop/catalog}): its Kustomize overlays, Flux
 * Kustomization, Argo CD ApplicationSet and Application, and Helm values, shared out among its components.
 */
class GitOpsTest {

    private static final Path SHOP = TestFiles.resource("gitops/shop/catalog");
    private static Catalog catalog;
    private static DesiredState desired;
    private static Diagnostics problems;

    @BeforeAll
    static void read() {
        catalog = CatalogReader.read(List.of(CatalogSource.of(SHOP)), new Diagnostics());
        problems = new Diagnostics();
        desired = GitOps.read(catalog, List.of(SHOP), Snapshots.NONE, problems);
    }

    static DesiredState.Environment env(String component, String name) {
        return desired.of(ref(component)).stream().filter(e -> e.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(component + " has no environment " + name + ": "
                        + desired.of(ref(component))));
    }

    static EntityRef ref(String component) {
        return EntityRef.parse(component, "Component", "default");
    }

    static DesiredState.Container container(DesiredState.Environment env, String name) {
        return env.workloads().stream().flatMap(w -> w.containers().stream()).filter(c -> c.name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void anOverlayTakesItsBaseAndChangesImagesNamesNamespaceReplicasAndResources() {
        DesiredState.Environment prod = env("orders", "prod");
        DesiredState.Workload orders = prod.workloads().get(0);
        assertEquals("prod-orders", orders.name(), "namePrefix");
        assertEquals("shop", orders.namespace(), "namespace");
        assertEquals("shop", prod.namespace());
        assertEquals("3", orders.replicas(), "replicas");
        DesiredState.Container app = container(prod, "orders");
        assertEquals("registry.example/orders-hardened", app.image(), "images: newName");
        assertEquals("2.0", app.tag(), "images: newTag");
        assertEquals("1Gi", app.memoryLimit(), "the strategic-merge patch");
        assertEquals("128Mi", app.memoryRequest());
        assertEquals("100m", app.cpuRequest());
        assertEquals("500m", app.cpuLimit());
        assertEquals("v1.30.1", container(prod, "proxy").tag(), "a container images does not name is unchanged");
        assertEquals(List.of("orders.shop.example"), prod.hosts(), "the Ingress routing to its Service");
        assertEquals("kustomize/overlays/prod/kustomization.yaml", prod.path());
        assertTrue(prod.notes().stream().anyMatch(n -> n.startsWith("not resolved: patchesJson6902")), prod.notes()
                .toString());

        DesiredState.Environment staging = env("orders", "staging");
        assertEquals("orders", staging.workloads().get(0).name());
        assertEquals("1", staging.workloads().get(0).replicas());
        assertEquals("1.1-rc", container(staging, "orders").tag());
        assertEquals("", staging.namespace(), "Git says no namespace");
    }

    @Test
    void aRemoteBaseAndAGeneratorAreNotedNotGuessed() {
        DesiredState.Environment remote = env("orders", "remote");
        assertTrue(remote.notes().contains("not resolved: remote base https://github.com/example/platform//base"
                + "?ref=v1.2 (in kustomize/overlays/remote/kustomization.yaml)"), remote.notes().toString());
        assertTrue(remote.notes().stream().anyMatch(n -> n.startsWith("not resolved: configMapGenerator")));
        assertEquals("1.0", container(remote, "orders").tag(), "the local base is still read");
    }

    @Test
    void aPathOutOfTheRepositoryIsRefusedWithAWarning() {
        Diagnostic refused = problems.sorted().stream().filter(d -> d.message().contains("outside.yaml"))
                .findFirst().orElseThrow();
        assertEquals(Code.GITOPS_UNRESOLVED, refused.code());
        assertTrue(refused.file().endsWith("kustomize/overlays/escape/kustomization.yaml"), refused.file());
        assertEquals(3, refused.line());
        assertEquals(5, refused.column());
        assertTrue(env("orders", "escape").notes().stream().anyMatch(n -> n.contains("is outside the repository")));
    }

    @Test
    void aBrokenFileIsOneWarningAndTheRestIsRead() {
        assertTrue(problems.sorted().stream().anyMatch(d -> d.file().endsWith("kustomize/broken/deployment.yaml")
                && d.code() == Code.GITOPS_UNRESOLVED && d.line() > 0), problems.sorted().toString());
        assertTrue(problems.sorted().stream().noneMatch(d -> d.file().contains("templates/")),
                "a chart's templates are not read as YAML");
        assertEquals(List.of("staging", "prod", "escape", "remote"), desired.of(ref("orders")).stream()
                .map(DesiredState.Environment::name).toList(), "the base every overlay includes is none, nor the "
                + "broken folder");
    }

    @Test
    void aFluxKustomizationDeploysItsPathWithItsImagesAndTargetNamespace() {
        DesiredState.Environment prod = env("payments", "prod");
        assertEquals("flux/clusters/prod/payments.yaml", prod.path());
        assertEquals("flux/apps/pay/prod", prod.folder(), "spec.path, from the folder above clusters/");
        assertEquals("payments", prod.namespace(), "targetNamespace");
        assertEquals("5.1.0", container(prod, "payments").tag(), "spec.images");
        assertEquals("2", prod.workloads().get(0).replicas());
        assertEquals("1", container(prod, "payments").cpuRequest());
    }

    @Test
    void anArgoApplicationSetListGivesOneEnvironmentPerElement() {
        DesiredState.Environment staging = env("web", "staging");
        DesiredState.Environment prod = env("web", "prod");
        assertEquals("web-staging", staging.namespace(), "destination.namespace");
        assertEquals("web", prod.namespace());
        assertEquals("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                container(prod, "storefront").tag(), "images: digest");
        assertEquals("registry.example/storefront@sha256:0123456789abcdef0123456789abcdef0123456789abcdef"
                + "0123456789abcdef", container(prod, "storefront").reference());
        assertEquals("argocd/storefront/overlays/prod", prod.folder());
    }

    @Test
    void anArgoApplicationOfARemoteChartIsReadFromItsValues() {
        DesiredState.Environment search = env("search", "search-prod");
        assertEquals("search", search.namespace());
        assertEquals("7.0", container(search, "search").tag());
        assertEquals("2", search.workloads().get(0).replicas());
        assertTrue(search.notes().stream().anyMatch(n -> n.startsWith("not resolved: chart search of "
                + "https://charts.example")), search.notes().toString());
    }

    @Test
    void helmValuesPerEnvironmentOverTheChartsValues() {
        DesiredState.Environment staging = env("checkout", "staging");
        assertEquals("3.4.0", container(staging, "checkout").tag(), "the chart's appVersion");
        assertEquals("1", staging.workloads().get(0).replicas());
        assertEquals("200m", container(staging, "checkout").cpuRequest());
        assertEquals(List.of(), staging.hosts());
        DesiredState.Environment production = env("checkout", "production");
        assertEquals("3.3.9", container(production, "checkout").tag());
        assertEquals("4", production.workloads().get(0).replicas());
        assertEquals("512Mi", container(production, "checkout").memoryLimit());
        assertEquals(List.of("checkout.shop.example"), production.hosts());
        assertTrue(production.notes().contains(Helm.NOTE));
        assertEquals(List.of("staging", "production"), desired.of(ref("checkout")).stream()
                .map(DesiredState.Environment::name).toList(), "from the first stage to the last");
    }

    @Test
    void attributionByLabelSelectorNameAndNothingElse() {
        assertTrue(env("web", "staging").workloads().stream().allMatch(w -> w.name().equals("storefront")),
                "the selector picks the storefront, named otherwise");
        assertEquals(Set.of("orders", "prod-orders"), Set.copyOf(desired.of(ref("orders"))
                .stream().flatMap(e -> e.workloads().stream()).map(DesiredState.Workload::name).toList()),
                "the label's, and not the workloads named otherwise");
        assertEquals(List.of(), desired.of(ref("inventory")));
        assertEquals(Map.of("deployedTo", List.of("staging", "prod")), desired.facts(ref("web")));
        assertEquals(Map.of(), desired.facts(ref("inventory")));
    }

    @Test
    void everyComponentOfItsOwnRepositoryOwnsItsEnvironments(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: tracker
                spec:
                  type: service
                  lifecycle: production
                  owner: team-shop
                """);
        Files.createDirectories(repo.resolve("k8s"));
        Files.copy(SHOP.resolve("flux/apps/pay/prod/deployment.yaml"), repo.resolve("k8s/deployment.yaml"));
        Catalog own = CatalogReader.read(List.of(CatalogSource.of(repo)), new Diagnostics());
        DesiredState state = GitOps.read(own, List.of(repo), Snapshots.NONE, new Diagnostics());
        List<DesiredState.Environment> envs = state.of(ref("tracker"));
        assertEquals(List.of("k8s"), envs.stream().map(DesiredState.Environment::name).toList(),
                "a folder of plain manifests, named as the folder");
        assertEquals("payments", envs.get(0).workloads().get(0).name());
    }

    @Test
    void aSymbolicLinkOutOfTheRepositoryIsRefused(@TempDir Path temp) throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        copy(SHOP.resolve("kustomize"), repo.resolve("kustomize"));
        Files.copy(SHOP.resolve("entities.yaml"), repo.resolve("entities.yaml"));
        Files.copy(SHOP.resolve("catalog-info.yaml"), repo.resolve("catalog-info.yaml"));
        Path secret = Files.writeString(temp.resolve("secret.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: orders
                  labels: {backstage.io/kubernetes-id: orders}
                """);
        Path overlay = Files.createDirectories(repo.resolve("kustomize/overlays/linked"));
        Files.createSymbolicLink(overlay.resolve("secret.yaml"), secret);
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources:\n  - secret.yaml\n");
        Diagnostics found = new Diagnostics();
        Catalog copied = CatalogReader.read(List.of(CatalogSource.of(repo)), new Diagnostics());
        DesiredState state = GitOps.read(copied, List.of(repo), Snapshots.NONE, found);
        Optional<DesiredState.Environment> linked = state.of(ref("orders")).stream()
                .filter(e -> e.name().equals("linked")).findFirst();
        assertTrue(linked.isEmpty() || linked.get().workloads().isEmpty(), "nothing read through the link");
        assertTrue(found.sorted().stream().anyMatch(d -> d.code() == Code.GITOPS_UNRESOLVED
                && d.message().contains("symbolic link")), found.sorted().toString());
    }

    @Test
    void theFilesACrawlFetchesForGitOps() {
        Set<String> selected = GitOps.NEEDS.select(RepositoryTree.of(SHOP));
        assertTrue(selected.contains("kustomize/overlays/prod/kustomization.yaml"));
        assertTrue(selected.contains("kustomize/overlays/prod/memory.yaml"));
        assertTrue(selected.contains("helm/checkout/values-production.yaml"));
        assertTrue(selected.contains("helm/checkout/Chart.yaml"));
        assertTrue(selected.contains("flux/clusters/prod/payments.yaml"));
        assertTrue(!selected.contains("helm/checkout/templates/deployment.yaml"), "a chart's templates");
        assertTrue(!selected.contains("entities.yaml"), "catalog files outside GitOps folders");
        RepositoryTree elsewhere = new RepositoryTree(null, List.of("deploy/kustomization.yaml",
                "config/extra.yaml", "src/Main.java"), p -> p.equals("deploy/kustomization.yaml")
                ? Optional.of("resources:\n  - ../config/extra.yaml\n  - ../../../etc/passwd\n") : Optional.empty());
        assertEquals(Set.of("deploy/kustomization.yaml", "config/extra.yaml"), GitOps.NEEDS.select(elsewhere),
                "what a kustomization names, inside the repository only");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
