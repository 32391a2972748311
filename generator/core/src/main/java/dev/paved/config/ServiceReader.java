package dev.paved.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Service;
import dev.paved.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the services a build asks for entity pages' cards: {@code services} in {@code paved.yaml}, and, when it says
 * {@code appConfig: true}, those Backstage's plugins configure in the app-config.
 *
 * <pre>
 * services:
 *   appConfig: true                 # also the app-config's argocd, kubernetes, grafana, pagerDuty, opsgenie, sonarqube
 *   argocd:
 *     - name: main                  # as argocd/instance-name names it; "default" when one
 *       url: https://argocd.example.com
 *       token: ARGOCD_TOKEN         # the environment variable holding the token (or ${ARGOCD_TOKEN})
 *       badges: true                # the instance serves /api/badge: show it live
 *   kubernetes:
 *     - {name: production, url: https://k8s.example.com, token: K8S_TOKEN, caData: LS0t…}
 *   grafana:    {url: https://grafana.example.com, token: GRAFANA_TOKEN, unifiedAlerting: true}  # web: its UI
 *   pagerduty:  {token: PAGERDUTY_TOKEN}          # url: https://api.pagerduty.com unless written
 *   opsgenie:   {token: OPSGENIE_KEY, web: https://tern.app.opsgenie.com}   # url: https://api.opsgenie.com
 *   sonarqube:  {url: https://sonarcloud.io, token: SONAR_TOKEN}
 *   rundeck:    {url: https://rundeck.example.com, token: RUNDECK_TOKEN}   # for rundeck:job:execute only
 * </pre>
 * A token written out is not used (a warning says so). A service of the app-config with the same kind and name as
 * one of {@code paved.yaml} is {@code paved.yaml}'s.
 */
final class ServiceReader {

    private static final Pattern PREFIXED = Pattern.compile("^(?:Bearer|Token token=|GenieKey)\\s*\\$\\{\\s*"
            + "([A-Za-z_][A-Za-z0-9_]*)\\s*}$");

    /** The APIs of the services that have one address for everyone, used when {@code url} is not written. */
    private static final Map<String, String> DEFAULT_URLS = Map.of("pagerduty", "https://api.pagerduty.com",
            "opsgenie", "https://api.opsgenie.com");

    private ServiceReader() {
    }

    /** The services of paved.yaml's {@code services} map, at {@code at} in {@code doc}. */
    static List<Service> read(JsonNode node, YamlDocument doc, String at, Diagnostics diagnostics) {
        List<Service> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            diagnostics.error(doc.at(at), Code.INVALID_CONFIG, "services is a map of kinds ("
                    + String.join(", ", Service.KINDS) + ") to the instances the build asks");
            return out;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String kind = it.next();
            if (kind.equals("appConfig")) {
                continue;
            }
            if (!Service.KINDS.contains(kind)) {
                diagnostics.warning(doc.at(at + "/" + kind), Code.UNKNOWN_CONFIG_KEY, "Unknown service " + kind
                        + "; known services are " + String.join(", ", Service.KINDS) + " (and appConfig: true)");
                continue;
            }
            JsonNode list = node.path(kind);
            List<JsonNode> items = new ArrayList<>();
            if (list.isArray()) {
                list.forEach(items::add);
            } else {
                items.add(list);
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode n = items.get(i);
                String where = at + "/" + kind + (list.isArray() ? "/" + i : "");
                String url = n.path("url").asText(DEFAULT_URLS.getOrDefault(kind, ""));
                if (!n.isObject() || !url.matches("^https?://[^/\\s]+(/\\S*)?$")) {
                    diagnostics.error(doc.at(where), Code.INVALID_CONFIG, "A " + kind + " service needs its url, "
                            + "the https address of its API; not asked");
                    continue;
                }
                Map<String, String> settings = new LinkedHashMap<>();
                n.fields().forEachRemaining(f -> {
                    if (!List.of("name", "url", "token").contains(f.getKey()) && f.getValue().isValueNode()) {
                        settings.put(f.getKey(), f.getValue().asText());
                    }
                });
                out.add(new Service(kind, n.path("name").asText(""), url,
                        variable(n.path("token"), true, doc, where + "/token", diagnostics), settings));
            }
        }
        return out;
    }

    /** Whether paved.yaml's {@code services} asks for the app-config's too. */
    static boolean appConfig(JsonNode node) {
        return node.path("appConfig").asBoolean(false);
    }

    /**
     * The services Backstage's plugins configure in an app-config: Roadie's Argo CD backend
     * ({@code argocd.appLocatorMethods[].instances[]}), the Kubernetes plugin
     * ({@code kubernetes.clusterLocatorMethods[].clusters[]}), Grafana ({@code grafana.domain}, its token in the
     * {@code /grafana/api} proxy's Authorization header), PagerDuty ({@code pagerDuty.apiBaseUrl}, its token as
     * {@code pagerDuty.apiToken} or in the {@code /pagerduty} proxy), Opsgenie ({@code opsgenie.domain}, the
     * {@code /opsgenie/api} proxy), SonarQube ({@code sonarqube.baseUrl}/{@code apiKey}, or its
     * {@code instances}) and Rundeck ({@code rundeck.url}/{@code apiToken}, for {@code rundeck:job:execute}).
     */
    static List<Service> readAppConfig(JsonNode root, YamlDocument doc, Diagnostics diagnostics) {
        List<Service> out = new ArrayList<>();
        JsonNode methods = root.path("argocd").path("appLocatorMethods");
        for (int m = 0; m < methods.size(); m++) {
            JsonNode instances = methods.get(m).path("instances");
            for (int i = 0; i < instances.size(); i++) {
                JsonNode n = instances.get(i);
                out.add(new Service("argocd", n.path("name").asText(""), n.path("url").asText(""),
                        variable(n.path("token"), false, doc, "/argocd/appLocatorMethods/" + m + "/instances/" + i
                                + "/token", diagnostics), Map.of()));
            }
        }
        JsonNode locators = root.path("kubernetes").path("clusterLocatorMethods");
        for (int m = 0; m < locators.size(); m++) {
            JsonNode clusters = locators.get(m).path("clusters");
            for (int i = 0; i < clusters.size(); i++) {
                JsonNode n = clusters.get(i);
                Map<String, String> settings = new LinkedHashMap<>();
                for (String key : List.of("caData", "skipTLSVerify", "dashboardUrl")) {
                    if (n.path(key).isValueNode()) {
                        settings.put(key, n.path(key).asText());
                    }
                }
                out.add(new Service("kubernetes", n.path("name").asText(""), n.path("url").asText(""),
                        variable(n.path("serviceAccountToken"), false, doc, "/kubernetes/clusterLocatorMethods/" + m
                                + "/clusters/" + i + "/serviceAccountToken", diagnostics), settings));
            }
        }
        JsonNode proxy = root.path("proxy").path("endpoints").isObject() ? root.path("proxy").path("endpoints")
                : root.path("proxy");
        if (root.path("grafana").path("domain").isTextual()) {
            String domain = root.path("grafana").path("domain").asText();
            out.add(new Service("grafana", "", proxyTarget(proxy, "/grafana/api").orElse(domain),
                    proxyToken(proxy, "/grafana/api").orElse(""), Map.of("web", domain,
                    "unifiedAlerting", root.path("grafana").path("unifiedAlerting").asText("false"))));
        }
        JsonNode pd = root.path("pagerDuty");
        if (pd.isObject() || proxy.has("/pagerduty")) {
            String token = pd.has("apiToken") ? variable(pd.path("apiToken"), false, doc, "/pagerDuty/apiToken",
                    diagnostics) : proxyToken(proxy, "/pagerduty").orElse("");
            out.add(new Service("pagerduty", "", pd.path("apiBaseUrl").asText(proxyTarget(proxy, "/pagerduty")
                    .orElse("https://api.pagerduty.com")), token, Map.of()));
        }
        if (root.path("opsgenie").isObject() || proxy.has("/opsgenie/api")) {
            Map<String, String> settings = new LinkedHashMap<>();
            if (root.path("opsgenie").path("domain").isTextual()) {
                settings.put("web", root.path("opsgenie").path("domain").asText());
            }
            out.add(new Service("opsgenie", "", proxyTarget(proxy, "/opsgenie/api")
                    .orElse("https://api.opsgenie.com"), proxyToken(proxy, "/opsgenie/api").orElse(""), settings));
        }
        JsonNode rundeck = root.path("rundeck");
        if (rundeck.path("url").isTextual()) {
            out.add(new Service("rundeck", "", rundeck.path("url").asText(), variable(rundeck.path("apiToken"), false,
                    doc, "/rundeck/apiToken", diagnostics), Map.of()));
        }
        JsonNode sonar = root.path("sonarqube");
        if (sonar.has("baseUrl")) {
            out.add(new Service("sonarqube", "", sonar.path("baseUrl").asText(), variable(sonar.path("apiKey"), false,
                    doc, "/sonarqube/apiKey", diagnostics), Map.of()));
        }
        JsonNode sonars = sonar.path("instances");
        for (int i = 0; i < sonars.size(); i++) {
            JsonNode n = sonars.get(i);
            out.add(new Service("sonarqube", n.path("name").asText(""), n.path("baseUrl").asText(""),
                    variable(n.path("apiKey"), false, doc, "/sonarqube/instances/" + i + "/apiKey", diagnostics),
                    Map.of()));
        }
        return out.stream().filter(s -> !s.url().isEmpty()).toList();
    }

    /** {@code mine}, then those of {@code more} whose kind and name are not among them. */
    static List<Service> merge(List<Service> mine, List<Service> more) {
        List<Service> out = new ArrayList<>(mine);
        more.stream().filter(s -> mine.stream().noneMatch(m -> m.kind().equals(s.kind())
                && m.name().equals(s.name()))).forEach(out::add);
        return out;
    }

    private static Optional<String> proxyTarget(JsonNode proxy, String path) {
        JsonNode p = proxy.path(path);
        return Optional.of(p.isTextual() ? p.asText() : p.path("target").asText("")).filter(t -> !t.isEmpty());
    }

    private static Optional<String> proxyToken(JsonNode proxy, String path) {
        Matcher m = PREFIXED.matcher(proxy.path(path).path("headers").path("Authorization").asText(""));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String variable(JsonNode token, boolean bareNames, YamlDocument doc, String at,
                                   Diagnostics diagnostics) {
        return IntegrationReader.variable(token, bareNames, doc, at, "A service's", diagnostics);
    }
}
