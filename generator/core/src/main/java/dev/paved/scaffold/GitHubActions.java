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
import java.util.List;
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

    /**
     * github:environment:create — {@code repoUrl}, {@code name}, {@code deploymentBranchPolicy}
     * ({@code protected_branches}, {@code custom_branch_policies}), {@code customBranchPolicyNames},
     * {@code customTagPolicyNames}, {@code environmentVariables}, {@code waitTimer}, {@code preventSelfReview}:
     * {@code PUT /repos/{o}/{r}/environments/{name}}, then a deployment branch policy per name
     * ({@code POST …/deployment-branch-policies}) and a variable per entry ({@code POST …/variables}). {@code secrets}
     * and {@code reviewers} are refused by name: secrets must be sealed with libsodium's box for the repository's key,
     * and reviewers are looked up in Backstage's catalog.
     */
    static Map<String, Object> environmentCreate(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        refuseEnvironmentInputs(label, input).ifPresent(p -> {
            throw new TemplateException(p);
        });
        Repository repo = repository(run, input);
        String name = run.required(input, "name");
        Map<String, Object> body = new LinkedHashMap<>();
        Object policy = input.get("deploymentBranchPolicy");
        if (policy != null && !(policy instanceof Map<?, ?>)) {
            throw new TemplateException(label + ": input 'deploymentBranchPolicy' must be an object "
                    + "(protected_branches, custom_branch_policies)");
        }
        body.put("deployment_branch_policy", policy == null ? null : JsValues.unwrap(policy));
        if (input.get("waitTimer") != null) {
            body.put("wait_timer", number(label, input, "waitTimer"));
        }
        if (input.get("preventSelfReview") != null) {
            body.put("prevent_self_review", StepRun.flag(input, "preventSelfReview"));
        }
        List<String> branches = strings(label, input, "customBranchPolicyNames");
        List<String> tags = strings(label, input, "customTagPolicyNames");
        Map<String, Object> variables = new LinkedHashMap<>();
        if (input.get("environmentVariables") instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> variables.put(String.valueOf(k), v));
        } else if (input.get("environmentVariables") != null) {
            throw new TemplateException(label + ": input 'environmentVariables' must be an object (name: value)");
        }
        String env = repo.owner() + "/" + repo.name() + "'s environment " + name;
        String envPath = "/environments/" + enc(name);
        HttpResponse<String> response = send(run, input, repo, "PUT", envPath, body, "create " + env);
        if (response != null) {
            int status = response.statusCode();
            if (status != 200 && status != 201) {
                throw error(label, "creating " + env, response, repo, " (the branch policy or another input is not "
                        + "one GitHub accepts)", " (no such repository, or the token cannot see it)");
            }
            run.log("  created " + env);
        }
        for (String kind : List.of("branch", "tag")) {
            for (String pattern : kind.equals("branch") ? branches : tags) {
                String what = kind + " policy " + pattern + " of " + env;
                HttpResponse<String> r = send(run, input, repo, "POST", envPath + "/deployment-branch-policies",
                        Map.of("name", pattern, "type", kind), "add the " + what);
                if (r != null && r.statusCode() != 200 && r.statusCode() != 201) {
                    throw error(label, "adding the " + what, r, repo, " (custom_branch_policies must be true in "
                            + "deploymentBranchPolicy)", " (no such environment, or the token cannot see it)");
                }
            }
        }
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            String what = "variable " + variable.getKey() + " of " + env;
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", variable.getKey());
            value.put("value", variable.getValue() == null ? "" : String.valueOf(JsValues.unwrap(variable.getValue())));
            HttpResponse<String> r = send(run, input, repo, "POST", envPath + "/variables", value, "set the " + what);
            if (r != null && r.statusCode() != 201 && r.statusCode() != 200) {
                throw error(label, "setting the " + what, r, repo, " (the name is not one GitHub allows, or it is set "
                        + "already)", " (no such environment, or the token cannot see it)");
            }
        }
        if (response != null && !variables.isEmpty()) {
            run.log("  set " + variables.size() + " variable(s) of " + env);
        }
        return Map.of();
    }

    /**
     * The inputs of github:environment:create Paved refuses, when a step gives them: {@code secrets} and
     * {@code reviewers} that are not empty (an expression counts, before it is rendered).
     */
    static java.util.Optional<String> refuseEnvironmentInputs(String label, Map<String, Object> input) {
        if (given(input.get("secrets"))) {
            return java.util.Optional.of(label + ": input 'secrets' is not supported: GitHub takes environment "
                    + "secrets only sealed with libsodium's sealed box for the repository's public key, which Paved "
                    + "does not do; set them in the repository's settings or with gh secret set --env");
        }
        if (given(input.get("reviewers"))) {
            return java.util.Optional.of(label + ": input 'reviewers' is not supported: Backstage looks them up in "
                    + "its catalog by GitHub user or team id; add them in the environment's settings");
        }
        return java.util.Optional.empty();
    }

    private static boolean given(Object v) {
        return v instanceof Map<?, ?> m ? !m.isEmpty() : v instanceof java.util.Collection<?> c ? !c.isEmpty()
                : v != null && !String.valueOf(v).isBlank();
    }

    /** github:issues:label — {@code repoUrl}, {@code number}, {@code labels}: {@code POST …/issues/{n}/labels}. */
    static Map<String, Object> issuesLabel(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        Repository repo = repository(run, input);
        String number = run.required(input, "number");
        List<String> labels = strings(label, input, "labels");
        if (labels.isEmpty()) {
            throw new TemplateException(label + ": input 'labels' is required (a list of label names)");
        }
        boolean numeric = number.matches("\\d+");
        if (!numeric && !run.dryRun()) {
            throw new TemplateException(label + ": input 'number' is '" + number + "', not an issue or pull request "
                    + "number");
        }
        String what = "issue " + number + " of " + repo.owner() + "/" + repo.name();
        HttpResponse<String> response = send(run, input, repo, "POST", "/issues/" + (numeric ? number
                : enc(number)) + "/labels", Map.of("labels", labels), "label " + what + " " + labels);
        if (response == null) {
            return Map.of();
        }
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            run.log("  labeled " + what + " " + labels);
            return Map.of();
        }
        throw error(label, "labeling " + what, response, repo, " (a label name GitHub does not accept)",
                " (no such repository or issue, or the token cannot see it)");
    }

    private static List<String> strings(String label, Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof java.util.Collection<?> c)) {
            throw new TemplateException(label + ": input '" + key + "' must be a list");
        }
        return c.stream().map(String::valueOf).toList();
    }

    private static long number(String label, Map<String, Object> input, String key) {
        try {
            return Long.parseLong(String.valueOf(input.get(key)).replaceFirst("\\.0+$", ""));
        } catch (NumberFormatException e) {
            throw new TemplateException(label + ": input '" + key + "' is '" + input.get(key) + "', not a number");
        }
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
        return send(run, input, repo, "POST", path, body, what);
    }

    /** Sends {@code body} with the token; null in a dry run, which says what it would do instead. */
    private static HttpResponse<String> send(StepRun run, Map<String, Object> input, Repository repo, String method,
                                             String path, Map<String, Object> body, String what) throws IOException {
        String label = run.step().label();
        String url = repo.api() + repo.path() + path;
        if (input.get("token") instanceof String t && !t.isBlank()) {
            run.log("  note: the step's token input is not used; Paved sends PAVED_GIT_TOKEN to the hosts it is for");
        }
        if (run.dryRun()) {
            run.log("  would " + what + " (" + method + " " + Redact.url(url) + ")");
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
                    .method(method, HttpRequest.BodyPublishers.ofString(StructuredText.toJson(body, false))).build();
        } catch (IllegalArgumentException e) {
            throw new TemplateException(label + ": not an API URL: " + Redact.url(url));
        }
        return new TokenHttp(Duration.ofSeconds(20)).send(request, Optional.of(token), TokenHttp.Header.BEARER);
    }

    private static TemplateException error(String label, String what, HttpResponse<String> response, Repository repo,
                                           String why422) {
        return error(label, what, response, repo, why422, " (no such repository or workflow, or the token cannot see "
                + "it)");
    }

    private static TemplateException error(String label, String what, HttpResponse<String> response, Repository repo,
                                           String why422, String why404) {
        int status = response.statusCode();
        String message = message(response.body());
        return new TemplateException(label + ": " + what + " answered HTTP " + status
                + (message.isEmpty() ? "" : ": " + message) + switch (status) {
                    case 401 -> " (the token is missing or invalid)";
                    case 403 -> " (the token may not do this in " + repo.owner() + "/" + repo.name() + ")";
                    case 404 -> why404;
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
