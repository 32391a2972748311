package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.credential.HostToken;
import dev.paved.credential.Origin;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import dev.paved.integrations.Snapshot.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET requests to one host's REST API with its token, under the credential policy ({@link TokenHttp}): each bounded
 * by a timeout, pages followed through {@code Link: <…>; rel="next"} on the API's own origin up to a limit. What
 * goes wrong becomes a {@link Failure} whose message names no token.
 */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    /**
     * Why the service gave nothing.
     *
     * @param status   refused or unreachable
     * @param message  what it said, redacted
     * @param wholeHost whether asking the host again in this build is pointless (the token is refused, the host is
     *                 down); a project not found is the project's alone
     */
    record Failure(Status status, String message, boolean wholeHost) {
    }

    /** A request that failed, carrying why. */
    static final class Failed extends Exception {
        private final Failure failure;

        Failed(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    private final TokenHttp http;
    private final Optional<HostToken> token;
    private final TokenHttp.Header header;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final String tokenNote;
    private final Duration rateLimitWait;
    private final Clock clock;

    /**
     * @param headers   sent with every request (e.g. {@code Accept})
     * @param tokenNote what a refusal adds about the token: its variable's name, or that none is set
     * @param rateLimitWait how long a rate-limited request waits, once, for the limit to reset
     * @param clock     the time a rate limit's reset is counted from
     */
    Api(TokenHttp http, Optional<HostToken> token, TokenHttp.Header header, Map<String, String> headers,
        Duration timeout, String tokenNote, Duration rateLimitWait, Clock clock) {
        this.http = http;
        this.token = token;
        this.header = header;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.tokenNote = tokenNote;
        this.rateLimitWait = rateLimitWait;
        this.clock = clock;
    }

    /** The JSON at {@code url}. */
    JsonNode get(String url) throws Failed {
        return response(url).body();
    }

    /**
     * The pages from {@code url} on, each page's items as {@code items} picks them, until {@code enough} says so,
     * there is no next page, or {@code maxPages} were read.
     */
    List<JsonNode> pages(String url, int maxPages, Function<JsonNode, JsonNode> items,
                         Predicate<List<JsonNode>> enough) throws Failed {
        return pages(url, maxPages, items, enough, Page::next);
    }

    /**
     * The pages from {@code url} on, as APIs that page in their answer's body do (PagerDuty's {@code more} and
     * {@code offset}, Opsgenie's {@code paging.next}): {@code next} reads the next page's URL from a page's body,
     * and is followed only on the API's own origin, up to {@code maxPages}.
     */
    List<JsonNode> pagesByBody(String url, int maxPages, Function<JsonNode, JsonNode> items,
                               Function<JsonNode, Optional<String>> next) throws Failed {
        return pages(url, maxPages, items, got -> false, page -> next.apply(page.body()));
    }

    private List<JsonNode> pages(String url, int maxPages, Function<JsonNode, JsonNode> items,
                                 Predicate<List<JsonNode>> enough, Function<Page, Optional<String>> nextOf)
            throws Failed {
        List<JsonNode> out = new ArrayList<>();
        Optional<String> next = Optional.of(url);
        Optional<Origin> origin = Origin.of(url);
        for (int page = 0; page < maxPages && next.isPresent(); page++) {
            Page read = response(next.get());
            items.apply(read.body()).forEach(out::add);
            if (enough.test(out)) {
                break;
            }
            next = nextOf.apply(read).filter(n -> Origin.of(n).equals(origin));
        }
        return out;
    }

    private record Page(JsonNode body, Optional<String> next) {
    }

    /**
     * The page at {@code url}; a rate-limited answer (429, or 403 with {@code x-ratelimit-remaining: 0}) is asked
     * again once after the wait it names ({@code Retry-After} seconds, or {@code x-ratelimit-reset}'s epoch second),
     * when that wait is within {@code rateLimitWait}.
     */
    private Page response(String url) throws Failed {
        try {
            return once(url);
        } catch (RateLimited limited) {
            if (limited.wait.compareTo(rateLimitWait) > 0 || limited.wait.isNegative()) {
                throw limited.failed;
            }
            try {
                Thread.sleep(Math.max(1, limited.wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw limited.failed;
            }
            try {
                return once(url);
            } catch (RateLimited again) {
                throw again.failed;
            }
        }
    }

    /** A rate-limited answer: how long it asks to wait, and the failure if the build does not. */
    private static final class RateLimited extends Exception {
        private final Duration wait;
        private final Failed failed;

        RateLimited(Duration wait, Failed failed) {
            super(null, null, false, false);
            this.wait = wait;
            this.failed = failed;
        }
    }

    private Page once(String url) throws Failed, RateLimited {
        String shown = Redact.url(url);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
            headers.forEach(request::header);
            response = http.send(request.build(), token, header);
        } catch (IllegalArgumentException e) {
            throw new Failed(new Failure(Status.REFUSED, shown + " is not a URL Paved asks", false));
        } catch (HttpTimeoutException e) {
            throw new Failed(new Failure(Status.UNREACHABLE, shown + " did not answer within "
                    + timeout.toSeconds() + " s", true));
        } catch (IOException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            throw new Failed(new Failure(Status.UNREACHABLE, shown + " could not be reached: "
                    + Redact.message(why), true));
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return new Page(JSON.readTree(response.body()), response.headers().firstValue("Link")
                        .flatMap(Api::next));
            } catch (IOException e) {
                throw new Failed(new Failure(Status.UNREACHABLE, shown + " answered what is not JSON", false));
            }
        }
        boolean limited = response.headers().firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()
                || status == 429;
        if (limited && (status == 403 || status == 429)) {
            Duration wait = wait(response);
            throw new RateLimited(wait, new Failed(new Failure(Status.REFUSED, shown + " answered HTTP " + status
                    + ": the API's rate limit is reached" + (wait.isNegative() ? "" : " for "
                    + Math.max(1, wait.toSeconds()) + " s") + "; the next build asks again", true)));
        }
        throw new Failed(switch (status) {
            case 401 -> new Failure(Status.REFUSED, shown + " answered HTTP 401: " + tokenNote, true);
            case 403, 429 -> new Failure(Status.REFUSED, shown + " answered HTTP " + status + (limited
                    ? ": the API's rate limit is reached; the next build asks again" : ": " + tokenNote), true);
            case 404 -> new Failure(Status.REFUSED, shown + " answered HTTP 404: no such project, or " + tokenNote,
                    false);
            default -> new Failure(Status.UNREACHABLE, shown + " answered HTTP " + status, true);
        });
    }

    /** How long a rate-limited answer asks to wait; negative when it does not say. */
    private Duration wait(HttpResponse<String> response) {
        Optional<String> retryAfter = response.headers().firstValue("Retry-After").map(String::trim);
        if (retryAfter.filter(v -> v.matches("[0-9]{1,9}")).isPresent()) {
            return Duration.ofSeconds(Long.parseLong(retryAfter.get()));
        }
        Optional<String> reset = response.headers().firstValue("x-ratelimit-reset").map(String::trim)
                .filter(v -> v.matches("[0-9]{1,12}"));
        if (reset.isPresent()) {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(reset.get()) - clock.instant().getEpochSecond()));
        }
        return Duration.ofSeconds(-1);
    }

    private static Optional<String> next(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
