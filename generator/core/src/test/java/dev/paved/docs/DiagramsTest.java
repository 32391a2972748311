package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PlantUML and Graphviz diagrams, which mkdocs-techdocs-core draws with plantuml_markdown and Graphviz: drawn at
 * build time into the page as SVG images (fixture: {@code src/test/resources/markdown/diagrams}).
 */
class DiagramsTest {

    private static final Path FIXTURE = Path.of("src/test/resources/markdown/diagrams");

    private static Document build(Diagnostics diagnostics) {
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(FIXTURE, FIXTURE).orElseThrow();
        return Jsoup.parse(docs.pages().get(0).html());
    }

    /** What an image draws: its SVG, decoded from its data URL. */
    private static String drawing(Element img) {
        String src = img.attr("src");
        assertTrue(src.startsWith("data:image/svg+xml;base64,"), src);
        return new String(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)), StandardCharsets.UTF_8);
    }

    @Test
    void plantUmlFencesAndBlocksAreDrawnAsImagesWithTheirAttributes() {
        Document page = build(new Diagnostics());

        Element ordering = page.selectFirst("img[alt=Ordering a parcel]");
        assertEquals("uml ordering", ordering.attr("class"));
        assertEquals("Ordering", ordering.attr("title"));
        assertEquals("400px", ordering.attr("width"));
        String svg = drawing(ordering);
        assertTrue(svg.startsWith("<svg") && svg.contains("ParcelService") && svg.contains("tracking number"), svg);

        Element block = page.selectFirst("img[alt=Label printing]");
        assertEquals("uml", block.attr("class"), "plantuml_markdown's default class");
        assertTrue(drawing(block).contains("LabelPrinter"));
        assertFalse(page.text().contains("::uml::"), page.text());

        assertEquals(1, page.select("code.language-python").size(), "other fences stay code");
        assertTrue(page.select("code.language-plantuml").isEmpty(), page.html());
    }

    @Test
    void aBrokenDiagramShowsPlantUmlsErrorAndIsReportedAtItsLine() {
        Diagnostics diagnostics = new Diagnostics();
        Document page = build(diagnostics);

        assertTrue(drawing(page.selectFirst("img[alt=Broken]")).contains("Syntax Error"));
        List<String> warnings = diagnostics.sorted().stream().filter(d -> d.code() == Code.DIAGRAM_NOT_DRAWN)
                .map(d -> d.line() + " " + d.message()).toList();
        assertTrue(warnings.contains("18 the PlantUML diagram has an error; PlantUML's drawing of it "
                + "is shown"), warnings.toString());
    }

    @Test
    void aDiagramReadsNoFileOfTheMachine() throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        Document page = build(diagnostics);

        String included = drawing(page.selectFirst("img[alt=Include]"));
        assertTrue(included.contains("cannot include ../mkdocs.yml") && !included.contains("site_name"), included);
        // A Graphviz source naming a file is not drawn at all.
        assertTrue(page.select("code.language-graphviz").stream().anyMatch(c -> c.text().contains("image=")), page.html());
        assertTrue(diagnostics.sorted().stream().anyMatch(d -> d.line() == 38
                && d.message().contains("names files of the machine")), diagnostics.sorted().toString());
    }

    @Test
    void graphvizFencesAreDrawnByGraphvizWhereItIsInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean installed = Arrays.stream(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "dot")));
        if (!installed && !"true".equals(System.getenv("PAVED_REQUIRE_GRAPHVIZ"))) {
            Assumptions.abort("Graphviz (dot) is not installed; PAVED_REQUIRE_GRAPHVIZ=true makes this a failure");
        }
        assertTrue(installed, "Graphviz (dot) is required (PAVED_REQUIRE_GRAPHVIZ=true) but not on the PATH");
        Document page = build(new Diagnostics());
        Element depots = page.selectFirst("img[alt=depots.svg]");
        assertEquals("graphviz", depots.attr("class"));
        String svg = drawing(depots);
        assertTrue(svg.contains(">Depot<") && svg.contains(">Hub<"), svg);
        // markdown_inline_graphviz's block, which TechDocs also reads.
        assertTrue(drawing(page.selectFirst("img[alt=hubs.svg]")).contains(">Hub<"), page.html());
        assertFalse(page.text().contains("{%"), page.text());
    }
}
