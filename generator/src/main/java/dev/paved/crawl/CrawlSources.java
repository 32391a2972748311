package dev.paved.crawl;

import dev.paved.catalog.CatalogSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The catalog sources of a crawled repository: its files matching the catalog paths, read inside it only. */
public final class CrawlSources {

    private CrawlSources() {
    }

    /** One source per catalog file of the checkout, each with the checkout as its repository root. */
    public static List<CatalogSource> of(Repository repository, Path checkout) {
        List<CatalogSource> out = new ArrayList<>();
        for (String glob : repository.catalogPaths()) {
            String pattern = glob.replaceFirst("^/+", "");
            if (!pattern.matches(".*[*?\\[{].*")) {
                Path file = checkout.resolve(pattern).normalize();
                if (file.startsWith(checkout) && Files.isRegularFile(file)) {
                    out.add(new CatalogSource(checkout, file, true));
                }
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            try (Stream<Path> files = Files.walk(checkout)) {
                files.filter(Files::isRegularFile).filter(f -> matcher.matches(checkout.relativize(f))).sorted()
                        .forEach(f -> out.add(new CatalogSource(checkout, f, true)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
