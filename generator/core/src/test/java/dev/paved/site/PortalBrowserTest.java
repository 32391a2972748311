package dev.paved.site;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.paved.Browser;
import dev.paved.pipeline.Pipeline;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.preview.PreviewServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import dev.paved.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Builds the demo portal, serves it with the preview server and uses it the way a person would, in a real headless
 * Chromium: filtering the catalog, following relation links and clicking nodes of a relation diagram.
 *
 * <p>It drives Debian's {@code chromium} and {@code chromium-driver} packages. Without them the test is skipped,
 * unless {@code -Dpaved.requireBrowser=true} (CI), where it fails. With {@code -Dpaved.screenshot=true} it also
 * refreshes {@code docs/img/entity-page.png}.
 */
class PortalBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** An entity page's address: {@code catalog/<namespace>/<kind>/<name>/index.html}. */
    private static final Pattern ENTITY_PAGE = Pattern.compile(".*/catalog/[^/?#]+/[^/?#]+/[^/?#]+/index\\.html(#[\\w-]+)?$");

    @TempDir
    static Path site;
    @TempDir
    static Path browserProfile;

    private static Path projectRoot;
    private static PreviewServer server;
    private static Browser browser;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void buildServeAndOpenBrowser() throws IOException {
        Browser.require();
        projectRoot = Path.of(System.getProperty("paved.projectRoot", "..")).toAbsolutePath().normalize();

        PavedConfig config = ConfigReader.read(projectRoot, new Diagnostics()).withOutput(site);
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());
        assertTrue(result.entities() > 0, "the demo catalog has no entities: " + result.summary());
        server = PreviewServer.start(site, 0);
        browser = Browser.start(browserProfile);
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

    @Test
    void catalogFiltersByKindAndBySearchText() {
        // The user opens the catalog; the script shows the filter form.
        open("catalog/index.html");
        WebElement form = waitForFilterScript();
        List<WebElement> rows = catalogRows();
        int total = rows.size();
        assertTrue(total > 1, "the catalog table should list the demo entities");
        assertEquals(countText(total), countText(), "before filtering the count reports every entity");

        // They choose "API" as the kind.
        choose(form.findElement(By.name("kind")), "api");
        wait.until(ExpectedConditions.urlContains("kind=api"));
        List<WebElement> apis = visible(rows);
        assertFalse(apis.isEmpty(), "the demo catalog has APIs, so some rows should stay visible");
        assertTrue(apis.size() < total, "filtering by kind should hide the entities of other kinds");
        for (WebElement row : apis) {
            assertEquals("api", row.getDomAttribute("data-kind"), "a visible row is not an API: " + row.getText());
        }
        assertEquals(countText(apis.size()), countText(), "#catalog-count should report the visible rows");

        // They type a word of one API's title into the search box.
        WebElement api = apis.get(0);
        String word = firstWord(nameLink(api).getText());
        form.findElement(By.name("q")).sendKeys(word);
        wait.until(ExpectedConditions.urlContains("q=" + URLEncoder.encode(word.toLowerCase(), UTF_8)));
        List<WebElement> found = visible(rows);
        assertTrue(api.isDisplayed(), "the API whose title contains '" + word + "' should stay visible");
        assertTrue(found.size() <= apis.size(), "searching should only narrow the kind filter");
        assertTrue(found.stream().allMatch(r -> "api".equals(r.getDomAttribute("data-kind"))),
                "searching should keep the kind filter");
        assertEquals(countText(found.size()), countText(), "#catalog-count should report the visible rows");
        assertTrue(driver.getCurrentUrl().contains("kind=api"), "the URL should keep both filters");
    }

    @Test
    void apiPageLinksToItsProvider() {
        // The user opens the catalog already filtered to APIs (as the breadcrumbs of an API page link to it).
        open("catalog/index.html?kind=api");
        waitForFilterScript();
        assertEquals("api", new Select(driver.findElement(By.cssSelector("#catalog-filters select[name=kind]")))
                .getFirstSelectedOption().getDomAttribute("value"), "?kind=api should preselect the kind filter");
        List<WebElement> apis = visible(catalogRows());
        assertFalse(apis.isEmpty(), "?kind=api should leave the APIs visible");
        assertTrue(apis.stream().allMatch(r -> "api".equals(r.getDomAttribute("data-kind"))),
                "?kind=api should show APIs only");

        // They open the first API.
        WebElement link = nameLink(apis.get(0));
        String apiTitle = link.getText();
        clickAndWaitForNewPage(link);
        assertOnEntityPage();
        assertEquals(apiTitle, heading(), "the page's heading should be the title the catalog showed");
        assertEquals("API", driver.findElement(By.cssSelector(".kind-line .kind")).getText());

        // In its API tab they follow the component that provides the API (or, failing that, any relation).
        String apiUrl = driver.getCurrentUrl();
        List<WebElement> tab = driver.findElements(By.cssSelector(".entity-tabs a[data-tab=api]"));
        if (!tab.isEmpty()) {
            tab.get(0).click();
            assertTrue(driver.getCurrentUrl().endsWith("#api"), "the tab is in the address: " + driver.getCurrentUrl());
        }
        List<WebElement> providers = driver.findElements(By.cssSelector("#api table.entities a.ref"));
        List<WebElement> related = providers.isEmpty() ? driver.findElements(By.cssSelector(".relations a.ref")
                ) : providers;
        if (providers.isEmpty()) {
            driver.findElement(By.cssSelector(".relations-list > summary")).click();
        }
        assertFalse(related.isEmpty(), "the API page " + apiUrl + " lists no relations");
        WebElement relation = related.get(0);
        String relatedTitle = relation.getText();
        clickAndWaitForNewPage(relation);
        assertNotEquals(apiUrl, driver.getCurrentUrl(), "following a relation should leave the API's page");
        assertOnEntityPage();
        assertEquals(relatedTitle, heading(), "the related entity's heading should be the link's text");
    }

    @Test
    void entityTabsShowOneSectionAtATimeFollowTheAddressAndTheArrowKeys() {
        open("catalog/default/component/parcel-tracker-service/index.html");
        WebElement overview = driver.findElement(By.id("overview"));
        WebElement api = driver.findElement(By.id("api"));
        assertTrue(overview.isDisplayed() && !api.isDisplayed(), "Overview first, the others hidden");
        WebElement apiTab = driver.findElement(By.cssSelector(".entity-tabs a[data-tab=api]"));
        assertEquals("tab", apiTab.getDomAttribute("role"));

        apiTab.click();
        assertTrue(api.isDisplayed() && !overview.isDisplayed());
        assertTrue(driver.getCurrentUrl().endsWith("#api"), driver.getCurrentUrl());
        assertEquals("true", apiTab.getDomAttribute("aria-selected"));

        // Arrow keys move between tabs, as WAI-ARIA tabs do.
        apiTab.sendKeys(Keys.ARROW_RIGHT);
        assertTrue(driver.findElement(By.id("dependencies")).isDisplayed());
        assertEquals("dependencies", driver.switchTo().activeElement().getDomAttribute("data-tab"));

        // A link to a tab opens it, also on a fresh load.
        open("catalog/default/component/parcel-tracker-service/index.html#docs");
        assertTrue(driver.findElement(By.id("docs")).isDisplayed());
        assertFalse(driver.findElement(By.id("overview")).isDisplayed());
    }

    @Test
    void theCatalogGraphExplorerFollowsTheChosenRelationsToTheChosenDepth() {
        // From an entity page's diagram to the explorer, centred on that entity.
        open("catalog/default/component/parcel-tracker-service/index.html");
        driver.findElement(By.cssSelector(".graph-link a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph-view svg g.node.self")));
        assertEquals("Parcel Tracker", driver.findElement(By.cssSelector("#graph-view g.node.self text.name")).getText());
        int direct = driver.findElements(By.cssSelector("#graph-view g.node")).size();
        assertTrue(direct > 3, "its neighbours are drawn: " + direct);

        // Deeper: more of the catalog.
        new Select(driver.findElement(By.name("depth"))).selectByValue("2");
        wait.until(d -> d.findElements(By.cssSelector("#graph-view g.node")).size() > direct);
        assertTrue(driver.getCurrentUrl().contains("depth=2"), "the choice is in the address");

        // Without the API relations, no API edge is drawn.
        assertFalse(driver.findElements(By.xpath("//*[@id='graph-view']//*[local-name()='text' and text()='providesApi']"))
                .isEmpty(), "API relations are drawn before");
        driver.findElement(By.cssSelector("input[name=relations][value=apis]")).click();
        wait.until(d -> d.findElements(By.xpath("//*[@id='graph-view']//*[local-name()='text' and "
                + "(text()='providesApi' or text()='apiProvidedBy' or text()='consumesApi' or text()='apiConsumedBy')]"))
                .isEmpty());

        // A node leads to its entity's page.
        WebElement owner = driver.findElement(By.xpath("//*[@id='graph-view']//*[local-name()='a'][.//*[text()='Team Parcels']]"));
        clickAndWaitForNewPage(owner);
        assertEquals("Team Parcels", heading());
    }

    @Test
    void componentRelationDiagramNodesAreLinks() {
        // The user opens a component page that draws its relations as a diagram.
        String componentUrl = componentWithDiagram(false);
        open(componentUrl);
        WebElement diagram = driver.findElement(By.cssSelector("svg.relation-diagram"));
        assertTrue(diagram.isDisplayed(), "the relation diagram should be visible");
        List<WebElement> nodes = diagram.findElements(By.cssSelector("a"));
        assertTrue(nodes.size() >= 2, "the diagram should link at least two related entities, found " + nodes.size());
        assertFalse(driver.findElements(By.cssSelector(".relations .relation-group a.ref")).isEmpty(),
                "the page should list its relations as links too");

        // They click a node of the diagram. SVG links keep their target in the plain href attribute.
        WebElement node = nodes.get(0);
        String href = node.getDomAttribute("href");
        String nodeName = node.findElement(By.cssSelector("text.name")).getText();
        URI expected = URI.create(driver.getCurrentUrl()).resolve(href);
        clickAndWaitForNewPage(node);
        assertEquals(expected.toString(), driver.getCurrentUrl(), "the node should lead to " + href);
        assertOnEntityPage();
        assertEquals(nodeName, heading(), "the page opened from the node should be the entity the node names");
    }

    @Test
    void pagesWorkOpenedAsLocalFiles() {
        // The user opens the built site straight from disk, without a server.
        driver.get(site.resolve("catalog/index.html").toUri().toString());
        WebElement topbar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".topbar")));
        String background = topbar.getCssValue("background-color");
        assertNotEquals("rgba(0, 0, 0, 0)", background, "the stylesheet should apply from file:// too");
        assertNotEquals("transparent", background, "the stylesheet should apply from file:// too");

        // The portal's script is a classic deferred script, so it runs from file:// too. (A <script type="module">
        // would not: Chromium gives file:// pages the origin "null" and refuses to load modules for them.)
        WebElement form = waitForFilterScript();
        List<WebElement> rows = catalogRows();
        assertTrue(rows.size() > 1, "the catalog table should list the demo entities");
        assertEquals(rows.size(), visible(rows).size(), "before filtering every row should be visible");
        choose(form.findElement(By.name("kind")), "api");
        List<WebElement> apis = visible(rows);
        assertFalse(apis.isEmpty(), "filtering by kind should leave the APIs visible");
        assertTrue(apis.size() < rows.size(), "filtering by kind should hide the other kinds");
        assertTrue(apis.stream().allMatch(r -> "api".equals(r.getDomAttribute("data-kind"))),
                "a visible row is not an API");
        assertEquals(countText(apis.size()), countText(), "#catalog-count should report the visible rows");

        // Relative links work from disk: they open an entity page.
        WebElement link = nameLink(apis.get(0));
        String title = link.getText();
        clickAndWaitForNewPage(link);
        assertTrue(driver.getCurrentUrl().startsWith("file:"), "the link should stay on disk");
        assertOnEntityPage();
        assertEquals(title, heading());
    }

    @Test
    void apiDefinitionsAndDocsCodeAreHighlighted() {
        // A developer opens a gRPC API: its .proto source is shown highlighted by the vendored highlight.js.
        open("catalog/default/api/route-planning-api/index.html");
        WebElement source = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".api-definition code.language-protobuf.hljs")));
        assertFalse(source.findElements(By.cssSelector("span.hljs-keyword")).isEmpty(), "keywords are marked up");

        // And a TechDocs page with a fenced code block.
        open("docs/default/component/parcel-tracker-service/index.html");
        wait.until(d -> !d.findElements(By.cssSelector(".docs-nav a")).isEmpty());
        clickAndWaitForNewPage(driver.findElements(By.cssSelector(".docs-nav a")).stream()
                .filter(a -> a.getDomAttribute("href").contains("runbooks/")).findFirst().orElseThrow());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".prose pre code.hljs")));
    }

    @Test
    void docsShowTabsCollapsiblesAndMermaidDiagrams() {
        // A developer reads the architecture page of a service's TechDocs.
        open("docs/default/component/parcel-tracker-service/architecture/index.html");

        // The mermaid fence becomes a drawn diagram.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.mermaid svg")));
        assertTrue(driver.findElement(By.cssSelector("pre.mermaid svg")).isDisplayed());

        // Tabs: the first is shown, a click shows the second and hides the first.
        List<WebElement> tabs = driver.findElements(By.cssSelector(".tabbed-labels button"));
        assertEquals(List.of("curl", "Java"), tabs.stream().map(WebElement::getText).toList());
        List<WebElement> blocks = driver.findElements(By.cssSelector(".tabbed-block"));
        assertTrue(blocks.get(0).isDisplayed() && !blocks.get(1).isDisplayed());
        tabs.get(1).click();
        assertTrue(!blocks.get(0).isDisplayed() && blocks.get(1).isDisplayed());
        assertFalse(blocks.get(1).findElements(By.cssSelector("code.hljs")).isEmpty(), "code in tabs is highlighted");

        // A ??? admonition is closed until its summary is clicked.
        WebElement details = driver.findElement(By.cssSelector(".prose details"));
        WebElement body = details.findElement(By.cssSelector("summary ~ *"));
        assertFalse(body.isDisplayed());
        details.findElement(By.tagName("summary")).click();
        assertTrue(body.isDisplayed());
    }

    @Test
    void realDocSetsShowNavAdmonitionsTabsCodeAndDiagrams(@org.junit.jupiter.api.io.TempDir Path out)
            throws IOException {
        Path corpus = dev.paved.TestFiles.shared("corpus/docs");
        java.util.function.Function<String, Path> build = name -> {
            try {
                Path target = out.resolve(name);
                Pipeline.techdocs(corpus.resolve(name), target, java.util.Optional.empty(), false);
                return target;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        // A deep navigation with mermaid diagrams and admonitions, opened from disk as a reader of a bucket would.
        Path defra = build.apply("61-DEFRA-adp-documentation");
        driver.get(defra.resolve("index.html").toUri().toString());
        List<WebElement> navLinks = driver.findElements(By.cssSelector(".docs-nav a"));
        assertTrue(navLinks.size() >= 20, "nav entries: " + navLinks.size());
        String mermaidPage = findPage(defra, "language-mermaid");
        driver.get(defra.resolve(mermaidPage).toUri().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.mermaid svg")));

        // Tabs and collapsible admonitions.
        Path tanzu = build.apply("64-benwilcock-systems-techdocs");
        driver.get(tanzu.resolve(findPage(tanzu, "tabbed-set")).toUri().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tabbed-labels button")));
        assertTrue(driver.findElement(By.cssSelector(".tabbed-block")).isDisplayed());

        // Admonitions and highlighted code.
        Path orders = build.apply("33-Ketan-Joshi-backstage-templates");
        driver.get(orders.resolve(findPage(orders, "class=\"admonition ")).toUri().toString());
        assertTrue(driver.findElement(By.cssSelector(".prose .admonition .admonition-title")).isDisplayed());
        driver.get(defra.resolve(findPage(defra, "<pre><code class=\"language-")).toUri().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre code.hljs")));
    }

    @Test
    void docsMathIsDrawnAsMathMLByTheVendoredKaTeX(@TempDir Path out) throws IOException {
        // A doc set that lists pymdownx.arithmatex: inline and display math, and TeX KaTeX cannot read.
        Path docs = out.resolve("physics");
        Files.createDirectories(docs.resolve("docs"));
        Files.writeString(docs.resolve("mkdocs.yml"), """
                site_name: Physics
                markdown_extensions:
                  - pymdownx.arithmatex:
                      generic: true
                """);
        Files.writeString(docs.resolve("docs/index.md"), """
                # Energy

                Mass and energy: $E = mc^2$.

                $$
                \\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}
                $$

                A typo stays readable: $\\frac{1$.
                """);
        Files.writeString(docs.resolve("docs/plain.md"), "# Plain\n\nNo math here, only $5.\n");
        Path built = out.resolve("site");
        Pipeline.techdocs(docs, built, java.util.Optional.empty(), false);

        // Opened from disk, as a reader of a bucket would: KaTeX is one of the portal's own files.
        driver.get(built.resolve("index.html").toUri().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("span.arithmatex math")));
        WebElement inline = driver.findElement(By.cssSelector("span.arithmatex math"));
        assertTrue(inline.getSize().getWidth() > 0, "the browser lays the MathML out");
        assertEquals("E = mc^2", driver.findElement(By.cssSelector("span.arithmatex annotation"))
                .getDomProperty("textContent"), "KaTeX got the TeX without arithmatex's \\( \\)");
        WebElement display = driver.findElement(By.cssSelector("div.arithmatex math"));
        assertEquals("block", display.getDomAttribute("display"), "a block is display math");
        assertTrue(display.isDisplayed());
        assertEquals("\\frac{1", driver.findElement(By.cssSelector("span.arithmatex .katex-error")).getText(),
                "TeX KaTeX cannot read is shown as written");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return performance"
                + ".getEntriesByType('resource').every((r) => r.name.startsWith('file:'))"), "no other host is asked");

        // A page without math does not load KaTeX.
        assertFalse(Files.readString(built.resolve("plain/index.html")).contains("katex"));
    }

    /** The first page of a built doc set whose HTML contains {@code marker}. */
    private static String findPage(Path site, String marker) throws IOException {
        try (var files = Files.walk(site)) {
            return files.filter(f -> f.toString().endsWith(".html")).sorted().filter(f -> {
                try {
                    return Files.readString(f).contains(marker);
                } catch (IOException e) {
                    return false;
                }
            }).map(f -> site.relativize(f).toString()).findFirst()
                    .orElseThrow(() -> new AssertionError("no page of " + site + " has " + marker));
        }
    }

    @Test
    void screenshotOfAComponentPage() throws IOException {
        // A component page with documentation and a relation diagram, the way a visitor first sees it.
        open(componentWithDiagram(true));
        assertTrue(driver.findElement(By.cssSelector("svg.relation-diagram")).isDisplayed());
        byte[] png = screenshotOfViewport(1280, 1000);
        assertTrue(png.length > 10_000, "the screenshot looks empty (" + png.length + " bytes)");
        Dimension size = pngSize(png);
        assertEquals(new Dimension(1280, 1000), size, "the screenshot should be the 1280x1000 viewport");

        // Only on request, so that ordinary test runs do not rewrite a file kept in version control.
        if (Boolean.getBoolean("paved.screenshot")) {
            Path file = projectRoot.resolve("docs/img/entity-page.png");
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        }
    }

    @Test
    void screenshotOfAnApiPage() throws IOException {
        // An OpenAPI definition as its Definition tab shows it, drawn by Swagger UI.
        open("catalog/default/api/parcel-tracking-api/index.html#definition");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .opblock")));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)"); // the page's heading and tabs too
        byte[] png = screenshotOfViewport(1280, 1000);
        assertTrue(png.length > 10_000, "the screenshot looks empty (" + png.length + " bytes)");
        if (Boolean.getBoolean("paved.screenshot")) {
            Files.write(projectRoot.resolve("docs/img/api-page.png"), png);
        }
    }

    @Test
    void searchBoxFindsAsYouTypeAndOpensTheChosenResult() {
        open("catalog/index.html");
        // "/" anywhere on the page puts the cursor in the search box.
        driver.findElement(By.tagName("body")).sendKeys("/");
        WebElement box = driver.switchTo().activeElement();
        assertEquals("Search the portal", box.getDomAttribute("aria-label"), "/ should focus the search box");

        // They type part of a name: results come while typing, the words they typed highlighted.
        box.sendKeys("billing ap");
        WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-results")));
        wait.until(d -> !results.findElements(By.cssSelector("a.search-hit")).isEmpty());
        List<WebElement> hits = results.findElements(By.cssSelector("a.search-hit"));
        assertEquals("Billing API", hits.get(0).findElement(By.className("search-title")).getText(),
                "the API named by both words comes first");
        assertEquals("true", hits.get(0).getDomAttribute("aria-selected"), "the first result is preselected");
        assertFalse(results.findElements(By.cssSelector(".search-snippet mark")).isEmpty(),
                "matched words are highlighted");

        // Arrow keys move the selection; Enter opens the selected result.
        box.sendKeys(Keys.ARROW_DOWN);
        assertEquals("true", hits.get(1).getDomAttribute("aria-selected"));
        box.sendKeys(Keys.ARROW_UP);
        assertEquals("true", hits.get(0).getDomAttribute("aria-selected"));
        box.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlMatches(".*/catalog/default/api/billing-api/index\\.html$"));
        assertEquals("Billing API", driver.findElement(By.tagName("h1")).getText().lines().findFirst().orElse(""));
    }

    @Test
    void searchPageNarrowsResultsByFacet() {
        open("search/index.html?q=parcel");
        WebElement page = driver.findElement(By.cssSelector("[data-search-page]"));
        wait.until(d -> page.findElements(By.cssSelector(".search-page-results a")).size() > 1);
        int before = page.findElements(By.cssSelector(".search-page-results a")).size();
        Select kind = new Select(wait.until(d -> page.findElement(By.cssSelector(".search-facets select[name=kind]"))));
        assertTrue(kind.getOptions().stream().anyMatch(o -> o.getText().startsWith("API (")),
                "the kind facet counts APIs among the matches");
        kind.selectByValue("API");
        wait.until(ExpectedConditions.urlContains("kind=API"));
        wait.until(d -> page.findElements(By.cssSelector(".search-page-results a")).size() < before);
        for (WebElement hit : page.findElements(By.cssSelector(".search-page-results a"))) {
            assertTrue(hit.findElement(By.className("search-context")).getText().startsWith("API"),
                    "a result of another kind is left: " + hit.getText());
        }
    }

    @Test
    void scriptInIndexedTextIsShownAsTextInResults(@org.junit.jupiter.api.io.TempDir Path out) throws IOException {
        PavedConfig config = new PavedConfig("Hostile", "", List.of(dev.paved.TestFiles.resource("catalogs/broken")),
                out.resolve("no-content"), java.util.Optional.empty(), out.resolve("site"),
                dev.paved.TestFiles.resource("catalogs"), List.of());
        Pipeline.build(config, Pipeline.Options.defaults());
        try (PreviewServer hostile = PreviewServer.start(out.resolve("site"), 0)) {
            driver.get(hostile.uri().resolve("search/index.html?q=hostile%20alert").toString());
            WebElement page = driver.findElement(By.cssSelector("[data-search-page]"));
            wait.until(d -> !page.findElements(By.cssSelector(".search-page-results a")).isEmpty());
            WebElement list = page.findElement(By.className("search-page-results"));
            assertTrue(list.getText().contains("<script>alert('title')</script>Hostile"),
                    "the hostile title is shown as the text it is: " + list.getText());
            assertTrue(list.findElements(By.cssSelector("script, img, iframe")).isEmpty(),
                    "no element came from the indexed text");
            assertEquals(Boolean.FALSE, ((JavascriptExecutor) driver).executeScript(
                    "try { return !!document.querySelector('.search-page-results [onerror]'); } catch (e) { return true; }"));
            assertThrows(org.openqa.selenium.NoAlertPresentException.class, () -> driver.switchTo().alert(),
                    "no script ran");
        }
    }

    @Test
    void scorecardPagesShowChartsLeaderboardAndEachEntitysLevel() {
        open("index.html");
        driver.findElement(By.linkText("Scorecards")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Scorecards"));
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.chart"));
        assertEquals(3, charts.size(), "one distribution chart per default scorecard");
        for (WebElement chart : charts) {
            assertTrue(chart.isDisplayed() && chart.getSize().getWidth() > 100, "the chart is drawn");
            assertTrue(chart.findElements(By.tagName("rect")).size() >= 4, "a bar per level and one for none");
        }

        driver.findElement(By.linkText("Production readiness")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Production readiness"));
        List<WebElement> teams = driver.findElements(By.cssSelector("table.leaderboard tbody tr"));
        assertFalse(teams.isEmpty(), "the leaderboard lists the owning teams");
        assertTrue(teams.get(0).getText().matches(".*\\d+%$"), teams.get(0).getText());
        assertTrue(driver.findElement(By.cssSelector("svg.chart")).isDisplayed());

        WebElement entity = driver.findElement(By.cssSelector("section[aria-label=Entities] tbody a"));
        String name = entity.getText();
        entity.click();
        wait.until(ExpectedConditions.urlMatches(ENTITY_PAGE.pattern()));
        WebElement section = driver.findElement(By.id("scorecards"));
        assertTrue(section.isDisplayed());
        assertTrue(section.getText().contains("Production readiness"), section.getText());
        assertTrue(section.findElements(By.cssSelector(".rules li")).size() >= 7, "every rule, passed or not");
        assertTrue(driver.findElement(By.tagName("h1")).getText().startsWith(name));
    }

    @Test
    void templateGalleryFormValidatesAndGivesTheScaffoldCommand() throws Exception {
        open("index.html");
        driver.findElement(By.linkText("Create")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Create"));
        driver.findElement(By.linkText("Java service (Spring Boot)")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-form")));
        assertTrue(form.findElement(By.tagName("legend")).getText().startsWith("Step 1 of 2: Service details"));

        // Nothing filled in: the required fields say so, and the form stays on its first page.
        form.findElement(By.cssSelector("button.next")).click();
        assertTrue(form.findElements(By.cssSelector(".field-error")).size() >= 4, "required fields are flagged");
        form.findElement(By.id("field-name")).sendKeys("Not A Name");
        form.findElement(By.id("field-description")).sendKeys("Sends parcel notifications.");
        // The owner picker offers the catalog's groups.
        Select owner = new Select(wait.until(d -> form.findElement(By.cssSelector("select#field-owner"))));
        assertTrue(owner.getOptions().stream().anyMatch(o -> o.getDomAttribute("value").equals("group:default/team-platform")),
                "the groups of the catalog are offered");
        owner.selectByValue("group:default/team-platform");
        // The entity picker offers the catalog's systems only (its catalogFilter).
        Select system = new Select(wait.until(d -> form.findElement(By.cssSelector("select#field-system"))));
        assertTrue(system.getOptions().stream().skip(1).allMatch(o -> o.getDomAttribute("value").startsWith("system:")),
                "only systems are offered");
        system.selectByValue("system:default/routing");
        form.findElement(By.cssSelector("button.next")).click();
        WebElement nameError = form.findElement(By.cssSelector("[data-field=name] .field-error"));
        // The pattern ^[a-z][a-z0-9-]{2,40}[a-z0-9]$ in words, not as a regular expression.
        assertEquals("Start with lower-case letters, then use lower-case letters, digits and -, and end with "
                + "lower-case letters and digits.", nameError.getText());

        form.findElement(By.id("field-name")).clear();
        form.findElement(By.id("field-name")).sendKeys("parcel-notifier");
        form.findElement(By.cssSelector("button.next")).click();
        wait.until(d -> form.findElement(By.tagName("legend")).getText().startsWith("Step 2 of 2"));
        assertTrue(new Select(form.findElement(By.id("field-database"))).getOptions().stream()
                .anyMatch(o -> o.getText().equals("PostgreSQL")), "enumNames label the choices");
        form.findElement(By.cssSelector("[data-field=repoUrl] input[aria-label=Repository]")).sendKeys("parcel-notifier");
        form.findElement(By.cssSelector("button.next")).click();

        WebElement command = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-command")));
        assertEquals("paved scaffold template:default/java-service --values values.yaml", command.getText());
        // The review lists what was filled in, by field title; the page says what running it needs.
        String review = driver.findElement(By.id("template-summary")).getText();
        assertTrue(review.contains("parcel-notifier") && review.contains("group:default/team-platform"), review);
        assertFalse(form.isDisplayed(), "the form gives way to the review");
        assertTrue(driver.findElement(By.cssSelector(".template-needs")).getText().contains("Java 17"));
        String values = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[0]; fetch(document.getElementById('template-values').href)"
                        + ".then(r => r.text()).then(done, e => done(String(e)));");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(values.substring(values.indexOf('\n') + 1));
        assertEquals("parcel-notifier", json.path("name").asText());
        assertEquals("group:default/team-platform", json.path("owner").asText());
        assertEquals("system:default/routing", json.path("system").asText());
        assertEquals("21", json.path("javaVersion").asText(), "defaults are kept");
        assertEquals("none", json.path("database").asText());
        assertEquals("github.com?owner=tern-logistics&repo=parcel-notifier", json.path("repoUrl").asText());

        // The values file, as downloaded, runs through the scaffolder that `paved scaffold` calls (a dry run).
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(values,
                Map.class);
        // Run in CI: the scaffold workflow's two inputs are the template's ref and the same values, as one line of
        // JSON, and the command line passes them quoted for a shell.
        assertEquals("template:default/java-service", driver.findElement(By.id("ci-template")).getText());
        String ciValues = driver.findElement(By.id("ci-values")).getText();
        assertFalse(ciValues.contains("\n"));
        assertEquals(parsed, new com.fasterxml.jackson.databind.ObjectMapper().readValue(ciValues, Map.class));
        assertEquals("gh workflow run scaffold.yml -f template='template:default/java-service' -f values='"
                + ciValues + "'", driver.findElement(By.id("ci-command")).getText());
        dev.paved.scaffold.SoftwareTemplate template = dev.paved.scaffold.SoftwareTemplate.read(
                TestFiles.projectRoot().resolve("catalog/templates/java-service/template.yaml"));
        assertEquals(List.of(), dev.paved.scaffold.Scaffolder.check(template, parsed));
        Path target = Files.createTempDirectory("scaffold");
        dev.paved.scaffold.Scaffolder.Result run = dev.paved.scaffold.Scaffolder.run(template, parsed,
                new dev.paved.scaffold.Scaffolder.Options(target, true, Map.of(), null, Map.of(), null, l -> { }));
        assertEquals(List.of("https://github.com/tern-logistics/parcel-notifier.git#main"), run.pushes().stream()
                .map(String::valueOf).toList());
        Files.delete(target);
    }

    /**
     * Self-service through CI: the PostgreSQL database template's form gives the scaffold workflow's inputs, which,
     * as the workflow runs them (paved scaffold, a dry run), plan the pull request to the GitOps repository.
     */
    @Test
    void runInCiGivesTheWorkflowInputsThatPlanThePullRequest() throws Exception {
        open("catalog/default/template/postgresql-database/index.html#create");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("template-form")));
        form.findElement(By.id("field-name")).sendKeys("orders-db");
        new Select(wait.until(d -> form.findElement(By.cssSelector("select#field-owner"))))
                .selectByValue("group:default/team-parcels");
        new Select(wait.until(d -> form.findElement(By.cssSelector("select#field-system"))))
                .selectByValue("system:default/parcel-tracking");
        new Select(form.findElement(By.id("field-environment"))).selectByVisibleText("production");
        new Select(form.findElement(By.id("field-storageGB"))).selectByVisibleText("Medium (100 GB)");
        form.findElement(By.cssSelector("button.next")).click();
        wait.until(d -> form.findElement(By.tagName("legend")).getText().startsWith("Step 2 of 2"));
        form.findElement(By.cssSelector("button.next")).click();

        String ref = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ci-template"))).getText();
        String json = driver.findElement(By.id("ci-values")).getText();
        assertEquals("template:default/postgresql-database", ref);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        assertEquals("github.com?owner=tern-logistics&repo=platform-gitops", values.get("gitopsRepo"),
                "the GitOps repository, by default");

        dev.paved.scaffold.SoftwareTemplate template = dev.paved.scaffold.SoftwareTemplate.read(
                TestFiles.projectRoot().resolve("catalog/templates/postgresql-database/template.yaml"));
        assertEquals(List.of(), dev.paved.scaffold.Scaffolder.check(template, values));
        List<String> plan = new java.util.ArrayList<>();
        Path target = Files.createTempDirectory("scaffold");
        dev.paved.scaffold.Scaffolder.Result run = dev.paved.scaffold.Scaffolder.run(template, values,
                new dev.paved.scaffold.Scaffolder.Options(target, true, Map.of(), null, Map.of(), null, plan::add));
        assertEquals(List.of("catalog/resources/orders-db-production.yaml", "databases/production/orders-db.yaml"),
                run.files().stream().sorted().toList());
        assertTrue(plan.stream().anyMatch(l -> l.contains("new branch database/orders-db-production")
                && l.contains("open the pull request 'Database orders-db in production'")), String.join("\n", plan));
        Files.delete(target);
    }

    // ---- helpers ----

    /** Opens a page of the served site, by its path relative to the site root. */
    private static void open(String sitePath) {
        driver.get(server.uri().resolve(sitePath).toString());
    }

    /**
     * Waits until the catalog's script has run: it removes the form's {@code hidden} attribute. (Whether the form is
     * displayed does not tell, as the stylesheet's {@code display: flex} shows it even while it is hidden.)
     */
    private static WebElement waitForFilterScript() {
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("catalog-filters")));
        wait.until(d -> form.getDomAttribute("hidden") == null);
        wait.until(ExpectedConditions.visibilityOf(form));
        return form;
    }

    /** Chooses an option of a select box, as a user does; the portal's script reacts to its change event. */
    private static void choose(WebElement selectBox, String value) {
        new Select(selectBox).selectByValue(value);
    }

    private static List<WebElement> catalogRows() {
        return driver.findElements(By.cssSelector("#catalog-table tbody tr"));
    }

    private static List<WebElement> visible(List<WebElement> rows) {
        return rows.stream().filter(WebElement::isDisplayed).toList();
    }

    /** The link in a catalog row's first cell: the entity's title, leading to its page. */
    private static WebElement nameLink(WebElement row) {
        return row.findElement(By.cssSelector("td:first-child a"));
    }

    private static String countText() {
        return driver.findElement(By.id("catalog-count")).getText().trim();
    }

    private static String countText(int n) {
        return n + (n == 1 ? " entity" : " entities");
    }

    private static void assertOnEntityPage() {
        String url = driver.getCurrentUrl();
        assertTrue(ENTITY_PAGE.matcher(url).matches(), "not an entity page: " + url);
    }

    private static String heading() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText();
    }

    /** The first word of a title, in letters and digits only, to type into the search box. */
    private static String firstWord(String title) {
        return Arrays.stream(title.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("a title without a word: '" + title + "'"));
    }

    /** Clicks a link like a user and waits until the browser has left the page and shows the next one. */
    private static void clickAndWaitForNewPage(WebElement link) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        link.click();
        wait.until(ExpectedConditions.stalenessOf(oldPage));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    /**
     * The site path of a component page that draws a relation diagram (and, when asked, links documentation),
     * found the way a user would: through the catalog filtered to components.
     */
    private static String componentWithDiagram(boolean withDocs) {
        open("catalog/index.html?kind=component");
        waitForFilterScript();
        List<String> pages = visible(catalogRows()).stream().map(r -> nameLink(r).getDomProperty("href")).toList();
        assertFalse(pages.isEmpty(), "the demo catalog has no components");
        for (String page : pages) {
            driver.get(page);
            boolean diagram = !driver.findElements(By.cssSelector("svg.relation-diagram")).isEmpty();
            boolean docs = !driver.findElements(By.cssSelector("a.docs-link")).isEmpty();
            if (diagram && (docs || !withDocs)) {
                return server.uri().relativize(URI.create(page)).toString();
            }
        }
        return fail("no component page has a relation diagram" + (withDocs ? " and documentation" : ""));
    }

    /**
     * A PNG of the page as shown in a viewport of this size. {@code --window-size} sizes the whole window, and even
     * headless Chromium keeps room for its toolbars, so the window is grown by that much for the picture.
     */
    private static byte[] screenshotOfViewport(int width, int height) {
        Dimension window = driver.manage().window().getSize();
        Number toolbars = (Number) ((JavascriptExecutor) driver)
                .executeScript("return window.outerHeight - window.innerHeight");
        try {
            driver.manage().window().setSize(new Dimension(width, height + toolbars.intValue()));
            wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.innerHeight"))
                    .intValue() == height);
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** Width and height from a PNG's header. */
    private static Dimension pngSize(byte[] png) {
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        return new Dimension(header.getInt(), header.getInt());
    }
}
