package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.credential.TokenHttp;
import dev.paved.integrations.Snapshot.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PagerDuty on-call, as Backstage's PagerDuty plugin finds a service: {@code pagerduty.com/service-id} asks
 * {@code GET /services/{id}}; {@code pagerduty.com/integration-key} looks for the service with that integration
 * among {@code GET /services?include[]=integrations} (paged with {@code offset} while {@code more}). Then who is on
 * call for its escalation policy ({@code GET /oncalls?escalation_policy_ids[]=…}) and its open incidents
 * ({@code GET /incidents?service_ids[]=…&statuses[]=triggered&statuses[]=acknowledged}). The token goes as
 * {@code Authorization: Token token=…}, with {@code Accept: application/vnd.pagerduty+json;version=2}; the API is
 * {@code https://api.pagerduty.com} unless {@code url} says otherwise. An integration key is never shown.
 */
final class PagerDuty implements Integrations.Source {

    static final String SERVICE = "PagerDuty";
    static final String SERVICE_ID = "pagerduty.com/service-id";
    static final String INTEGRATION_KEY = "pagerduty.com/integration-key";

    private static final TokenHttp.Header TOKEN = new TokenHttp.Header("Authorization", "Token token=");
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/vnd.pagerduty+json;version=2");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]+");

    private final Service pagerDuty;
    private final Calls calls;

    private PagerDuty(Service pagerDuty, Calls calls) {
        this.pagerDuty = pagerDuty;
        this.calls = calls;
    }

    /** The PagerDuty source, when PagerDuty is configured (the first, when several are). */
    static Optional<Integrations.Source> source(List<Service> services, Calls calls) {
        List<Service> mine = Instances.of(services, "pagerduty");
        return mine.isEmpty() ? Optional.empty() : Optional.of(new PagerDuty(Instances.named(mine, "")
                .orElse(mine.get(0)), calls));
    }

    @Override
    public List<Snapshot> of(Entity e) {
        Optional<String> id = e.annotation(SERVICE_ID).map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> key = e.annotation(INTEGRATION_KEY).map(String::trim).filter(s -> !s.isEmpty());
        if (id.isEmpty() && key.isEmpty()) {
            return List.of();
        }
        String annotation = id.isPresent() ? SERVICE_ID : INTEGRATION_KEY;
        String value = id.or(() -> key).get();
        String source = id.isPresent() ? "service " + value : "the service of its integration key";
        if (!ID.matcher(value).matches()) {
            return List.of(calls.refuse(e, annotation, "oncall", SERVICE, id.isPresent() ? source
                    : "its integration key", annotation + " is letters and digits, not what is written; nothing "
                    + "was asked"));
        }
        String host = Calls.host(pagerDuty);
        return List.of(calls.ask(e, annotation, "oncall", SERVICE, source, host, host + " " + annotation + " "
                + value, () -> {
                    Api api = calls.api(pagerDuty, TOKEN, HEADERS);
                    JsonNode service = id.isPresent()
                            ? api.get(pagerDuty.url() + "/services/" + value).path("service")
                            : byIntegrationKey(api, value);
                    return take(api, service);
                }));
    }

    /** The service one of whose integrations has {@code key}, among the pages read. */
    private JsonNode byIntegrationKey(Api api, String key) throws Api.Failed {
        String list = pagerDuty.url() + "/services?include%5B%5D=integrations&limit=" + calls.options().perPage();
        for (JsonNode s : api.pagesByBody(list + "&offset=0", calls.options().maxPages(), b -> b.path("services"),
                b -> next(list, b))) {
            for (JsonNode i : s.path("integrations")) {
                if (key.equals(i.path("integration_key").asText())) {
                    return s;
                }
            }
        }
        throw new Api.Failed(new Api.Failure(Status.REFUSED, "no service PagerDuty listed (up to "
                + calls.options().maxPages() + " pages) has the integration key of " + INTEGRATION_KEY, false));
    }

    /** PagerDuty's next page: {@code offset} past this one while {@code more} is true. */
    private static Optional<String> next(String list, JsonNode page) {
        return page.path("more").asBoolean(false) ? Optional.of(list + "&offset=" + (page.path("offset").asInt(0)
                + Math.max(1, page.path("limit").asInt(1)))) : Optional.empty();
    }

    private Snapshot.Parts take(Api api, JsonNode service) throws Api.Failed {
        String id = service.path("id").asText("");
        JsonNode policy = service.path("escalation_policy");
        int size = calls.options().perPage();
        int pages = calls.options().maxPages();
        List<OnCall.Responder> responders = new ArrayList<>();
        if (ID.matcher(policy.path("id").asText("")).matches()) {
            String oncalls = pagerDuty.url() + "/oncalls?escalation_policy_ids%5B%5D=" + policy.path("id").asText()
                    + "&limit=" + size;
            Map<String, OnCall.Responder> seen = new LinkedHashMap<>();
            for (JsonNode o : api.pagesByBody(oncalls + "&offset=0", pages, b -> b.path("oncalls"),
                    b -> next(oncalls, b))) {
                JsonNode user = o.path("user");
                int level = o.path("escalation_level").asInt(0);
                seen.putIfAbsent(level + " " + user.path("id").asText(), new OnCall.Responder(
                        user.path("summary").asText(user.path("name").asText("")),
                        GitHubActions.link(user.path("html_url").asText("")), level,
                        o.path("schedule").path("summary").asText(""), o.path("end").asText("")));
            }
            responders.addAll(seen.values());
            responders.sort(Comparator.comparingInt(OnCall.Responder::level));
        }
        List<OnCall.Incident> incidents = new ArrayList<>();
        if (ID.matcher(id).matches()) {
            String open = pagerDuty.url() + "/incidents?service_ids%5B%5D=" + id
                    + "&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&sort_by=created_at:desc&limit=" + size;
            for (JsonNode i : api.pagesByBody(open + "&offset=0", pages, b -> b.path("incidents"),
                    b -> next(open, b))) {
                incidents.add(new OnCall.Incident(i.has("incident_number") ? "#" + i.path("incident_number").asText()
                        : "", i.path("title").asText(i.path("summary").asText("")), i.path("status").asText(""),
                        i.path("urgency").asText(""), i.path("created_at").asText(""),
                        GitHubActions.link(i.path("html_url").asText(""))));
            }
        }
        return new Snapshot.Parts(new OnCall(service.path("name").asText(service.path("summary").asText(id)),
                policy.path("summary").asText(""), GitHubActions.link(policy.path("html_url").asText("")), true,
                responders, "Open incidents", true, incidents), GitHubActions.link(service.path("html_url")
                .asText("")));
    }
}
