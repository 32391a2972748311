package dev.paved.integrations;

import dev.paved.catalog.Entity;
import dev.paved.credential.Origin;
import dev.paved.docs.RemoteImages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an entity page shows live, loaded by the reader's browser from the service itself, built from annotations
 * and configuration alone: no call at build time, so it is there even when no snapshot is taken (a service
 * configured with {@code snapshots: false}) or the build runs offline.
 * <ul>
 *   <li>Argo CD's application badge, {@code <url>/api/badge?name=<app>&revision=true}, for each name of
 *       {@code argocd/app-name} on the instance {@code argocd/instance-name} names, when it says
 *       {@code badges: true} (Argo CD serves badges only where enabled);</li>
 *   <li>SonarQube's quality-gate badge, {@code <url>/api/project_badges/measure?project=<key>&metric=alert_status},
 *       for {@code sonarqube.org/project-key}, when the instance says {@code badges: true};</li>
 *   <li>Grafana's {@code grafana/overview-dashboard}, embedded when it is on the configured Grafana's origin (its
 *       {@code web} address or {@code url}), else a link.</li>
 * </ul>
 * A badge is an image only where {@code remoteImages} allows its host, else a link; an embed only from a configured
 * Grafana. Everything is escaped where it is shown.
 *
 * @param badges status images, each with the page it leads to
 * @param embeds dashboards embedded in the page
 */
public record LiveStatus(List<LiveBadge> badges, List<Embed> embeds) {

    /** Nothing live. */
    public static final LiveStatus NONE = new LiveStatus(List.of(), List.of());

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");

    public LiveStatus {
        badges = List.copyOf(badges);
        embeds = List.copyOf(embeds);
    }

    /**
     * A live status image.
     *
     * @param service what it is of ({@code Argo CD}, {@code SonarQube})
     * @param label   what it shows, as its alternative text ({@code route-planner sync status})
     * @param image   the image's URL
     * @param asImage whether the page loads it ({@code remoteImages} allows its host); else it is a link
     * @param link    the page it leads to on the service
     */
    public record LiveBadge(String service, String label, String image, boolean asImage, String link) {
    }

    /**
     * A dashboard embedded live.
     *
     * @param title what the frame is called
     * @param url   its address, on a configured Grafana's origin
     */
    public record Embed(String title, String url) {
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return badges.isEmpty() && embeds.isEmpty();
    }

    /** What {@code e}'s page shows live, from its annotations and the configured services. */
    static LiveStatus of(Entity e, List<Service> services, RemoteImages images) {
        List<LiveBadge> badges = new ArrayList<>();
        List<Embed> embeds = new ArrayList<>();
        Optional<String> apps = e.annotation("argocd/app-name");
        if (apps.isPresent()) {
            Optional<Service> argo = Instances.named(Instances.of(services, "argocd"), e.annotation("argocd/instance-name").orElse(""));
            argo.filter(s -> s.enabled("badges")).ifPresent(s -> {
                for (String app : apps.get().split(",")) {
                    String name = app.trim();
                    if (NAME.matcher(name).matches()) {
                        String image = s.url() + "/api/badge?name=" + encode(name) + "&revision=true";
                        badges.add(new LiveBadge("Argo CD", name + " sync status", image, images.allows(image),
                                Instances.web(s) + "/applications/" + encode(name)));
                    }
                }
            });
        }
        e.annotation("sonarqube.org/project-key").map(String::trim).ifPresent(written -> {
            String instance = written.contains("/") ? written.substring(0, written.indexOf('/')) : "";
            String key = written.contains("/") ? written.substring(written.indexOf('/') + 1) : written;
            Instances.named(Instances.of(services, "sonarqube"), instance)
                    .filter(s -> s.enabled("badges")).filter(s -> NAME.matcher(key).matches()).ifPresent(s -> {
                        String image = s.url() + "/api/project_badges/measure?project=" + encode(key)
                                + "&metric=alert_status";
                        badges.add(new LiveBadge("SonarQube", key + " quality gate", image, images.allows(image),
                                Instances.web(s) + "/dashboard?id=" + encode(key)));
                    });
        });
        e.annotation("grafana/overview-dashboard").map(String::trim).ifPresent(url -> {
            Optional<Origin> at = Origin.of(url).filter(o -> url.startsWith("https://") || o.mayCarryToken());
            boolean configured = at.isPresent() && services.stream().filter(s -> s.kind().equals("grafana"))
                    .anyMatch(s -> Origin.of(Instances.web(s)).equals(at) || Origin.of(s.url()).equals(at));
            if (configured) {
                embeds.add(new Embed(e.displayName() + " overview dashboard", url));
            }
        });
        return badges.isEmpty() && embeds.isEmpty() ? NONE : new LiveStatus(badges, embeds);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
