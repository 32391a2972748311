package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST calls of a pull request (GitHub, Gitea) or merge request (GitLab): the repository's default branch before
 * anything is pushed, then the request itself and its reviewers. The token goes with requests to its origins only,
 * never along a redirect to another origin ({@link TokenHttp}); an error names the call, the status and what the host
 * said, never the token.
 */
final class PullRequestApi {

    /** The repository as the host knows it: its path ({@code owner/repo}, a GitLab group path) and default branch. */
    record RepositoryInfo(String path, String defaultBranch) {
    }

    /** A request opened: its number (GitLab's {@code iid}), its page, and the branch it merges into. */
    record Opened(long number, String url, String targetBranch) {
    }

    /** What a request should be: branches, title, body, draft, and GitLab's reviewers by id. */
    record Proposal(String head, String base, String title, String body, boolean draft, List<Long> reviewerIds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublishActions.Provider provider;
    private final String base;
    private final HostToken token;
    private final TokenHttp http = new TokenHttp(Duration.ofSeconds(20));

    PullRequestApi(PublishActions.Provider provider, String api, HostToken token) {
        this.provider = provider;
        this.base = api.replaceAll("/+$", "");
        this.token = token;
    }

    /** The API path of a repository: {@code /repos/o/r}, or GitLab's {@code /projects/<id or encoded path>}. */
    private String repositoryPath(String repository) {
        return provider == PublishActions.Provider.GITLAB ? "/projects/" + enc(repository)
                : "/repos/" + repository.replace("%", "%25");
    }

    /** {@code GET} the repository: 401 and 404 stop the step here, before anything is cloned or pushed. */
    RepositoryInfo repository(String repository) throws IOException {
        HttpResponse<String> response = send("GET", repositoryPath(repository), null);
        JsonNode body = check(response, "reading " + repository);
        String path = body.path(provider == PublishActions.Provider.GITLAB ? "path_with_namespace" : "full_name")
                .asText(repository);
        String branch = body.path("default_branch").asText("");
        return new RepositoryInfo(path, branch.isEmpty() ? null : branch);
    }

    /** Opens the request. Any answer but 200/201 is an {@link IOException} naming the status and the host's words. */
    Opened open(String repository, Proposal p) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        switch (provider) {
            case GITHUB -> {
                path = repositoryPath(repository) + "/pulls";
                body.put("title", p.title());
                body.put("body", p.body());
                body.put("head", p.head());
                body.put("base", p.base());
                body.put("draft", p.draft());
            }
            case GITEA -> {
                // Gitea has no draft flag: a title starting with "WIP:" is its work in progress (WORK_IN_PROGRESS_PREFIXES).
                path = repositoryPath(repository) + "/pulls";
                body.put("title", p.draft() && !p.title().startsWith("WIP:") ? "WIP: " + p.title() : p.title());
                body.put("body", p.body());
                body.put("head", p.head());
                body.put("base", p.base());
            }
            case GITLAB -> {
                // GitLab marks a draft by the title: "Draft: …".
                path = repositoryPath(repository) + "/merge_requests";
                body.put("source_branch", p.head());
                body.put("target_branch", p.base());
                body.put("title", p.draft() && !p.title().startsWith("Draft:") ? "Draft: " + p.title() : p.title());
                body.put("description", p.body());
                if (!p.reviewerIds().isEmpty()) {
                    body.put("reviewer_ids", p.reviewerIds());
                }
            }
            default -> throw new IllegalArgumentException(provider.toString());
        }
        JsonNode answer = check(send("POST", path, body), "opening the " + kind());
        boolean gitlab = provider == PublishActions.Provider.GITLAB;
        return new Opened(answer.path(gitlab ? "iid" : "number").asLong(),
                answer.path(gitlab ? "web_url" : "html_url").asText(""),
                gitlab ? answer.path("target_branch").asText(p.base()) : answer.path("base").path("ref").asText(p.base()));
    }

    /** GitHub's and Gitea's reviewers of an opened request; the users and teams the host says it added. */
    List<String> requestReviewers(String repository, long number, List<String> users, List<String> teams)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewers", users);
        if (!teams.isEmpty()) {
            body.put("team_reviewers", teams);
        }
        JsonNode answer = check(send("POST", repositoryPath(repository) + "/pulls/" + number + "/requested_reviewers",
                body), "requesting reviewers");
        List<String> added = new ArrayList<>();
        JsonNode list = answer.isArray() ? answer : answer.path("requested_reviewers"); // Gitea: a list of reviews
        for (JsonNode r : list) {
            String login = r.path("login").asText(r.path("reviewer").path("login").asText(""));
            if (!login.isEmpty()) {
                added.add(login);
            }
        }
        for (JsonNode t : answer.path("requested_teams")) {
            added.add(t.path("slug").asText(t.path("name").asText()));
        }
        return added;
    }

    /** A GitLab user's id by user name ({@code GET /users?username=}); empty when there is none. */
    Optional<Long> gitlabUser(String username) throws IOException {
        JsonNode answer = check(send("GET", "/users?username=" + enc(username), null), "looking up " + username);
        return answer.isArray() && !answer.isEmpty() ? Optional.of(answer.get(0).path("id").asLong())
                : Optional.empty();
    }

    /** "pull request" or "merge request", as the host calls it. */
    String kind() {
        return provider == PublishActions.Provider.GITLAB ? "merge request" : "pull request";
    }

    private JsonNode check(HttpResponse<String> response, String what) throws IOException {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200 || status == 201) {
            return body;
        }
        StringBuilder said = new StringBuilder();
        JsonNode message = body.path("message");
        if (message.isTextual()) {
            said.append(message.asText());
        } else if (!message.isMissingNode()) {
            said.append(message); // GitLab: {"message": ["…"]} or an object of fields
        } else if (body.has("error")) {
            said.append(body.path("error").asText());
        }
        for (JsonNode e : body.path("errors")) {
            said.append(said.length() > 0 ? "; " : "").append(e.isTextual() ? e.asText() : e.path("message").asText(e.toString()));
        }
        throw new IOException(what + " answered HTTP " + status + (said.length() > 0 ? ": "
                + Redact.message(said.toString()) : "") + switch (status) {
                    case 401 -> " (the token is missing or invalid)";
                    case 403 -> " (the token may not do this here)";
                    case 404 -> " (no such repository, or the token cannot see it)";
                    case 409, 422 -> " (the host refused it as it stands: a request for this branch may exist already)";
                    default -> "";
                });
    }

    private HttpResponse<String> send(String method, String path, Map<String, Object> body) throws IOException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", provider == PublishActions.Provider.GITHUB ? "application/vnd.github+json"
                            : "application/json");
        } catch (IllegalArgumentException e) {
            throw new IOException("not an API URL: " + Redact.url(base + path), e);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        TokenHttp.Header header = switch (provider) {
            case GITHUB -> TokenHttp.Header.BEARER;
            case GITLAB -> TokenHttp.Header.PRIVATE_TOKEN;
            default -> TokenHttp.Header.TOKEN;
        };
        return http.send(request.build(), Optional.of(token), header);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
