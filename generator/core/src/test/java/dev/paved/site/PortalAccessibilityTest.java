package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.paved.Browser;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import dev.paved.preview.PreviewServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every kind of page of the demo portal as a phone and a desktop show it, in a real headless Chromium: the page is
 * no wider than the screen, the browser's console has no error, and axe-core finds no serious or critical
 * accessibility violation, in the light and the dark colour scheme. Then what the theme adds for reading: the
 * phone's menu, dark mode, copy buttons, the contents that follow the reader, keyboard tabs, headings' names, and
 * the 404 page under any base path.
 *
 * <p>axe-core comes from npm and is not part of the portal: {@code .ci/run} installs it and names its
 * {@code axe.min.js} in {@code PAVED_AXE}. Without it the axe checks are skipped, unless
 * {@code PAVED_REQUIRE_BROWSER=true}, where they fail; without Chromium the whole class is skipped or fails likewise.
 * With {@code -Dpaved.screenshot=true} it refreshes {@code docs/img/docs-phone.png}.
 */
class PortalAccessibilityTest {

    /** A docs page with a diagram, tabs, a collapsible admonition, code blocks and a table. */
    static final Page DOCS = Page.served("docs page",
            "docs/default/component/parcel-tracker-service/architecture/index.html");

    /** The pages of the demo portal, one of each kind. To check another kind of page, add it here. */
    static final List<Page> PAGES = List.of(
            Page.served("home", "index.html"),
            Page.served("content page", "guides/writing-docs/index.html"),
            Page.served("catalog", "catalog/index.html"),
            Page.served("component", "catalog/default/component/parcel-tracker-service/index.html"),
            Page.served("API", "catalog/default/api/parcel-tracking-api/index.html"),
            // Swagger UI's and the AsyncAPI component's own colours (vendored unmodified) are below 4.5:1 in places:
            // axe-core leaves the viewers out there, and checks the rest of the page.
            Page.served("API definition, OpenAPI", "catalog/default/api/parcel-tracking-api/index.html#definition")
                    .withoutAxeIn("#api-viewer"),
            Page.served("API definition, AsyncAPI", "catalog/default/api/parcel-events/index.html#definition")
                    .withoutAxeIn("#api-viewer"),
            Page.served("API definition, GraphQL", "catalog/default/api/customer-graphql-api/index.html#definition"),
            Page.served("API definition, gRPC", "catalog/default/api/route-planning-api/index.html#definition"),
            Page.served("system", "catalog/default/system/parcel-tracking/index.html"),
            Page.served("domain", "catalog/default/domain/delivery/index.html"),
            Page.served("resource", "catalog/default/resource/parcels-db/index.html"),
            Page.served("group", "catalog/default/group/team-parcels/index.html"),
            Page.served("user", "catalog/default/user/priya-raman/index.html"),
            Page.served("location", "catalog/default/location/tern-root/index.html"),
            Page.served("template and its form", "catalog/default/template/java-service/index.html"),
            DOCS,
            Page.served("docs hub", "docs/index.html"),
            Page.served("APIs", "apis/index.html"),
            Page.served("catalog graph", "graph/index.html"),
            Page.served("search", "search/index.html?q=parcel"),
            Page.served("scorecards", "scorecards/index.html"),
            Page.served("scorecard", "scorecards/production-readiness/index.html"),
            Page.served("metrics", "metrics/index.html"),
            Page.served("create", "create/index.html"),
            Page.served("problems", "problems/index.html"),
            Page.served("404", "no/such/page/index.html"),
            Page.fromDisk("docs page from file://", DOCS.path()));

    /** How a page is looked at: the viewport's size in CSS pixels and the colour scheme chosen. */
    enum Look {
        PHONE(390, 844, "light"), DESKTOP(1400, 1000, "light"), DESKTOP_DARK(1400, 1000, "dark");

        final int width;
        final int height;
        final String scheme;

        Look(int width, int height, String scheme) {
            this.width = width;
            this.height = height;
            this.scheme = scheme;
        }

