package dev.paved.integrations;

import dev.paved.catalog.Entity;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Snapshot.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One build's calls to the services: each question asked at most once however many entities ask it, a host that
 * refused the token, failed or could not be reached not asked again, one warning ({@code PAVED-W025}) per card that
 * says so. Every service's snapshots are taken through it, so these rules are the same for all.
 *
 * <p>Questions may be asked from several threads. A host is asked one question alone first; once it has answered,
 * up to {@link #PER_HOST} at a time. So a host that is down or refuses the token is found out by one request, and
 * gives one warning, however many entities name it.
 */
final class Calls {

    /** What a service is asked: it answers, or fails with why. */
    interface Question {
        Snapshot.Parts ask() throws Api.Failed, TokenRefusedException;
    }

    /** How a token is made for a host's origins from its secret. */
    interface TokenFor {
        HostToken of(String secret) throws TokenRefusedException;
    }

    private final Integrations.Options options;
    private final Diagnostics diagnostics;
    private final TokenHttp http;
    private final Instant now;
    /** How many questions one host is asked at a time, once it has answered one. */
    static final int PER_HOST = 4;

    private final Map<String, CompletableFuture<Snapshot>> asked = new ConcurrentHashMap<>();
    private final Map<String, Api.Failure> down = new ConcurrentHashMap<>();
    private final Map<String, Api> apis = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    /** Lets one question through to a host until it has answered, then {@link #PER_HOST} at a time. */
    private static final class Gate {
        private final Semaphore permits = new Semaphore(1);
        private boolean opened;

        void enter() {
            permits.acquireUninterruptibly();
        }

        synchronized void leave() {
            if (!opened) {
                opened = true;
                permits.release(PER_HOST - 1);
            }
            permits.release();
        }
    }

    Calls(Integrations.Options options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        this.http = new TokenHttp(options.client());
        this.now = options.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    Integrations.Options options() {
        return options;
    }

    /**
     * The snapshot of one question: the answer it had earlier in this build, else what the host says now, else why
     * not (with a warning at {@code annotation} of {@code e}).
     *
     * @param host     the host's key: a host that failed as a whole is not asked again
     * @param question its key within the build ({@code host} and what is asked)
     */
    Snapshot ask(Entity e, String annotation, String kind, String service, String source, String host,
                 String question, Question q) {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> earlier = asked.putIfAbsent(question, mine);
        if (earlier != null) {
            return earlier.join();
        }
        Gate gate = gates.computeIfAbsent(host, h -> new Gate());
        gate.enter();
        try {
            Snapshot snapshot = answer(e, annotation, kind, service, source, host, q);
            mine.complete(snapshot);
            return snapshot;
        } catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            gate.leave();
        }
    }

    private Snapshot answer(Entity e, String annotation, String kind, String service, String source, String host,
                            Question q) {
        Snapshot snapshot;
        Api.Failure failed = down.get(host);
        if (failed != null) {
            snapshot = Snapshot.failed(kind, service, source, now, failed.status(), failed.message());
        } else {
            try {
                Snapshot.Parts parts = q.ask();
                snapshot = new Snapshot(service, source, now, Status.OK, "", parts.reading(), parts.link());
            } catch (Api.Failed f) {
                if (f.failure().wholeHost()) {
                    down.put(host, f.failure());
                }
                snapshot = Snapshot.failed(kind, service, source, now, f.failure().status(), f.failure().message());
                warn(e, annotation, snapshot);
            } catch (TokenRefusedException ex) {
                Api.Failure refused = new Api.Failure(Status.REFUSED, Redact.message(ex.getMessage()), true);
                down.put(host, refused);
                snapshot = Snapshot.failed(kind, service, source, now, refused.status(), refused.message());
                warn(e, annotation, snapshot);
            }
        }
        return snapshot;
    }

    /** A snapshot refused before anything was asked (an annotation that names nothing askable), with a warning. */
    Snapshot refuse(Entity e, String annotation, String kind, String service, String source, String why) {
        Snapshot snapshot = Snapshot.failed(kind, service, source, now, Status.REFUSED, why);
        warn(e, annotation, snapshot);
        return snapshot;
    }

    /** A warning at {@code annotation} of {@code e}. */
    void warn(Entity e, String annotation, Snapshot s) {
        diagnostics.warning(e.source().at("/metadata/annotations/" + annotation.replace("~", "~0")
                .replace("/", "~1")), Code.INTEGRATION_UNAVAILABLE, s.service() + " of " + s.source() + ": "
                + s.message());
    }

    /**
     * The API of a host, with its token when {@code variable} is set in the environment.
     *
     * @param host    the host's key
     * @param headers sent with every request
     */
    synchronized Api api(String host, String variable, TokenFor token, TokenHttp.Header header,
                         Map<String, String> headers) throws TokenRefusedException {
        Api made = apis.get(host);
        if (made != null) {
            return made;
        }
        String secret = variable.isEmpty() ? null : options.environment().apply(variable);
        Optional<HostToken> withToken = Optional.empty();
        String note;
        if (secret != null && !secret.isEmpty()) {
            withToken = Optional.of(token.of(secret));
            note = "the token of " + variable + " may not read it";
        } else {
            note = variable.isEmpty() ? "no token is configured for it" : "the token variable " + variable
                    + " is not set";
        }
        made = new Api(http, withToken, header, headers, options.timeout(), note, options.rateLimitWait(),
                options.clock());
        apis.put(host, made);
        return made;
    }

    /** A configured service's key as a host: a service that failed as a whole is not asked again. */
    static String host(Service service) {
        return service.kind() + " " + service.name();
    }

    /** The API of a configured service, its token only to its URL's origin. */
    Api api(Service service, TokenHttp.Header header, Map<String, String> headers) throws TokenRefusedException {
        return api(host(service), service.tokenVariable(),
                secret -> HostToken.of(service.tokenVariable(), secret, service.url()), header, headers);
    }
}
