package dev.paved.integrations;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A service a build asks for entity pages' cards, as {@code paved.yaml}'s {@code services} (or Backstage's
 * app-config) configures it: an Argo CD instance, Grafana, PagerDuty, Opsgenie, SonarQube or a Kubernetes cluster.
 * Its token goes only to {@code url}'s origin, over https (plain http only on loopback).
 *
 * @param kind          {@code argocd}, {@code grafana}, {@code pagerduty}, {@code opsgenie}, {@code sonarqube},
 *                      {@code kubernetes}, or {@code rundeck} (for templates only)
 * @param name          its name, as annotations name it ({@code argocd/instance-name}, a cluster's name);
 *                      {@code default} when not given
 * @param url           its API's root (for Grafana, PagerDuty's web pages: {@code web} in settings)
 * @param tokenVariable the environment variable holding its token, or empty
 * @param settings      its other settings, as written (a cluster's {@code caData}, {@code skipTLSVerify}; a web
 *                      address for links; {@code badges: true})
 */
public record Service(String kind, String name, String url, String tokenVariable, Map<String, String> settings) {

    /** The kinds a build knows how to ask, and Rundeck, which only templates reach ({@code rundeck:job:execute}). */
    public static final List<String> KINDS = List.of("argocd", "kubernetes", "grafana",
            "pagerduty", "opsgenie", "sonarqube", "rundeck");

    public Service {
        kind = kind.toLowerCase(Locale.ROOT);
        name = name == null || name.isBlank() ? "default" : name;
        url = url == null ? "" : url.replaceAll("/+$", "");
        tokenVariable = tokenVariable == null ? "" : tokenVariable;
        settings = Map.copyOf(settings);
    }

    /** A setting, when written. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    /** Whether a true/false setting is true. */
    public boolean enabled(String key) {
        return setting(key).filter("true"::equalsIgnoreCase).isPresent();
    }

    /**
     * Whether a build asks it for snapshots: unless it says {@code snapshots: false}, when only its live badges
     * and embeds are shown.
     */
    public boolean asked() {
        return !setting("snapshots").filter("false"::equalsIgnoreCase).isPresent();
    }

    /** Its kind and name, as messages name it, never its token. */
    @Override
    public String toString() {
        return kind + " " + name + " (" + url + ")";
    }
}
