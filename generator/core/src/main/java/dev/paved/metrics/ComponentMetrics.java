package dev.paved.metrics;

import dev.paved.catalog.EntityRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One component's delivery.
 *
 * @param component   the component
 * @param owner       its owner's ref, or empty
 * @param source      where its deployments were read: {@code gitops} (its environments' history), {@code tags}
 *                    (its repository's release tags) or {@code none}
 * @param deployments every deployment in the window, every environment, oldest first
 * @param figures     DORA's four keys over its production deployments
 * @param onboarding  for a component made from a template: from its first commit to its first production deployment
 * @param template    the template it was made from ({@code backstage.io/source-template}), or empty
 * @param firstCommit the first commit of its folder, when the fetched history holds it
 */
public record ComponentMetrics(EntityRef component, String owner, String source, List<Deployment> deployments,
                               Figures figures, Optional<Duration> onboarding, String template,
                               Optional<Commit> firstCommit) {

    public ComponentMetrics {
        deployments = List.copyOf(deployments);
    }

    /** Its production deployments, oldest first. */
    public List<Deployment> production() {
        return deployments.stream().filter(Deployment::production).toList();
    }
}
