package dev.paved.integrations;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.crawl.Integration;
import dev.paved.crawl.RepositorySource.Provider;
import dev.paved.credential.HostToken;
import dev.paved.credential.Origin;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.Snapshot.Status;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Takes the CI snapshots of a catalog: for each entity annotated {@code github.com/project-slug}, the latest run of
 * each GitHub Actions workflow on the default branch; for {@code gitlab.com/project-slug} (or
 * {@code gitlab.com/project-id}), its latest GitLab pipelines. Only integrations configured with
 * {@code snapshots: true} are asked, so a build makes no call by default.
 *
 * <p>Each project is asked once per build however many entities name it, each request within a timeout and a page
 * limit. A host that refuses the token, fails or cannot be reached is not asked again in the build: its projects'
 * cards say why, with one warning ({@code PAVED-W025}); a project it does not know gets its own card and warning.
 * Tokens go only to their integration's origins, and no message shows one.
 */
public final class CiSnapshots {

    /** Annotations naming a project, as Backstage's GitHub Actions and GitLab plugins read them. */
    static final String GITHUB_SLUG = "github.com/project-slug";
    static final String GITLAB_SLUG = "gitlab.com/project-slug";
    static final String GITLAB_ID = "gitlab.com/project-id";

    private static final Pattern GITHUB_PROJECT = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern GITLAB_PROJECT = Pattern.compile("[0-9]+|[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

    /**
     * How the snapshots are taken.
     *
     * @param timeout     how long one request may take
     * @param perPage     how many items a page asks for
     * @param maxPages    how many pages one list is read to, at most
     * @param pipelines   how many of a project's latest pipelines are shown
     * @param environment where tokens are read, by their variables' names
     * @param clock       the time snapshots are "as of"
     * @param client      the HTTP client; it must not follow redirects itself
     */
    public record Options(Duration timeout, int perPage, int maxPages, int pipelines,
                          Function<String, String> environment, Clock clock, HttpClient client) {

        /** Ten-second connections, 30-second requests, 3 pages of 50, 5 pipelines, the process environment. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), 50, 3, 5, System::getenv, Clock.systemUTC(),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                            .followRedirects(HttpClient.Redirect.NEVER).build());
        }

        /** These options with another timeout per request. */
        public Options withTimeout(Duration to) {
            return new Options(to, perPage, maxPages, pipelines, environment, clock, client);
        }

        /** These options with another page size and page limit. */
        public Options withPages(int size, int limit) {
            return new Options(timeout, size, limit, pipelines, environment, clock, client);
        }

        /** These options reading tokens from {@code variables}. */
        public Options withEnvironment(Function<String, String> variables) {
            return new Options(timeout, perPage, maxPages, pipelines, variables, clock, client);
        }

        /** These options with snapshots "as of" {@code at}'s time. */
        public Options withClock(Clock at) {
            return new Options(timeout, perPage, maxPages, pipelines, environment, at, client);
        }
    }

    private final List<Integration> integrations;
    private final RemoteImages images;
    private final Options options;
    private final Diagnostics diagnostics;
    private final TokenHttp http;
    private final Map<String, Snapshot> projects = new HashMap<>();
    private final Map<String, Api.Failure> hosts = new HashMap<>();
    private final Map<String, Api> apis = new HashMap<>();

    private CiSnapshots(List<Integration> integrations, RemoteImages images, Options options,
                        Diagnostics diagnostics) {
        this.integrations = integrations.stream().filter(Integration::snapshots)
                .filter(i -> i.provider() != Provider.GITEA).toList();
        this.images = images;
        this.options = options;
        this.diagnostics = diagnostics;
        this.http = new TokenHttp(options.client());
    }

    /**
     * The snapshots of {@code catalog}'s entities.
     *
     * @param integrations the configured integrations; those with {@code snapshots} are asked
     * @param images       which hosts badges may load from; a badge on another is shown as a link
     * @param diagnostics  receives a warning for each service that refused or could not be reached
     */
    public static Snapshots take(Catalog catalog, List<Integration> integrations, RemoteImages images,
                                 Options options, Diagnostics diagnostics) {
        CiSnapshots taker = new CiSnapshots(integrations, images, options, diagnostics);
        if (taker.integrations.isEmpty()) {
            return Snapshots.NONE;
        }
        Map<EntityRef, List<Snapshot>> out = new LinkedHashMap<>();
        for (Entity e : catalog.entities()) {
            List<Snapshot> mine = taker.of(e);
            if (!mine.isEmpty()) {
                out.put(e.ref(), mine);
            }
        }
        return new Snapshots(out);
    }

    private List<Snapshot> of(Entity e) {
        List<Snapshot> out = new ArrayList<>();
        e.annotation(GITHUB_SLUG).map(String::trim).ifPresent(slug -> integration(e, Provider.GITHUB)
                .ifPresent(i -> out.add(project(e, i, GITHUB_SLUG, slug))));
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
        String projectKey = key(integration) + " " + project;
        Instant now = options.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Snapshot kept = projects.get(projectKey);
        if (kept != null) {
            return kept;
        }
        Snapshot snapshot;
        Api.Failure down = hosts.get(key(integration));
        if (!(kind == GitHubOrLab.GITHUB ? GITHUB_PROJECT : GITLAB_PROJECT).matcher(project).matches()) {
            snapshot = Snapshot.failed(kind.service, source, now, Status.REFUSED, annotation + " is "
                    + (kind == GitHubOrLab.GITHUB ? "owner/repository" : "a project's path or numeric id")
                    + ", not what is written; nothing was asked");
            warn(e, annotation, snapshot);
        } else if (down != null) {
            snapshot = Snapshot.failed(kind.service, source, now, down.status(), down.message());
        } else {
            try {
                Api api = api(integration);
                Function<String, Optional<Badge>> badge = url -> Optional.of(new Badge(url, images.allows(url)));
                Snapshot.Parts parts = kind == GitHubOrLab.GITHUB
                        ? GitHubActions.take(api, integration, project, options, badge)
                        : GitLabPipelines.take(api, integration, project, options, badge);
                snapshot = new Snapshot(kind.service, source, now, Status.OK, "", parts.runs(), parts.link());
            } catch (Api.Failed f) {
                if (f.failure().wholeHost()) {
                    hosts.put(key(integration), f.failure());
                }
                snapshot = Snapshot.failed(kind.service, source, now, f.failure().status(), f.failure().message());
                warn(e, annotation, snapshot);
            } catch (TokenRefusedException ex) {
                Api.Failure refused = new Api.Failure(Status.REFUSED, Redact.message(ex.getMessage()), true);
                hosts.put(key(integration), refused);
                snapshot = Snapshot.failed(kind.service, source, now, refused.status(), refused.message());
                warn(e, annotation, snapshot);
            }
        }
        projects.put(projectKey, snapshot);
        return snapshot;
    }

    private void warn(Entity e, String annotation, Snapshot s) {
        diagnostics.warning(e.source().at("/metadata/annotations/" + annotation.replace("~", "~0")
                .replace("/", "~1")), Code.INTEGRATION_UNAVAILABLE, s.service() + " of " + s.source() + ": "
                + s.message());
    }

    /** The API of an integration's host, with its token when its variable is set. */
    private Api api(Integration integration) throws TokenRefusedException {
        Api made = apis.get(key(integration));
        if (made != null) {
            return made;
        }
        String variable = integration.tokenVariable();
        String secret = variable.isEmpty() ? null : options.environment().apply(variable);
        Optional<HostToken> token = Optional.empty();
        String note;
        if (secret != null && !secret.isEmpty()) {
            token = Optional.of(integration.token(secret));
            note = "the token of " + variable + " may not read it";
        } else {
            note = variable.isEmpty() ? "no token is configured for " + integration.host()
                    : "the token variable " + variable + " is not set";
        }
        made = new Api(http, token, integration.header(), integration.provider() == Provider.GITHUB
                ? GitHubActions.HEADERS : Map.of("Accept", "application/json"), options.timeout(), note);
        apis.put(key(integration), made);
        return made;
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
