package dev.paved.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.crawl.Repository;
import dev.paved.crawl.RepositorySource;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code repositories} of {@code paved.yaml}:
 *
 * <pre>
 * repositories:
 *   - https://git.example.com/acme/payments.git            # one repository, its default branch
 *   - {url: https://…/billing.git, branch: main, catalogPath: ".backstage/*.yaml", token: GIT_TOKEN}
 *   - github: {organization: acme, token: GITHUB_TOKEN}    # every repository of an organisation
 *   - gitlab: {group: acme/platform, host: gitlab.example.com, token: GITLAB_TOKEN}
 *   - gitea:  {organization: acme, host: gitea.example.com, token: GITEA_TOKEN}
 * </pre>
 * Organisations take {@code host} or {@code apiBaseUrl}, {@code catalogPath} (default {@code catalog-info.yaml})
 * and Backstage's {@code filters}: {@code repository} (a regex), {@code branch}, {@code topic.include/exclude},
 * {@code allowForks} (default true), {@code allowArchived} (default false). Tokens are names of environment
 * variables, never tokens.
 */
final class RepositoryReader {

    private RepositoryReader() {
    }

    static List<RepositorySource> read(JsonNode list, YamlDocument doc, Diagnostics diagnostics) {
        List<RepositorySource> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            diagnostics.error(doc.at("/repositories"), Code.INVALID_CONFIG, "repositories must be a list");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "/repositories/" + i;
            if (item.isTextual()) {
                out.add(new RepositorySource.Single(Repository.of(item.asText())));
            } else if (item.has("url")) {
                out.add(new RepositorySource.Single(new Repository(nameOf(item), item.path("url").asText(),
                        item.path("branch").asText(""), paths(item.path("catalogPath")),
                        item.path("token").asText(""))));
            } else if (item.has("github") || item.has("gitlab") || item.has("gitea")) {
                String kind = item.has("github") ? "github" : item.has("gitlab") ? "gitlab" : "gitea";
                organisation(kind, item.path(kind), doc, at + "/" + kind, diagnostics).ifPresent(out::add);
            } else {
                diagnostics.error(doc.at(at), Code.INVALID_CONFIG, "a repository is a URL, {url: …}, or "
                        + "{github|gitlab|gitea: {organization: …}}");
            }
        }
        return out;
    }

    private static String nameOf(JsonNode item) {
        return item.has("name") ? item.path("name").asText() : Repository.of(item.path("url").asText()).name();
    }

    private static List<String> paths(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    static java.util.Optional<RepositorySource> organisation(String kind, JsonNode o, YamlDocument doc, String at,
                                                             Diagnostics diagnostics) {
        RepositorySource.Provider provider = RepositorySource.Provider.valueOf(kind.toUpperCase(Locale.ROOT));
        String org = o.has("organization") ? o.path("organization").asText() : o.path("group").asText("");
        if (org.isEmpty()) {
            diagnostics.error(doc.at(at), Code.INVALID_CONFIG, kind + " needs an "
                    + (provider == RepositorySource.Provider.GITLAB ? "group" : "organization"));
            return java.util.Optional.empty();
        }
        String api = o.has("apiBaseUrl") ? o.path("apiBaseUrl").asText() : apiOf(provider, o.path("host").asText(""));
        JsonNode f = o.path("filters");
        Pattern repository = null;
        String pattern = f.has("repository") ? f.path("repository").asText() : o.path("projectPattern").asText("");
        if (!pattern.isEmpty()) {
            try {
                repository = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                diagnostics.error(doc.at(at + "/filters/repository"), Code.INVALID_CONFIG, "invalid pattern "
                        + pattern + ": " + e.getDescription());
                return java.util.Optional.empty();
            }
        }
        RepositorySource.Filters filters = new RepositorySource.Filters(repository,
                f.has("branch") ? f.path("branch").asText() : o.path("branch").asText(""),
                paths(f.path("topic").path("include")), paths(f.path("topic").path("exclude")),
                f.path("allowForks").asBoolean(true), f.path("allowArchived").asBoolean(false));
        String token = o.has("token") ? o.path("token").asText() : switch (provider) {
            case GITHUB -> "GITHUB_TOKEN";
            case GITLAB -> "GITLAB_TOKEN";
            case GITEA -> "GITEA_TOKEN";
        };
        String catalogPath = o.has("catalogPath") ? o.path("catalogPath").asText()
                : o.path("catalogFile").asText(Repository.DEFAULT_CATALOG_PATHS.get(0));
        return java.util.Optional.of(new RepositorySource.Organisation(provider, api, org, token,
                catalogPath.replaceFirst("^/+", ""), filters));
    }

    /** The REST API of a host: GitHub.com's or GitHub Enterprise's, GitLab's, Gitea's. */
    static String apiOf(RepositorySource.Provider provider, String host) {
        return switch (provider) {
            case GITHUB -> host.isEmpty() || host.equals("github.com") ? "https://api.github.com"
                    : "https://" + host + "/api/v3";
            case GITLAB -> "https://" + (host.isEmpty() ? "gitlab.com" : host) + "/api/v4";
            case GITEA -> "https://" + (host.isEmpty() ? "gitea.com" : host) + "/api/v1";
        };
    }
}
