package dev.paved.credential;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a request goes: scheme, host and port, as browsers compare them. A token is for origins; another port of
 * the same host is another origin.
 *
 * @param scheme lower case, e.g. {@code https}
 * @param host   lower case, without the brackets of an IPv6 address
 * @param port   the port, the scheme's default when the URL names none ({@code -1} for a scheme without one)
 */
public record Origin(String scheme, String host, int port) {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    public Origin {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "").replaceAll("\\.$", "");
        port = port >= 0 ? port : switch (scheme) {
            case "https" -> 443;
            case "http" -> 80;
            default -> -1;
        };
    }

    /** The origin of a URL, as {@link URI} reads it; empty when it has no scheme or host. */
    public static Optional<Origin> of(URI uri) {
        return uri.getScheme() == null || uri.getHost() == null ? Optional.empty()
                : Optional.of(new Origin(uri.getScheme(), uri.getHost(), uri.getPort()));
    }

    /** The origin of a URL; empty when it is not an absolute URL with a host. */
    public static Optional<Origin> of(String url) {
        try {
            return of(new URI(url));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether the host is this machine: {@code localhost}, 127.0.0.0/8 or {@code ::1} (no name is resolved). */
    public boolean loopback() {
        return host.equals("localhost") || LOOPBACK_V4.matcher(host).matches() || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    /** Whether a token may travel here: over https, or over plain http to loopback. */
    public boolean mayCarryToken() {
        return scheme.equals("https") || scheme.equals("http") && loopback();
    }

    @Override
    public String toString() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + (port < 0 ? "" : ":" + port);
    }
}
