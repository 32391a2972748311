package dev.paved.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.Browser;
import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import dev.paved.preview.PreviewServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One component with every kind of card, built from loopback servers answering as GitHub, Argo CD, PagerDuty,
 * Opsgenie (refusing the token) and SonarQube do, fabric8's mock Kubernetes API server, and its GitOps folder; its
 * page opened in Chromium: each tab shows its cards, the refused service says so, the environments from Git show the
 * drift from the cluster, and no script from any text (the catalog's, the APIs' answers) runs.
 */
class IntegrationsBrowserTest {

    private final List<LoopbackApi> servers = new ArrayList<>();
    private KubernetesMockServer cluster;

    @AfterEach
    void stop() {
        servers.forEach(LoopbackApi::close);
        if (cluster != null) {
            cluster.destroy();
        }
    }

    private LoopbackApi serve(LoopbackApi api) {
        servers.add(api);
        return api;
    }

    /** The cluster runs route-planner 1.4.1 where Git asks for 1.4.2. */
    private String startCluster() throws IOException {
        cluster = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        cluster.init(InetAddress.getByName("127.0.0.1"), 0);
        try (KubernetesClient admin = cluster.createClient()) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("routing").endMetadata()
                    .build()).create();
            Map<String, String> labels = Map.of("backstage.io/kubernetes-id", "route-planner");
            Deployment d = new DeploymentBuilder().withNewMetadata().withNamespace("routing")
                    .withName("route-planner").withLabels(labels).endMetadata().withNewSpec().withReplicas(3)
                    .withNewTemplate().withNewSpec().addNewContainer().withName("app")
                    .withImage("registry.tern.example/route-planner:1.4.1").endContainer().endSpec().endTemplate()
                    .endSpec().build();
            admin.apps().deployments().resource(d).create();
            d.setStatus(new DeploymentStatusBuilder().withReplicas(3).withReadyReplicas(3).build());
            admin.apps().deployments().resource(d).updateStatus();
        }
        return cluster.url("/").replaceAll("/+$", "");
    }

    private PavedConfig project(Path dir, Map<String, String> urls) throws IOException {
        Path fixture = TestFiles.resource("integrations/browser");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(fixture.relativize(from).toString());
                Files.createDirectories(to.getParent());
                String text = Files.readString(from);
                for (Map.Entry<String, String> u : urls.entrySet()) {
                    text = text.replace("@" + u.getKey() + "@", u.getValue());
                }
                Files.writeString(to, text);
            }
        }
        return ConfigReader.read(dir, new Diagnostics());
    }

    @Test
    void everyTabShowsItsCardsTheRefusedOneSaysSoAndNoScriptRuns(@TempDir Path dir, @TempDir Path profile)
            throws IOException {
        Browser.require();
        LoopbackApi github = serve(LoopbackApi.start("github")
                .expect("Authorization", "Bearer ci-t0ken-github-never-shown", "{\"message\":\"Bad credentials\"}")
                .route("GET /api/v3/repos/tern-logistics/route-planner", "repo.json")
                .route("GET /api/v3/repos/tern-logistics/route-planner/actions/workflows", "workflows-1.json")
                .route("GET /api/v3/repos/tern-logistics/route-planner/actions/runs?branch=trunk", "runs-1.json"));
        LoopbackApi argo = serve(LoopbackApi.start("argocd")
                .route("GET /api/v1/applications/route-planner", "app-route-planner.json"));
        LoopbackApi pagerduty = serve(LoopbackApi.start("pagerduty")
                .route("GET /services/PRT0001", "service-route-planner.json")
                .route("GET /oncalls?escalation_policy_ids[]=PPOL001", "oncalls-routing.json")
                .route("GET /incidents?service_ids[]=PRT0001&statuses[]=triggered&statuses[]=acknowledged",
                        "incidents-route-planner.json"));
        LoopbackApi opsgenie = serve(LoopbackApi.start("opsgenie").expect("Authorization", "GenieKey another-key",
                "{\"message\":\"Key format is not valid!\"}"));
        LoopbackApi sonar = serve(LoopbackApi.start("sonarqube")
                .route("GET /api/qualitygates/project_status?projectKey=tern:route-planner",
                        "status-route-planner.json")
                .route("GET /api/measures/component?component=tern:route-planner", "measures-route-planner.json"));
        PavedConfig config = project(dir.resolve("project"), Map.of(
                "GITHUB", github.url(), "GITHUB_PORT", github.url().replaceAll(".*:", ""),
                "ARGOCD", argo.url(), "K8S", startCluster(), "PAGERDUTY", pagerduty.url(),
                "OPSGENIE", opsgenie.url(), "SONARQUBE", sonar.url()));
        Pipeline.Result result = Pipeline.build(config.withOutput(dir.resolve("site")),
                Pipeline.Options.defaults().withThreads(2).withCache(false));
        assertTrue(result.output().resolve("catalog/default/component/route-planner/index.html").toFile().isFile(),
                result.summary());
        // The facts the snapshots and Git give, as the scorecard's rules read them (no unknown fact is warned of).
        Map<String, String> rules = new HashMap<>();
        Jsoup.parse(result.output().resolve("catalog/default/component/route-planner/index.html").toFile())
                .select("section#scorecards ul.rules li").forEach(li -> rules.put(li.selectFirst("strong").text(),
                        li.className()));
        assertEquals(Map.of("CI passes", "pass", "Someone is on call", "pass", "Deployed to production", "pass",
                "Argo CD in sync", "pass", "Quality gate passes", "pass"), rules, "each rule passes only when its fact is there: as the fixtures' answers say");
        assertTrue(result.diagnostics().stream().noneMatch(d -> d.code() == Code.UNKNOWN_FACT), result.summary());

        try (PreviewServer server = PreviewServer.start(result.output(), 0); Browser browser = Browser.start(profile)) {
            WebDriver driver = browser.driver();
            ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "window.pwn = function (n) { (top.__pwned = top.__pwned || []).push(String(n)); };"
                            + " window.alert = function () { pwn('alert'); };"));
            driver.get(server.uri().resolve("catalog/default/component/route-planner/index.html").toString());
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "complete".equals(
                    ((JavascriptExecutor) d).executeScript("return document.readyState")));

            List<String> tabs = driver.findElements(By.cssSelector("nav.entity-tabs a")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(tabs.containsAll(List.of("CI/CD", "Deployments", "Operations", "Code quality")),
                    tabs.toString());

            WebElement ci = open(driver, "ci");
            assertTrue(ci.findElement(By.cssSelector(".integration-card.ci.ok table.runs")).isDisplayed());

            WebElement deployments = open(driver, "deployments");
            assertTrue(deployments.getText().contains("Environments"), deployments.getText());
            assertTrue(deployments.getText().contains("1.4.2"), "the tag Git asks for");
            assertTrue(deployments.getText().contains("Git asks"), "the drift from the cluster: "
                    + deployments.getText());
            assertTrue(deployments.findElement(By.cssSelector(".integration-card.argocd.ok")).isDisplayed());
            assertTrue(deployments.findElement(By.cssSelector(".integration-card.kubernetes.ok table.workloads"))
                    .isDisplayed());

            WebElement operations = open(driver, "operations");
            assertTrue(operations.findElement(By.cssSelector(".integration-card.oncall.ok")).isDisplayed());
            WebElement refused = operations.findElement(By.cssSelector(".integration-card.oncall.refused"));
            assertTrue(refused.getText().contains("Refused:") && refused.getText().contains("HTTP 401"),
                    refused.getText());

            WebElement quality = open(driver, "quality");
            assertTrue(quality.findElement(By.cssSelector(".integration-card.quality.ok")).isDisplayed());
            assertNotNull(quality.getText());

            Object pwned = ((JavascriptExecutor) driver).executeScript("return window.__pwned || []");
            assertEquals(List.of(), pwned, "no script from any text ran");
        }
        LoopbackApi.showsNowhere(result, "ci-t0ken-github-never-shown");
        LoopbackApi.showsNowhere(result, "k8s-t0ken-never-shown");
    }

    /** Clicks a tab and gives its panel, shown. */
    private static WebElement open(WebDriver driver, String id) {
        driver.findElement(By.cssSelector("nav.entity-tabs a[data-tab=" + id + "]")).click();
        WebElement panel = driver.findElement(By.id(id));
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> panel.isDisplayed());
        return panel;
    }
}
