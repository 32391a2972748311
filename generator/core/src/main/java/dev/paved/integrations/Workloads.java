package dev.paved.integrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Kubernetes cluster runs of an entity: its Deployments and StatefulSets, and the Flux
 * {@code Kustomization}s and {@code HelmRelease}s that deliver them, when the cluster has Flux.
 *
 * @param cluster   the cluster's name, as configured
 * @param workloads the entity's workloads there, by namespace and name
 * @param flux      Flux's objects there that the entity's selector picks, by namespace and name
 */
public record Workloads(String cluster, List<Workload> workloads, List<FluxObject> flux) implements Reading {

    public Workloads {
        workloads = List.copyOf(workloads);
        flux = List.copyOf(flux);
    }

    /**
     * A Deployment or StatefulSet.
     *
     * @param kind      {@code Deployment} or {@code StatefulSet}
     * @param namespace its namespace
     * @param name      its name
     * @param desired   the replicas it asks for
     * @param ready     the replicas ready
     * @param images    its containers' images, as the spec names them ({@code registry/app:1.4.2})
     * @param restarts  how often its pods' containers restarted, together
     */
    public record Workload(String kind, String namespace, String name, int desired, int ready, List<String> images,
                           int restarts) {

        public Workload {
            images = List.copyOf(images);
        }

        /** Whether every replica asked for is ready. */
        public boolean healthy() {
            return ready >= desired;
        }
    }

    /**
     * A Flux {@code Kustomization} or {@code HelmRelease}.
     *
     * @param kind      its kind
     * @param namespace its namespace
     * @param name      its name
     * @param ready     whether its {@code Ready} condition is true
     * @param message   the condition's message, or empty
     * @param revision  the revision it last applied, or empty
     */
    public record FluxObject(String kind, String namespace, String name, boolean ready, String message,
                             String revision) {
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    /** {@code deployedTo}: the cluster, when something of the entity runs there. */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (!workloads.isEmpty()) {
            facts.put("deployedTo", List.of(cluster));
        }
        return facts;
    }
}
