package dev.paved.integrations;

import dev.paved.catalog.Entity;
import dev.paved.credential.Origin;
import dev.paved.crawl.Integration;
import dev.paved.crawl.RepositorySource.Provider;
import dev.paved.docs.RemoteImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The CI snapshots of a catalog: for each entity annotated {@code github.com/project-slug}, the latest run of
 * each GitHub Actions workflow on the default branch and the repository's deployments; for {@code gitlab.com/project-slug} (or
 * {@code gitlab.com/project-id}), its latest GitLab pipelines. Only integrations configured with
 * {@code snapshots: true} are asked.
 */
final class CiSnapshots implements Integrations.Source {

    /** Annotations naming a project, as Backstage's GitHub Actions and GitLab plugins read them. */
    static final String GITHUB_SLUG = "github.com/project-slug";
    static final String GITLAB_SLUG = "gitlab.com/project-slug";
    static final String GITLAB_ID = "gitlab.com/project-id";

    private static final Pattern GITHUB_PROJECT = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern GITLAB_PROJECT = Pattern.compile("[0-9]+|[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

    private final List<Integration> integrations;
    private final RemoteImages images;
    private final Calls calls;

    private CiSnapshots(List<Integration> integrations, RemoteImages images, Calls calls) {
        this.integrations = integrations;
        this.images = images;
        this.calls = calls;
    }

    /** The CI source of the integrations asked for snapshots, when there is one. */
    static Optional<Integrations.Source> source(List<Integration> integrations, RemoteImages images, Calls calls) {
        List<Integration> asked = integrations.stream().filter(Integration::snapshots)
                .filter(i -> i.provider() != Provider.GITEA).toList();
        return asked.isEmpty() ? Optional.empty() : Optional.of(new CiSnapshots(asked, images, calls));
    }

    @Override
    public List<Snapshot> of(Entity e) {
        List<Snapshot> out = new ArrayList<>();
        e.annotation(GITHUB_SLUG).map(String::trim).ifPresent(slug -> integration(e, Provider.GITHUB)
                .ifPresent(i -> {
                    Snapshot runs = project(e, i, GITHUB_SLUG, slug);
                    out.add(runs);
                    if (runs.ok()) { // a project that is not there, or not readable, is said once
                        out.add(deployments(e, i, slug));
                    }
                }));
        e.annotation(GITLAB_SLUG).or(() -> e.annotation(GITLAB_ID)).map(String::trim).ifPresent(project ->
                integration(e, Provider.GITLAB).ifPresent(i -> out.add(project(e, i,
                        e.annotation(GITLAB_SLUG).isPresent() ? GITLAB_SLUG : GITLAB_ID, project))));
        return out;
    }

    /**
     * The integration an entity's project is on: the one whose host its source location names, else the only one
     * of its kind, else github.com's or gitlab.com's.
     */
    private Optional<Integration> integration(Entity e, Provider provider) {
        List<Integration> mine = integrations.stream().filter(i -> i.provider() == provider).toList();
        String location = e.annotation("backstage.io/source-location")
                .or(() -> e.annotation("backstage.io/managed-by-location")).orElse("")
                .replaceFirst("^(url|git):", "");
        Optional<Integration> named = mine.stream().filter(i -> Origin.of(location).filter(o -> location
                .matches("(?i)^[a-z]+://" + Pattern.quote(i.host()) + "(/.*)?$")).isPresent()).findFirst();
        if (named.isPresent() || mine.size() == 1) {
            return named.or(() -> mine.stream().findFirst());
        }
        String usual = provider == Provider.GITHUB ? "github.com" : "gitlab.com";
        return mine.stream().filter(i -> i.host().equals(usual)).findFirst();
    }

    private Snapshot project(Entity e, Integration integration, String annotation, String project) {
        GitHubOrLab kind = integration.provider() == Provider.GITHUB ? GitHubOrLab.GITHUB : GitHubOrLab.GITLAB;
        String source = integration.host() + " " + project;
        if (!(kind == GitHubOrLab.GITHUB ? GITHUB_PROJECT : GITLAB_PROJECT).matcher(project).matches()) {
            return calls.refuse(e, annotation, "ci", kind.service, source, annotation + " is "
                    + (kind == GitHubOrLab.GITHUB ? "owner/repository" : "a project's path or numeric id")
                    + ", not what is written; nothing was asked");
        }
        return calls.ask(e, annotation, "ci", kind.service, source, key(integration),
                key(integration) + " " + project, () -> {
                    Api api = calls.api(key(integration), integration.tokenVariable(), integration::token,
                            integration.header(), integration.provider() == Provider.GITHUB
                                    ? GitHubActions.HEADERS : Map.of("Accept", "application/json"));
                    Function<String, Optional<Badge>> badge = url -> Optional.of(new Badge(url, images.allows(url)));
                    return kind == GitHubOrLab.GITHUB
                            ? GitHubActions.take(api, integration, project, calls.options(), badge)
                            : GitLabPipelines.take(api, integration, project, calls.options(), badge);
                });
    }

    /** A GitHub repository's deployments, for the delivery metrics of a component without GitOps files. */
    private Snapshot deployments(Entity e, Integration integration, String slug) {
        return calls.ask(e, GITHUB_SLUG, "deployments", GitHubDeployments.SERVICE, integration.host() + " " + slug,
                key(integration), key(integration) + " deployments " + slug, () -> GitHubDeployments.take(
                        calls.api(key(integration), integration.tokenVariable(), integration::token,
                                integration.header(), GitHubActions.HEADERS), integration, slug, calls.options()));
    }

    /** An integration's key: its kind and host (a GitHub and a GitLab may share a host name). */
    private static String key(Integration integration) {
        return integration.provider() + " " + integration.host();
    }

    private enum GitHubOrLab {
        GITHUB(GitHubActions.SERVICE), GITLAB(GitLabPipelines.SERVICE);

        private final String service;

        GitHubOrLab(String service) {
            this.service = service;
        }
    }
}
