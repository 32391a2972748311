package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code remoteImages} in {@code paved.yaml} keeps docs' images to hosts the organisation trusts (issue 15, item 13):
 * an image elsewhere would tell that host who reads which page.
 */
class RemoteImagesTest {

    @Test
    void imagesFromHostsNotAllowedBecomeLinks() {
        MarkdownRenderer renderer = new MarkdownRenderer(new RemoteImages(List.of("img.shields.io", "*.example.com")));
        Document page = Jsoup.parse(renderer.render("""
                ![build](https://img.shields.io/badge/build-passing-green.svg)
                ![pixel](https://tracker.invalid/p.gif)
                <img src="https://cdn.example.com/a.png" alt="cdn">
                <img src="//tracker.invalid/q.gif" alt="no scheme">
                ![diagram](img/flow.png)
                """));

        assertEquals(List.of("https://img.shields.io/badge/build-passing-green.svg", "https://cdn.example.com/a.png",
                "img/flow.png"), page.select("img").eachAttr("src"));
        assertEquals(List.of("https://tracker.invalid/p.gif", "//tracker.invalid/q.gif"),
                page.select("a.remote-image").eachAttr("href"));
        assertEquals("pixel (on another site)", page.selectFirst("a.remote-image").text());
    }

    @Test
    void anyHostByDefaultNoneOrAListInPavedYaml(@TempDir Path dir) throws Exception {
        assertEquals(RemoteImages.ANY, ConfigReader.read(dir, new Diagnostics()).remoteImages());
        Files.writeString(dir.resolve("paved.yaml"), "remoteImages: none\n");
        assertTrue(!ConfigReader.read(dir, new Diagnostics()).remoteImages().allows("https://a.example/x.png"));
        Files.writeString(dir.resolve("paved.yaml"), "remoteImages: [img.shields.io]\n");
        PavedConfig config = ConfigReader.read(dir, new Diagnostics());
        assertTrue(config.remoteImages().allows("https://img.shields.io/x.svg"));
        assertTrue(!config.remoteImages().allows("https://evil.img.shields.io.invalid/x.svg"));
        Diagnostics problems = new Diagnostics();
        Files.writeString(dir.resolve("paved.yaml"), "remoteImages: [\"https://x/\"]\n");
        ConfigReader.read(dir, problems);
        assertEquals(1, problems.sorted().size(), problems.sorted().toString());
    }
}
