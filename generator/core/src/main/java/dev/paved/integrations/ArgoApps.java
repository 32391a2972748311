package dev.paved.integrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo CD applications of an entity, as {@code argocd/app-name} or {@code argocd/app-selector} names them.
 *
 * @param apps the applications, in the order named (by name for a selector)
 */
public record ArgoApps(List<App> apps) implements Reading {

    public ArgoApps {
        apps = List.copyOf(apps);
    }

    /**
     * One application.
     *
     * @param name           its name
     * @param link           its page in Argo CD's web interface
     * @param sync           {@code Synced}, {@code OutOfSync} or {@code Unknown}
     * @param health         {@code Healthy}, {@code Progressing}, {@code Degraded}, {@code Suspended}, {@code Missing}
     *                       or {@code Unknown}
     * @param revision       the revision it is synced to (a commit, a chart version), or empty
     * @param targetRevision the revision it follows ({@code HEAD}, a branch, a tag), or empty
     * @param server         where it deploys: the destination cluster's URL or name
     * @param namespace      the destination namespace, or empty
     * @param history        its latest deployments, newest first
     * @param images         the images it runs
     * @param badge          its live status image, when the instance serves badges
     */
    public record App(String name, String link, String sync, String health, String revision, String targetRevision,
                      String server, String namespace, List<Deployment> history, List<String> images,
                      Optional<Badge> badge) {

        public App {
            history = List.copyOf(history);
            images = List.copyOf(images);
        }

        /** Whether Argo CD says it is synced. */
        public boolean synced() {
            return sync.equals("Synced");
        }

        /** Whether Argo CD says it is healthy. */
        public boolean healthy() {
            return health.equals("Healthy");
        }

        /** The revision, a commit's first 7 characters. */
        public String shortRevision() {
            return shorten(revision);
        }

        /** The badge's URL, or empty: for templates. */
        public String badgeUrl() {
            return badge.map(Badge::url).orElse("");
        }

        /** Whether the badge is shown as an image (else as a link): for templates. */
        public boolean badgeImage() {
            return badge.filter(Badge::image).isPresent();
        }
    }

    /**
     * A deployment of {@code status.history}.
     *
     * @param id         its number in the history
     * @param revision   the revision deployed
     * @param deployedAt when (ISO 8601)
     */
    public record Deployment(long id, String revision, String deployedAt) {

        /** The revision, a commit's first 7 characters. */
        public String shortRevision() {
            return shorten(revision);
        }
    }

    @Override
    public String kind() {
        return "argocd";
    }

    /**
     * {@code deployedTo}: the destination namespaces (an application's name where it has none); {@code argoSynced}
     * and {@code argoHealthy}: whether every application is. None when no application was found.
     */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (apps.isEmpty()) {
            return facts;
        }
        facts.put("deployedTo", apps.stream().map(a -> a.namespace().isEmpty() ? a.name() : a.namespace())
                .distinct().toList());
        facts.put("argoSynced", apps.stream().allMatch(App::synced));
        facts.put("argoHealthy", apps.stream().allMatch(App::healthy));
        return facts;
    }

    private static String shorten(String revision) {
        return revision.matches("[0-9a-f]{40}") ? revision.substring(0, 7) : revision;
    }
}
