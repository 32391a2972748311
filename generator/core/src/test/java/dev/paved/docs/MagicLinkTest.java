package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Bare URLs and e-mail addresses (issue 17, item 3): Python-Markdown links only {@code <https://…>} and
 * {@code <user@example.com>}; {@code pymdownx.magiclink} also links bare ones, by its rules, under which a package
 * spec such as {@code @scope/pkg@1.2.3} is no e-mail address. TechDocs adds {@code techdocs-core}, which enables
 * magiclink, to every doc set: a doc set gets bare links whether its {@code mkdocs.yml} lists the extension
 * ({@code markdown/magiclink/on}) or not ({@code off}).
 */
class MagicLinkTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void withoutMagicLinkOnlyAngleBracketsMakeLinks() {
        String html = renderer.render("@scope/pkg@1.2.3, a@example.com, https://example.com/x and www.example.com; "
                + "<https://example.com/y> <me@example.com>", MarkdownRenderer.Dialect.MKDOCS);
        assertEquals(2, html.split("<a ", -1).length - 1, html);
        assertTrue(html.contains("<a href=\"https://example.com/y\">"), html);
        assertTrue(html.contains("<a href=\"mailto:me@example.com\">"), html);
    }

    @Test
    void withMagicLinkBareUrlsAndAddressesAreLinksButPackageSpecsAreNot() {
        String html = renderer.render("@scope/pkg@1.2.3 pkg@1.2.3 a@example.com https://example.com/x "
                + "www.example.com x@localhost", MarkdownRenderer.Dialect.MKDOCS.withMagicLink(true));
        assertFalse(html.contains("mailto:scope"), html);
        assertFalse(html.contains("mailto:pkg"), html);
        assertFalse(html.contains("mailto:x@localhost"), "magiclink's addresses need a domain with a dot: " + html);
        assertTrue(html.contains("<a href=\"mailto:a@example.com\">a@example.com</a>"), html);
        assertTrue(html.contains("<a href=\"https://example.com/x\">"), html);
        assertTrue(html.contains("<a href=\"http://www.example.com\">"), html);
    }

    @Test
    void everyDocSetHasMagicLinkAsTechDocsGivesIt() {
        for (String fixture : new String[] {"markdown/magiclink/on", "markdown/magiclink/off"}) {
            String html = page(fixture);
            assertFalse(html.contains("mailto:backstage"), html);
            assertTrue(html.contains("<a href=\"mailto:platform-team@example.com\">"), html);
            assertTrue(html.contains("<a href=\"https://example.com/changelog\">"), html);
            assertTrue(html.contains("<a href=\"mailto:owners@example.com\">"), html);
            assertTrue(html.contains("<a href=\"https://example.com/releases\">"), html);
        }
    }

    private static String page(String fixture) {
        Path dir = TestFiles.resource(fixture);
        Diagnostics diagnostics = new Diagnostics();
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(dir, dir).orElseThrow();
        assertEquals("[]", diagnostics.sorted().toString(), "pymdownx.magiclink is supported, not warned about");
        return docs.pages().get(0).html();
    }
}
