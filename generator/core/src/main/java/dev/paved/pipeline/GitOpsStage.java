package dev.paved.pipeline;

import dev.paved.catalog.Catalog;
import dev.paved.gitops.DesiredState;
import dev.paved.gitops.GitOps;
import dev.paved.integrations.Snapshots;
import java.nio.file.Path;
import java.util.List;

/**
 * GitOps: what Git asks each component to run, per environment, read from the Kubernetes manifests, Kustomize
 * overlays, Helm values and Flux / Argo CD objects of the catalog folders and crawled repositories; compared with
 * what the integrations' Kubernetes snapshots show running (drift).
 */
final class GitOpsStage {

    /**
     * @param catalog      the catalog, whose components the environments are shared out among
     * @param repositories the folders searched: catalog source folders and crawled checkouts
     * @param snapshots    the integrations' snapshots, for drift
     */
    record Input(Catalog catalog, List<Path> repositories, Snapshots snapshots) {
    }

    private GitOpsStage() {
    }

    static Stage<DesiredState> run(Input in) {
        return Stage.run("gitops", diagnostics -> GitOps.read(in.catalog(), in.repositories(), in.snapshots(),
                diagnostics));
    }
}
