package dev.paved.credential;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP requests to REST APIs with a token. Redirects are followed here, not by the client: the token goes with a
 * request only to one of its origins, and a redirect carries it only when it stays on the origin the request was
 * made to.
 */
public final class TokenHttp {

    /** How many redirects one request follows. */
    public static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /**
     * How an API takes a token: a header, and what comes before the token in it.
     *
     * @param name          the header, e.g. {@code Authorization}
     * @param prefix        what precedes the token, e.g. {@code "Bearer "}
     * @param basicPassword whether the token goes as the password of HTTP Basic with an empty user name
     *                      ({@code Basic base64(":" + token)}, Azure DevOps' personal access tokens)
     */
    public record Header(String name, String prefix, boolean basicPassword) {
        /** {@code Authorization: Bearer …} (GitHub). */
        public static final Header BEARER = new Header("Authorization", "Bearer ");
        /** {@code Authorization: token …} (Gitea, Forgejo). */
        public static final Header TOKEN = new Header("Authorization", "token ");
        /** {@code PRIVATE-TOKEN: …} (GitLab). */
        public static final Header PRIVATE_TOKEN = new Header("PRIVATE-TOKEN", "");
        /** {@code Authorization: Basic base64(":" + token)} (Azure DevOps). */
        public static final Header BASIC_PASSWORD = new Header("Authorization", "Basic ", true);

        /** A header that carries the token as it is after {@code prefix}. */
        public Header(String name, String prefix) {
            this(name, prefix, false);
        }

        /** The header's value for {@code secret}. */
        public String value(String secret) {
            return prefix + (basicPassword ? Base64.getEncoder().encodeToString((":" + secret)
                    .getBytes(StandardCharsets.UTF_8)) : secret);
        }
    }

    private final HttpClient client;

    /** Requests over a client of its own. */
    public TokenHttp(Duration connectTimeout) {
        this(HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /**
     * Requests over {@code client}.
     *
     * @throws IllegalArgumentException when the client follows redirects itself (with the token)
     */
    public TokenHttp(HttpClient client) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("a client that follows redirects would take the token along");
        }
        this.client = client;
    }

    /** Sends {@code request} without a token, following redirects. */
    public HttpResponse<String> send(HttpRequest request) throws IOException {
        return send(request, Optional.empty(), Header.BEARER);
    }

    /**
     * Sends {@code request} with {@code token} in {@code header} when the request's origin is one of the token's,
     * following redirects; a redirect to another origin is followed without the token.
     */
    public HttpResponse<String> send(HttpRequest request, Optional<HostToken> token, Header header)
            throws IOException {
        Optional<Origin> origin = Origin.of(request.uri());
        HttpRequest current = request;
        for (int redirects = 0; ; redirects++) {
            URI uri = current.uri();
            HttpRequest.Builder sent = HttpRequest.newBuilder(current, (name, value) -> !name.equalsIgnoreCase(
                    header.name()));
            if (Origin.of(uri).equals(origin)) {
                token.flatMap(t -> t.secretFor(uri)).ifPresent(s -> sent.header(header.name(), header.value(s)));
            }
            HttpResponse<String> response;
            try {
                response = client.send(sent.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (!REDIRECTS.contains(status) || location.isEmpty()) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException(Redact.url(request.uri().toString()) + " redirected more than "
                        + MAX_REDIRECTS + " times");
            }
            URI next;
            try {
                next = uri.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new IOException(Redact.url(uri.toString()) + " redirected to an invalid URL", e);
            }
            HttpRequest.Builder redirected = HttpRequest.newBuilder(current, (name, value) -> true).uri(next);
            if (status == 303 || (status == 301 || status == 302) && !current.method().equals("GET")
                    && !current.method().equals("HEAD")) {
                redirected.GET();
            }
            current = redirected.build();
        }
    }
}
