package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the long fuzz run found (fixture {@code hostile/fuzz-finds}): each is now a problem or nothing, never a crash. */
class FuzzFindsTest {

    @Test
    void mapsForListsAndEscapesThatAreNotAreReadAsMkDocsReadsThem() {
        Path dir = TestFiles.resource("hostile/fuzz-finds");
        Diagnostics diagnostics = new Diagnostics();
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(dir, dir).orElseThrow();

        assertEquals(2, docs.pages().size());
        List<String> problems = diagnostics.sorted().stream().map(Diagnostic::message).toList();
        assertTrue(problems.contains("MkDocs plugin blog is not supported; it is ignored"), problems.toString());
        assertTrue(diagnostics.sorted().stream().anyMatch(d -> d.code() == Code.BROKEN_ANCHOR
                && d.message().contains("#%-t")), problems.toString());
        assertTrue(diagnostics.sorted().stream().anyMatch(d -> d.code() == Code.BROKEN_LINK
                && d.message().contains("other%zz.md")), problems.toString());
    }
}
