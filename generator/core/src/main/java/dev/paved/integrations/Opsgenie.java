package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.credential.TokenHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opsgenie on-call, as Backstage's Opsgenie plugin finds it: {@code opsgenie.com/team} is a team whose schedules
 * ({@code GET /v2/schedules}, those the team owns) give who is on call
 * ({@code GET /v2/schedules/{id}/on-calls?flat=true}) and whose open alerts are listed
 * ({@code GET /v2/alerts?query=teams:"…" AND status:open}); {@code opsgenie.com/component-selector} is an alert
 * query whose open alerts are listed instead. Alerts are paged as Opsgenie pages them ({@code paging.next}). The key
 * goes as {@code Authorization: GenieKey …}; the API is {@code https://api.opsgenie.com} unless {@code url} says
 * otherwise, and links go to the {@code web} setting (the account's {@code https://<name>.app.opsgenie.com}).
 */
final class Opsgenie implements Integrations.Source {

    static final String SERVICE = "Opsgenie";
    static final String TEAM = "opsgenie.com/team";
    static final String SELECTOR = "opsgenie.com/component-selector";

    private static final TokenHttp.Header GENIE_KEY = new TokenHttp.Header("Authorization", "GenieKey ");
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

    private final Service opsgenie;
    private final Calls calls;

    private Opsgenie(Service opsgenie, Calls calls) {
        this.opsgenie = opsgenie;
        this.calls = calls;
    }

    /** The Opsgenie source, when Opsgenie is configured (the first, when several are). */
    static Optional<Integrations.Source> source(List<Service> services, Calls calls) {
        List<Service> mine = Instances.of(services, "opsgenie");
        return mine.isEmpty() ? Optional.empty() : Optional.of(new Opsgenie(Instances.named(mine, "")
                .orElse(mine.get(0)), calls));
    }

    @Override
    public List<Snapshot> of(Entity e) {
        Optional<String> team = e.annotation(TEAM).map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> selector = e.annotation(SELECTOR).map(String::trim).filter(s -> !s.isEmpty());
        if (team.isEmpty() && selector.isEmpty()) {
            return List.of();
        }
        String annotation = team.isPresent() ? TEAM : SELECTOR;
        if (team.filter(t -> t.contains("\"")).isPresent()) {
            return List.of(calls.refuse(e, TEAM, "oncall", SERVICE, team.get(), TEAM + " is a team's name, without "
                    + "quotes; nothing was asked"));
        }
        String query = selector.map(s -> "(" + s + ") AND status:open")
                .orElseGet(() -> "teams:\"" + team.get() + "\" AND status:open");
        String source = team.map(t -> "team " + t).orElseGet(selector::get);
        String host = Calls.host(opsgenie);
        return List.of(calls.ask(e, annotation, "oncall", SERVICE, source, host, host + " " + team.orElse("") + " "
                + query, () -> {
                    Api api = calls.api(opsgenie, GENIE_KEY, HEADERS);
                    List<OnCall.Responder> responders = new ArrayList<>();
                    if (team.isPresent()) {
                        for (JsonNode s : api.get(opsgenie.url() + "/v2/schedules").path("data")) {
                            if (team.get().equals(s.path("ownerTeam").path("name").asText())
                                    && s.path("enabled").asBoolean(true)) {
                                JsonNode now = api.get(opsgenie.url() + "/v2/schedules/"
                                        + Instances.query(s.path("id").asText()) + "/on-calls?flat=true").path("data");
                                now.path("onCallRecipients").forEach(r -> responders.add(new OnCall.Responder(
                                        r.asText(), "", 0, s.path("name").asText(""), "")));
                            }
                        }
                    }
                    String web = opsgenie.setting("web").map(w -> w.replaceAll("/+$", "")).orElse("");
                    List<OnCall.Incident> alerts = new ArrayList<>();
                    for (JsonNode a : api.pagesByBody(opsgenie.url() + "/v2/alerts?query=" + Instances.query(query)
                                    + "&limit=" + calls.options().perPage() + "&sort=createdAt&order=desc",
                            calls.options().maxPages(), b -> b.path("data"), b -> Optional.of(b.path("paging")
                                    .path("next").asText("")).filter(n -> !n.isEmpty()))) {
                        String id = a.path("id").asText("");
                        alerts.add(new OnCall.Incident(a.has("tinyId") ? "#" + a.path("tinyId").asText() : "",
                                a.path("message").asText(""), a.path("acknowledged").asBoolean(false)
                                ? "acknowledged" : a.path("status").asText(""), a.path("priority").asText(""),
                                a.path("createdAt").asText(""), web.isEmpty() || !id.matches("[A-Za-z0-9-]+") ? ""
                                : GitHubActions.link(web + "/alert/detail/" + id + "/details")));
                    }
                    return new Snapshot.Parts(new OnCall(team.orElseGet(selector::get), "", "", team.isPresent(),
                            responders, "Open alerts", true, alerts), GitHubActions.link(web));
                }));
    }
}
