package dev.paved.crawl;

import dev.paved.catalog.RemoteTexts;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import dev.paved.io.KeptFile;
import dev.paved.io.Sha256;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads the text at a URL as Backstage's URL reader does, for the placeholders of entities
 * ({@code $text: https://…}): only from the hosts of the configured integrations (and github.com and gitlab.com,
 * which Backstage reads without configuration), with the integration's token under the credential policy
 * ({@link TokenHttp}: the token goes to the integration's own origins only), from the file's raw form
 * ({@link Integration}). A URL on another host is refused before anything is sent.
 *
 * <p>What was read is kept in the crawl cache ({@code remote-texts/}, one file per URL with its {@code ETag} and
 * {@code Last-Modified}): a later build asks whether it changed, and when the host cannot be reached (offline) it
 * uses the kept copy, saying so. Without a cache, a URL that cannot be read keeps today's warning and link. Each URL
 * is read once per reader; it is safe to share between threads.
 */
public final class UrlReader implements RemoteTexts {

    /** How long one request may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The folder of the crawl cache the texts are kept in. */
    public static final String CACHE_FOLDER = "remote-texts";

    private final List<Integration> integrations;
    private final Function<String, String> environment;
    private final TokenHttp http;
    private final Optional<Path> cache;
    private final Map<String, CompletableFuture<RemoteText>> read = new ConcurrentHashMap<>();

    /**
     * A reader taking tokens from the process environment.
     *
     * @param integrations the configured integrations; github.com and gitlab.com are added when none names them
     * @param cache        the crawl cache folder, or empty to neither use nor keep earlier reads
     */
    public UrlReader(List<Integration> integrations, Optional<Path> cache) {
        this(integrations, System::getenv, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), cache); // TokenHttp follows them
    }

    UrlReader(List<Integration> integrations, Function<String, String> environment, HttpClient client,
              Optional<Path> cache) {
        List<Integration> all = new ArrayList<>(integrations);
        Integration.IMPLICIT.stream().filter(i -> integrations.stream().noneMatch(c -> c.host().equals(i.host())))
                .forEach(all::add);
        this.integrations = List.copyOf(all);
        this.environment = environment;
        this.http = new TokenHttp(client);
        this.cache = cache.map(c -> c.resolve(CACHE_FOLDER));
    }

    @Override
    public RemoteText read(String url) {
        CompletableFuture<RemoteText> mine = new CompletableFuture<>();
        CompletableFuture<RemoteText> earlier = read.putIfAbsent(url, mine);
        if (earlier != null) {
            return earlier.join();
        }
        RemoteText result;
        try {
            result = fetch(url);
        } catch (RuntimeException e) {
            result = new RemoteText.NotRead(RemoteText.Why.NOT_FETCHED, Redact.message(String.valueOf(e)));
        }
        mine.complete(result);
        return result;
    }

    /** A text kept from an earlier read, with what the server said to ask whether it changed. */
    private record Kept(String text, String etag, String lastModified, String fetched) {
    }

    private RemoteText fetch(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return new RemoteText.NotRead(RemoteText.Why.NOT_FETCHED, "not a valid URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            return new RemoteText.NotRead(RemoteText.Why.NOT_FETCHED, "only http and https URLs are read");
        }
        Optional<Integration> integration = integrations.stream().filter(i -> i.serves(uri)).findFirst();
        if (integration.isEmpty()) {
            return new RemoteText.NotRead(RemoteText.Why.HOST_NOT_ALLOWED, "reading from " + uri.getHost()
                    + " is not allowed, as no integration is configured for it");
        }
        Optional<Kept> kept = kept(url);
        String problem;
        try {
            return send(url, uri, integration.get(), kept);
        } catch (TokenRefusedException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String why = Redact.message(problem);
        return kept.<RemoteText>map(k -> new RemoteText.Read(k.text(), Optional.of(why + "; kept from " + k.fetched())))
                .orElseGet(() -> new RemoteText.NotRead(RemoteText.Why.NOT_FETCHED, why));
    }

    private RemoteText send(String url, URI uri, Integration integration, Optional<Kept> kept) throws IOException {
        Optional<HostToken> token = Optional.empty();
        String missing = "";
        if (!integration.tokenVariable().isEmpty()) {
            String secret = environment.apply(integration.tokenVariable());
            if (secret == null || secret.isEmpty()) {
                missing = " (the token variable " + integration.tokenVariable() + " is not set)";
            } else {
                token = Optional.of(integration.token(secret));
            }
        }
        URI raw = integration.rawUrl(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(raw).timeout(TIMEOUT).GET();
        kept.ifPresent(k -> {
            if (!k.etag().isEmpty()) {
                request.header("If-None-Match", k.etag());
            }
            if (!k.lastModified().isEmpty()) {
                request.header("If-Modified-Since", k.lastModified());
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), token, integration.header());
        } catch (IOException e) {
            throw new IOException(Redact.url(raw.toString()) + " could not be reached: " + reason(e), e);
        }
        int status = response.statusCode();
        if (status == 304 && kept.isPresent()) {
            return new RemoteText.Read(kept.get().text(), Optional.empty());
        }
        if (status != 200) {
            throw new IOException(Redact.url(raw.toString()) + " answered HTTP " + status + switch (status) {
                case 401, 403, 404 -> token.isPresent() ? " (the token of " + integration.tokenVariable()
                        + " may not read it, or it does not exist)" : missing.isEmpty()
                        ? " (private? configure the integration's token)" : missing;
                default -> missing;
            });
        }
        String text = response.body();
        keep(url, new Kept(text, response.headers().firstValue("ETag").orElse(""),
                response.headers().firstValue("Last-Modified").orElse(""), Instant.now().toString()));
        return new RemoteText.Read(text, Optional.empty());
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private Optional<Path> file(String url) {
        return cache.map(c -> c.resolve(Sha256.hex(url) + ".bin"));
    }

    private Optional<Kept> kept(String url) {
        Optional<Path> file = file(url);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            Map<String, byte[]> blobs = KeptFile.readBlobs(new DataInputStream(in));
            if (!blobs.containsKey("text")) {
                return Optional.empty();
            }
            return Optional.of(new Kept(string(blobs, "text"), string(blobs, "etag"),
                    string(blobs, "last-modified"), string(blobs, "fetched")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged entry is read again
        }
    }

    private void keep(String url, Kept kept) {
        Optional<Path> file = file(url);
        if (file.isEmpty()) {
            return;
        }
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("url", Redact.url(url).getBytes(StandardCharsets.UTF_8)); // for people; the file's name is the key
        blobs.put("etag", kept.etag().getBytes(StandardCharsets.UTF_8));
        blobs.put("last-modified", kept.lastModified().getBytes(StandardCharsets.UTF_8));
        blobs.put("fetched", kept.fetched().getBytes(StandardCharsets.UTF_8));
        blobs.put("text", kept.text().getBytes(StandardCharsets.UTF_8));
        try {
            KeptFile.write(file.get(), out -> KeptFile.writeBlobs(out, blobs));
        } catch (IOException e) {
            // Not kept: the next build reads it again.
        }
    }

    private static String string(Map<String, byte[]> blobs, String name) {
        byte[] bytes = blobs.get(name);
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
