package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.credential.Origin;
import dev.paved.credential.TokenHttp;
import dev.paved.docs.UrlPaths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Grafana, as Backstage's Grafana plugin finds it: {@code grafana/dashboard-selector} (or the older
 * {@code grafana/tag-selector}) picks dashboards of {@code GET /api/search?type=dash-db} (a single word is asked as
 * {@code &tag=}; an expression, see {@link DashboardSelector}, filters every dashboard), paged by {@code page};
 * {@code grafana/alert-label-selector} picks alerts: with {@code unifiedAlerting: true}, Grafana Alertmanager's
 * {@code GET /api/alertmanager/grafana/api/v2/alerts?filter=…} (each comma-separated label matcher a filter), else
 * the legacy {@code GET /api/alerts?dashboardTag=…}; {@code grafana/overview-dashboard} is embedded live, in a
 * sandboxed frame, only when it is on the configured Grafana's {@code web} or {@code url} origin (else a link).
 * {@code grafana/source-id} names the instance. The token goes as {@code Authorization: Bearer}.
 */
final class Grafana implements Integrations.Source {

    static final String SERVICE = "Grafana";
    static final String DASHBOARDS = "grafana/dashboard-selector";
    static final String TAGS = "grafana/tag-selector";
    static final String ALERTS = "grafana/alert-label-selector";
    static final String OVERVIEW = "grafana/overview-dashboard";
    static final String INSTANCE = "grafana/source-id";

    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

    private final List<Service> instances;
    private final Calls calls;

    private Grafana(List<Service> instances, Calls calls) {
        this.instances = instances;
        this.calls = calls;
    }

    /** The Grafana source, when an instance is configured. */
    static Optional<Integrations.Source> source(List<Service> services, Calls calls) {
        List<Service> mine = Instances.of(services, "grafana");
        return mine.isEmpty() ? Optional.empty() : Optional.of(new Grafana(mine, calls));
    }

    @Override
    public List<Snapshot> of(Entity e) {
        Optional<String> selector = e.annotation(DASHBOARDS).or(() -> e.annotation(TAGS)).map(String::trim)
                .filter(s -> !s.isEmpty());
        String selectorAnnotation = e.annotation(DASHBOARDS).isPresent() ? DASHBOARDS : TAGS;
        Optional<String> labels = e.annotation(ALERTS).map(String::trim).filter(s -> !s.isEmpty());
        String overview = e.annotation(OVERVIEW).map(String::trim).filter(UrlPaths::isWebLink).orElse("");
        if (selector.isEmpty() && labels.isEmpty() && overview.isEmpty()) {
            return List.of();
        }
        String annotation = selector.isPresent() ? selectorAnnotation : labels.isPresent() ? ALERTS : OVERVIEW;
        String named = e.annotation(INSTANCE).orElse("").trim();
        Optional<Service> instance = Instances.named(instances, named);
        String source = selector.or(() -> labels).orElse("overview");
        if (instance.isEmpty()) {
            return List.of(calls.refuse(e, named.isEmpty() ? annotation : INSTANCE, "grafana", SERVICE, source,
                    Instances.notNamed(instances, INSTANCE, named)));
        }
        Service s = instance.get();
        Predicate<JsonNode> picks;
        try {
            picks = selector.filter(sel -> !DashboardSelector.isTag(sel)).map(DashboardSelector::parse)
                    .orElse(d -> true);
        } catch (IllegalArgumentException ex) {
            return List.of(calls.refuse(e, selectorAnnotation, "grafana", SERVICE, source, selectorAnnotation
                    + " is a tag or an expression such as tags @> 'my-service' && title == 'Overview': "
                    + ex.getMessage() + "; nothing was asked"));
        }
        String web = Instances.web(s);
        boolean embed = !overview.isEmpty() && Origin.of(overview).filter(o -> o.equals(Origin.of(web).orElse(null))
                || o.equals(Origin.of(s.url()).orElse(null))).isPresent();
        return List.of(calls.ask(e, annotation, "grafana", SERVICE, source, Calls.host(s), Calls.host(s) + " "
                + selector.orElse("") + " | " + labels.orElse("") + " | " + overview, () -> {
                    Api api = selector.isPresent() || labels.isPresent()
                            ? calls.api(s, TokenHttp.Header.BEARER, HEADERS) : null;
                    List<Dashboards.Dashboard> dashboards = new ArrayList<>();
                    if (selector.isPresent()) {
                        for (JsonNode d : search(api, s, selector.get())) {
                            if (picks.test(d)) {
                                List<String> tags = new ArrayList<>();
                                d.path("tags").forEach(t -> tags.add(t.asText()));
                                dashboards.add(new Dashboards.Dashboard(d.path("title").asText(""),
                                        d.path("folderTitle").asText(""), path(web, d.path("url").asText("")), tags));
                            }
                        }
                    }
                    List<Dashboards.Alert> alerts = labels.isPresent() ? alerts(api, s, labels.get()) : List.of();
                    return new Snapshot.Parts(new Dashboards(selector.isPresent(), dashboards, labels.isPresent(),
                            alerts, overview, embed), GitHubActions.link(web));
                }));
    }

    /** Grafana's search for dashboards, a tag's or all, page by page until a page is not full. */
    private List<JsonNode> search(Api api, Service s, String selector) throws Api.Failed {
        int size = calls.options().perPage();
        String base = s.url() + "/api/search?type=dash-db" + (DashboardSelector.isTag(selector) ? "&tag="
                + Instances.query(selector) : "") + "&limit=" + size;
        int[] page = {1};
        return api.pagesByBody(base + "&page=1", calls.options().maxPages(), body -> body, body ->
                body.size() >= size ? Optional.of(base + "&page=" + ++page[0]) : Optional.empty());
    }

    private List<Dashboards.Alert> alerts(Api api, Service s, String labels) throws Api.Failed {
        String web = Instances.web(s);
        List<Dashboards.Alert> out = new ArrayList<>();
        if (s.enabled("unifiedAlerting")) {
            String filters = Arrays.stream(labels.split(",")).map(String::trim).filter(m -> !m.isEmpty())
                    .map(m -> "filter=" + Instances.query(m)).collect(Collectors.joining("&"));
            for (JsonNode a : api.get(s.url() + "/api/alertmanager/grafana/api/v2/alerts?" + filters)) {
                String uid = a.path("labels").path("__alert_rule_uid__").asText("");
                out.add(new Dashboards.Alert(a.path("annotations").path("summary").asText(a.path("labels")
                        .path("alertname").asText("")), a.path("status").path("state").asText(""),
                        uid.matches("[A-Za-z0-9_-]+") ? web + "/alerting/grafana/" + uid + "/view" : ""));
            }
        } else {
            for (JsonNode a : api.get(s.url() + "/api/alerts?dashboardTag=" + Instances.query(labels))) {
                out.add(new Dashboards.Alert(a.path("name").asText(""), a.path("state").asText(""),
                        path(web, a.path("url").asText(""))));
            }
        }
        return out;
    }

    /** A page of Grafana's web interface from a path of its answer ({@code /d/uid/slug}), only a path. */
    private static String path(String web, String path) {
        return path.startsWith("/") && !path.startsWith("//") ? GitHubActions.link(web + path) : "";
    }
}
