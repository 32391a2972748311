package dev.paved.gitops;

import dev.paved.integrations.Snapshot;
import dev.paved.integrations.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drift: the image Git asks for against the one a cluster runs, from the entity's Kubernetes snapshots
 * ({@link Workloads}). A Git workload is matched to a running one by name and namespace (by name alone when Git
 * names no namespace). When it runs in several clusters, the cluster named like the environment
 * ({@code prod-eu} for {@code prod}) is taken; when none or several are, nothing is claimed and a note says so.
 * A container differs when no running image of the workload is Git's, compared as a cluster names images
 * ({@code nginx} is {@code docker.io/library/nginx:latest}).
 */
final class Drift {

    private Drift() {
    }

    /** The environment with each container a cluster runs otherwise marked. */
    static DesiredState.Environment mark(DesiredState.Environment env, List<Snapshot> snapshots) {
        List<Running> running = new ArrayList<>();
        for (Snapshot s : snapshots) {
            if (s.ok() && s.reading() instanceof Workloads w) {
                w.workloads().forEach(x -> running.add(new Running(w.cluster(), x)));
            }
        }
        if (running.isEmpty()) {
            return env;
        }
        List<String> notes = new ArrayList<>(env.notes());
        List<DesiredState.Workload> workloads = new ArrayList<>();
        for (DesiredState.Workload asked : env.workloads()) {
            List<Running> same = running.stream().filter(r -> r.workload().name().equals(asked.name())
                    && (asked.namespace().isEmpty() || asked.namespace().equals(r.workload().namespace()))).toList();
            Set<String> clusters = new TreeSet<>(same.stream().map(Running::cluster).toList());
            if (clusters.size() > 1) {
                List<Running> named = same.stream().filter(r -> alike(r.cluster(), env.name())).toList();
                if (new TreeSet<>(named.stream().map(Running::cluster).toList()).size() != 1) {
                    notes.add("drift not compared for " + asked.name() + ": it runs in " + String.join(", ", clusters)
                            + ", and which is " + env.name() + " is not known");
                    workloads.add(asked);
                    continue;
                }
                same = named;
            }
            if (same.isEmpty()) {
                workloads.add(asked);
                continue;
            }
            Running live = same.get(0);
            List<DesiredState.Container> containers = new ArrayList<>();
            for (DesiredState.Container c : asked.containers()) {
                containers.add(compare(c, live));
            }
            workloads.add(new DesiredState.Workload(asked.kind(), asked.namespace(), asked.name(), asked.replicas(),
                    containers));
        }
        return new DesiredState.Environment(env.name(), env.file(), env.shown(), env.path(), env.folder(),
                env.namespace(),
                workloads, env.hosts(), notes);
    }

    private static DesiredState.Container compare(DesiredState.Container c, Running live) {
        Manifests.Image asked = Manifests.Image.parse(c.reference());
        List<Manifests.Image> images = live.workload().images().stream().map(Manifests.Image::parse).toList();
        if (images.isEmpty() || images.stream().anyMatch(i -> i.canonical().equals(asked.canonical()))) {
            return c;
        }
        String other = images.stream().filter(i -> i.canonicalRepository().equals(asked.canonicalRepository()))
                .map(Manifests.Image::reference).findFirst()
                .orElse(String.join(", ", live.workload().images()));
        return c.runs(other, live.cluster());
    }

    /** Whether a cluster's name and an environment's name say the same stage ({@code prod-eu}, {@code prod}). */
    private static boolean alike(String cluster, String env) {
        String a = cluster.toLowerCase(Locale.ROOT);
        String b = env.toLowerCase(Locale.ROOT);
        return a.contains(b) || b.contains(a);
    }

    private record Running(String cluster, Workloads.Workload workload) {
    }
}
