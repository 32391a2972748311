package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.DiagnosticFormat;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import dev.paved.diagnostic.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One page of 250 KB whose only line holds 20,000 links to anchors that do not exist (issue 15, item 8): it used to
 * give 20,000 warnings each quoting the whole line, and the text report ran out of memory. Its problems are now
 * listed up to a bound and summed up, each quoting a window of the line.
 */
class LongPageTest {

    @Test
    void aPageWithTwentyThousandBrokenAnchorsGivesABoundedReport(@TempDir Path dir) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            line.append("[x](#missing-").append(i).append(") ");
        }
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.md"), "# Long page\n\n" + line + "\n");
        Diagnostics diagnostics = new Diagnostics();

        // Finding each link's line counted from the start of the page for every link: quadratic, minutes. The
        // bound only keeps a regression from hanging the suite.
        DocSet docs = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(dir, dir).orElseThrow());

        assertEquals(1, docs.pages().size());
        List<Diagnostic> problems = diagnostics.sorted();
        assertEquals(Diagnostics.PER_FILE + 1, problems.size());
        assertEquals(20_000, diagnostics.count(Severity.WARNING));
        Diagnostic summary = problems.get(0);
        assertEquals(Code.MORE_PROBLEMS, summary.code());
        assertTrue(summary.message().startsWith("19800 more problems"), summary.message());
        assertTrue(problems.subList(1, problems.size()).stream().allMatch(d -> d.code() == Code.BROKEN_ANCHOR
                && d.line() == 3), "the listed ones are the page's own");

        String report = DiagnosticFormat.TEXT.format(problems, List.of());
        assertTrue(report.length() < 200_000, report.length() + " characters");
        assertTrue(report.lines().allMatch(l -> l.length() < 400), "each quoted line is a window of the line");
    }

    @Test
    void whatAProblemQuotesIsPrintableAndBounded() {
        Diagnostic quoted = Diagnostic.warning(SourcePosition.of("a.yaml"), Code.DANGLING_REF,
                "refers to group:a\u0000b\u001b[2J, which is not in the catalog");
        assertEquals("refers to group:a\\u0000b\\u001b[2J, which is not in the catalog", quoted.message());
        Diagnostic longOne = Diagnostic.warning(SourcePosition.of("a.yaml"), Code.DANGLING_REF,
                "x".repeat(100_000));
        assertTrue(longOne.message().length() < Diagnostic.MAX_MESSAGE + 40, longOne.message().length() + "");
        assertTrue(longOne.message().endsWith("(98000 more characters)"), longOne.message());
        // Made printable twice, as a problem kept in the cache is when read back: the same text.
        String nearTheLimit = "x".repeat(Diagnostic.MAX_MESSAGE - 5) + "\u0001".repeat(9);
        String once = Diagnostic.printable(nearTheLimit, Diagnostic.MAX_MESSAGE);
        assertEquals(once, Diagnostic.printable(once, Diagnostic.MAX_MESSAGE));
        assertEquals(quoted.message(), Diagnostic.printable(quoted.message(), Diagnostic.MAX_MESSAGE));
    }
}
