package dev.paved.preview;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Serves a built site from a folder on the loopback interface, for browsing it before it is published. Read-only;
 * it serves nothing outside the folder. It answers only requests addressed to the loopback by name
 * ({@code Host: 127.0.0.1}, {@code localhost} or {@code [::1]}, with any port): a page of another site whose name
 * an attacker points at 127.0.0.1 (DNS rebinding) gets 421, not the portal. Live (as {@link LivePreview} serves),
 * each HTML page gets a small script that waits at {@value #RELOAD_PATH} for a newer build and then reloads; the
 * files on disk are not changed.
 */
public final class PreviewServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"), Map.entry("woff2", "font/woff2"), Map.entry("yaml", "text/yaml"));

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    /** The address pages ask, with the build they show, to learn of a newer one (a long poll). */
    static final String RELOAD_PATH = "/__paved/reload";
    private static final long POLL_MILLIS = 25_000;

    private final HttpServer server;
    private final Path root;
    private final boolean live;
    /** How many times the site was built again while served. */
    private long generation;

    private PreviewServer(HttpServer server, Path root, boolean live) {
        this.server = server;
        this.root = root;
        this.live = live;
    }

    /**
     * Starts serving {@code siteFolder} at {@code http://127.0.0.1:port/}.
     *
     * @param port a port, or 0 for any free one
     */
    public static PreviewServer start(Path siteFolder, int port) throws IOException {
        return start(siteFolder, port, false);
    }

    /**
     * Starts serving {@code siteFolder} at {@code http://127.0.0.1:port/}; with {@code live}, every HTML page it
     * serves reloads itself after {@link #reloaded()}.
     */
    public static PreviewServer start(Path siteFolder, int port, boolean live) throws IOException {
        Path root = siteFolder.toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        PreviewServer preview = new PreviewServer(server, root, live);
        server.createContext("/", preview::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "paved-preview");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return preview;
    }

    /** The address the site is served at, ending with {@code /}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Tells the pages open in browsers that the site was built again: they reload. */
    public synchronized void reloaded() {
        generation++;
        notifyAll();
    }

    /** Answers a page's long poll: the generation, as soon as it is newer than the page's, or after a while. */
    private synchronized long await(long since) throws InterruptedException {
        long until = System.currentTimeMillis() + POLL_MILLIS;
        while (generation <= since && System.currentTimeMillis() < until) {
            wait(Math.max(1, until - System.currentTimeMillis()));
        }
        return generation;
    }

    private synchronized long generation() {
        return generation;
    }

    /** The script a live preview adds to every HTML page: reload when a newer build is served. */
    private String reloadScript() {
        return "<script>(function(){var g=" + generation() + ";function poll(){fetch('" + RELOAD_PATH
                + "?since='+g,{cache:'no-store'}).then(function(r){return r.text();}).then(function(t){"
                + "if(Number(t)>g){location.reload();}else{poll();}}).catch(function(){setTimeout(poll,2000);});}"
                + "poll();})();</script>";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!isLoopback(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 421, "text/plain", ("Paved's preview answers only at http://127.0.0.1:"
                        + server.getAddress().getPort() + "/ and http://localhost:" + server.getAddress().getPort()
                        + "/\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain", "Method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String raw = exchange.getRequestURI().getRawPath();
            if (live && raw.equals(RELOAD_PATH)) {
                String query = exchange.getRequestURI().getRawQuery();
                long since = query != null && query.matches("since=\\d{1,18}") ? Long.parseLong(query.substring(6)) : 0;
                try {
                    send(exchange, 200, "text/plain", Long.toString(await(since)).getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            String decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            Path file = root.resolve(decoded.replaceFirst("^/+", "")).normalize();
            if (!file.startsWith(root)) {
                send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (Files.isDirectory(file)) {
                if (!raw.endsWith("/")) {
                    exchange.getResponseHeaders().set("Location", raw + "/");
                    send(exchange, 301, "text/plain", new byte[0]);
                    return;
                }
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath())) {
                Path notFound = root.resolve("404.html");
                byte[] body = Files.isRegularFile(notFound) ? Files.readAllBytes(notFound)
                        : "Not found".getBytes(StandardCharsets.UTF_8);
                send(exchange, 404, Files.isRegularFile(notFound) ? TYPES.get("html") : "text/plain", body);
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
            byte[] body = Files.readAllBytes(file);
            if (live && ext.equals("html")) {
                body = withReload(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            send(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body);
        }
    }

    /** A page with the reload script before its closing body tag (or at its end). */
    private String withReload(String html) {
        int end = html.lastIndexOf("</body>");
        return end < 0 ? html + reloadScript() : html.substring(0, end) + reloadScript() + html.substring(end);
    }

    /** Whether a {@code Host} header names the loopback: {@code 127.0.0.1}, {@code localhost} or {@code [::1]}. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && colon > name.lastIndexOf(']')) {
            String port = name.substring(colon + 1);
            if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return LOOPBACK_NAMES.contains(name);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
