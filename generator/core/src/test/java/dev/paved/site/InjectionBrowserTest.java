package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.paved.Browser;
import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import dev.paved.preview.PreviewServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Builds a portal from {@code hostile/injection}, where every field a person writes holds scripts (titles,
 * descriptions, links, profiles, annotations, API definitions, template parameters, {@code mkdocs.yml}, Markdown,
 * docs assets, content pages, the portal's title), and opens every page and every copied file in Chromium. A script
 * that ran would call {@code pwn(n)}: the browser is given a {@code pwn} that records {@code n} on the page and calls
 * a loopback listener, so a script running anywhere, a frame included, is seen.
 */
class InjectionBrowserTest {

    @Test
    void noScriptFromAnyFieldRunsOnAnyPage(@TempDir Path site, @TempDir Path profile) throws IOException {
        Browser.require();
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            calls.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        listener.start();
        Pipeline.Result result = Pipeline.build(ConfigReader.read(TestFiles.resource("hostile/injection"),
                new Diagnostics()).withOutput(site), Pipeline.Options.defaults());
        assertTrue(result.entities() >= 10, result.summary());
        List<String> opened = new ArrayList<>();
        try (PreviewServer server = PreviewServer.start(site, 0); Browser browser = Browser.start(profile)) {
            WebDriver driver = browser.driver();
            ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "window.pwn = function (n) { try { (top.__pwned = top.__pwned || []).push(n); } catch (e) {}"
                            + " new Image().src = 'http://127.0.0.1:" + listener.getAddress().getPort()
                            + "/pwned/' + n; };"
                            + " window.alert = window.confirm = window.prompt = function () { pwn('alert'); };"));
            List<String> ran = new ArrayList<>();
            for (String path : pagesAndFiles(site)) {
                try {
                    driver.get(server.uri().resolve(path).toString());
                    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "complete".equals(
                            ((JavascriptExecutor) d).executeScript("return document.readyState")));
                    // The API viewers draw after load: api.js marks when they have (or could not).
                    if (!driver.findElements(By.id("api-viewer")).isEmpty()) {
                        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("api-viewer"))
                                .getDomAttribute("data-state") != null);
                    }
                    // The Create form and the viewers build themselves after load; give handlers a moment.
                    if (!driver.findElements(By.cssSelector("form, #api-viewer, #template-form")).isEmpty()) {
                        Thread.sleep(300);
                    }
                    Object flags = ((JavascriptExecutor) driver).executeScript("return window.__pwned || []");
                    if (flags instanceof List<?> list && !list.isEmpty()) {
                        ran.add(path + " ran pwn" + list);
                    }
                    opened.add(path);
                } catch (UnhandledAlertException e) {
                    ran.add(path + " opened an alert: " + e.getAlertText());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            assertEquals(List.of(), ran);
        } finally {
            listener.stop(0);
        }
        assertTrue(opened.stream().anyMatch(p -> p.endsWith("injected-template/index.html")), opened.toString());
        assertTrue(opened.stream().anyMatch(p -> p.endsWith(".svg")), "the docs' SVG is opened too: " + opened);
        assertEquals(List.of(), calls, "the listener was called by a script that ran");
    }

    /** Every HTML page and every file the docs and content copied (SVG, images), relative to the site. */
    private static List<String> pagesAndFiles(Path site) throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> site.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".html") || p.endsWith(".svg") && !p.startsWith("assets/"))
                    .sorted().toList();
        }
    }
}
