package dev.paved.integrations;

import dev.paved.catalog.Entity;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenRefusedException;
import dev.paved.integrations.Snapshot.Status;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Kubernetes clusters run of each entity, as Backstage's Kubernetes plugin finds it: the workloads labelled
 * {@code backstage.io/kubernetes-id: <id>} (or matching {@code backstage.io/kubernetes-label-selector}), in
 * {@code backstage.io/kubernetes-namespace} when given, in every configured cluster — Deployments and StatefulSets
 * with ready and desired replicas, images and restarts, and Flux's {@code Kustomization}s and {@code HelmRelease}s
 * with the same labels or the id as their name, when the cluster has Flux. Read-only, through the fabric8 client:
 * lists only, no watch, no exec, no write.
 *
 * <p>The client is configured here and nowhere else: no kubeconfig or environment is read (only the cluster's
 * {@code url}, {@code caData}, {@code skipTLSVerify} and the token of its variable), redirects are not followed (the
 * token goes to the cluster's origin only), plain http only to loopback, one try per request within the timeout.
 */
final class KubernetesSnapshots implements Integrations.Source {

    static final String ID = "backstage.io/kubernetes-id";
    static final String SELECTOR = "backstage.io/kubernetes-label-selector";
    static final String NAMESPACE = "backstage.io/kubernetes-namespace";
    static final String SERVICE = "Kubernetes";

    /** A label selector as Kubernetes reads one: keys, values, =, ==, !=, in/notin sets, commas. */
    private static final Pattern LABEL_SELECTOR = Pattern.compile("[A-Za-z0-9._/=!,() -]{1,500}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NAMESPACE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Flux's kinds, named in full so that no discovery is asked (a cluster without Flux answers 404). */
    private static final List<ResourceDefinitionContext> FLUX = List.of(
            flux("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations"),
            flux("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases"));

    private static ResourceDefinitionContext flux(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    private final List<Service> clusters;
    private final Calls calls;

    private KubernetesSnapshots(List<Service> clusters, Calls calls) {
        this.clusters = clusters;
        this.calls = calls;
    }

    /** The Kubernetes source of the configured clusters, when there is one. */
    static Optional<Integrations.Source> source(List<Service> services, Calls calls) {
        List<Service> clusters = services.stream().filter(s -> s.kind().equals("kubernetes")).toList();
        return clusters.isEmpty() ? Optional.empty() : Optional.of(new KubernetesSnapshots(clusters, calls));
    }

    @Override
    public List<Snapshot> of(Entity e) {
        Optional<String> id = e.annotation(ID).map(String::trim);
        Optional<String> written = e.annotation(SELECTOR).map(String::trim);
        if (id.isEmpty() && written.isEmpty()) {
            return List.of();
        }
        String annotation = written.isPresent() ? SELECTOR : ID;
        String namespace = e.annotation(NAMESPACE).map(String::trim).orElse("");
        List<Snapshot> out = new ArrayList<>();
        for (Service cluster : clusters) {
            String source = cluster.name() + (namespace.isEmpty() ? "" : " " + namespace) + " "
                    + written.orElse(ID + "=" + id.orElse(""));
            if (written.isPresent() ? !LABEL_SELECTOR.matcher(written.get()).matches()
                    : !LABEL_VALUE.matcher(id.get()).matches()) {
                out.add(calls.refuse(e, annotation, "kubernetes", SERVICE, source, annotation + " is not a label "
                        + (written.isPresent() ? "selector" : "value") + " Kubernetes reads; nothing was asked"));
                continue;
            }
            if (!namespace.isEmpty() && !NAMESPACE_NAME.matcher(namespace).matches()) {
                out.add(calls.refuse(e, NAMESPACE, "kubernetes", SERVICE, source, NAMESPACE + " is not a "
                        + "namespace's name; nothing was asked"));
                continue;
            }
            String selector = written.orElse(ID + "=" + id.orElse(""));
            out.add(calls.ask(e, annotation, "kubernetes", SERVICE, source, "kubernetes " + cluster.name(),
                    "kubernetes " + cluster.name() + " " + namespace + " " + selector,
                    () -> new Snapshot.Parts(read(cluster, selector, namespace, id), cluster.setting("dashboardUrl")
                            .filter(u -> u.startsWith("https://")).orElse(""))));
        }
        return out;
    }

    private Workloads read(Service cluster, String selector, String namespace, Optional<String> id)
            throws Api.Failed, TokenRefusedException {
        try (KubernetesClient client = client(cluster)) {
            List<Workloads.Workload> workloads = new ArrayList<>();
            List<Pod> pods = list(client.pods(), namespace, selector);
            for (Deployment d : list(client.apps().deployments(), namespace, selector)) {
                workloads.add(workload("Deployment", d, d.getSpec() == null ? null : d.getSpec().getReplicas(),
                        d.getStatus() == null ? null : d.getStatus().getReadyReplicas(),
                        d.getSpec() == null || d.getSpec().getTemplate() == null ? null
                                : d.getSpec().getTemplate().getSpec(), pods));
            }
            for (StatefulSet s : list(client.apps().statefulSets(), namespace, selector)) {
                workloads.add(workload("StatefulSet", s, s.getSpec() == null ? null : s.getSpec().getReplicas(),
                        s.getStatus() == null ? null : s.getStatus().getReadyReplicas(),
                        s.getSpec() == null || s.getSpec().getTemplate() == null ? null
                                : s.getSpec().getTemplate().getSpec(), pods));
            }
            List<Workloads.FluxObject> flux = new ArrayList<>();
            for (ResourceDefinitionContext kind : FLUX) {
                flux.addAll(flux(client, kind, namespace, selector, id));
            }
            return new Workloads(cluster.name(), workloads, flux);
        } catch (KubernetesClientException ex) {
            throw failed(cluster, ex);
        }
    }

    /** The client of one cluster: its URL, CA and token only; nothing read from kubeconfig or the environment. */
    private KubernetesClient client(Service cluster) throws TokenRefusedException {
        String variable = cluster.tokenVariable();
        String secret = variable.isEmpty() ? null : calls.options().environment().apply(variable);
        // The same rule as every other token: https, or plain http to loopback only.
        HostToken token = HostToken.of(variable.isEmpty() ? "cluster " + cluster.name() : variable,
                secret == null ? "" : secret, cluster.url());
        int timeout = (int) Math.min(Integer.MAX_VALUE, calls.options().timeout().toMillis());
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(cluster.url())
                .withRequestTimeout(timeout)
                .withConnectionTimeout(timeout)
                .withRequestRetryBackoffLimit(0)
                .withTrustCerts(cluster.enabled("skipTLSVerify"))
                .withDisableHostnameVerification(cluster.enabled("skipTLSVerify"));
        cluster.setting("caData").ifPresent(config::withCaCertData);
        if (secret != null && !secret.isEmpty() && token.isFor(cluster.url())) {
            config.withOauthToken(secret);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).withHttpClientFactory(new NoRedirects())
                .build();
    }

    /** fabric8's JDK client, told not to follow redirects: a token must not follow one to another host. */
    private static final class NoRedirects extends JdkHttpClientFactory {
        @Override
        protected void additionalConfig(HttpClient.Builder builder) {
            builder.followRedirects(HttpClient.Redirect.NEVER);
        }
    }

    private static <T extends HasMetadata, L extends KubernetesResourceList<T>>
    List<T> list(MixedOperation<T, L, ?> op, String namespace, String selector) {
        L items = namespace.isEmpty() ? op.inAnyNamespace().withLabelSelector(selector).list()
                : op.inNamespace(namespace).withLabelSelector(selector).list();
        return items == null || items.getItems() == null ? List.of() : items.getItems();
    }

    private static Workloads.Workload workload(String kind, HasMetadata w, Integer desired, Integer ready,
                                               PodSpec spec, List<Pod> pods) {
        String name = w.getMetadata().getName();
        String namespace = Objects.requireNonNullElse(w.getMetadata().getNamespace(), "");
        List<String> images = spec == null || spec.getContainers() == null ? List.of()
                : spec.getContainers().stream().map(c -> Objects.requireNonNullElse(c.getImage(), "")).toList();
        int restarts = 0;
        for (Pod p : pods) {
            boolean mine = namespace.equals(Objects.requireNonNullElse(p.getMetadata().getNamespace(), ""))
                    && p.getMetadata().getName() != null && p.getMetadata().getName().startsWith(name + "-");
            if (mine && p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
                    restarts += s.getRestartCount() == null ? 0 : s.getRestartCount();
                }
            }
        }
        return new Workloads.Workload(kind, namespace, name, desired == null ? 1 : desired,
                ready == null ? 0 : ready, images, restarts);
    }

    /** Flux's objects of a kind, labelled as the workloads or named by the id; none when Flux is not installed. */
    private static List<Workloads.FluxObject> flux(KubernetesClient client, ResourceDefinitionContext kind,
                                                   String namespace, String selector, Optional<String> id) {
        List<GenericKubernetesResource> found = new ArrayList<>();
        try {
            var op = client.genericKubernetesResources(kind);
            found.addAll(namespace.isEmpty() ? op.inAnyNamespace().withLabelSelector(selector).list().getItems()
                    : op.inNamespace(namespace).withLabelSelector(selector).list().getItems());
            if (id.isPresent()) {
                (namespace.isEmpty() ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list()
                        .getItems()).stream().filter(r -> id.get().equals(r.getMetadata().getName()))
                        .filter(r -> found.stream().noneMatch(f -> same(f, r))).forEach(found::add);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
        return found.stream().map(r -> fluxObject(kind.getKind(), r)).toList();
    }

    private static boolean same(HasMetadata a, HasMetadata b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    @SuppressWarnings("unchecked")
    private static Workloads.FluxObject fluxObject(String kind, GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        boolean ready = false;
        String message = "";
        String revision = "";
        if (status instanceof Map<?, ?> s) {
            revision = String.valueOf(Objects.requireNonNullElse(s.get("lastAppliedRevision"), ""));
            if (s.get("conditions") instanceof List<?> conditions) {
                for (Object c : conditions) {
                    if (c instanceof Map<?, ?> m && "Ready".equals(m.get("type"))) {
                        ready = "True".equals(m.get("status"));
                        message = String.valueOf(Objects.requireNonNullElse(m.get("message"), ""));
                    }
                }
            }
        }
        return new Workloads.FluxObject(kind, Objects.requireNonNullElse(r.getMetadata().getNamespace(), ""),
                r.getMetadata().getName(), ready, message, revision);
    }

    /** Why a cluster gave nothing, in words that name no token. */
    private static Api.Failed failed(Service cluster, KubernetesClientException e) {
        String at = "cluster " + cluster.name() + " (" + Redact.url(cluster.url()) + ")";
        String note = cluster.tokenVariable().isEmpty() ? "no token is configured for it"
                : "the token of " + cluster.tokenVariable() + " may not read it";
        return new Api.Failed(switch (e.getCode()) {
            case 401 -> new Api.Failure(Status.REFUSED, at + " answered HTTP 401: " + note, true);
            case 403 -> new Api.Failure(Status.REFUSED, at + " answered HTTP 403: " + note
                    + " (the token needs list on deployments, statefulsets and pods)", true);
            case 404 -> new Api.Failure(Status.REFUSED, at + " answered HTTP 404: no such namespace or API", false);
            case 429 -> new Api.Failure(Status.REFUSED, at + " answered HTTP 429: the API server's rate limit is "
                    + "reached; the next build asks again", true);
            case 0 -> new Api.Failure(Status.UNREACHABLE, at + " could not be reached: "
                    + Redact.message(rootCause(e)), true);
            default -> new Api.Failure(Status.UNREACHABLE, at + (e.getCode() > 0 ? " answered HTTP " + e.getCode()
                    : " failed") + ": " + Redact.message(rootCause(e)), true);
        });
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
