package dev.paved.gitops;

import dev.paved.catalog.EntityRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Git asks each component to run, environment by environment.
 *
 * @param byEntity each component's environments, in the order they were found (by file); components without any
 *                 are absent
 */
public record DesiredState(Map<EntityRef, List<Environment>> byEntity) {

    /** Nothing read: no GitOps files, or a shard build. */
    public static final DesiredState NONE = new DesiredState(Map.of());

    public DesiredState {
        byEntity = Map.copyOf(byEntity);
    }

    /** A component's environments. */
    public List<Environment> of(EntityRef ref) {
        return byEntity.getOrDefault(ref, List.of());
    }

    /**
     * The scorecard facts Git gives of an entity: {@code deployedTo}, the names of its environments, when it has
     * any. A fact Git cannot tell is absent.
     */
    public Map<String, Object> facts(EntityRef ref) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        of(ref).forEach(e -> names.add(e.name()));
        if (!names.isEmpty()) {
            facts.put("deployedTo", List.copyOf(names));
        }
        return facts;
    }

    /**
     * One environment of a component: a Kustomize overlay, a folder of manifests, a Flux {@code Kustomization} or
     * {@code HelmRelease}, an Argo CD {@code Application} or a Helm {@code values-<env>.yaml}.
     *
     * @param name      its name: the overlay's or folder's ({@code staging}, {@code prod}), or the values file's
     *                  suffix
     * @param file      the file that defines it (the Flux or Argo CD object, the {@code kustomization.yaml}, the
     *                  values file), absolute
     * @param shown     that file as diagnostics show it
     * @param path      that file relative to its repository, with {@code /}
     * @param folder    the folder it deploys (an overlay, a chart), relative to its repository; the same as
     *                  {@code path}'s folder for an overlay or values file
     * @param namespace the namespaces its workloads go to, joined with {@code ", "}; empty when Git does not say
     * @param workloads the component's workloads there
     * @param hosts     the hosts of the component's Ingresses there
     * @param notes     what could not be resolved, in words ({@code not resolved: remote base …})
     */
    public record Environment(String name, Path file, String shown, String path, String folder, String namespace,
                              List<Workload> workloads, List<String> hosts, List<String> notes) {

        public Environment {
            workloads = List.copyOf(workloads);
            hosts = List.copyOf(hosts);
            notes = List.copyOf(notes);
        }

        /** Whether a container here runs another image than Git asks for. */
        public boolean drifted() {
            return workloads.stream().flatMap(w -> w.containers().stream()).anyMatch(c -> !c.running().isEmpty());
        }
    }

    /**
     * A Deployment, StatefulSet, DaemonSet, Job, CronJob or Argo Rollout, as Git asks for it.
     *
     * @param kind       its kind
     * @param namespace  its namespace, or empty when Git does not say
     * @param name       its name, prefixes and suffixes applied
     * @param replicas   the replicas asked for, or empty when not said (a DaemonSet's: one per node)
     * @param containers its containers
     */
    public record Workload(String kind, String namespace, String name, String replicas, List<Container> containers) {

        public Workload {
            containers = List.copyOf(containers);
        }
    }

    /**
     * One container of a workload: the "Resource Requirements" row.
     *
     * @param name          its name
     * @param image         the image without its tag ({@code ghcr.io/tern/parcel-tracker})
     * @param tag           the tag, or the digest ({@code sha256:…}), or empty
     * @param cpuRequest    {@code resources.requests.cpu}, or empty
     * @param cpuLimit      {@code resources.limits.cpu}, or empty
     * @param memoryRequest {@code resources.requests.memory}, or empty
     * @param memoryLimit   {@code resources.limits.memory}, or empty
     * @param running       the image a cluster's snapshot shows running instead, when it differs; else empty
     * @param cluster       the cluster that runs {@code running}, or empty
     */
    public record Container(String name, String image, String tag, String cpuRequest, String cpuLimit,
                            String memoryRequest, String memoryLimit, String running, String cluster) {

        /** The image as Git names it: {@code image:tag} or {@code image@digest}. */
        public String reference() {
            if (tag.isEmpty()) {
                return image;
            }
            return image + (tag.startsWith("sha256:") ? "@" : ":") + tag;
        }

        /** This container marked as running {@code what} in {@code where} instead. */
        Container runs(String what, String where) {
            return new Container(name, image, tag, cpuRequest, cpuLimit, memoryRequest, memoryLimit, what, where);
        }
    }
}
