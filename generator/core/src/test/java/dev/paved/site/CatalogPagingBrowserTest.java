package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.Browser;
import dev.paved.preview.PreviewServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A catalog of 2,607 entities in Chromium: the page holds the first 500 rows, and the rest is in two chunk scripts.
 * Searching for the last component, which only the second chunk holds, finds it, served over http and opened from
 * disk; the pager shows the next rows.
 */
class CatalogPagingBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path project;
    @TempDir
    static Path browserProfile;

    private static Path site;
    private static PreviewServer server;
    private static Browser browser;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void buildServeAndOpenBrowser() throws IOException {
        Browser.require();
        site = BigCatalog.build(project, 2_600);
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
    void searchingFindsAnEntityOnlyALaterChunkHolds() {
        driver.get(server.uri().resolve("catalog/index.html").toString());
        searchForTheNeedle();

        // Its link leads to its page.
        WebElement link = driver.findElement(By.cssSelector("#catalog-table tbody tr td:first-child a"));
        WebElement oldPage = driver.findElement(By.tagName("html"));
        link.click();
        wait.until(ExpectedConditions.stalenessOf(oldPage));
        assertTrue(driver.getCurrentUrl().endsWith("/catalog/default/component/zz-needle-service/index.html"));
        assertEquals("Needle service", driver.findElement(By.tagName("h1")).getText());
    }

    @Test
    void searchingWorksOpenedAsLocalFiles() {
        // Chromium refuses fetch() from file://, so the chunks are scripts, which it loads.
        driver.get(site.resolve("catalog/index.html").toUri().toString());
        searchForTheNeedle();
    }

    @Test
    void thePagerShowsTheNextRowsAndFiltersCountEveryEntity() {
        driver.get(server.uri().resolve("catalog/index.html").toString());
        WebElement form = waitForFilterScript();
        assertEquals("1–500 of 2,607", pagerText());

        // Next: the rows 501 to 1,000, which the page does not hold.
        button("Next").click();
        wait.until(d -> pagerText().equals("501–1,000 of 2,607"));
        assertEquals("Service 500", titles().get(0));
        assertEquals(500, titles().size());
        wait.until(ExpectedConditions.urlContains("page=2"));
        assertEquals("2607 entities", count());

        // A filter counts the matches among every entity and starts again at the first page.
        new Select(form.findElement(By.name("lifecycle"))).selectByValue("experimental");
        wait.until(d -> count().equals("867 entities"));
        assertEquals("1–500 of 867", pagerText());
        assertEquals("Service 0", titles().get(0));
        assertEquals(List.of("experimental"), ((JavascriptExecutor) driver).executeScript("return Array.from(new Set("
                + "Array.from(document.querySelectorAll('#catalog-table tbody tr')).map((r) => r.dataset.lifecycle)))"));

        // The address keeps the page: opened again, it shows the same rows.
        button("Next").click();
        wait.until(d -> pagerText().equals("501–867 of 867"));
        driver.get(driver.getCurrentUrl());
        waitForFilterScript();
        wait.until(d -> pagerText().equals("501–867 of 867"));
        assertEquals(367, titles().size());
    }

    private static void searchForTheNeedle() {
        WebElement form = waitForFilterScript();
        assertEquals(CatalogTable.PAGE_ROWS, titles().size(), "the page holds the first rows");
        assertFalse(titles().contains("Needle service"));
        assertEquals("Showing the first 500 of 2,607 entities — filtering loads the rest. Every entity is in "
                + "catalog.csv.", driver.findElement(By.id("catalog-paging")).getText());

        form.findElement(By.name("q")).sendKeys("needle");
        wait.until(d -> count().equals("1 entity"));
        assertEquals(List.of("Needle service"), titles());
        assertEquals("Team 2", driver.findElement(By.cssSelector("#catalog-table tbody td:nth-child(4) a.ref"))
                .getText());
        assertFalse(driver.findElement(By.cssSelector(".paging-nav")).isDisplayed(), "one page needs no pager");
    }

    /** Waits until the catalog's script has run: it removes the form's {@code hidden} attribute. */
    private static WebElement waitForFilterScript() {
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("catalog-filters")));
        wait.until(d -> form.getDomAttribute("hidden") == null);
        return form;
    }

    /** The titles of the rows shown, read in one call rather than one call per row. */
    private static List<String> titles() {
        Object titles = ((JavascriptExecutor) driver).executeScript("return Array.from(document.querySelectorAll("
                + "'#catalog-table tbody tr')).filter((r) => !r.hidden).map((r) => r.querySelector('a').textContent)");
        return ((List<?>) titles).stream().map(String::valueOf).toList();
    }

    private static String count() {
        return driver.findElement(By.id("catalog-count")).getText().trim();
    }

    private static String pagerText() {
        return driver.findElement(By.cssSelector(".paging-nav span")).getText();
    }

    private static WebElement button(String label) {
        return driver.findElement(By.xpath("//nav[@class='paging-nav']/button[text()='" + label + "']"));
    }
}
