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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import dev.paved.catalog.EntityRef;

/**
 * Takes the snapshots of a catalog: what each service its entities' annotations name says of them, once per build.
 * Only what is configured to be asked is asked: a GitHub or GitLab integration with {@code snapshots: true}, a
 * service under {@code services} in {@code paved.yaml} (unless it says {@code snapshots: false}: then its live
 * badges and embeds are shown, and nothing is asked). So a build makes no call by default. What pages show live
 * ({@link LiveStatus}) needs no call either.
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
     * @param rateLimitWait how long a build waits, once, for a rate limit to reset ({@code Retry-After},
     *                    {@code x-ratelimit-reset}) before it gives up on the host
     */
    public record Options(Duration timeout, int perPage, int maxPages, int pipelines,
                          Function<String, String> environment, Clock clock, HttpClient client,
                          Duration rateLimitWait) {

        /**
         * Ten-second connections, 30-second requests, 3 pages of 50, 5 pipelines, the process environment, up to 20
         * seconds' wait for a rate limit.
         */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), 50, 3, 5, System::getenv, Clock.systemUTC(),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                            .followRedirects(HttpClient.Redirect.NEVER).build(), Duration.ofSeconds(20));
        }

        /** These options waiting at most {@code wait} for a rate limit to reset. */
        public Options withRateLimitWait(Duration wait) {
            return new Options(timeout, perPage, maxPages, pipelines, environment, clock, client, wait);
        }

        /** These options with another timeout per request. */
        public Options withTimeout(Duration to) {
            return new Options(to, perPage, maxPages, pipelines, environment, clock, client, rateLimitWait);
        }

        /** These options with another page size and page limit. */
        public Options withPages(int size, int limit) {
            return new Options(timeout, size, limit, pipelines, environment, clock, client, rateLimitWait);
        }

        /** These options reading tokens from {@code variables}. */
        public Options withEnvironment(Function<String, String> variables) {
            return new Options(timeout, perPage, maxPages, pipelines, variables, clock, client, rateLimitWait);
        }

        /** These options with snapshots "as of" {@code at}'s time. */
        public Options withClock(Clock at) {
            return new Options(timeout, perPage, maxPages, pipelines, environment, at, client, rateLimitWait);
        }
    }

    /** One kind of service: the snapshots it takes of an entity whose annotations name it. */
    interface Source {
        List<Snapshot> of(Entity e);
    }

    /** How many entities are asked about at a time (a host is asked at most {@link Calls#PER_HOST} at a time). */
    static final int THREADS = 8;

    private Integrations() {
    }

    private static List<Snapshot> result(Future<List<Snapshot>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while services were asked", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
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
        List<Service> asked = services.stream().filter(Service::asked).toList();
        List<Source> sources = new ArrayList<>();
        CiSnapshots.source(integrations, images, calls).ifPresent(sources::add);
        KubernetesSnapshots.source(asked, calls).ifPresent(sources::add);
        ArgoCd.source(asked, images, calls).ifPresent(sources::add);
        SonarQube.source(asked, images, calls).ifPresent(sources::add);
        Grafana.source(asked, calls).ifPresent(sources::add);
        PagerDuty.source(asked, calls).ifPresent(sources::add);
        Opsgenie.source(asked, calls).ifPresent(sources::add);
        Map<EntityRef, List<Snapshot>> out = new LinkedHashMap<>();
        Map<EntityRef, LiveStatus> live = new LinkedHashMap<>();
        List<Future<List<Snapshot>>> taken = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "paved-integrations");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Entity e : catalog.entities()) {
                taken.add(sources.isEmpty() ? CompletableFuture.completedFuture(List.of()) : pool.submit(() -> {
                    List<Snapshot> mine = new ArrayList<>();
                    for (Source s : sources) {
                        mine.addAll(s.of(e));
                    }
                    return mine;
                }));
            }
        } finally {
            pool.shutdown();
        }
        List<Entity> entities = catalog.entities();
        for (int i = 0; i < entities.size(); i++) {
            Entity e = entities.get(i);
            List<Snapshot> mine = result(taken.get(i));
            if (!mine.isEmpty()) {
                out.put(e.ref(), mine);
            }
            LiveStatus now = LiveStatus.of(e, services, images);
            if (!now.isEmpty()) {
                live.put(e.ref(), now);
            }
        }
        return out.isEmpty() && live.isEmpty() ? Snapshots.NONE : new Snapshots(out, live);
    }
}
