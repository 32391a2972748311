package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TechDocs pages with YAML front matter: MkDocs reads it as metadata, so it is not shown as content. */
class FrontMatterTest {

    @Test
    void frontMatterIsNotRenderedAndLinesStayRight(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.md"), "---\ntitle: Home\ntags: [a, b]\n---\n# Home\n\n[x](gone.md)\n");
        Diagnostics diagnostics = new Diagnostics();
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(dir, dir).orElseThrow();

        String html = docs.pages().get(0).html();
        assertFalse(html.contains("tags"), html);
        assertFalse(html.contains("<hr"), html);
        Diagnostic broken = diagnostics.sorted().get(0);
        assertEquals(7, broken.line(), "the link's line in the file, front matter included");
    }
}
