package dev.paved.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.crawl.CGitServer;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.metrics.ScriptedHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics end to end: the scripted organisation of {@code metrics/history.yaml} (moved so that its story ends
 * 30 days before today) is served by real C git over smart HTTP on loopback, crawled with its history, and built;
 * every figure of {@code metrics.json} is the story's, and the pages show them with the commits they come from.
 */
class MetricsPipelineTest {

    private static final String[] REPOS = {"parcel-api", "billing", "label-svc", "gitops"};

    @TempDir
    static Path dir;
    static JsonNode metrics;
    static Path site;
    static ScriptedHistory history;
    static Pipeline.Result result;

    @BeforeAll
    static void build() throws Exception {
        // The story's last day, 2026-06-30, becomes 30 days before today: the story is in the 180-day window.
        Instant storyEnd = Instant.parse("2026-06-30T00:00:00Z");
        Instant target = LocalDate.now(ZoneOffset.UTC).minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
        history = ScriptedHistory.replay(TestFiles.resource("metrics/history.yaml"), dir.resolve("work"),
                Duration.between(storyEnd, target));
        Path served = Files.createDirectories(dir.resolve("served"));
        for (String repo : REPOS) {
            Path bare = served.resolve(repo + ".git");
            Git.cloneRepository().setBare(true).setURI(history.repo(repo).toUri().toString())
                    .setDirectory(bare.toFile()).call().close();
            try (Git git = Git.open(bare.toFile())) {
                StoredConfig config = git.getRepository().getConfig();
                config.setBoolean("uploadpack", null, "allowFilter", true);
                config.setBoolean("uploadpack", null, "allowAnySHA1InWant", true);
                config.save();
            }
        }
        site = dir.resolve("site");
        try (CGitServer server = CGitServer.start(served, Files.createDirectories(dir.resolve("server")))) {
            List<String> yaml = new ArrayList<>(List.of("title: Metrics", "sources: ["
                    + TestFiles.resource("metrics/org").toAbsolutePath() + "]", "cache: " + dir.resolve("cache"),
                    "repositories:"));
            for (String repo : REPOS) {
                yaml.add("  - " + server.url(repo));
            }
            Path file = dir.resolve("paved.yaml");
            Files.write(file, yaml, StandardCharsets.UTF_8);
            Diagnostics problems = new Diagnostics();
            PavedConfig config = ConfigReader.readFile(file, problems).withOutput(site);
            assertEquals(List.of(), problems.sorted());
            result = Pipeline.build(config, Pipeline.Options.defaults().withThreads(2));
        }
        metrics = new ObjectMapper().readTree(site.resolve("metrics.json").toFile());
    }

    static JsonNode component(String name) {
        for (JsonNode c : metrics.path("components")) {
            if (c.path("entity").asText().equals("component:default/" + name)) {
                return c;
            }
        }
        throw new AssertionError("no " + name + " in " + metrics);
    }

    @Test
    void theCrawledHistoryGivesTheStorysFigures() {
        assertEquals(List.of(), result.diagnostics().stream().filter(d -> d.code().id().startsWith("PAVED-W02"))
                .toList(), "no history or GitOps warnings");
        JsonNode api = component("parcel-api");
        assertEquals("gitops", api.path("source").asText());
        JsonNode f = api.path("figures");
        assertEquals(5, f.path("deployments").asInt());
        assertEquals(14 * 3600, f.path("medianLeadTimeSeconds").asLong());
        assertEquals(0.2, f.path("changeFailureRate").asDouble());
        assertEquals(3600, f.path("medianTimeToRestoreSeconds").asLong());
        assertEquals("high", f.path("bands").path("leadTime").asText());
        List<String> failed = new ArrayList<>();
        api.path("deployments").forEach(d -> {
            if (d.path("failed").asBoolean()) {
                failed.add(d.path("change").path("id").asText());
            }
        });
        assertEquals(List.of(history.id("parcel-api/a3")), failed, "the risky change failed");

        JsonNode billing = component("billing");
        assertEquals("tags", billing.path("source").asText());
        List<Long> leads = new ArrayList<>();
        billing.path("deployments").forEach(d -> leads.add(d.path("leadTimeSeconds").asLong()));
        assertEquals(List.of(24 * 3600L, 48 * 3600L), leads, "the release tags were fetched with the history");

        assertEquals(48 * 3600, component("label-svc").path("onboardingSeconds").asLong());
        assertEquals(8, metrics.path("organisation").path("deployments").asInt());
        assertEquals(6, metrics.path("teams").path("group:default/team-parcels").path("deployments").asInt());
        assertEquals(List.of("component:default/label-svc"), List.of(metrics.path("adoption").path("templates")
                .path(0).path("created").path(0).asText()));
    }

    @Test
    void theDeliveryTabListsEachDeploymentWithItsCommits() throws Exception {
        Document page = Jsoup.parse(site.resolve("catalog/default/component/parcel-api/index.html").toFile());
        assertNotNull(page.selectFirst("nav.entity-tabs a[data-tab=delivery]"));
        List<Element> rows = page.select("#delivery table.deployments tbody tr");
        assertEquals(5, rows.stream().filter(r -> r.text().contains("production")).count());
        Element failed = page.selectFirst("#delivery table.deployments tr.failed");
        assertTrue(failed.text().contains("failed, restored in 1 h"), failed.text());
        Element change = failed.select("td").get(4).selectFirst("a");
        assertTrue(change.attr("href").endsWith("/git/parcel-api/commit/" + history.id("parcel-api/a3")),
                "the change links to its commit on the host: " + change.attr("href"));
        // A commit subject is text, never markup.
        assertTrue(page.select("#delivery img").isEmpty());
        assertTrue(page.selectFirst("#delivery").text().contains("the hotfix <img src=x onerror=alert(1)>"));
    }

    @Test
    void theMetricsPageShowsTheOrganisationTeamsOnboardingAndAdoption() throws Exception {
        Document page = Jsoup.parse(site.resolve("metrics/index.html").toFile());
        assertEquals("8 to production", page.selectFirst(".metrics-organisation .dora-note").text());
        List<String> teams = page.select(".metrics-teams tbody tr td:first-child").eachText();
        assertEquals(List.of("team-money", "team-parcels"), teams);
        Element onboarding = page.selectFirst(".metrics-onboarding tbody tr");
        assertEquals("2 d", onboarding.select("td").last().text());
        assertTrue(page.selectFirst(".metrics-adoption").text().contains("TechDocs: 1 of 3 components (33 %)"));
        assertFalse(page.select("header nav a[href$=metrics/index.html]").isEmpty(), "in the portal's menu");
    }
}
