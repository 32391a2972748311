package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.credential.Origin;
import dev.paved.crawl.Integration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * GitLab pipelines of one project, through GitLab's REST API: the project's default branch
 * ({@code GET /projects/:id}) and its latest pipelines on it ({@code GET /projects/:id/pipelines?ref=…}, newest
 * first, one page), with the branch's pipeline badge ({@code <project>/badges/<branch>/pipeline.svg}).
 */
final class GitLabPipelines {

    static final String SERVICE = "GitLab pipelines";
    /** The statuses of a pipeline that has finished. */
    private static final Set<String> FINISHED = Set.of("success", "failed", "canceled", "skipped");

    private GitLabPipelines() {
    }

    /** The REST API's root: the configured {@code apiBaseUrl}, else {@code https://<host>/api/v4}. */
    static String apiBase(Integration integration) {
        return integration.apiBaseUrl().isEmpty() ? "https://" + integration.host() + "/api/v4"
                : integration.apiBaseUrl();
    }

    /** The latest pipelines of {@code project} (its path, {@code group/project}, or its numeric id). */
    static Snapshot.Parts take(Api api, Integration integration, String project, Integrations.Options options,
                               Function<String, Optional<Badge>> badge) throws Api.Failed {
        String base = apiBase(integration) + "/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8);
        JsonNode p = api.get(base);
        String branch = p.path("default_branch").asText("main");
        String web = p.path("web_url").asText("");
        if (!onHost(web, integration)) {
            web = "https://" + integration.host() + "/" + p.path("path_with_namespace").asText(project);
        }
        Optional<Badge> image = badge.apply(web + "/badges/" + branch + "/pipeline.svg");
        List<JsonNode> pipelines = api.pages(base + "/pipelines?ref=" + URLEncoder.encode(branch,
                StandardCharsets.UTF_8) + "&per_page=" + options.pipelines(), 1, page -> page, got -> true);
        List<Run> runs = new ArrayList<>();
        for (JsonNode pipeline : pipelines.stream().limit(options.pipelines()).toList()) {
            String status = pipeline.path("status").asText("");
            boolean finished = FINISHED.contains(status);
            runs.add(new Run("pipeline", "Pipeline #" + pipeline.path("id").asText(""),
                    finished ? "completed" : status, finished ? status : "",
                    pipeline.path("updated_at").asText(pipeline.path("created_at").asText("")),
                    GitHubActions.link(pipeline.path("web_url").asText("")), image));
        }
        return new Snapshot.Parts(new CiRuns(runs), GitHubActions.link(web));
    }

    private static boolean onHost(String url, Integration integration) {
        return Origin.of(url).filter(o -> (o.host() + (o.port() == 443 || o.port() == 80 ? "" : ":" + o.port()))
                .equals(integration.host())).isPresent();
    }
}
