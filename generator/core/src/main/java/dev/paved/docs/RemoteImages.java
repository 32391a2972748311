package dev.paved.docs;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts the images of docs and content pages may load from (the {@code remoteImages} setting). An image on
 * another host makes every reader's browser call that host, which learns who reads what: an organisation can keep
 * its portal's pages to hosts it trusts. An image from a host not allowed is shown as a link to it.
 *
 * @param hosts host names ({@code img.shields.io}), {@code *.example.com} for a domain's hosts, or {@code *} for any
 */
public record RemoteImages(List<String> hosts) {

    /** Images from any host, as MkDocs and Backstage show them: the default. */
    public static final RemoteImages ANY = new RemoteImages(List.of("*"));
    /** No remote image; those in the portal itself still show. */
    public static final RemoteImages NONE = new RemoteImages(List.of());

    public RemoteImages {
        hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether an image at {@code url} (as written in a page) is shown: a relative URL always is. */
    public boolean allows(String url) {
        if (url.trim().regionMatches(true, 0, "data:image/", 0, "data:image/".length())) {
            return true; // drawn into the page (a diagram), asked of no host
        }
        String host;
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null && !url.trim().startsWith("//")) {
                return true;
            }
            host = uri.getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return hosts.stream().anyMatch(p -> p.equals("*") || p.equals(h)
                || p.startsWith("*.") && h.endsWith(p.substring(1)));
    }
}
