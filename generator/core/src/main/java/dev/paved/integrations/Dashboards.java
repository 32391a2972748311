package dev.paved.integrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grafana of an entity: the dashboards its selector picks, the alerts its label selector picks, and its overview
 * dashboard.
 *
 * @param askedDashboards whether dashboards were asked ({@code grafana/dashboard-selector})
 * @param dashboards      the dashboards, as Grafana's search lists them
 * @param askedAlerts     whether alerts were asked ({@code grafana/alert-label-selector})
 * @param alerts          the alerts
 * @param overview        the overview dashboard's URL ({@code grafana/overview-dashboard}), or empty
 * @param embed           whether the overview is embedded (it is on the configured Grafana's origin); else a link
 */
public record Dashboards(boolean askedDashboards, List<Dashboard> dashboards, boolean askedAlerts, List<Alert> alerts,
                         String overview, boolean embed) implements Reading {

    private static final Set<String> FIRING = Set.of("active", "alerting", "firing");

    public Dashboards {
        dashboards = List.copyOf(dashboards);
        alerts = List.copyOf(alerts);
    }

    /**
     * A dashboard.
     *
     * @param title  its title
     * @param folder its folder's title, or empty
     * @param link   its web page, or empty
     * @param tags   its tags
     */
    public record Dashboard(String title, String folder, String link, List<String> tags) {

        public Dashboard {
            tags = List.copyOf(tags);
        }
    }

    /**
     * An alert.
     *
     * @param name  its summary or rule's name
     * @param state {@code active}, {@code suppressed} (unified alerting); {@code alerting}, {@code ok},
     *              {@code pending}… (legacy)
     * @param link  its rule's web page, or empty
     */
    public record Alert(String name, String state, String link) {

        /** Whether it fires. */
        public boolean firing() {
            return FIRING.contains(state);
        }
    }

    @Override
    public String kind() {
        return "grafana";
    }

    /** {@code hasDashboards}, when asked; {@code alertsFiring} (how many), when asked. */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (askedDashboards) {
            facts.put("hasDashboards", !dashboards.isEmpty());
        }
        if (askedAlerts) {
            facts.put("alertsFiring", (int) alerts.stream().filter(Alert::firing).count());
        }
        return facts;
    }
}
