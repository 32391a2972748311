package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.integrations.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a run may reach besides git hosts, as the portal configures it: its services ({@code services:} of
 * paved.yaml: PagerDuty, Rundeck), the Backstage app-config's {@code proxy.endpoints}, and where the environment
 * variables their tokens name are read. A token goes only to its own service's URL, over https (plain http only to
 * loopback), never along a redirect.
 *
 * @param services    the configured services; a step uses the first of its kind (or the one named
 *                    {@code default})
 * @param proxies     the app-config's proxy endpoints by path ({@code /httpbin}), for {@code http:backstage:request}
 *                    of {@code /proxy/…}
 * @param environment reads an environment variable (null when it is not set)
 */
public record Platform(List<Service> services, Map<String, Proxy> proxies, UnaryOperator<String> environment) {

    /** Nothing configured: every service action needs one, and proxies are not answered. */
    public static final Platform NONE = new Platform(List.of(), Map.of(), name -> null);

    /**
     * One endpoint of the app-config's {@code proxy.endpoints}.
     *
     * @param target         where requests go (the proxy's path is replaced by it)
     * @param headers        headers added to every request; {@code ${VARIABLE}} in a value is read from the
     *                       environment when the request is sent, and never printed
     * @param allowedMethods the methods it passes on; empty: all
     */
    public record Proxy(String target, Map<String, String> headers, List<String> allowedMethods) {

        public Proxy {
            target = target.replaceAll("/+$", "");
            headers = Map.copyOf(headers);
            allowedMethods = allowedMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        }
    }

    public Platform {
        services = List.copyOf(services);
        proxies = Map.copyOf(proxies);
        environment = environment == null ? name -> null : environment;
    }

    /**
     * The proxies of a Backstage app-config: {@code proxy.endpoints} (or, as older app-configs write it, the entries
     * of {@code proxy} itself), each a target URL or an object with {@code target}, {@code headers} and
     * {@code allowedMethods}. Those without a target are left out.
     */
    public static Map<String, Proxy> proxies(JsonNode appConfig) {
        JsonNode proxy = appConfig.path("proxy");
        JsonNode endpoints = proxy.path("endpoints").isObject() ? proxy.path("endpoints") : proxy;
        Map<String, Proxy> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : endpoints.properties()) {
            JsonNode v = e.getValue();
            if (!e.getKey().startsWith("/") && endpoints == proxy) {
                continue; // proxy's own settings (skipInvalidProxies, …), not an endpoint
            }
            String target = v.isTextual() ? v.asText() : v.path("target").asText("");
            if (target.isBlank()) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> h : v.path("headers").properties()) {
                if (h.getValue().isValueNode()) {
                    headers.put(h.getKey(), h.getValue().asText());
                }
            }
            List<String> methods = new ArrayList<>();
            v.path("allowedMethods").forEach(m -> methods.add(m.asText()));
            out.put("/" + e.getKey().replaceAll("^/+|/+$", ""), new Proxy(target, headers, methods));
        }
        return out;
    }

    /** The service of {@code kind} a step uses: the one named {@code default}, else the first. */
    public Optional<Service> service(String kind) {
        List<Service> mine = services.stream().filter(s -> s.kind().equals(kind)).toList();
        return mine.stream().filter(s -> s.name().equals("default")).findFirst()
                .or(() -> mine.stream().findFirst());
    }
}
