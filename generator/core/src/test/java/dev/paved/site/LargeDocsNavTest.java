package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A doc set of thousands of pages (issue 15, item 13: 5,000 entries gave 460 KB of navigation on every page) shows
 * its navigation around the current page: the page's own section open, the others folded into a link, a long list
 * as a window with links onward. Every page is still reached by following the navigation.
 */
class LargeDocsNavTest {

    @Test
    void eachPageShowsABoundedNavigationThatStillLeadsEverywhere(@TempDir Path dir, @TempDir Path site)
            throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("docs")).resolve("index.md"), "# Handbook\n");
        for (int s = 0; s < 10; s++) {
            for (int p = 0; p < 200; p++) {
                Files.writeString(Files.createDirectories(dir.resolve("docs/section-" + s))
                        .resolve("page-" + p + ".md"), "# Page " + s + "." + p + "\n\nText.\n");
            }
        }
        Files.writeString(dir.resolve("mkdocs.yml"), "site_name: Handbook\n");
        Pipeline.techdocs(dir, site, Optional.empty(), false);

        Document page = parse(site.resolve("section-3/page-150/index.html"));
        int links = page.select(".docs-nav a").size();
        assertTrue(links <= 2 * SiteGenerator.NAV_WINDOW + 1 + 2 + 10, links + " links in the navigation");
        Element current = page.selectFirst(".docs-nav a[aria-current=page]");
        assertEquals("Page 3.150", current.text());
        assertTrue(page.select(".docs-nav a").eachText().contains("Section 4 ›"), "other sections fold into a link");

        // Following the navigation from the first page reaches all 2,001 pages.
        Set<Path> seen = new HashSet<>();
        Deque<Path> next = new ArrayDeque<>();
        next.add(site.resolve("index.html").normalize());
        while (!next.isEmpty()) {
            Path file = next.poll();
            if (!seen.add(file)) {
                continue;
            }
            for (Element a : parse(file).select(".docs-nav a[href]")) {
                Path target = file.getParent().resolve(a.attr("href")).normalize();
                if (Files.isDirectory(target)) {
                    target = target.resolve("index.html");
                }
                if (Files.isRegularFile(target) && !seen.contains(target)) {
                    next.add(target);
                }
            }
        }
        assertEquals(2_001, seen.size());
    }

    private static Document parse(Path file) {
        try {
            return Jsoup.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
