package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.crawl.Integration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A repository's deployments through GitHub's REST API ({@code GET /repos/{owner}/{repo}/deployments}, newest first,
 * paged), as its documentation shows them: each with its {@code sha}, {@code ref}, {@code environment} and
 * {@code created_at}.
 */
final class GitHubDeployments {

    static final String SERVICE = "GitHub deployments";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");

    private GitHubDeployments() {
    }

    static Snapshot.Parts take(Api api, Integration integration, String slug, Integrations.Options options)
            throws Api.Failed {
        String repo = GitHubActions.apiBase(integration) + "/repos/" + slug;
        List<JsonNode> found = api.pages(repo + "/deployments?per_page=" + options.perPage(), options.maxPages(),
                page -> page, got -> false);
        String web = "https://" + integration.host() + "/" + slug;
        List<HostDeployments.Entry> out = new ArrayList<>();
        for (JsonNode d : found) {
            String sha = d.path("sha").asText("");
            if (!SHA.matcher(sha).matches()) {
                continue; // not a commit id: nothing a figure could be computed from
            }
            out.add(new HostDeployments.Entry(sha, d.path("ref").asText(""), d.path("environment").asText(""),
                    d.path("created_at").asText(""), GitHubActions.link(web + "/commit/" + sha)));
        }
        return new Snapshot.Parts(new HostDeployments(out), GitHubActions.link(web + "/deployments"));
    }
}
