package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.crawl.Integration;
import dev.paved.docs.UrlPaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * GitHub Actions of one repository, through GitHub's REST API: the repository's default branch
 * ({@code GET /repos/{owner}/{repo}}), its active workflows ({@code GET …/actions/workflows}) and the latest run of
 * each on the default branch ({@code GET …/actions/runs?branch=…}, newest first, paged until every workflow has one
 * or the page limit), with each workflow's status badge ({@code https://<host>/{owner}/{repo}/actions/workflows/
 * {file}/badge.svg}).
 */
final class GitHubActions {

    static final String SERVICE = "GitHub Actions";
    /** The headers GitHub's REST API documentation asks for. */
    static final Map<String, String> HEADERS = Map.of("Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", "2022-11-28");

    private GitHubActions() {
    }

    /** The REST API's root: the configured {@code apiBaseUrl}, else api.github.com or GitHub Enterprise's. */
    static String apiBase(Integration integration) {
        if (!integration.apiBaseUrl().isEmpty()) {
            return integration.apiBaseUrl();
        }
        return integration.host().equals("github.com") ? "https://api.github.com"
                : "https://" + integration.host() + "/api/v3";
    }

    /** The runs of {@code slug} ({@code owner/repo}), newest workflow run first per workflow, in workflow order. */
    static Snapshot.Parts take(Api api, Integration integration, String slug, Integrations.Options options,
                               Function<String, Optional<Badge>> badge) throws Api.Failed {
        String repo = apiBase(integration) + "/repos/" + slug;
        JsonNode repository = api.get(repo);
        String branch = repository.path("default_branch").asText("main");
        List<JsonNode> workflows = api.pages(repo + "/actions/workflows?per_page=" + options.perPage(),
                options.maxPages(), page -> page.path("workflows"), got -> false)
                .stream().filter(w -> w.path("state").asText("active").equals("active")).toList();
        Set<Long> ids = new HashSet<>();
        workflows.forEach(w -> ids.add(w.path("id").asLong()));
        List<JsonNode> runs = workflows.isEmpty() ? List.of() : api.pages(repo + "/actions/runs?branch="
                        + URLEncoder.encode(branch, StandardCharsets.UTF_8) + "&per_page=" + options.perPage(),
                options.maxPages(), page -> page.path("workflow_runs"), got -> got.stream()
                        .map(r -> r.path("workflow_id").asLong()).distinct().filter(ids::contains).count()
                        == ids.size());
        String web = "https://" + integration.host() + "/" + slug;
        List<Run> out = new ArrayList<>();
        for (JsonNode w : workflows) {
            String path = w.path("path").asText("");
            String file = path.substring(path.lastIndexOf('/') + 1);
            Optional<Badge> image = file.isEmpty() ? Optional.empty()
                    : badge.apply(web + "/actions/workflows/" + file + "/badge.svg");
            String name = w.path("name").asText(file);
            Optional<JsonNode> latest = runs.stream()
                    .filter(r -> r.path("workflow_id").asLong() == w.path("id").asLong()).findFirst();
            out.add(latest.map(r -> new Run(path, name, r.path("status").asText(""),
                    r.path("conclusion").asText(""), r.path("updated_at").asText(r.path("created_at").asText("")),
                    link(r.path("html_url").asText("")), image))
                    .orElseGet(() -> new Run(path, name, "no run on " + branch, "", "",
                            link(w.path("html_url").asText("")), image)));
        }
        return new Snapshot.Parts(new CiRuns(out), link(repository.path("html_url").asText("")));
    }

    /** A link from the API's answer, only when it is a web URL. */
    static String link(String url) {
        return UrlPaths.isWebLink(url) && !url.regionMatches(true, 0, "mailto:", 0, 7) ? url : "";
    }
}
