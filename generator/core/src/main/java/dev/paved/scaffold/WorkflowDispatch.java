package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github:actions:dispatch} (Backstage's GitHub module): starts a workflow that has a {@code workflow_dispatch}
 * trigger, with {@code POST /repos/{owner}/{repo}/actions/workflows/{workflowId}/dispatches}. The token is
 * {@code PAVED_GIT_TOKEN}, sent only to the API of a host it is for ({@link Scaffolder.Options#tokenAllowed}), over
 * HTTPS (plain HTTP only to loopback), never along a redirect ({@link TokenHttp}); a template's own {@code token}
 * input is not used. A dry run sends nothing.
 */
final class WorkflowDispatch {

    private WorkflowDispatch() {
    }

    /** github:actions:dispatch — {@code repoUrl}, {@code workflowId}, {@code branchOrTagName}, {@code workflowInputs}. */
    static Map<String, Object> dispatch(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        Map<String, Object> repo = ScaffolderFilters.parseRepoUrl(run.required(input, "repoUrl"));
        if (repo.get("owner") == null || repo.get("repo") == null) {
            throw new TemplateException(label + ": repoUrl '" + input.get("repoUrl") + "' names no owner and repo "
                    + "(host?owner=…&repo=…)");
        }
        String host = String.valueOf(repo.get("host"));
        String owner = String.valueOf(repo.get("owner"));
        String name = String.valueOf(repo.get("repo"));
        String workflow = run.required(input, "workflowId");
        String ref = run.required(input, "branchOrTagName");
        Object inputs = input.get("workflowInputs");
        if (inputs != null && !(inputs instanceof Map<?, ?>)) {
            throw new TemplateException(label + ": input 'workflowInputs' must be an object");
        }
        if (input.get("token") instanceof String t && !t.isBlank()) {
            run.log("  note: the step's token input is not used; Paved sends PAVED_GIT_TOKEN to the hosts it is for");
        }
        String api = run.options().apiUrls().getOrDefault(host, RepositoryCreator.defaultApi(
                PublishActions.Provider.GITHUB, host)).replaceAll("/+$", "");
        String url = api + "/repos/" + enc(owner) + "/" + enc(name) + "/actions/workflows/" + enc(workflow)
                + "/dispatches";
        String what = "workflow " + workflow + " of " + owner + "/" + name + " on " + ref;
        if (run.dryRun()) {
            run.log("  would start " + what + " (POST " + Redact.url(url) + ")");
            return Map.of();
        }
        if (!run.options().tokenAllowed(host)) {
            throw new TemplateException(label + ": starting " + what + " needs " + PublishActions.TOKEN_SOURCE
                    + " for " + host + (run.options().gitToken() == null || run.options().gitToken().isEmpty() ? ""
                    : ", which is not one of the token's hosts (--token-host)"));
        }
        HostToken token;
        try {
            token = HostToken.of(PublishActions.TOKEN_SOURCE, run.options().gitToken(), api);
        } catch (TokenRefusedException e) {
            throw new TemplateException(label + ": " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", ref);
        body.put("inputs", inputs == null ? Map.of() : JsValues.unwrap(inputs));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(StructuredText.toJson(body, false))).build();
        } catch (IllegalArgumentException e) {
            throw new TemplateException(label + ": not an API URL: " + Redact.url(url));
        }
        HttpResponse<String> response = new TokenHttp(Duration.ofSeconds(20))
                .send(request, Optional.of(token), TokenHttp.Header.BEARER);
        int status = response.statusCode();
        if (status == 204 || status == 200) {
            run.log("  started " + what);
            return Map.of();
        }
        String message = message(response.body());
        throw new TemplateException(label + ": starting " + what + " answered HTTP " + status
                + (message.isEmpty() ? "" : ": " + message) + switch (status) {
                    case 401 -> " (the token is missing or invalid)";
                    case 403 -> " (the token may not start workflows in " + owner + "/" + name + ")";
                    case 404 -> " (no such repository or workflow, or the token cannot see it)";
                    case 422 -> " (the workflow has no workflow_dispatch trigger, the ref does not exist, or the inputs "
                            + "are not the workflow's)";
                    default -> "";
                });
    }

    private static String message(String body) {
        try {
            JsonNode json = StructuredText.JSON.readTree(body);
            return Redact.message(json.path("message").asText(""));
        } catch (IOException e) {
            return "";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