        @Override
        public String toString() {
            return width + "×" + height + ", " + scheme;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path site;
    @TempDir
    static Path browserProfile;

    private static Path projectRoot;
    private static PreviewServer server;
    private static Browser browser;
    private static WebDriver driver;
    private static WebDriverWait wait;
    /** The look of the window now. */
    private static Look shown;

    @BeforeAll
    static void buildServeAndOpenBrowser() throws IOException {
        Browser.require();
        projectRoot = Path.of(System.getProperty("paved.projectRoot", "..")).toAbsolutePath().normalize();
        PavedConfig config = ConfigReader.read(projectRoot, new Diagnostics()).withOutput(site);
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());
        assertTrue(result.entities() > 0, "the demo catalog has no entities: " + result.summary());
        server = PreviewServer.start(site, 0);
        browser = Browser.startWithConsole(browserProfile);
        driver = browser.driver();
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterAll
    static void closeBrowserAndServer() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    static Stream<Arguments> pagesAndLooks() {
        return Stream.of(Look.values()).flatMap(l -> PAGES.stream().map(p -> Arguments.of(p, l)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("pagesAndLooks")
    void pageFitsTheScreenHasNoConsoleErrorAndPassesAxe(Page page, Look look) throws IOException {
        show(page, look);

        assertNoHorizontalOverflow(page);
        assertNoConsoleError(page);
        List<String> violations = axeViolations(axeCore(), page.notChecked());
        assertEquals(List.of(), violations, page + " at " + look + ": axe-core's serious or critical violations");
    }

    // ---- the phone's menu and search box ----

    @Test
    void onAPhoneTheNavCollapsesBehindAMenuButtonAndSearchFits() throws IOException {
        show(Page.served("catalog", "catalog/index.html"), Look.PHONE);
        WebElement nav = driver.findElement(By.cssSelector(".topbar nav"));
        WebElement menu = driver.findElement(By.cssSelector(".topbar .menu-button"));
        assertTrue(menu.isDisplayed(), "a phone shows the menu button");
        assertFalse(nav.isDisplayed(), "the nav waits behind the menu button");
        assertEquals("false", menu.getDomAttribute("aria-expanded"));

        menu.click();
        assertTrue(nav.isDisplayed(), "the menu button shows the nav");
        assertEquals("true", menu.getDomAttribute("aria-expanded"));
        WebElement catalog = nav.findElement(By.linkText("Catalog"));
        assertTrue(catalog.isDisplayed() && right(catalog) <= Look.PHONE.width, "the nav's links fit the screen");
        assertEquals(List.of(), axeViolations(axeCore()), "the open menu");
        menu.sendKeys(Keys.ESCAPE);
        assertFalse(nav.isDisplayed(), "Escape closes the menu");

        WebElement search = driver.findElement(By.cssSelector(".topbar .search input"));
        assertTrue(search.isDisplayed(), "the search box stays on the bar");
        assertTrue(right(search) <= Look.PHONE.width, "the search box is not cut off: its right edge is at "
                + right(search));

        // A desktop shows the nav and no menu button.
        show(Page.served("catalog", "catalog/index.html"), Look.DESKTOP);
        assertTrue(driver.findElement(By.cssSelector(".topbar nav")).isDisplayed());
        assertFalse(driver.findElement(By.cssSelector(".topbar .menu-button")).isDisplayed());
    }

    @Test
    void onAPhoneDocsFoldTheirNavigationAndContentsAndWrapTheirText() throws IOException {
        show(DOCS, Look.PHONE);
        for (String part : List.of(".docs-nav", ".toc")) {
            WebElement button = driver.findElement(By.cssSelector(part + " .drawer-button"));
            WebElement panel = driver.findElement(By.cssSelector(part + " .drawer"));
            assertFalse(panel.isDisplayed(), part + " is folded");
            button.click();
            assertTrue(panel.isDisplayed(), part + " opens");
            assertEquals("true", button.getDomAttribute("aria-expanded"));
        }
        assertEquals(List.of(), axeViolations(axeCore()), "the docs' navigation and contents unfolded");
        // The text wraps inside the screen rather than being cut at its edge.
        WebElement article = driver.findElement(By.cssSelector("article.prose"));
        assertTrue(right(article) <= Look.PHONE.width, "the article ends at " + right(article));
        for (WebElement p : article.findElements(By.cssSelector(":scope > p"))) {
            assertTrue(right(p) <= Look.PHONE.width, "a paragraph ends at " + right(p) + ": " + p.getText());
        }
    }

    // ---- dark mode ----

    @Test
    void darkModeToggleIsRememberedAcrossPagesAndReloads() {
        show(DOCS, Look.DESKTOP);
        String light = background();
        WebElement toggle = driver.findElement(By.cssSelector("button.theme-toggle"));
        assertEquals("false", toggle.getDomAttribute("aria-pressed"), "the browser prefers light, so the page is light");

        toggle.click();
        assertEquals("dark", driver.findElement(By.tagName("html")).getDomAttribute("data-theme"));
        assertEquals("true", toggle.getDomAttribute("aria-pressed"));
        String dark = background();
        assertNotEquals(light, dark, "the page turns dark");
        assertTrue(luminance(dark) < 0.1, "a dark background: " + dark);

        // The choice holds after a reload, and on other pages, and is set before the stylesheet applies (no flash).
        driver.navigate().refresh();
        assertEquals("dark", driver.findElement(By.tagName("html")).getDomAttribute("data-theme"));
        assertEquals(dark, background());
        assertEquals(Boolean.TRUE, js("const s = document.querySelector('head script:not([src])');"
                + "const css = document.querySelector('head link[rel=stylesheet]');"
                + "return !!s && s.textContent.includes('localStorage')"
                + " && !!(s.compareDocumentPosition(css) & Node.DOCUMENT_POSITION_FOLLOWING)"),
                "an inline script before the stylesheet sets the remembered scheme");
        open("catalog/index.html");
        assertEquals(dark, background(), "another page of the portal is dark too");

        // Back to light.
        driver.findElement(By.cssSelector("button.theme-toggle")).click();
        assertEquals(light, background());
        driver.navigate().refresh();
        assertEquals(light, background());
    }

    @Test
    void withoutAChoiceThePageFollowsTheSystemsDarkScheme(@TempDir Path profile) {
        try (Browser dark = Browser.startWithConsole(profile, "--force-dark-mode")) {
            WebDriver d = dark.driver();
            d.get(server.uri().resolve("index.html").toString());
            String bg = (String) ((JavascriptExecutor) d).executeScript(
                    "return getComputedStyle(document.body).backgroundColor");
            assertTrue(luminance(bg) < 0.1, "the system prefers dark, so the page is dark: " + bg);
            assertEquals("true", d.findElement(By.cssSelector("button.theme-toggle")).getDomAttribute("aria-pressed"));
        }
    }

    // ---- reading docs ----

    @Test
    void codeBlocksHaveACopyButtonAndNoDoubleFrame() {
        show(DOCS, Look.DESKTOP);
        List<WebElement> blocks = driver.findElements(By.cssSelector(".prose pre:not(.mermaid)"));
        assertFalse(blocks.isEmpty());
        for (WebElement pre : blocks) {
            List<WebElement> buttons = pre.findElements(By.xpath("..//button[contains(@class,'copy-code')]"));
            assertFalse(buttons.isEmpty(), "a code block has a copy button: " + pre.getText());
        }
        WebElement pre = blocks.get(0);
        WebElement code = pre.findElement(By.tagName("code"));
        assertEquals("0px", code.getCssValue("padding-top"), "the code inside the block has no frame of its own");
        assertEquals("rgba(0, 0, 0, 0)", code.getCssValue("background-color"), "nor a background of its own");

        // Clicking copies the code and says so.
        WebElement button = pre.findElement(By.xpath("..//button[contains(@class,'copy-code')]"));
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(pre).perform();
        button.click();
        wait.until(d -> button.getText().contains("Copied") || "Copied".equals(button.getDomAttribute("aria-label")));
    }

    @Test
    void theContentsListFollowsTheSectionBeingRead() {
        show(DOCS, Look.DESKTOP);
        List<WebElement> entries = driver.findElements(By.cssSelector(".toc a"));
        assertTrue(entries.size() >= 4, "the page has a contents list");
        WebElement third = entries.get(2);
        String id = third.getDomAttribute("href").substring(1);
        js("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", id);
        wait.until(d -> "true".equals(third.getDomAttribute("aria-current")));
        assertEquals(1, driver.findElements(By.cssSelector(".toc a[aria-current]")).size(), "one entry is current");

        js("window.scrollTo(0, 0)");
        wait.until(d -> "true".equals(entries.get(0).getDomAttribute("aria-current")));
        // The entries are not painted as scorecard level badges (whose classes they used to share).
        for (WebElement item : driver.findElements(By.cssSelector(".toc li"))) {
            assertEquals("rgba(0, 0, 0, 0)", item.getCssValue("background-color"), item.getText());
        }
    }

    @Test
    void tabsAnswerArrowKeysAsWaiAriaTabs() {
        show(DOCS, Look.DESKTOP);
        List<WebElement> tabs = driver.findElements(By.cssSelector(".tabbed-labels [role=tab]"));
        assertEquals(2, tabs.size());
        List<WebElement> panels = driver.findElements(By.cssSelector(".tabbed-block"));
        assertEquals("0", tabs.get(0).getDomAttribute("tabindex"), "the selected tab is in the tab order");
        assertEquals("-1", tabs.get(1).getDomAttribute("tabindex"), "the others are reached with arrows");
        assertEquals("tabpanel", panels.get(0).getDomAttribute("role"));
        assertEquals(tabs.get(0).getDomAttribute("id"), panels.get(0).getDomAttribute("aria-labelledby"));

        tabs.get(0).click();
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertEquals(tabs.get(1), driver.switchTo().activeElement(), "→ moves to the next tab");
        assertEquals("true", tabs.get(1).getDomAttribute("aria-selected"));
        assertTrue(panels.get(1).isDisplayed() && !panels.get(0).isDisplayed(), "and shows its panel");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertEquals(tabs.get(0), driver.switchTo().activeElement(), "→ on the last tab wraps to the first");
        driver.switchTo().activeElement().sendKeys(Keys.END);
        assertEquals(tabs.get(1), driver.switchTo().activeElement(), "End goes to the last tab");
        driver.switchTo().activeElement().sendKeys(Keys.HOME);
        assertEquals(tabs.get(0), driver.switchTo().activeElement(), "Home goes to the first tab");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        assertEquals(tabs.get(1), driver.switchTo().activeElement(), "← on the first tab wraps to the last");
    }

    @Test
    void headingsAreNamedByTheirTextNotByThePermalink() {
        show(DOCS, Look.DESKTOP);
        List<WebElement> headings = driver.findElements(By.cssSelector(".prose :is(h1, h2, h3)"));
        assertTrue(headings.size() > 3);
        for (WebElement h : headings) {
            String name = h.getAccessibleName();
            assertFalse(name.startsWith("¶") || name.isBlank(), "heading named '" + name + "'");
            assertEquals(h.getText().replace("¶", "").strip(), name.strip());
        }
        // The permalink is still there for the mouse and the keyboard: shown on hover and on focus.
        WebElement h2 = headings.get(1);
        WebElement link = h2.findElement(By.cssSelector("a.headerlink"));
        assertEquals("0", link.getCssValue("opacity"), "hidden until wanted");
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(h2).perform();
        wait.until(d -> link.getCssValue("opacity").equals("1"));
        assertFalse(link.getAccessibleName().isBlank(), "the permalink has a name of its own");
    }

    @Test
    void admonitionsOfEveryTypeHaveAnIconAndTheirOwnColour(@TempDir Path out) throws IOException {
        List<String> types = List.of("note", "abstract", "info", "tip", "success", "question", "warning", "failure",
                "danger", "bug", "example", "quote");
        StringBuilder markdown = new StringBuilder("# Admonitions\n\n");
        for (String type : types) {
            markdown.append("!!! ").append(type).append("\n\n    A ").append(type).append(" with `code`.\n\n");
        }
        markdown.append("??? tip \"Open me\"\n\n    Hidden until opened.\n");
        Path docs = out.resolve("docs");
        Files.createDirectories(docs.resolve("docs"));
        Files.writeString(docs.resolve("mkdocs.yml"), """
                site_name: Admonitions
                markdown_extensions:
                  - admonition
                  - pymdownx.details
                """);
        Files.writeString(docs.resolve("docs/index.md"), markdown);
        Path built = out.resolve("site");
        Pipeline.techdocs(docs, built, Optional.empty(), false);

        try (PreviewServer own = PreviewServer.start(built, 0)) {
            driver.get(own.uri().resolve("index.html").toString());
            List<String> colours = new ArrayList<>();
            for (String type : types) {
                WebElement title = driver.findElement(By.cssSelector(".admonition." + type + " > .admonition-title"));
                String icon = (String) js("return getComputedStyle(arguments[0], '::before').maskImage"
                        + " || getComputedStyle(arguments[0], '::before').webkitMaskImage", title);
                assertTrue(icon != null && icon.startsWith("url("), type + " has an icon: " + icon);
                colours.add(driver.findElement(By.cssSelector(".admonition." + type)).getCssValue("border-left-color"));
            }
            assertEquals(types.size(), colours.stream().distinct().count(), "a colour per type: " + colours);
            WebElement details = driver.findElement(By.cssSelector("details.tip > summary"));
            assertNotEquals("none", js("return getComputedStyle(arguments[0], '::before').maskImage", details));

            for (Look l : List.of(Look.DESKTOP, Look.DESKTOP_DARK)) {
                scheme(l.scheme);
                assertEquals(List.of(), axeViolations(axeCore()), "admonitions at " + l);
            }
            scheme("light");
        }
    }

    // ---- hosting ----

    @Test
    void searchOpenedFromDiskSaysToOpenThePortalOverHttp() throws IOException {
        show(Page.fromDisk("catalog from file://", "catalog/index.html"), Look.DESKTOP);
        WebElement box = driver.findElement(By.cssSelector(".topbar .search input"));
        box.sendKeys("parcel");
        WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-results")));
        assertTrue(results.getText().contains("open the portal over HTTP"), results.getText());
        assertNoConsoleError(Page.fromDisk("catalog", "catalog/index.html"));
        assertEquals(List.of(), axeViolations(axeCore()), "the search box showing its message");

        show(Page.fromDisk("search from file://", "search/index.html?q=parcel"), Look.DESKTOP);
        WebElement summary = driver.findElement(By.cssSelector(".search-summary"));
        wait.until(d -> !summary.getText().isBlank());
        assertTrue(summary.getText().contains("open the portal over HTTP"), summary.getText());
    }

    @Test
    void theSearchBoxPassesAxeWithResultsAndWithNone() throws IOException {
        show(Page.served("catalog", "catalog/index.html"), Look.DESKTOP);
        WebElement box = driver.findElement(By.cssSelector(".topbar .search input"));
        box.sendKeys("parcel");
        WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-results")));
        wait.until(d -> !results.findElements(By.cssSelector("a.search-hit")).isEmpty());
        assertEquals(List.of(), axeViolations(axeCore()), "the search box listing results");

        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "zzqxv");
        wait.until(d -> results.getText().startsWith("No results"));
        assertEquals(List.of(), axeViolations(axeCore()), "the search box finding nothing");
    }

    @Test
    void theNotFoundPageWorksUnderAProjectPath() throws IOException {
        // A Pages host serving the portal at /org/repo/ and its 404.html for any missing path below.
        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                Path file = path.startsWith("/org/repo/") ? site.resolve(path.substring("/org/repo/".length()))
                        .normalize() : null;
                if (file != null && Files.isDirectory(file)) {
                    file = file.resolve("index.html");
                }
                boolean found = file != null && file.startsWith(site) && Files.isRegularFile(file);
                byte[] body = Files.readAllBytes(found ? file : site.resolve("404.html"));
                String name = (found ? file : site.resolve("404.html")).getFileName().toString();
                exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html"
                        : name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript"
                        : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream");
                exchange.sendResponseHeaders(found ? 200 : 404, body.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(body);
                }
            }
        });
        pages.start();
        try {
            String host = "http://127.0.0.1:" + pages.getAddress().getPort();
            // A removed entity's page, and a mistyped address right under the project path.
            for (String missing : List.of("/org/repo/catalog/default/component/gone/index.html", "/org/repo/typo")) {
                driver.get(host + missing);
                assertEquals("Page not found", driver.findElement(By.tagName("h1")).getText());
                wait.until(d -> !"rgba(0, 0, 0, 0)".equals(d.findElement(By.cssSelector(".topbar"))
                        .getCssValue("background-color")));
                WebElement catalog = driver.findElement(By.cssSelector("main a[href$='catalog/index.html']"));
                wait.until(d -> catalog.getDomProperty("href").equals(host + "/org/repo/catalog/index.html"));
                assertEquals(host + "/org/repo/index.html", driver.findElement(By.cssSelector(".topbar .brand"))
                        .getDomProperty("href"));
                catalog.click();
                wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Catalog"));
            }
        } finally {
            pages.stop(0);
        }
    }

