package dev.paved.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Snapshot.Status;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A loopback server answering as a service's public API does in its documentation: each route (a method, a path
 * and the query parameters it needs) answers a JSON file of {@code src/test/resources/integrations/}, in which
 * {@code @URL@} is the server's own address. A request without the expected token, or to no route, gets the
 * service's 401 or 404. A fault makes every answer fail: an HTTP status ({@code 429} comes with
 * {@code Retry-After: 3600}), or {@link #LATE} to answer after three seconds.
 *
 * <pre>
 * try (LoopbackApi argo = LoopbackApi.start("argocd")) {
 *     argo.expect("Authorization", "Bearer " + TOKEN)
 *         .route("GET /api/v1/applications/route-planner", "app-route-planner.json");
 *     PavedConfig config = argo.project(dir);   // integrations/argocd/project, @URL@ set
 * }
 * </pre>
 */
final class LoopbackApi implements AutoCloseable {

    /** The fault that answers too late: after three seconds, past the tests' one-second timeout. */
    static final int LATE = -1;

    /**
     * What the server heard.
     *
     * @param request       method, path and query, decoded ({@code GET /services?offset=0})
     * @param authorization the {@code Authorization} header, or null
     */
    record Heard(String request, String authorization) {
    }

    private record Route(String method, String path, Set<String> query, String file, Map<String, String> headers,
                         int status) {
    }

    private final String fixtures;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final Map<String, String> expected = new LinkedHashMap<>();
    private String refused = "{\"message\":\"Unauthorized\"}";
    private String missing = "{\"message\":\"Not found\"}";
    private volatile int fault;

    private LoopbackApi(String fixtures) throws IOException {
        this.fixtures = fixtures;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads); // a late answer holds up no other request
        server.start();
    }

    /** A server answering from {@code integrations/<fixtures>/}. */
    static LoopbackApi start(String fixtures) throws IOException {
        return new LoopbackApi(fixtures);
    }

    /** Its address, {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers only requests with this header (the token), others with 401 and {@code body}. */
    LoopbackApi expect(String header, String value, String body) {
        expected.put(header, value);
        refused = body;
        return this;
    }

    /** What a request to no route gets, with 404. */
    LoopbackApi missing(String body) {
        missing = body;
        return this;
    }

    /**
     * Answers {@code request} ({@code GET /path?name=value&…}, a request matching when it has at least those query
     * parameters; the most specific route, else the latest, answers) with the file {@code file}.
     */
    LoopbackApi route(String request, String file) {
        return route(request, file, Map.of());
    }

    /** Answers {@code request} with {@code file} and these headers ({@code Link}…, {@code @URL@} set in them). */
    LoopbackApi route(String request, String file, Map<String, String> headers) {
        String[] parts = request.split(" ", 2);
        String[] pathAndQuery = parts[1].split("\\?", 2);
        Set<String> query = pathAndQuery.length > 1 ? new HashSet<>(Arrays.asList(pathAndQuery[1].split("&")))
                : Set.of();
        routes.add(new Route(parts[0], pathAndQuery[0], query, file, headers, 200));
        return this;
    }

    /** Answers {@code request} with a redirect (302) to {@code location}. */
    LoopbackApi redirect(String request, String location) {
        route(request, "", Map.of("Location", location));
        Route r = routes.remove(routes.size() - 1);
        routes.add(new Route(r.method(), r.path(), r.query(), "", r.headers(), 302));
        return this;
    }

    /** Every answer from now on fails so: an HTTP status, {@link #LATE}, or 0 for none. */
    void fault(int status) {
        fault = status;
    }

    /** What it heard, in order. */
    List<Heard> heard() {
        return List.copyOf(heard);
    }

    /** How many requests began so. */
    long asked(String request) {
        return heard.stream().filter(h -> h.request().startsWith(request)).count();
    }

    /** Asserts that it was asked something, and that every request carried the token it expects. */
    void heardOnlyWithToken() {
        assertFalse(heard.isEmpty(), "the service was asked");
        String token = expected.get("Authorization");
        heard.forEach(h -> assertEquals(token, h.authorization(), h.request()));
    }

    /**
     * The fixture project {@code integrations/<fixtures>/project} copied into {@code dir}, {@code @URL@} set to this
     * server's address, read as a build reads it.
     */
    PavedConfig project(Path dir) throws IOException {
        Path fixture = TestFiles.resource("integrations/" + fixtures + "/project");
        Path project = dir.resolve("project");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = project.resolve(fixture.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(from).replace("@URL@", url()));
            }
        }
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.read(project, problems);
        assertEquals(List.of(), problems.sorted(), "the fixture's paved.yaml is read without problems");
        return config;
    }

    /** Options as the tests take snapshots: one-second timeouts, {@code token} in {@code variable}, a fixed time. */
    static Integrations.Options options(String variable, String token) {
        return Integrations.Options.defaults().withTimeout(Duration.ofSeconds(1))
                .withEnvironment(Map.of(variable, token)::get)
                .withClock(Clock.fixed(Instant.parse("2024-05-03T06:00:00Z"), ZoneOffset.UTC));
    }

    /** The snapshots of {@code config}'s catalog, of its services. */
    static Snapshots take(PavedConfig config, Integrations.Options options, Diagnostics problems) {
        Catalog catalog = CatalogReader.read(config.sources().stream().map(CatalogSource::of).toList(),
                new Diagnostics());
        return Integrations.take(catalog, config.integrations(), config.services(), config.remoteImages(),
                options, problems);
    }

    /**
     * The snapshots of this server's fixture project while every answer fails so ({@code fault}: an HTTP status or
     * {@link #LATE}), having checked that nothing held the build up and that component {@code name}'s first card
     * says why: refused (401, 404, 429: "rate limit") or unreachable (500, too late).
     */
    Snapshots takeFailing(int fault, Path dir, Integrations.Options options, Diagnostics problems, String name)
            throws IOException {
        fault(fault);
        long start = System.nanoTime();
        Snapshots snapshots = take(project(dir), options, problems);
        assertTrue(System.nanoTime() - start < 2_500_000_000L, "a rate limit or a late answer holds nothing up");

        Snapshot s = snapshots.of(component(name)).get(0);
        assertEquals(fault == 500 || fault == LATE ? Status.UNREACHABLE : Status.REFUSED, s.status());
        assertTrue(s.message().contains(switch (fault) {
            case 429 -> "rate limit";
            case LATE -> "did not answer within 1 s";
            default -> "HTTP " + fault;
        }), s.message());
        return snapshots;
    }

    /**
     * Builds this server's fixture project after the server has stopped: the page of component {@code name} is
     * written, its card on tab {@code tab} saying the service could not be reached. Gives the page.
     */
    Document downBreaksNoPage(Path dir, String name, String tab) throws IOException {
        PavedConfig config = project(dir);
        close();
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults().withThreads(2).withCache(false));
        Document page = page(result, name);
        Element card = page.selectFirst("section#" + tab + " .integration-card.unreachable");
        assertNotNull(card, "a card that says so on " + tab);
        assertTrue(card.text().contains("could not be reached"), card.text());
        return page;
    }

    /** A built site's page of component {@code name}. */
    static Document page(Pipeline.Result result, String name) throws IOException {
        return Jsoup.parse(result.output().resolve("catalog/default/component/" + name + "/index.html").toFile());
    }

    /** The ref of component {@code name}. */
    static EntityRef component(String name) {
        return EntityRef.parse(name, "component", "default");
    }

    /** Asserts that no diagnostic and no file of the built site shows {@code secret}. */
    static void showsNowhere(Pipeline.Result result, String secret) throws IOException {
        result.diagnostics().forEach(d -> assertFalse(d.message().contains(secret), "a diagnostic shows a token"));
        try (Stream<Path> files = Files.walk(result.output())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret),
                        f + " shows a token");
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String rawQuery = x.getRequestURI().getRawQuery();
        List<String> query = rawQuery == null ? List.of() : Arrays.stream(rawQuery.split("&"))
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
        heard.add(new Heard(x.getRequestMethod() + " " + path + (query.isEmpty() ? "" : "?"
                + String.join("&", query)), x.getRequestHeaders().getFirst("Authorization")));
        int now = fault;
        if (now == LATE) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } else if (now == 429) {
            send(x, 429, "{\"message\":\"Too many requests\"}", Map.of("Retry-After", "3600"));
            return;
        } else if (now > 0) {
            send(x, now, now == 401 ? refused : now == 404 ? missing : "{\"message\":\"Internal error\"}",
                    Map.of());
            return;
        }
        for (Map.Entry<String, String> header : expected.entrySet()) {
            if (!header.getValue().equals(x.getRequestHeaders().getFirst(header.getKey()))) {
                send(x, 401, refused, Map.of());
                return;
            }
        }
        Route best = null;
        for (Route r : routes) {
            if (r.method().equals(x.getRequestMethod()) && r.path().equals(path) && query.containsAll(r.query())
                    && (best == null || r.query().size() >= best.query().size())) {
                best = r;
            }
        }
        if (best == null) {
            send(x, 404, missing, Map.of());
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        best.headers().forEach((k, v) -> headers.put(k, v.replace("@URL@", url())));
        if (best.status() != 200) {
            send(x, best.status(), "", headers);
            return;
        }
        send(x, 200, Files.readString(TestFiles.resource("integrations/" + fixtures + "/" + best.file()),
                StandardCharsets.UTF_8).replace("@URL@", url()), headers);
    }

    private static void send(HttpExchange x, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
