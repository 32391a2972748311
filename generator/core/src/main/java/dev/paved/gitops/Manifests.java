package dev.paved.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How the kinds of Kubernetes objects the pages show are read: workloads, their containers, Ingress hosts. */
final class Manifests {

    /** The kinds with pods whose containers are shown. */
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "Rollout");
    /** The kinds whose {@code spec.replicas} says how many pods run. */
    private static final Set<String> SCALED = Set.of("Deployment", "StatefulSet", "ReplicaSet", "Rollout");
    /** Kinds that live in no namespace: Kustomize's {@code namespace} leaves them alone. */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private Manifests() {
    }

    static boolean isWorkload(Resource r) {
        return WORKLOADS.contains(r.kind()) && !r.apiVersion().startsWith("kustomize.")
                && !r.apiVersion().startsWith("helm.");
    }

    /** A workload's pod template ({@code spec.template}, a CronJob's {@code spec.jobTemplate.spec.template}). */
    static JsonNode podTemplate(JsonNode workload) {
        JsonNode spec = workload.path("spec");
        if (spec.has("jobTemplate")) {
            return spec.path("jobTemplate").path("spec").path("template");
        }
        return spec.has("template") ? spec.path("template") : MissingNode.getInstance();
    }

    /** A workload as the pages show it, in {@code namespace} when its own does not say. */
    static DesiredState.Workload workload(Resource r, String namespace) {
        String replicas = "";
        JsonNode count = r.node().path("spec").path("replicas");
        if (SCALED.contains(r.kind())) {
            replicas = count.isMissingNode() || count.isNull() ? "1" : count.asText();
        } else if (r.kind().equals("DaemonSet")) {
            replicas = "one per node";
        }
        List<DesiredState.Container> containers = new ArrayList<>();
        for (JsonNode c : podTemplate(r.node()).path("spec").path("containers")) {
            Image image = Image.parse(c.path("image").asText(""));
            JsonNode res = c.path("resources");
            containers.add(new DesiredState.Container(c.path("name").asText(""), image.repository(),
                    image.version(), quantity(res.path("requests").path("cpu")),
                    quantity(res.path("limits").path("cpu")), quantity(res.path("requests").path("memory")),
                    quantity(res.path("limits").path("memory")), "", ""));
        }
        String ns = r.namespace().isEmpty() ? namespace : r.namespace();
        return new DesiredState.Workload(r.kind(), ns, r.name(), replicas, containers);
    }

    private static String quantity(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    /** The hosts an Ingress (its rules and TLS) or a Gateway API route names. */
    static Set<String> hosts(Resource r) {
        Set<String> out = new LinkedHashSet<>();
        if (r.kind().equals("Ingress")) {
            r.node().path("spec").path("rules").forEach(rule -> add(out, rule.path("host")));
            r.node().path("spec").path("tls").forEach(tls -> tls.path("hosts").forEach(h -> add(out, h)));
        } else if (r.kind().equals("HTTPRoute") || r.kind().equals("GRPCRoute")) {
            r.node().path("spec").path("hostnames").forEach(h -> add(out, h));
        }
        return out;
    }

    /** The Services an Ingress or route sends traffic to. */
    static Set<String> backends(Resource r) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode spec = r.node().path("spec");
        add(out, spec.path("defaultBackend").path("service").path("name"));
        for (JsonNode rule : spec.path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                add(out, path.path("backend").path("service").path("name"));
                add(out, path.path("backend").path("serviceName"));
            }
            rule.path("backendRefs").forEach(b -> add(out, b.path("name")));
        }
        return out;
    }

    private static void add(Set<String> out, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            out.add(value.asText().strip());
        }
    }

    /**
     * A container image reference: {@code registry/repository[:tag][@digest]}.
     *
     * @param repository everything before the tag
     * @param tag        the tag, or empty
     * @param digest     the digest ({@code sha256:…}), or empty
     */
    record Image(String repository, String tag, String digest) {

        static Image parse(String reference) {
            String ref = reference.strip();
            String digest = "";
            int at = ref.indexOf('@');
            if (at >= 0) {
                digest = ref.substring(at + 1);
                ref = ref.substring(0, at);
            }
            int colon = ref.lastIndexOf(':');
            if (colon > ref.lastIndexOf('/')) {
                return new Image(ref.substring(0, colon), ref.substring(colon + 1), digest);
            }
            return new Image(ref, "", digest);
        }

        /** The digest when there is one, else the tag. */
        String version() {
            return digest.isEmpty() ? tag : digest;
        }

        /** The reference written back. */
        String reference() {
            return repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
        }

        /**
         * The same image as a cluster names it: Docker Hub's {@code docker.io/library/} dropped, {@code latest}
         * when no tag is given.
         */
        String canonical() {
            String repo = repository.replaceFirst("^(index\\.)?docker\\.io/", "").replaceFirst("^library/", "");
            return repo + (digest.isEmpty() ? ":" + (tag.isEmpty() ? "latest" : tag) : "@" + digest);
        }

        String canonicalRepository() {
            return repository.replaceFirst("^(index\\.)?docker\\.io/", "").replaceFirst("^library/", "");
        }
    }
}
