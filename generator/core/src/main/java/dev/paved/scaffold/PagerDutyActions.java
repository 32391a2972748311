package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pagerduty:service:create}, as PagerDuty's Backstage plugin names it: creates a service with its escalation
 * policy through PagerDuty's REST API ({@code POST /services}), then an Events API v2 integration on it
 * ({@code POST /services/{id}/integrations}); outputs {@code serviceUrl}, {@code serviceId}, {@code integrationKey}
 * and {@code account}. PagerDuty is the portal's ({@code services: pagerduty:} of paved.yaml, or the app-config's
 * {@code pagerDuty}), its token sent as {@code Authorization: Token token=…} to its URL only. The integration key is
 * an output for the template to show; it is never logged.
 */
final class PagerDutyActions {

    private static final TokenHttp.Header TOKEN = new TokenHttp.Header("Authorization", "Token token=");
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/vnd.pagerduty+json;version=2");
    private static final List<String> GROUPINGS = List.of("time", "intelligent", "content_based");

    private PagerDutyActions() {
    }

    /** pagerduty:service:create — {@code name}, {@code description}, {@code escalationPolicyId}, {@code alertGrouping}. */
    static Map<String, Object> serviceCreate(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        String name = run.required(input, "name");
        String description = run.required(input, "description");
        String policy = run.required(input, "escalationPolicyId");
        String grouping = StepRun.text(input, "alertGrouping", null);
        if (grouping != null && !grouping.isBlank() && !GROUPINGS.contains(grouping)) {
            throw new TemplateException(label + ": input 'alertGrouping' is '" + grouping + "', not one of "
                    + String.join(", ", GROUPINGS));
        }
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("type", "service");
        service.put("name", name);
        service.put("description", description);
        service.put("escalation_policy", Map.of("id", policy, "type", "escalation_policy_reference"));
        service.put("alert_creation", "create_alerts_and_incidents");
        if (grouping != null && !grouping.isBlank()) {
            service.put("alert_grouping_parameters", Map.of("type", grouping));
        }
        if (run.dryRun()) {
            String where = ServiceApi.configured(run, "pagerduty").map(s -> Redact.url(s.url()))
                    .orElse("PagerDuty (none is configured: a run would stop here)");
            run.log("  would create the PagerDuty service " + name + " with escalation policy " + policy
                    + " and an Events API v2 integration (POST " + where + "/services)");
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("serviceUrl", "(dry run)");
            output.put("serviceId", "(dry run)");
            output.put("integrationKey", "(dry run)");
            output.put("account", ServiceApi.configured(run, "pagerduty").map(s -> s.name()).orElse("default"));
            return output;
        }
        ServiceApi api = ServiceApi.of(run, "pagerduty", "PagerDuty", TOKEN, HEADERS);
        HttpResponse<String> created = api.send("POST", "/services", Map.of("service", service));
        if (created.statusCode() != 201 && created.statusCode() != 200) {
            throw api.error("creating the PagerDuty service " + name, created, message(created));
        }
        JsonNode made = ServiceApi.json(created).path("service");
        String id = made.path("id").asText("");
        if (!id.matches("[A-Za-z0-9]+")) {
            throw new TemplateException(label + ": PagerDuty answered the creation of " + name + " without a "
                    + "service id");
        }
        run.log("  created the PagerDuty service " + name + " (" + id + ")");
        Map<String, Object> integration = Map.of("integration", Map.of("type", "events_api_v2_inbound_integration",
                "name", "Backstage", "service", Map.of("id", id, "type", "service_reference")));
        HttpResponse<String> added = api.send("POST", "/services/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "/integrations", integration);
        if (added.statusCode() != 201 && added.statusCode() != 200) {
            throw api.error("adding an Events API v2 integration to the PagerDuty service " + name + " (" + id
                    + ", which was created)", added, message(added));
        }
        run.log("  added an Events API v2 integration to " + id);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("serviceUrl", made.path("html_url").asText(""));
        output.put("serviceId", id);
        output.put("integrationKey", ServiceApi.json(added).path("integration").path("integration_key").asText(""));
        output.put("account", api.service().name());
        return output;
    }

    /** PagerDuty's error: {@code error.message} and its {@code errors}. */
    private static String message(HttpResponse<String> response) {
        JsonNode error = ServiceApi.json(response).path("error");
        StringBuilder out = new StringBuilder(error.path("message").asText(""));
        for (JsonNode e : error.path("errors")) {
            out.append(out.length() == 0 ? "" : "; ").append(e.asText());
        }
        return out.toString();
    }
}
