package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * An SVG on the portal's origin is as powerful as a page when opened directly: cleaning removes every way it
 * could run a script (issue 15, item 2) and keeps what it draws.
 */
class SvgCleanerTest {

    private static String cleaned() throws Exception {
        byte[] svg = Files.readAllBytes(TestFiles.resource("hostile/svg/every-trick.svg"));
        return new String(SvgCleaner.clean(svg), StandardCharsets.UTF_8);
    }

    @Test
    void nothingThatRunsIsLeft() throws Exception {
        String svg = cleaned();
        Document document = Jsoup.parse(svg, "", Parser.xmlParser());
        List<String> active = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            String name = element.tagName();
            if (name.contains("script") || name.contains(":") || List.of("set", "animate", "handler", "iframe",
                    "embed").contains(name)) {
                active.add(name);
            }
            element.attributes().forEach(a -> {
                String value = a.getValue().replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
                if (a.getKey().toLowerCase(Locale.ROOT).startsWith("on") || value.contains("javascript:")
                        || value.startsWith("data:image/svg")) {
                    active.add(name + " " + a);
                }
            });
        }
        assertEquals(List.of(), active, svg);
        assertFalse(svg.contains("xml-stylesheet"), "no processing instruction may load a style sheet: " + svg);
        assertFalse(svg.contains("pwned"), "no script text remains: " + svg);
    }

    @Test
    void whatIsDrawnStaysAndIsStillWellFormedXml() throws Exception {
        String svg = cleaned();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // A browser shows nothing of an SVG that is not well-formed: the cleaned file must parse.
        var xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("http://www.w3.org/2000/svg", xml.getDocumentElement().getNamespaceURI());

        Document document = Jsoup.parse(svg, "", Parser.xmlParser());
        assertEquals("url(#fade)", document.selectFirst("rect#kept").attr("fill"));
        assertEquals(2, document.select("linearGradient stop").size());
        assertEquals("#kept", document.selectFirst("a#inner").attr("href"));
        assertEquals("https://example.com/ok", document.selectFirst("a#outer").attr("href"));
        assertTrue(document.selectFirst("foreignObject div.label").text().startsWith("Label"), svg);
        assertEquals("preserve", document.select("text").last().attr("xml:space"));
        for (String label : List.of("first", "second", "third", "fourth", "drawn text")) {
            assertTrue(document.select("text").eachText().contains(label), label + " is drawn: " + svg);
        }
    }

    @Test
    void onlyPassiveFilesAreCopied() {
        for (String passive : List.of("img/a.png", "b.JPG", "c.svg", "d.pdf", "fonts/e.woff2", "f.txt", "g.csv")) {
            assertTrue(StaticFiles.copied(passive), passive);
        }
        for (String active : List.of("evil.html", "evil.HTM", "a.xhtml", "b.js", "c.mjs", "d.xml", "e.xsl",
                "f.svgz", "g.swf", "CNAME", ".htaccess", "h.shtml", "i.php", "j.wasm")) {
            assertFalse(StaticFiles.copied(active), active);
        }
    }
}
