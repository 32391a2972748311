package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Heading ids as Python-Markdown's toc extension gives them (each expected value is what it gave, 3.4.1). */
class HeadingIdsTest {

    @Test
    void slugsAreMkDocsSlugs() {
        assertEquals("quick-links", HeadingIds.slug("Quick Links"));
        assertEquals("why-choose-this-template", HeadingIds.slug("Why Choose This Template?"));
        assertEquals("opc-provider-component", HeadingIds.slug("opc-provider Component 👋"));
        assertEquals("feature-highlights-of-vmware-tanzu-developer-portaltm",
                HeadingIds.slug("Feature Highlights Of VMware® Tanzu Developer Portal™"));
        assertEquals("localisation-automatique-des-medias-liens-assets",
                HeadingIds.slug("Localisation automatique des médias / liens / assets"));
        assertEquals("spec-varies", HeadingIds.slug("spec [varies]"));
        assertEquals("snake_case-and-spaces", HeadingIds.slug("snake_case and  spaces"));
        assertEquals("unicode-strae", HeadingIds.slug("Ünïcödé ß Straße"));
        assertEquals("c-c", HeadingIds.slug("C++ & C#"));
        assertEquals("1-intro", HeadingIds.slug("1. Intro"));
        assertEquals("-dash-", HeadingIds.slug("--dash--"));
        assertEquals("", HeadingIds.slug("Привет мир"));
    }

    @Test
    void aPageHasMkDocsAnchorsAndLinksToThemWork() {
        Diagnostics diagnostics = new Diagnostics();
        List<MarkdownPages.Rendered> pages = MarkdownPages.render(List.of(new MarkdownPages.Source("index.md",
                "# Setup\n\n## Examples {#custom}\n\n## Examples\n\n## Examples\n\n## Médias ™\n\n"
                        + "[second](#examples) [third](#examples_1) [accents](#medias-tm)", 0, "docs/index.md")),
                Set.of(), new MarkdownRenderer(), diagnostics);
        assertEquals(List.of("setup", "custom", "examples", "examples_1", "medias-tm"),
                pages.get(0).headings().stream().map(MarkdownRenderer.HeadingInfo::id).toList());
        String html = pages.get(0).html();
        assertTrue(html.contains("<h2 id=\"examples_1\">"), html);
        assertEquals(List.of(), diagnostics.sorted(), "the links find their anchors");
    }

    @Test
    void repeatedAndEmptyIdsAreCounted() {
        Set<String> used = new HashSet<>();
        List<String> ids = List.of("examples", "examples", "examples", "", "", "a_1", "a", "a").stream()
                .map(id -> HeadingIds.unique(id, used)).toList();
        assertEquals(List.of("examples", "examples_1", "examples_2", "_1", "_2", "a_1", "a", "a_2"), ids);
    }
}
