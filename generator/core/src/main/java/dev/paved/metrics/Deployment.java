package dev.paved.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One deployment of a component to an environment.
 *
 * @param environment  the environment's name ({@code production}, {@code staging}), or {@code release} for a tag
 * @param production   whether the environment counts as production
 * @param commit       the commit that deployed it: the GitOps commit changing the tag, or the tagged commit
 * @param version      what was deployed: the images and tags ({@code ghcr.io/acme/api:1a2b3c4}), or the tag's name
 * @param change       the application commit it ships, when the tag names one the repository has
 * @param leadTime     from {@code change} to {@code commit}, when both are known
 * @param failed       whether it was rolled back or reverted within the failure window
 * @param restoredAfter for a failed one, how long until the next deployment that did not fail
 * @param rollback     whether it went back to a version deployed before (or reverted a deployment commit)
 */
public record Deployment(String environment, boolean production, Commit commit, String version,
                         Optional<Commit> change, Optional<Duration> leadTime, boolean failed,
                         Optional<Duration> restoredAfter, boolean rollback) {

    /** When it happened: its commit's time. */
    public Instant time() {
        return commit.time();
    }

    Deployment failed(Duration restored) {
        return new Deployment(environment, production, commit, version, change, leadTime, true,
                Optional.ofNullable(restored), rollback);
    }
}
