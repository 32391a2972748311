package dev.paved.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.diagnostic.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageHeaderTest {

    @Test
    void readsAJBakeHeaderBlock() {
        PageHeader header = PageHeader.parse("""
                title=Getting started
                type=page
                status=published
                date=2026-03-02
                tags=onboarding, guide
                ~~~~~~
                # Hello
                """, "page.md", new Diagnostics());

        assertEquals("Getting started", header.fields().get("title"));
        assertEquals("2026-03-02", header.fields().get("date"));
        assertEquals(List.of("onboarding", "guide"), header.tags());
        assertEquals("# Hello\n", header.body());
        assertEquals(6, header.bodyOffset());
    }

    @Test
    void readsYamlFrontMatter() {
        PageHeader header = PageHeader.parse("""
                ---
                title: Deploying
                tags: [guide, deploy]
                status: draft
                ---
                Body
                """, "page.md", new Diagnostics());

        assertEquals("Deploying", header.fields().get("title"));
        assertEquals("draft", header.fields().get("status"));
        assertEquals(List.of("guide", "deploy"), header.tags());
        assertEquals("Body\n", header.body());
    }

    @Test
    void aPageWithoutHeaderIsAllBody() {
        PageHeader header = PageHeader.parse("# Title\n\ntext with a = sign\n", "page.md", new Diagnostics());
        assertEquals(0, header.fields().size());
        assertEquals("# Title\n\ntext with a = sign\n", header.body());
    }
}
