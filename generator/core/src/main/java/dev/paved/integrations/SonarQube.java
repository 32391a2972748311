package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.credential.TokenHttp;
import dev.paved.docs.RemoteImages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SonarQube quality gates, as Backstage's SonarQube plugin finds them: {@code sonarqube.org/project-key} is a
 * project's key, or {@code instance/key} for a configured instance other than the default. Asks
 * {@code GET /api/qualitygates/project_status?projectKey=…} and {@code GET /api/measures/component?component=…
 * &metricKeys=…}. The token goes as {@code Authorization: Bearer}, which SonarQube takes since 10.0 (and SonarCloud);
 * an older SonarQube takes a token only as Basic authentication's user name, which Paved does not send. With
 * {@code badges: true} the gate's live badge ({@code /api/project_badges/measure?project=…&metric=alert_status}) is
 * shown: it works without a token only for public projects, and no token is ever put in its URL.
 */
final class SonarQube implements Integrations.Source {

    static final String SERVICE = "SonarQube";
    static final String PROJECT_KEY = "sonarqube.org/project-key";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Map<String, String> METRICS = metrics();
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

    private final List<Service> instances;
    private final RemoteImages images;
    private final Calls calls;

    private SonarQube(List<Service> instances, RemoteImages images, Calls calls) {
        this.instances = instances;
        this.images = images;
        this.calls = calls;
    }

    /** The SonarQube source, when an instance is configured. */
    static Optional<Integrations.Source> source(List<Service> services, RemoteImages images, Calls calls) {
        List<Service> mine = Instances.of(services, "sonarqube");
        return mine.isEmpty() ? Optional.empty() : Optional.of(new SonarQube(mine, images, calls));
    }

    private static Map<String, String> metrics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bugs", "Bugs");
        m.put("vulnerabilities", "Vulnerabilities");
        m.put("code_smells", "Code smells");
        m.put("coverage", "Coverage (%)");
        m.put("duplicated_lines_density", "Duplications (%)");
        m.put("security_hotspots_reviewed", "Hotspots reviewed (%)");
        return m;
    }

    @Override
    public List<Snapshot> of(Entity e) {
        Optional<String> written = e.annotation(PROJECT_KEY).map(String::trim).filter(s -> !s.isEmpty());
        if (written.isEmpty()) {
            return List.of();
        }
        String value = written.get();
        int slash = value.indexOf('/');
        String named = slash < 0 ? "" : value.substring(0, slash);
        String key = value.substring(slash + 1);
        Optional<Service> instance = Instances.named(instances, named);
        if (instance.isEmpty()) {
            return List.of(calls.refuse(e, PROJECT_KEY, "quality", SERVICE, value, Instances.notNamed(instances,
                    PROJECT_KEY, named)));
        }
        if (!KEY.matcher(key).matches()) {
            return List.of(calls.refuse(e, PROJECT_KEY, "quality", SERVICE, value, PROJECT_KEY + " is a project's "
                    + "key, or instance/key, not what is written; nothing was asked"));
        }
        Service s = instance.get();
        String source = (s.name().equals("default") ? "" : s.name() + " ") + key;
        return List.of(calls.ask(e, PROJECT_KEY, "quality", SERVICE, source, Calls.host(s),
                Calls.host(s) + " " + key, () -> {
                    Api api = calls.api(s, TokenHttp.Header.BEARER, HEADERS);
                    JsonNode gate = api.get(s.url() + "/api/qualitygates/project_status?projectKey="
                            + Instances.query(key))
                            .path("projectStatus");
                    JsonNode component = api.get(s.url() + "/api/measures/component?component="
                            + Instances.query(key)
                            + "&metricKeys=" + String.join(",", METRICS.keySet()) + ",alert_status")
                            .path("component");
                    List<QualityGate.Condition> failed = new ArrayList<>();
                    gate.path("conditions").forEach(c -> {
                        if (c.path("status").asText().equals("ERROR")) {
                            failed.add(new QualityGate.Condition(c.path("metricKey").asText(""),
                                    c.path("comparator").asText(""), c.path("errorThreshold").asText(""),
                                    c.path("actualValue").asText("")));
                        }
                    });
                    Map<String, String> values = new LinkedHashMap<>();
                    component.path("measures").forEach(m -> values.put(m.path("metric").asText(),
                            m.path("value").asText(m.path("period").path("value").asText(""))));
                    List<QualityGate.Measure> measures = new ArrayList<>();
                    METRICS.forEach((metric, label) -> {
                        if (values.containsKey(metric)) {
                            measures.add(new QualityGate.Measure(metric, label, values.get(metric)));
                        }
                    });
                    Optional<Badge> badge = Optional.empty();
                    if (s.enabled("badges")) {
                        String url = s.url() + "/api/project_badges/measure?project=" + Instances.query(key)
                                + "&metric=alert_status";
                        badge = Optional.of(new Badge(url, images.allows(url)));
                    }
                    String web = Instances.web(s) + "/dashboard?id=" + Instances.query(key);
                    return new Snapshot.Parts(new QualityGate(key, component.path("name").asText(key),
                            gate.path("status").asText("NONE"), failed, measures, badge), web);
                }));
    }
}
