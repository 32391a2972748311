package dev.paved.scaffold;

import dev.paved.integrations.Service;
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

    /** The service of {@code kind} a step uses: the one named {@code default}, else the first. */
    public Optional<Service> service(String kind) {
        List<Service> mine = services.stream().filter(s -> s.kind().equals(kind)).toList();
        return mine.stream().filter(s -> s.name().equals("default")).findFirst()
                .or(() -> mine.stream().findFirst());
    }
}
