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

    /**
     * @param headers   sent with every request (e.g. {@code Accept})
     * @param tokenNote what a refusal adds about the token: its variable's name, or that none is set
     */
    Api(TokenHttp http, Optional<HostToken> token, TokenHttp.Header header, Map<String, String> headers,
        Duration timeout, String tokenNote) {
        this.http = http;
        this.token = token;
        this.header = header;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.tokenNote = tokenNote;
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

    private Page response(String url) throws Failed {
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
        throw new Failed(switch (status) {
            case 401 -> new Failure(Status.REFUSED, shown + " answered HTTP 401: " + tokenNote, true);
            case 403, 429 -> new Failure(Status.REFUSED, shown + " answered HTTP " + status + (limited
                    ? ": the API's rate limit is reached; the next build asks again" : ": " + tokenNote), true);
            case 404 -> new Failure(Status.REFUSED, shown + " answered HTTP 404: no such project, or " + tokenNote,
                    false);
            default -> new Failure(Status.UNREACHABLE, shown + " answered HTTP " + status, true);
        });
    }

    private static Optional<String> next(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
