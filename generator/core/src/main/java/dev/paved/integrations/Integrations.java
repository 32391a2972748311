package dev.paved.integrations;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.crawl.Integration;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.RemoteImages;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.paved.catalog.EntityRef;

/**
 * Takes the snapshots of a catalog: what each service its entities' annotations name says of them, once per build.
 * Only what is configured to be asked is asked: a GitHub or GitLab integration with {@code snapshots: true}, a
 * service under {@code services} in {@code paved.yaml}. So a build makes no call by default.
 *
 * <p>Each question is asked once per build however many entities ask it, each request within a timeout and a page
 * limit. A host that refuses the token, fails or cannot be reached is not asked again in the build: its cards say
 * why, with one warning each ({@code PAVED-W025}). Tokens go only to their own origins, and no message shows one.
 */
public final class Integrations {

    /**
     * How the snapshots are taken.
     *
     * @param timeout     how long one request may take
     * @param perPage     how many items a page asks for
     * @param maxPages    how many pages one list is read to, at most
     * @param pipelines   how many of a project's latest pipelines (deployments, incidents…) are shown
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

    /** One kind of service: the snapshots it takes of an entity whose annotations name it. */
    interface Source {
        List<Snapshot> of(Entity e);
    }

    private Integrations() {
    }

    /**
     * The snapshots of {@code catalog}'s entities.
     *
     * @param integrations the configured git hosts; those with {@code snapshots} are asked for CI
     * @param services     the configured services (Argo CD, Kubernetes, Grafana, PagerDuty, Opsgenie, SonarQube)
     * @param images       which hosts badges and embeds may load from; a badge on another is shown as a link
     * @param diagnostics  receives a warning for each card whose service refused or could not be reached
     */
    public static Snapshots take(Catalog catalog, List<Integration> integrations, List<Service> services,
                                 RemoteImages images, Options options, Diagnostics diagnostics) {
        Calls calls = new Calls(options, diagnostics);
        List<Source> sources = new ArrayList<>();
        CiSnapshots.source(integrations, images, calls).ifPresent(sources::add);
        ArgoCd.source(services, images, calls).ifPresent(sources::add);
        SonarQube.source(services, images, calls).ifPresent(sources::add);
        Grafana.source(services, calls).ifPresent(sources::add);
        PagerDuty.source(services, calls).ifPresent(sources::add);
        Opsgenie.source(services, calls).ifPresent(sources::add);
        if (sources.isEmpty()) {
            return Snapshots.NONE;
        }
        Map<EntityRef, List<Snapshot>> out = new LinkedHashMap<>();
        for (Entity e : catalog.entities()) {
            List<Snapshot> mine = new ArrayList<>();
            for (Source s : sources) {
                mine.addAll(s.of(e));
            }
            if (!mine.isEmpty()) {
                out.put(e.ref(), mine);
            }
        }
        return new Snapshots(out);
    }
}
