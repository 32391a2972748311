package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.credential.Origin;
import dev.paved.credential.Redact;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code http:backstage:request} of {@code /proxy/<name>/…}, sent as Backstage's proxy backend would: to the
 * {@code target} of the app-config's {@code proxy.endpoints} entry whose path is the longest that starts the request's,
 * with the rest of the path and the query, the step's {@code headers} (not {@code Authorization}, {@code Cookie} or
 * hop-by-hop ones, which Backstage's proxy does not pass on either) and the proxy's own {@code headers}, whose
 * {@code ${VARIABLE}}s are read from the environment when sent. Refused: a method the proxy's
 * {@code allowedMethods} does not list, and a proxy with headers whose target is plain http to a host that is not
 * loopback. Redirects are answered, not followed. A dry run sends nothing and says what it would send. Header values
 * are never printed.
 */
final class ProxyRequest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "cookie", "host", "connection",
            "content-length", "transfer-encoding", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization",
            "expect");
    private static final int MAX_BODY = 16 << 20;

    private ProxyRequest() {
    }

    /** The proxy, by its path, that answers {@code route} ({@code proxy/<name>/…}): the longest path that starts it. */
    static Optional<Map.Entry<String, Platform.Proxy>> find(Platform platform, String route) {
        String rest = "/" + route.substring("proxy/".length()).split("\\?", 2)[0];
        return platform.proxies().entrySet().stream().filter(e -> {
            String key = "/" + e.getKey().replaceAll("^/+|/+$", "");
            return rest.equals(key) || rest.startsWith(key + "/");
        }).max(Comparator.comparingInt(e -> e.getKey().replaceAll("^/+|/+$", "").length()));
    }

    /** Whether the proxy passes {@code method} on (all, when it lists none). */
    static boolean allows(Platform.Proxy proxy, String method) {
        return proxy.allowedMethods().isEmpty() || proxy.allowedMethods().contains(method.toUpperCase(Locale.ROOT));
    }

    /** Sends the request through {@code proxy}; outputs {@code code}, {@code headers}, {@code body}. */
    static Map<String, Object> send(StepRun run, Map<String, Object> input, String method, String route,
                                    Map.Entry<String, Platform.Proxy> proxy) throws IOException {
        String label = run.step().label();
        String name = "/" + proxy.getKey().replaceAll("^/+|/+$", "");
        Platform.Proxy config = proxy.getValue();
        if (!allows(config, method)) {
            throw new TemplateException(label + ": the proxy " + name + " allows only "
                    + String.join(", ", config.allowedMethods()) + ", not " + method);
        }
        String[] parts = route.split("\\?", 2);
        String rest = ("/" + parts[0].substring("proxy/".length())).substring(name.length());
        StringBuilder url = new StringBuilder(config.target()).append(rest);
        String query = parts.length > 1 ? parts[1] : "";
        if (input.get("params") instanceof Map<?, ?> params) {
            StringBuilder more = new StringBuilder(query);
            params.forEach((k, v) -> (v instanceof Collection<?> c ? c : List.of(v)).forEach(item -> more
                    .append(more.length() == 0 ? "" : "&").append(enc(String.valueOf(k))).append('=')
                    .append(enc(String.valueOf(item)))));
            query = more.toString();
        }
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        String shown = method + " /proxy" + name + rest + " (through the proxy " + name + " to "
                + Redact.url(config.target()) + ")";
        URI uri;
        try {
            uri = URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw new TemplateException(label + ": the proxy " + name + " leads to " + Redact.url(url.toString())
                    + ", which is not a URL");
        }
        Optional<Origin> origin = Origin.of(uri);
        if (origin.isEmpty() || !origin.get().scheme().matches("https?")) {
            throw new TemplateException(label + ": the proxy " + name + "'s target " + Redact.url(config.target())
                    + " is not an http(s) URL");
        }
        if (!config.headers().isEmpty() && !origin.get().mayCarryToken()) {
            throw new TemplateException(label + ": the proxy " + name + "'s headers are not sent over plain http to "
                    + Redact.url(config.target()) + ": use https (plain http only to loopback)");
        }
        if (run.dryRun()) {
            run.log("  would send " + shown);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("code", "(dry run)");
            output.put("headers", Map.of());
            output.put("body", null);
            return output;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (input.get("headers") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> {
                String header = String.valueOf(k);
                if (v != null && !NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT))
                        && config.headers().keySet().stream().noneMatch(header::equalsIgnoreCase)) {
                    request.header(header, String.valueOf(v));
                }
            });
        }
        for (Map.Entry<String, String> h : config.headers().entrySet()) {
            request.header(h.getKey(), substitute(run, label, name, h.getKey(), h.getValue()));
        }
        Object body = input.get("body");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String t ? t : StructuredText.toJson(JsValues.unwrap(body), false);
            if (!(body instanceof String)) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new TemplateException(label + ": " + shown + " failed: " + Redact.message(String.valueOf(
                    e.getMessage())), e);
        }
        if (response.body().length > MAX_BODY) {
            throw new TemplateException(label + ": " + shown + " answered more than " + (MAX_BODY >> 20) + " MB");
        }
        int code = response.statusCode();
        Map<String, Object> headers = new TreeMap<>();
        response.headers().map().forEach((k, v) -> {
            if (!k.startsWith(":") && !v.isEmpty()) {
                headers.put(k.toLowerCase(Locale.ROOT), v.size() == 1 ? v.get(0) : v);
            }
        });
        String text = new String(response.body(), StandardCharsets.UTF_8);
        Object parsed = text;
        if (String.valueOf(headers.getOrDefault("content-type", "")).contains("json") && !text.isBlank()) {
            try {
                JsonNode json = StructuredText.JSON.readTree(text);
                parsed = StructuredText.plain(json);
            } catch (IOException e) {
                parsed = text;
            }
        }
        run.log("  " + shown + " → " + code);
        if (code >= 400 && !StepRun.flag(input, "continueOnBadResponse")) {
            throw new TemplateException(label + ": " + shown + " answered " + code
                    + " (continueOnBadResponse: true lets the template go on)");
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("code", code);
        output.put("headers", headers);
        output.put("body", parsed);
        return output;
    }

    /** A configured header's value with its {@code ${VARIABLE}}s read; a variable that is not set is an error. */
    private static String substitute(StepRun run, String label, String proxy, String header, String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String secret = run.options().platform().environment().apply(m.group(1));
            if (secret == null) {
                throw new TemplateException(label + ": the proxy " + proxy + "'s header " + header + " names "
                        + m.group(1) + ", which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
