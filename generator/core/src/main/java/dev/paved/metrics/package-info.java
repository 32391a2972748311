/**
 * Developer metrics computed from Git at build time: DORA's four keys (deployment frequency, lead time for changes,
 * change failure rate, time to restore), time to onboard a scaffolded component, and template adoption.
 *
 * <p>A deployment is a commit to a GitOps repository that changes the image tag a component's environment runs
 * (a Kustomize {@code images:} entry, a manifest's {@code image:}, a Helm value); the tag names the application
 * commit it ships (a commit id, or a git tag). A component without a GitOps environment is measured by its
 * repository's release tags. Nothing is asked of a service: {@link dev.paved.metrics.Metrics#compute} reads the
 * repositories the crawl fetched (with their history window) and the catalog folders' own Git history. See
 * {@code docs/metrics.md}.
 */
package dev.paved.metrics;
