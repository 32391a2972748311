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
 * Backstage's GitHub actions that call GitHub's REST API on an existing repository: {@code github:actions:dispatch}
 * starts a workflow that has a {@code workflow_dispatch} trigger
 * ({@code POST /repos/{owner}/{repo}/actions/workflows/{workflowId}/dispatches}); {@code github:pages:enable} turns on
 * GitHub Pages ({@code POST /repos/{owner}/{repo}/pages}). The token is {@code PAVED_GIT_TOKEN}, sent only to the API
 * of a host it is for ({@link Scaffolder.Options#tokenAllowed}), over HTTPS (plain HTTP only to loopback), never along
 * a redirect ({@link TokenHttp}); a step's own {@code token} input is not used. A dry run sends nothing.
 */
final class GitHubActions {

    /** An existing repository of a GitHub host, as {@code repoUrl} names it, and its API root. */
    private record Repository(String host, String owner, String name, String api) {

        String path() {
            return "/repos/" + enc(owner) + "/" + enc(name);
        }
    }

    private GitHubActions() {
    }

    /** github:actions:dispatch — {@code repoUrl}, {@code workflowId}, {@code branchOrTagName}, {@code workflowInputs}. */
    static Map<String, Object> dispatch(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        Repository repo = repository(run, input);
        String workflow = run.required(input, "workflowId");
        String ref = run.required(input, "branchOrTagName");
        Object inputs = input.get("workflowInputs");
        if (inputs != null && !(inputs instanceof Map<?, ?>)) {
            throw new TemplateException(label + ": input 'workflowInputs' must be an object");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", ref);
        body.put("inputs", inputs == null ? Map.of() : JsValues.unwrap(inputs));
        String what = "workflow " + workflow + " of " + repo.owner() + "/" + repo.name() + " on " + ref;
        HttpResponse<String> response = post(run, input, repo, "/actions/workflows/" + enc(workflow) + "/dispatches",
                body, "start " + what);
        if (response == null) {
            return Map.of();
        }
        int status = response.statusCode();
        if (status == 204 || status == 200) {
            run.log("  started " + what);
            return Map.of();
        }
        throw error(label, "starting " + what, response, repo, status == 422 ? " (the workflow has no "
                + "workflow_dispatch trigger, the ref does not exist, or the inputs are not the workflow's)" : "");
    }

    /**
     * github:pages:enable — {@code repoUrl}, {@code buildType} ({@code workflow}, the default, or {@code legacy}),
     * {@code sourceBranch} (main), {@code sourcePath} ({@code /} or {@code /docs}). Pages already enabled is not an
     * error.
     */
    static Map<String, Object> pagesEnable(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        Repository repo = repository(run, input);
        String buildType = StepRun.text(input, "buildType", "workflow");
        String sourcePath = StepRun.text(input, "sourcePath", "/");
        if (!buildType.equals("workflow") && !buildType.equals("legacy")) {
            throw new TemplateException(label + ": buildType '" + buildType + "' is neither workflow nor legacy");
        }
        if (!sourcePath.equals("/") && !sourcePath.equals("/docs")) {
            throw new TemplateException(label + ": sourcePath '" + sourcePath + "' is neither / nor /docs");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("build_type", buildType);
        body.put("source", Map.of("branch", StepRun.text(input, "sourceBranch", "main"), "path", sourcePath));
        String what = "GitHub Pages of " + repo.owner() + "/" + repo.name();
        HttpResponse<String> response = post(run, input, repo, "/pages", body, "enable " + what);
        if (response == null) {
            return Map.of();
        }
        int status = response.statusCode();
        if (status == 201 || status == 200 || status == 409) {
            run.log("  " + what + (status == 409 ? " were enabled already" : " enabled"));
            return Map.of();
        }
        throw error(label, "enabling " + what, response, repo, "");
    }

    private static Repository repository(StepRun run, Map<String, Object> input) {
        Map<String, Object> repo = ScaffolderFilters.parseRepoUrl(run.required(input, "repoUrl"));
        if (repo.get("owner") == null || repo.get("repo") == null) {
            throw new TemplateException(run.step().label() + ": repoUrl '" + input.get("repoUrl") + "' names no owner "
                    + "and repo (host?owner=…&repo=…)");
        }
        String host = String.valueOf(repo.get("host"));
        String api = run.options().apiUrls().getOrDefault(host, RepositoryCreator.defaultApi(
                PublishActions.Provider.GITHUB, host)).replaceAll("/+$", "");
        return new Repository(host, String.valueOf(repo.get("owner")), String.valueOf(repo.get("repo")), api);
    }

    /** POSTs {@code body} with the token; null in a dry run, which says what it would do instead. */
    private static HttpResponse<String> post(StepRun run, Map<String, Object> input, Repository repo, String path,
                                             Map<String, Object> body, String what) throws IOException {
        String label = run.step().label();
        String url = repo.api() + repo.path() + path;
        if (input.get("token") instanceof String t && !t.isBlank()) {
            run.log("  note: the step's token input is not used; Paved sends PAVED_GIT_TOKEN to the hosts it is for");
        }
        if (run.dryRun()) {
            run.log("  would " + what + " (POST " + Redact.url(url) + ")");
            return null;
        }
        if (!run.options().tokenAllowed(repo.host())) {
            throw new TemplateException(label + ": " + what.replaceFirst("^(\\w+?)e? ", "$1ing ") + " needs "
                    + PublishActions.TOKEN_SOURCE + " for "
                    + repo.host() + (run.options().gitToken() == null || run.options().gitToken().isEmpty() ? ""
                    : ", which is not one of the token's hosts (--token-host)"));
        }
        HostToken token;
        try {
            token = HostToken.of(PublishActions.TOKEN_SOURCE, run.options().gitToken(), repo.api());
        } catch (TokenRefusedException e) {
            throw new TemplateException(label + ": " + e.getMessage());
        }
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
        return new TokenHttp(Duration.ofSeconds(20)).send(request, Optional.of(token), TokenHttp.Header.BEARER);
    }

    private static TemplateException error(String label, String what, HttpResponse<String> response, Repository repo,
                                           String why422) {
        int status = response.statusCode();
        String message = message(response.body());
        return new TemplateException(label + ": " + what + " answered HTTP " + status
                + (message.isEmpty() ? "" : ": " + message) + switch (status) {
                    case 401 -> " (the token is missing or invalid)";
                    case 403 -> " (the token may not do this in " + repo.owner() + "/" + repo.name() + ")";
                    case 404 -> " (no such repository or workflow, or the token cannot see it)";
                    case 422 -> why422;
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
