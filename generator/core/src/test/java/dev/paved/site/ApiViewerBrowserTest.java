package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * API pages in a real headless Chromium: the demo portal's OpenAPI pages drawn by the vendored Swagger UI and its
 * AsyncAPI page by AsyncAPI's component, each served over HTTP and opened from disk, with no console error and no
 * request to a host other than the file system or the loopback server; and script written in a hostile definition's
 * texts ({@code hostile/injection}) runs in neither viewer, whatever the user expands.
 */
class ApiViewerBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path site;
    @TempDir
    static Path hostileSite;
    @TempDir
    static Path fixtureSite;
    @TempDir
    static Path profile;

    private static PreviewServer server;
    private static PreviewServer hostileServer;
    private static PreviewServer fixtureServer;
    private static HttpServer listener;
    private static final List<String> calls = new CopyOnWriteArrayList<>();
    private static Browser browser;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void buildServeAndOpenBrowser() throws IOException {
        Browser.require();
        Pipeline.build(ConfigReader.read(TestFiles.projectRoot(), new Diagnostics()).withOutput(site),
                Pipeline.Options.defaults());
        Pipeline.build(ConfigReader.read(TestFiles.resource("hostile/injection"), new Diagnostics())
                .withOutput(hostileSite), Pipeline.Options.defaults());
        Pipeline.build(ConfigReader.read(TestFiles.resource("api"), new Diagnostics()).withOutput(fixtureSite),
                Pipeline.Options.defaults());
        server = PreviewServer.start(site, 0);
        hostileServer = PreviewServer.start(hostileSite, 0);
        fixtureServer = PreviewServer.start(fixtureSite, 0);
        // A script that ran calls pwn(n): it records n on the page and calls this loopback listener.
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            calls.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        listener.start();
        browser = Browser.startLogging(profile);
        driver = browser.driver();
        wait = new WebDriverWait(driver, WAIT);
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.pwn = function (n) { try { (top.__pwned = top.__pwned || []).push(n); } catch (e) {}"
                        + " new Image().src = 'http://127.0.0.1:" + listener.getAddress().getPort()
                        + "/pwned/' + n; };"
                        + " window.alert = window.confirm = window.prompt = function () { pwn('alert'); };"));
    }

    @AfterAll
    static void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            for (PreviewServer s : new PreviewServer[] {server, hostileServer, fixtureServer}) {
                if (s != null) {
                    s.close();
                }
            }
            if (listener != null) {
                listener.stop(0);
            }
        }
    }

    @Test
    void anOpenApiPageIsDrawnBySwaggerUiWithRequestBodiesSchemasAndParameterTypes() {
        for (String url : both(site, server, "catalog/default/api/parcel-tracking-api/index.html")) {
            open(url);
            WebElement viewer = waitForViewer();
            assertTrue(viewer.findElement(By.cssSelector(".swagger-ui .info .title")).getText()
                    .contains("Parcel Tracking API"), url);
            assertFalse(driver.findElement(By.cssSelector(".api-overview")).isDisplayed(),
                    "the viewer shows the title and description itself");
            assertEquals(null, driver.findElement(By.cssSelector("details.api-summary")).getDomAttribute("open"),
                    "the server-written summary folds once the viewer has drawn");

            // The user opens the operation that takes a request body, and looks at its schema.
            WebElement post = viewer.findElement(By.id("operations-webhooks-createWebhook"));
            post.findElement(By.cssSelector(".opblock-summary")).click();
            // Swagger UI draws the operation's sections after the click: wait for them to be there, then shown.
            WebElement body = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(post,
                    By.cssSelector(".opblock-section-request-body"))).get(0);
            assertTrue(body.getText().contains("application/json"), body.getText());
            assertTrue(body.getText().contains("\"accountId\""), "an example built from the schema: " + body.getText());
            body.findElement(By.cssSelector("button[data-name=model]")).click();
            wait.until(d -> body.getText().contains("WebhookRequest"));
            assertTrue(body.getText().contains("url*"), "required properties are marked: " + body.getText());
            assertTrue(body.getText().contains("string($uri)"), "with their types and formats: " + body.getText());

            // And an operation's parameters, with their types.
            WebElement get = viewer.findElement(By.id("operations-parcels-getParcel"));
            get.findElement(By.cssSelector(".opblock-summary")).click();
            WebElement parameter = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(get,
                    By.cssSelector("tr[data-param-name=parcelId]"))).get(0);
            assertTrue(parameter.getText().contains("string"), parameter.getText());
            assertTrue(parameter.getText().contains("(path)"), parameter.getText());
            assertTrue(parameter.getText().contains("The 12-character parcel code."), parameter.getText());

            assertNoConsoleErrorAndNoOtherHost(url);
        }
    }

    @Test
    void anOpenApiPageWithSecurityOffersToAuthorizeAndSendsNothingByItself() {
        for (String url : both(site, server, "catalog/default/api/billing-api/index.html")) {
            open(url);
            WebElement viewer = waitForViewer();
            assertTrue(viewer.findElement(By.cssSelector(".auth-wrapper .authorize")).isDisplayed(),
                    "the security schemes are offered");
            assertFalse(viewer.findElements(By.cssSelector(".opblock .authorization__btn")).isEmpty(),
                    "operations show the security they need");
            assertNoConsoleErrorAndNoOtherHost(url);
        }
    }

    @Test
    void anAsyncApiPageIsDrawnByTheAsyncApiComponentWithEveryMessageAndItsPayload() {
        for (String url : both(site, server, "catalog/default/api/parcel-events/index.html")) {
            open(url);
            WebElement viewer = waitForViewer();
            assertTrue(viewer.findElement(By.id("introduction")).getText().contains("Parcel events"), url);
            String text = viewer.getText();
            assertTrue(text.contains("Parcel scanned") && text.contains("Parcel status changed"),
                    "both messages of the channel's oneOf: " + text);
            clickEach(viewer, By.xpath(".//button[normalize-space()='Expand all']"));
            wait.until(d -> viewer.getText().contains("scanType"));
            assertTrue(viewer.getText().contains("scannerId"), "the payload's properties are shown");
            assertNoConsoleErrorAndNoOtherHost(url);
        }
    }

    @Test
    void aReferenceToAnotherFileIsNotFetchedButSaidUnresolved() {
        for (String url : both(fixtureSite, fixtureServer, "catalog/default/api/external-refs/index.html")) {
            open(url);
            WebElement viewer = waitForViewer();
            clickEach(viewer, By.cssSelector(".opblock-summary"));
            wait.until(d -> viewer.getText().contains("Resolver error"));
            assertTrue(viewer.getText().contains("not fetched: https://schemas.example.com/responses.yaml"),
                    viewer.getText());
            assertNoConsoleErrorAndNoOtherHost(url);
        }
    }

    @Test
    void scriptInADefinitionsTextsRunsInNeitherViewer() {
        for (String path : List.of("catalog/default/api/injected-openapi/index.html",
                "catalog/default/api/injected-asyncapi/index.html")) {
            for (String url : both(hostileSite, hostileServer, path)) {
                open(url);
                WebElement viewer = waitForViewer();
                // Everything a user can open: operations, models, payloads.
                clickEach(viewer, By.cssSelector(".opblock-summary"));
                clickEach(viewer, By.cssSelector(".models .model-box-control"));
                clickEach(viewer, By.xpath(".//button[normalize-space()='Expand all']"));
                String text = viewer.getText();
                assertTrue(text.contains("description"), "the viewer drew the descriptions: " + text);
                pause();
                Object ran = ((JavascriptExecutor) driver).executeScript("return window.__pwned || []");
                assertEquals(List.of(), ran, url + " ran script from its definition");
            }
        }
        assertEquals(List.of(), calls, "the listener was called by a script that ran");
    }

    // ---- helpers ----

    /** The page's Definition tab, over the loopback server and from disk. */
    private static List<String> both(Path folder, PreviewServer served, String path) {
        return List.of(served.uri().resolve(path) + "#definition", folder.resolve(path).toUri() + "#definition");
    }

    /** Clicks each element {@code what} finds, found again before each click as a click may redraw them. */
    private static void clickEach(WebElement within, By what) {
        int count = within.findElements(what).size();
        for (int i = 0; i < count; i++) {
            List<WebElement> found = within.findElements(what);
            if (i < found.size() && found.get(i).isDisplayed()) {
                found.get(i).click();
            }
        }
    }

    /** Opens a page with the browser's logs emptied first, so that what they hold afterwards is this page's. */
    private static void open(String url) {
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().logs().get(LogType.PERFORMANCE);
        driver.get(url);
    }

    /** Waits until api.js says the viewer has drawn, and returns the viewer's element. */
    private static WebElement waitForViewer() {
        WebElement viewer = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("api-viewer")));
        String state = wait.until(d -> viewer.getDomAttribute("data-state"));
        assertEquals("ready", state, driver.getCurrentUrl() + ": the viewer did not draw");
        assertTrue(viewer.isDisplayed());
        return viewer;
    }

    private static void assertNoConsoleErrorAndNoOtherHost(String url) {
        pause();
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            // Not the viewers': from file:// Chromium refuses the search box's module script, and the portal has no
            // favicon yet (issue 18, item 10).
            boolean portal = url.startsWith("file:") && entry.getMessage().contains("/assets/search.")
                    || entry.getMessage().contains("/favicon.ico ");
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !portal) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, url + " logged errors");

        List<String> elsewhere = new ArrayList<>();
        int requests = 0;
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = read(entry.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                requests++;
                String requested = message.path("params").path("request").path("url").asText();
                if (!local(requested)) {
                    elsewhere.add(requested);
                }
            }
        }
        assertTrue(requests > 0, "the performance log records the page's requests");
        Object resources = ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map((r) => r.name)");
        for (Object resource : (List<?>) resources) {
            if (!local(resource.toString())) {
                elsewhere.add(resource.toString());
            }
        }
        assertEquals(List.of(), elsewhere, url + " asked another host");
    }

    /** A URL of the file system, of the page itself or of the loopback server. */
    private static boolean local(String url) {
        String scheme = url.substring(0, Math.max(0, url.indexOf(':')));
        if (Set.of("file", "data", "blob", "about").contains(scheme)) {
            return true;
        }
        return Set.of("http", "https").contains(scheme)
                && Set.of("127.0.0.1", "localhost", "[::1]").contains(String.valueOf(URI.create(url).getHost()));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return fail("not JSON: " + json);
        }
    }

    /** Gives handlers and late requests a moment. */
    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
