/**
 * What Git asks to run: each component's environments, read statically from the Kubernetes manifests, Kustomize
 * overlays, Helm values and Flux / Argo CD objects of the catalog's folders and the crawled repositories
 * ({@link dev.paved.gitops.GitOps#read}). Nothing is run and nothing is asked of a cluster; what cannot be read
 * without doing so (a remote base, a generator, a JSON 6902 patch, a chart's templates) is said on the environment
 * as a note rather than guessed. When a Kubernetes snapshot ({@link dev.paved.integrations.Workloads}) shows what a
 * cluster runs, each container whose running image differs from Git's is marked. See
 * {@code docs/decisions/0009-gitops-desired-state.md}.
 */
package dev.paved.gitops;
