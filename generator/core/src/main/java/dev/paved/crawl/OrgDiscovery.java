package dev.paved.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.credential.HostToken;
import dev.paved.credential.Origin;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists an organisation's repositories through its host's REST API (GitHub and GitHub Enterprise, GitLab groups
 * with subgroups, Gitea and Forgejo), following pagination and honouring rate limits, and keeps those that pass
 * the filters. The token comes from an environment variable and is never shown; it goes to the API's origin (and
 * GitHub.com's, for api.github.com), over https or loopback http, never along a redirect or next page elsewhere, and
 * a discovered repository is cloned with it only when it is on one of those origins.
 */
final class OrgDiscovery {

    /** How long a rate limit may make discovery wait before it gives up on the organisation. */
    static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
    static final int ATTEMPTS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final TokenHttp http;
    private final Function<String, String> environment;

    OrgDiscovery(TokenHttp http, Function<String, String> environment) {
        this.http = http;
        this.environment = environment;
    }

    /**
     * The repositories of an organisation, each with the service's marker of its last change where the listing has
     * one; an {@link IOException} says why there are none.
     */
    List<Discovered> discover(RepositorySource.Organisation org) throws IOException {
        String secret = org.tokenVariable().isEmpty() ? null : environment.apply(org.tokenVariable());
        if (!org.tokenVariable().isEmpty() && (secret == null || secret.isEmpty())) {
            throw new IOException("the token variable " + org.tokenVariable() + " is not set");
        }
        Optional<HostToken> token = secret == null ? Optional.empty()
                : Optional.of(HostToken.of(org.tokenVariable(), secret, tokenUrls(org)));
        String api = org.apiBaseUrl().replaceAll("/+$", "");
        String first = switch (org.provider()) {
            case GITHUB -> api + "/orgs/" + enc(org.organization()) + "/repos?per_page=100&type=all";
            case GITLAB -> api + "/groups/" + enc(org.organization())
                    + "/projects?include_subgroups=true&per_page=100&order_by=id&sort=asc"
                    + (org.filters().allowArchived() ? "" : "&archived=false");
            case GITEA -> api + "/orgs/" + enc(org.organization()) + "/repos?limit=50&page=1";
        };
        List<Discovered> out = new ArrayList<>();
        String next = first;
        int pages = 0;
        while (next != null) {
            if (++pages > 1000) {
                throw new IOException("more than 1000 pages of repositories; stopping");
            }
            HttpResponse<String> response = get(next, org.provider(), token);
            JsonNode page = JSON.readTree(response.body());
            if (!page.isArray()) {
                throw new IOException(Redact.url(next) + " did not return a list of repositories");
            }
            for (JsonNode repo : page) {
                toRepository(repo, org).ifPresent(out::add);
            }
            next = nextPage(response, next, page.size(), org.provider());
        }
        return out;
    }

    /** Where an organisation's token goes: its API, and GitHub.com's clones for api.github.com. */
    private static String[] tokenUrls(RepositorySource.Organisation org) {
        String api = org.apiBaseUrl();
        return Origin.of(api).filter(o -> o.host().equals("api.github.com")).isPresent()
                ? new String[] {api, "https://github.com"} : new String[] {api};
    }

    /**
     * The token variable a repository of the organisation is cloned with: the organisation's when the clone URL is
     * on one of its token's origins, else none (a clone URL the API names elsewhere gets no token).
     */
    static String tokenVariableFor(RepositorySource.Organisation org, String cloneUrl) {
        Optional<Origin> clone = Origin.of(cloneUrl).filter(Origin::mayCarryToken);
        for (String url : tokenUrls(org)) {
            if (clone.isPresent() && Origin.of(url).equals(clone)) {
                return org.tokenVariable();
            }
        }
        return "";
    }

