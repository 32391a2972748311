package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * References to entities that do not exist are text an author wrote, not names Paved checked: none of them may
 * become a file path (issue 15, item 1). The fixture also holds a number too large for a decimal (item 3).
 */
class HostileReferencesTest {

    @Test
    void referencesThatAreNotNamesNeverBecomePaths(@TempDir Path out) throws IOException {
        Pipeline.Result result = Pipeline.build(ConfigReader.read(TestFiles.resource("hostile/refs"),
                new Diagnostics()).withOutput(out), Pipeline.Options.defaults());

        assertEquals(7, result.diagnostics().stream().filter(d -> d.code() == Code.DANGLING_REF).count(),
                "each owner is reported: " + result.diagnostics());
        assertEquals(9, result.entities(), "every entity is built, the one with 1e9999999999 too");
        assertTrue(Files.isRegularFile(out.resolve("catalog/default/component/fine/index.html")));
        // Each team's problems page is problems/<namespace>/<name>/index.html: one segment each, whatever the
        // reference held (.., ../.., NUL, 300 letters, slashes).
        List<Path> teamPages;
        try (Stream<Path> s = Files.walk(out.resolve("problems"))) {
            teamPages = s.filter(p -> p.getFileName().toString().equals("index.html"))
                    .filter(p -> !p.getParent().equals(out.resolve("problems"))).toList();
        }
        assertEquals(7, teamPages.size(), teamPages.toString()); // the seven missing owners (team-a has none)
        for (Path page : teamPages) {
            Path relative = out.relativize(page);
            assertEquals(4, relative.getNameCount(), relative.toString());
            assertTrue(relative.getName(2).toString().length() <= 63, relative.toString());
        }
    }

    @Test
    void aValidNameIsItsOwnSegmentAndNothingElseLooksLikeOne() {
        assertEquals("team-a", SitePaths.segment("team-a"));
        assertEquals("billing.v2", SitePaths.segment("billing.v2"));
        for (String hostile : List.of("..", ".", "a/b", "a\0b", "a".repeat(64), "%2e%2e", "", "a..b", "-a")) {
            String segment = SitePaths.segment(hostile);
            assertTrue(segment.matches("~[0-9a-f]{16}"), hostile + " -> " + segment);
        }
        assertNotEquals(SitePaths.segment(".."), SitePaths.segment("../.."));
    }
}
