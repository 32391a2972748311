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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the repository a {@code publish:github}, {@code publish:gitlab} or {@code publish:gitea} step pushes to,
 * with one call to the host's REST API, as Backstage does. An existing repository is not an error: the push that
 * follows tells whether it can take the new project. The token goes with requests to its origins only, never along a
 * redirect to another origin ({@link TokenHttp}).
 */
final class RepositoryCreator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Azure DevOps REST API version asked for. */
    static final String AZURE_API_VERSION = "7.1";

    private final TokenHttp http = new TokenHttp(Duration.ofSeconds(20));

    /**
     * What the host answered.
     *
     * @param created whether the repository was created (false: it was there already)
     * @param id      the host's id of the repository, when it gave one (Azure DevOps' GUID), else empty
     */
    record Outcome(boolean created, String id) {
    }

    /** The default REST API root of a host for a provider: api.github.com, /api/v3, /api/v4, /api/v1. */
    static String defaultApi(PublishActions.Provider provider, String host) {
        return switch (provider) {
            case GITHUB -> host.equals("github.com") ? "https://api.github.com" : "https://" + host + "/api/v3";
            case GITLAB -> "https://" + host + "/api/v4";
            case GITEA -> "https://" + host + "/api/v1";
            case AZURE -> "https://" + host;
            case GIT -> throw new IllegalArgumentException("publish:git creates no repository");
        };
    }

    /**
     * Creates {@code owner/repo} (for Azure DevOps, {@code owner} is {@code organization/project}): whether it was
     * created or there already, and its id.
     */
    Outcome create(PublishActions.Provider provider, String api, String owner, String repo, String description,
                   String visibility, HostToken token) throws IOException {
        String base = api.replaceAll("/+$", "");
        boolean isPrivate = !"public".equals(visibility);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", repo);
        if (description != null) {
            body.put("description", description);
        }
        HttpResponse<String> response;
        switch (provider) {
            case GITHUB -> {
                body.put("private", isPrivate);
                if ("internal".equals(visibility)) {
                    body.put("visibility", "internal");
                }
                HttpResponse<String> who = send("GET", base + "/users/" + enc(owner), null, provider, token);
                boolean org = who.statusCode() == 200 && "Organization".equals(JSON.readTree(who.body()).path("type").asText());
                response = send("POST", base + (org ? "/orgs/" + enc(owner) + "/repos" : "/user/repos"), body,
                        provider, token);
            }
            case GITEA -> {
                body.put("private", isPrivate);
                response = send("POST", base + "/orgs/" + enc(owner) + "/repos", body, provider, token);
                if (response.statusCode() == 404) {
                    response = send("POST", base + "/user/repos", body, provider, token);
                }
            }
            case GITLAB -> {
                HttpResponse<String> ns = send("GET", base + "/namespaces/" + enc(owner), null, provider, token);
                if (ns.statusCode() != 200) {
                    throw new IOException("GitLab has no namespace " + owner + " (HTTP " + ns.statusCode() + ")");
                }
                body.put("path", repo);
                body.put("namespace_id", JSON.readTree(ns.body()).path("id").asLong());
                body.put("visibility", visibility == null ? "private" : visibility);
                response = send("POST", base + "/projects", body, provider, token);
            }
            case AZURE -> {
                // Azure DevOps: POST {server}/{organization}/{project}/_apis/git/repositories; no description there.
                String repositories = base + "/" + pathOf(owner) + "/_apis/git/repositories";
                response = send("POST", repositories + "?api-version=" + AZURE_API_VERSION, Map.of("name", repo),
                        provider, token);
                if (response.statusCode() == 409) {
                    HttpResponse<String> existing = send("GET", repositories + "/" + enc(repo) + "?api-version="
                            + AZURE_API_VERSION, null, provider, token);
                    return new Outcome(false, existing.statusCode() == 200
                            ? parse(existing.body()).path("id").asText("") : "");
                }
            }
            default -> throw new IllegalArgumentException(provider.toString());
        }
        int status = response.statusCode();
        if (status == 201 || status == 200) {
            return new Outcome(true, parse(response.body()).path("id").asText(""));
        }
        if (status == 409 || status == 422 && response.body().contains("already exist")
                || status == 400 && response.body().contains("has already been taken")) {
            return new Outcome(false, "");
        }
        JsonNode error = parse(response.body());
        throw new IOException("creating " + owner + "/" + repo + " answered HTTP " + status
                + (error.has("message") ? ": " + error.path("message").asText() : "")
                + (status == 401 || status == 203 ? " (the token is missing or invalid)" : status == 403
                ? " (the token may not create repositories here)" : ""));
    }

    private HttpResponse<String> send(String method, String url, Map<String, Object> body,
                                      PublishActions.Provider provider, HostToken token) throws IOException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", provider == PublishActions.Provider.GITHUB ? "application/vnd.github+json"
                            : "application/json");
        } catch (IllegalArgumentException e) {
            throw new IOException("not an API URL: " + Redact.url(url), e);
        }
        TokenHttp.Header header = switch (provider) {
            case GITHUB -> TokenHttp.Header.BEARER;
            case GITLAB -> TokenHttp.Header.PRIVATE_TOKEN;
            case AZURE -> TokenHttp.Header.BASIC_PASSWORD;
            default -> TokenHttp.Header.TOKEN;
        };
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), Optional.of(token), header);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** {@code a/b} with each segment encoded. */
    private static String pathOf(String owner) {
        return String.join("/", Arrays.stream(owner.split("/")).map(RepositoryCreator::enc).toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