    private Optional<Discovered> toRepository(JsonNode repo, RepositorySource.Organisation org) {
        String name;
        String url;
        String defaultBranch = repo.path("default_branch").asText("");
        boolean fork;
        List<String> topics = new ArrayList<>();
        // Each service's marker of the last push: GitHub's pushed_at, GitLab's last_activity_at (moved at most once
        // an hour), Gitea's and Forgejo's updated_at (set on every push).
        Optional<VersionStamp> stamp = switch (org.provider()) {
            case GITHUB -> VersionStamp.of(repo.path("pushed_at").asText(null), VersionStamp.ON_EVERY_PUSH);
            case GITLAB -> VersionStamp.of(repo.path("last_activity_at").asText(null), VersionStamp.HOURLY);
            case GITEA -> VersionStamp.of(repo.path("updated_at").asText(null), VersionStamp.ON_EVERY_PUSH);
        };
        if (org.provider() == RepositorySource.Provider.GITLAB) {
            name = repo.path("path_with_namespace").asText();
            url = repo.path("http_url_to_repo").asText();
            fork = repo.has("forked_from_project");
            (repo.has("topics") ? repo.path("topics") : repo.path("tag_list")).forEach(t -> topics.add(t.asText()));
        } else {
            name = repo.path("full_name").asText();
            url = repo.path("clone_url").asText();
            fork = repo.path("fork").asBoolean(false);
            repo.path("topics").forEach(t -> topics.add(t.asText()));
        }
        boolean archived = repo.path("archived").asBoolean(false);
        if (name.isEmpty() || url.isEmpty() || repo.path("empty").asBoolean(false)) {
            return Optional.empty();
        }
        String shortName = name.substring(name.lastIndexOf('/') + 1);
        if (!org.filters().keeps(shortName, fork, archived, topics)) {
            return Optional.empty();
        }
        String branch = org.filters().branch().isEmpty() ? defaultBranch : org.filters().branch();
        return Optional.of(new Discovered(new Repository(name, url, branch, List.of(org.catalogPath()),
                tokenVariableFor(org, url)), stamp));
    }

    private HttpResponse<String> get(String url, RepositorySource.Provider provider, Optional<HostToken> token)
            throws IOException {
        long backoff = 500;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Accept", provider == RepositorySource.Provider.GITHUB ? "application/vnd.github+json"
                            : "application/json")
                    .header("User-Agent", "paved").build();
        } catch (IllegalArgumentException e) {
            throw new IOException("not an API URL: " + Redact.url(url), e);
        }
        TokenHttp.Header header = switch (provider) {
            case GITHUB -> TokenHttp.Header.BEARER;
            case GITLAB -> TokenHttp.Header.PRIVATE_TOKEN;
            case GITEA -> TokenHttp.Header.TOKEN;
        };
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, token, header);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new IOException(Redact.url(url) + ": " + Redact.message(e.getMessage()), e);
                }
                sleep(backoff);
                backoff *= 2;
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                return response;
            }
            Optional<Duration> wait = rateLimitWait(response);
            if (wait.isPresent()) {
                if (wait.get().compareTo(MAX_RATE_LIMIT_WAIT) > 0 || attempt == ATTEMPTS) {
                    throw new IOException("rate limited by " + Redact.url(url) + " for " + wait.get().toSeconds()
                            + " s more; crawl again later or use a token with a higher limit");
                }
                sleep(wait.get().toMillis());
                continue;
            }
            if (status >= 500 && attempt < ATTEMPTS) {
                sleep(backoff);
                backoff *= 2;
                continue;
            }
            throw new IOException(Redact.url(url) + " answered " + status + switch (status) {
                case 401 -> " (the token is missing or invalid)";
                case 403 -> " (the token may not read this organisation)";
                case 404 -> " (no such organisation, or no access to it)";
                default -> "";
            });
        }
    }

    /** How long a rate-limited response asks to wait, if it is one. */
    static Optional<Duration> rateLimitWait(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        Optional<String> retryAfter = response.headers().firstValue("retry-after");
        if (retryAfter.isPresent() && retryAfter.get().matches("\\d+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.get())));
        }
        if (response.headers().firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()) {
            long reset = response.headers().firstValue("x-ratelimit-reset").filter(v -> v.matches("\\d+"))
                    .map(Long::parseLong).orElse(0L);
            long seconds = Math.max(1, reset - System.currentTimeMillis() / 1000);
            return Optional.of(Duration.ofSeconds(seconds));
        }
        return status == 429 ? Optional.of(Duration.ofSeconds(1)) : Optional.empty();
    }

    private static String nextPage(HttpResponse<String> response, String current, int size,
                                   RepositorySource.Provider provider) {
        for (String link : response.headers().allValues("link")) {
            Matcher m = NEXT_LINK.matcher(link);
            if (m.find()) {
                return URI.create(current).resolve(m.group(1)).toString();
            }
        }
        Optional<String> nextPage = response.headers().firstValue("x-next-page").filter(v -> v.matches("\\d+"));
        if (nextPage.isPresent()) {
            return current.replaceAll("([?&])page=\\d+", "$1page=" + nextPage.get()).contains("page=" + nextPage.get())
                    ? current.replaceAll("([?&])page=\\d+", "$1page=" + nextPage.get())
                    : current + "&page=" + nextPage.get();
        }
        return null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
