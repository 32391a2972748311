package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds every real doc set of the shared corpus ({@code ../shared/corpus/docs}, 20 as found: deep navs, monorepo
 * includes, mermaid, tabs, no mkdocs.yml…) with {@code paved techdocs} and checks that each builds, and that every
 * page its {@code mkdocs.yml} nav names, and that exists, is in the rendered navigation.
 */
class TechDocsCorpusTest {

    @Test
    void everyDocSetBuildsWithItsWholeNav(@TempDir Path out) throws IOException {
        Path corpus = TestFiles.shared("corpus/docs");
        List<Path> sets;
        try (Stream<Path> list = Files.list(corpus)) {
            sets = list.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(20, sets.size());
        List<String> problems = new ArrayList<>();
        for (Path set : sets) {
            Path site = out.resolve(set.getFileName().toString());
            Pipeline.Result result = Pipeline.techdocs(set, site, Optional.empty(), false);
            if (result.pages() == 0 || result.count(Severity.ERROR) > 0) {
                problems.add(set.getFileName() + ": " + result.pages() + " pages, errors "
                        + result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList());
                continue;
            }
            // The page at the root, or the first page when the set has no index (the root then leads to it).
            Path first = site.resolve(MarkdownPages.outputPath(navPages(set).stream().findFirst().orElse("index.md")));
            Path shown = Files.isRegularFile(first) ? first : site.resolve("index.html");
            Set<String> navLinks = Jsoup.parse(shown.toFile(), "UTF-8")
                    .select(".docs-nav a[href]").eachAttr("href").stream()
                    .map(h -> java.net.URLDecoder.decode(h, java.nio.charset.StandardCharsets.UTF_8))
                    .map(h -> site.relativize(shown.getParent().resolve(h).normalize()).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
            for (String page : navPages(set)) {
                String expected = MarkdownPages.outputPath(page);
                if (!navLinks.contains(expected)) {
                    problems.add(set.getFileName() + ": nav entry " + page + " missing (links: " + navLinks + ")");
                }
            }
            assertTrue(Files.isRegularFile(site.resolve("techdocs_metadata.json")), set.toString());
        }
        assertEquals("", String.join("\n", problems));
    }

    /** The pages the top mkdocs.yml nav names (not through includes) that exist in its docs_dir. */
    private static List<String> navPages(Path set) throws IOException {
        Path config = Files.isRegularFile(set.resolve("mkdocs.yml")) ? set.resolve("mkdocs.yml")
                : set.resolve("mkdocs.yaml");
        if (!Files.isRegularFile(config)) {
            return List.of();
        }
        JsonNode root = YamlReader.read("mkdocs.yml", Files.readString(config), new Diagnostics(), true).get(0).root();
        Path docs = set.resolve(root.path("docs_dir").asText("docs"));
        List<String> out = new ArrayList<>();
        collect(root.path("nav"), docs, out);
        return out;
    }

    private static void collect(JsonNode nav, Path docs, List<String> out) {
        if (nav.isArray() || nav.isObject()) {
            nav.forEach(n -> collect(n, docs, out));
        } else if (nav.isTextual()) {
            String page = nav.asText().replaceFirst("^\\./", "");
            if (page.matches("(?i).*\\.(md|markdown)$") && Files.isRegularFile(docs.resolve(page))) {
                out.add(page);
            }
        }
    }
}
