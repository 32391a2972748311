package dev.paved.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build of the GitOps fixture project shows each component's environments and the system's matrix. */
class GitOpsPipelineTest {

    @Test
    void theDeploymentsTabShowsEnvironmentsAndTheSystemItsMatrix(@TempDir Path out) throws IOException {
        PavedConfig config = ConfigReader.read(TestFiles.resource("gitops/shop"), new Diagnostics()).withOutput(out);
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults().withThreads(2));
        assertTrue(result.stages().stream().anyMatch(s -> s.name().equals("gitops")), result.timings());
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.GITOPS_UNRESOLVED),
                "the broken file and the path out of the repository are warnings");

        Document orders = Jsoup.parse(out.resolve("catalog/default/component/orders/index.html").toFile());
        assertNotNull(orders.selectFirst("nav.entity-tabs a[data-tab=deployments]"),
                "the tab is there without any snapshot");
        Element prod = orders.selectFirst("#deployments .environment[data-environment=prod]");
        assertNotNull(prod);
        Element row = prod.selectFirst("table.resource-requirements tbody tr");
        assertEquals(List.of("prod-orders Deployment", "orders", "registry.example/orders-hardened", "2.0", "3",
                "100m", "500m", "128Mi", "1Gi"), row.select("td").eachText());
        assertEquals("Resource requirements", prod.selectFirst("caption").text());
        assertTrue(prod.text().contains("orders.shop.example"));
        assertTrue(prod.selectFirst(".environment-notes").text().contains("not resolved: patchesJson6902"));
        assertTrue(orders.selectFirst("#deployments .environment[data-environment=remote]").text()
                .contains("not resolved: remote base https://github.com/example/platform//base?ref=v1.2"));

        Document shop = Jsoup.parse(out.resolve("catalog/default/system/shop/index.html").toFile());
        Element matrix = shop.selectFirst("#deployments table.environment-matrix");
        assertNotNull(matrix);
        List<String> columns = matrix.select("thead th").eachText();
        assertEquals("Component", columns.get(0));
        assertTrue(columns.containsAll(List.of("staging", "prod", "production")), columns.toString());
        Element checkout = matrix.select("tbody tr").stream().filter(r -> r.selectFirst("th").text()
                .equals("checkout")).findFirst().orElseThrow();
        assertEquals("3.3.9 ×4", checkout.child(columns.indexOf("production")).text());
        assertEquals("—", checkout.child(columns.indexOf("prod")).text(), "not deployed there");
        assertFalse(matrix.text().contains("inventory"), "a component deployed nowhere has no row");
    }

    @Test
    void whatFilesSayIsShownAsTextNeverAsMarkup(@TempDir Path out) throws IOException {
        PavedConfig config = ConfigReader.read(TestFiles.resource("gitops/shop"), new Diagnostics()).withOutput(out);
        Pipeline.build(config, Pipeline.Options.defaults().withThreads(2));
        for (String page : List.of("catalog/default/component/web/index.html",
                "catalog/default/system/shop/index.html")) {
            String html = Files.readString(out.resolve(page));
            assertFalse(html.contains("<script>alert"), page);
            Document doc = Jsoup.parse(html);
            assertTrue(doc.select("script").stream().noneMatch(s -> s.data().contains("alert(")), page);
        }
        Document web = Jsoup.parse(out.resolve("catalog/default/component/web/index.html").toFile());
        assertEquals("<script>alert('host')</script>.shop.example", web.selectFirst(
                ".environment[data-environment=staging] code.host").text());
        assertTrue(web.selectFirst(".environment[data-environment=staging] table").text()
                .contains("<script>alert('tag')</script>"));
    }

    @Test
    void gitsEnvironmentsJoinTheSnapshotsDeployedTo() {
        assertEquals(Map.of("deployedTo", List.of("prod-eu", "staging", "prod"), "hasCi", true),
                ScoresStage.joined(Map.of("deployedTo", List.of("prod-eu"), "hasCi", true),
                        Map.of("deployedTo", List.of("staging", "prod", "prod-eu"))));
    }
}
