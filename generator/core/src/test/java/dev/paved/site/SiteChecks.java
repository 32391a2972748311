package dev.paved.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Checks over a generated site, as a reader's browser would see it. */
final class SiteChecks {

    private SiteChecks() {
    }

    /** Every HTML file of the site. */
    static List<Path> htmlFiles(Path site) {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Document parse(Path file) {
        try {
            return Jsoup.parse(file.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every internal {@code href}/{@code src} that does not resolve to a file of the site, or whose {@code #anchor}
     * is not an id on the target page, as "page: url" lines.
     */
    static List<String> brokenLinks(Path site) {
        List<String> broken = new ArrayList<>();
        for (Path page : htmlFiles(site)) {
            Document doc = parse(page);
            for (Element el : doc.select("[href]:not(base), [src]")) { // a base is where links start, not a link
                String url = el.hasAttr("href") ? el.attr("href") : el.attr("src");
                if (url.isEmpty() || url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || url.startsWith("//")) {
                    continue;
                }
                String path = url.replaceAll("[?#].*$", "");
                String fragment = url.contains("#") ? url.substring(url.indexOf('#') + 1) : "";
                // A root-relative URL is read from the site's root.
                Path from = path.startsWith("/") ? site : page.getParent();
                Path target = path.isEmpty() ? page : from.resolve(URLDecoder.decode(path.replaceFirst("^/+", ""),
                        StandardCharsets.UTF_8)).normalize();
                if (!target.startsWith(site) || !Files.isRegularFile(target)) {
                    broken.add(site.relativize(page) + ": " + url);
                    continue;
                }
                if (!fragment.isEmpty() && target.toString().endsWith(".html")
                        && parse(target).getElementById(URI.create("#" + fragment).getFragment()) == null) {
                    broken.add(site.relativize(page) + ": " + url + " (no such anchor)");
                }
            }
        }
        return broken;
    }
}
