package dev.paved;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium for tests: Debian's {@code chromium} and {@code chromium-driver}, named explicitly so
 * that Selenium Manager never downloads anything. Without them a test is skipped, unless
 * {@code -Dpaved.requireBrowser=true} (CI), where it fails.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Kept so that the level holds: tests use no DevTools, so Selenium's "no CDP implementation" is noise. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriverService service;
    private final WebDriver driver;

    private Browser(ChromeDriverService service, WebDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser with its profile in {@code profile}; skips or fails the test when there is none. */
    public static Browser start(Path profile) {
        return start(profile, List.of());
    }

    /**
     * Starts a browser that also keeps its logs: {@code driver().manage().logs()} then gives the console's messages
     * ({@code browser}) and every request the pages made, as DevTools events ({@code performance}).
     */
    public static Browser startLogging(Path profile) {
        return start(profile, List.of(LogType.BROWSER, LogType.PERFORMANCE));
    }

    /**
     * Starts a browser that keeps the console's messages ({@code driver().manage().logs().get(LogType.BROWSER)}),
     * with more command-line switches (such as {@code --force-dark-mode}).
     */
    public static Browser startWithConsole(Path profile, String... switches) {
        return start(profile, List.of(LogType.BROWSER), switches);
    }

    private static Browser start(Path profile, List<String> logTypes, String... switches) {
        require();
        CDP_LOG.setLevel(Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        options.addArguments(switches);
        if (!logTypes.isEmpty()) {
            LoggingPreferences logs = new LoggingPreferences();
            logTypes.forEach(type -> logs.enable(type, Level.ALL));
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        }
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
            return new Browser(service, driver);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    /** Skips the test without Debian's Chromium, or fails when {@code paved.requireBrowser} is {@code true}. */
    public static void require() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "Real-browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + "; install Debian's packages: apt-get install chromium chromium-driver";
        if (Boolean.getBoolean("paved.requireBrowser")) {
            fail(message + " (paved.requireBrowser is true, so this is a failure)");
        }
        Assumptions.assumeTrue(false, message);
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
