package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.Browser;
import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.catalog.Entity;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.preview.PreviewServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every real public Template document of the shared corpus that Backstage accepts gets a working form: the page
 * builds, the form shows its first page with a field per property, and no script error occurs.
 */
class TemplateFormCorpusTest {

    @Test
    void realTemplatesGetTheirForms(@TempDir Path dir, @TempDir Path profile) throws Exception {
        List<Path> sources = TestFiles.acceptedCorpusTemplates();
        assertTrue(sources.size() > 50, "the corpus has real templates: " + sources.size());
        PavedConfig config = PavedConfig.defaults(dir).withSources(sources).withOutput(dir.resolve("site"));
        var input = Pipeline.read(config, Pipeline.Options.defaults(), new Diagnostics());
        List<Entity> templates = input.catalog().entities().stream().filter(e -> e.kind().equals("Template"))
                .toList();
        assertTrue(templates.size() > 40, "templates read: " + templates.size());
        Pipeline.build(config, Pipeline.Options.defaults());

        List<String> failures = new ArrayList<>();
        int fields = 0;
        try (PreviewServer server = PreviewServer.start(dir.resolve("site"), 0); Browser browser = Browser.start(profile)) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(5));
            for (Entity t : templates) {
                driver.get(server.uri().resolve(SitePaths.entity(t.ref())).toString());
                ((JavascriptExecutor) driver).executeScript("window.__errors = [];"
                        + "window.addEventListener('error', e => window.__errors.push(String(e.message)));");
                boolean hasPages = t.specNode("parameters").size() > 0 || t.specNode("parameters").isObject();
                WebElement form = driver.findElement(By.id("template-form"));
                if (!hasPages) {
                    continue;
                }
                try {
                    wait.until(d -> form.getDomAttribute("hidden") == null);
                    fields += form.findElements(By.cssSelector(".field")).size();
                    if (form.findElements(By.tagName("legend")).isEmpty()) {
                        failures.add(t.ref() + ": no form page");
                    }
                } catch (org.openqa.selenium.TimeoutException e) {
                    failures.add(t.ref() + ": the form did not appear");
                }
                Object errors = ((JavascriptExecutor) driver).executeScript("return window.__errors.join('; ')");
                if (errors != null && !errors.toString().isEmpty()) {
                    failures.add(t.ref() + ": " + errors);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(fields > templates.size(), "the forms have fields: " + fields);
    }
}