    @Test
    void everyPageLinksTheFavicon() {
        open("index.html");
        WebElement icon = driver.findElement(By.cssSelector("link[rel=icon]"));
        assertEquals("image/svg+xml", icon.getDomAttribute("type"));
        String status = (String) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[1];"
                + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t.slice(0, 4))))", icon
                .getDomProperty("href"));
        assertEquals("200 <svg", status);
    }

    @Test
    void screenshotOfADocsPageOnAPhone() throws IOException {
        show(DOCS, Look.PHONE);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        assertTrue(png.length > 10_000, "the screenshot looks empty (" + png.length + " bytes)");
        // Only on request, so that ordinary test runs do not rewrite a file kept in version control.
        if (Boolean.getBoolean("paved.screenshot")) {
            Path file = projectRoot.resolve("docs/img/docs-phone.png");
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        }
    }

    // ---- helpers ----

    /**
     * A page of the demo portal: a name for reports, its path in the site, whether it is opened from disk, and the
     * parts of it (CSS selectors) that axe-core leaves out.
     */
    record Page(String name, String path, boolean fromDisk, List<String> notChecked) {
        static Page served(String name, String path) {
            return new Page(name, path, false, List.of());
        }

        static Page fromDisk(String name, String path) {
            return new Page(name, path, true, List.of());
        }

        Page withoutAxeIn(String selector) {
            List<String> more = new ArrayList<>(notChecked);
            more.add(selector);
            return new Page(name, path, fromDisk, List.copyOf(more));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The path of axe-core's {@code axe.min.js}, from {@code PAVED_AXE}; skips (or in CI fails) without it. */
    private static Path axeCore() {
        String file = System.getProperty("paved.axe", "");
        if (!file.isBlank() && Files.isRegularFile(Path.of(file))) {
            return Path.of(file);
        }
        String message = "PAVED_AXE does not name axe-core's axe.min.js (.ci/run installs it: npm install --prefix DIR "
                + "axe-core, then PAVED_AXE=DIR/node_modules/axe-core/axe.min.js); the axe-core checks are skipped";
        if (Boolean.getBoolean("paved.requireBrowser")) {
            fail(message.replace("are skipped", "fail, as PAVED_REQUIRE_BROWSER is true"));
        }
        Assumptions.abort(message);
        return null;
    }

    /** Opens a page in a viewport of the look's size and colour scheme, and waits until its scripts are done. */
    private static void show(Page page, Look wanted) {
        resize(wanted);
        String url = page.fromDisk() ? site.resolve(page.path().replaceFirst("\\?.*", "")).toUri()
                + page.path().replaceFirst("^[^?]*", "") : server.uri().resolve(page.path()).toString();
        driver.manage().logs().get(LogType.BROWSER); // the console from here on only
        driver.get(url);
        if (!wanted.scheme.equals(js("try { return localStorage.getItem('paved-theme'); } catch (e) { return null; }"))) {
            scheme(wanted.scheme);
            driver.manage().logs().get(LogType.BROWSER);
            driver.navigate().refresh();
        }
        settle();
    }

    private static void open(String sitePath) {
        driver.get(server.uri().resolve(sitePath).toString());
        settle();
    }

    /** Sizes the window so that the page's viewport is the look's (the window keeps room for its toolbars). */
    private static void resize(Look wanted) {
        if (shown != null && shown.width == wanted.width && shown.height == wanted.height) {
            shown = wanted;
            return;
        }
        driver.manage().window().setSize(new Dimension(wanted.width, wanted.height));
        int dw = wanted.width - ((Number) js("return window.innerWidth")).intValue();
        int dh = wanted.height - ((Number) js("return window.innerHeight")).intValue();
        driver.manage().window().setSize(new Dimension(wanted.width + dw, wanted.height + dh));
        wait.until(d -> ((Number) js("return window.innerWidth")).intValue() == wanted.width
                && ((Number) js("return window.innerHeight")).intValue() == wanted.height);
        shown = wanted;
    }

    /** Chooses the colour scheme as the theme's toggle does: remembered in the page's local storage. */
    private static void scheme(String name) {
        js("try { localStorage.setItem('paved-theme', arguments[0]); } catch (e) { }"
                + "document.documentElement.dataset.theme = arguments[0];", name);
    }

    /**
     * Waits until the page's scripts have drawn what they draw: diagrams, search results, the template's form, an API's
     * viewer.
     */
    private static void settle() {
        wait.until(d -> Boolean.TRUE.equals(js("""
                if (document.readyState !== 'complete') return false;
                if (document.querySelector('pre > code.language-mermaid')) return false;
                for (const m of document.querySelectorAll('pre.mermaid')) if (!m.querySelector('svg')) return false;
                const search = document.querySelector('[data-search-page]');
                if (search && new URLSearchParams(location.search).get('q')
                    && !search.querySelector('.search-summary').textContent.trim()) return false;
                const form = document.getElementById('template-form');
                if (form && form.hidden) return false;
                const viewer = document.getElementById('api-viewer');
                if (viewer && !viewer.dataset.state) return false;
                return true;
                """)));
    }

    private static void assertNoHorizontalOverflow(Page page) {
        Object wider = js("""
                const width = window.innerWidth;
                if (document.scrollingElement.scrollWidth <= width) return null;
                // The innermost boxes that stick out, or whose content (a long word, say) sticks out of them.
                const name = (el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
                const out = [];
                for (const el of document.body.querySelectorAll('*')) {
                  const wide = (e) => e.getBoundingClientRect().right > width + 0.5 || e.scrollWidth > width;
                  if (wide(el) && !Array.from(el.children).some(wide)) out.push(name(el));
                }
                return document.scrollingElement.scrollWidth + ' px wide; sticking out: ' + out.slice(0, 8).join(', ');
                """);
        if (wider != null) {
            fail(page + " at " + shown + " is wider than the screen (" + shown.width + " px): " + wider);
        }
    }

    private static void assertNoConsoleError(Page page) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !isTheMissingPageItself(entry.getMessage())) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, page + " at " + shown + ": errors in the browser's console");
    }

    /** The 404 page's own status, which Chromium reports as a failed load. */
    private static boolean isTheMissingPageItself(String message) {
        return message.startsWith(driver.getCurrentUrl() + " - ") && message.contains("status of 404");
    }

    /** axe-core's serious and critical violations on the page shown, one line each with up to five elements. */
    private static List<String> axeViolations(Path axe) throws IOException {
        return axeViolations(axe, List.of());
    }

    /** The same, leaving out the elements that {@code notChecked} selects. */
    private static List<String> axeViolations(Path axe, List<String> notChecked) throws IOException {
        if (Boolean.FALSE.equals(js("return !!window.axe"))) {
            js(Files.readString(axe));
        }
        String result = (String) ((JavascriptExecutor) driver).executeAsyncScript("""
                const [notChecked, done] = arguments;
                const context = { exclude: notChecked.map((s) => [s]) };
                axe.run(context, { resultTypes: ['violations'] }).then((r) => done(JSON.stringify(r.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 5)
                        .map((n) => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']')
                        .join('; ')))), (e) => done(JSON.stringify(['axe-core failed: ' + e])));
                """, notChecked);
        List<String> out = new ArrayList<>();
        for (JsonNode v : JSON.readTree(result)) {
            out.add(v.asText());
        }
        return out;
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static String background() {
        return (String) js("return getComputedStyle(document.body).backgroundColor");
    }

    private static int right(WebElement element) {
        return element.getRect().getX() + element.getRect().getWidth();
    }

    /** The relative luminance of a CSS {@code rgb(…)} colour, 0 for black to 1 for white. */
    private static double luminance(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9.,]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(parts[i]) / 255;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
