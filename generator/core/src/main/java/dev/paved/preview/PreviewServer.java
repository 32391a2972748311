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
 * an attacker points at 127.0.0.1 (DNS rebinding) gets 421, not the portal.
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

    private final HttpServer server;
    private final Path root;

    private PreviewServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /**
     * Starts serving {@code siteFolder} at {@code http://127.0.0.1:port/}.
     *
     * @param port a port, or 0 for any free one
     */
    public static PreviewServer start(Path siteFolder, int port) throws IOException {
        Path root = siteFolder.toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        PreviewServer preview = new PreviewServer(server, root);
        server.createContext("/", preview::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
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
            send(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), Files.readAllBytes(file));
        }
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
