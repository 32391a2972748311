package dev.paved.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.EntityRef;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.gitops.DesiredState;
import dev.paved.gitops.GitOps;
import dev.paved.integrations.HostDeployments;
import dev.paved.integrations.Snapshot;
import dev.paved.integrations.Snapshots;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DORA's four keys, time to onboard and adoption, computed from a scripted history (see
 * {@code src/test/resources/metrics/history.yaml} for the story and the figures it gives) replayed into real Git
 * repositories: three application repositories and a GitOps repository with Kustomize overlays.
 */
class MetricsTest {

    static final Instant AS_OF = Instant.parse("2026-06-30T12:00:00Z");

    @TempDir
    static Path dir;
    static ScriptedHistory history;
    static DeliveryMetrics metrics;
    static Catalog catalog;
    static DesiredState desired;
    static Diagnostics problems = new Diagnostics();

    @BeforeAll
    static void measure() throws Exception {
        history = ScriptedHistory.replay(TestFiles.resource("metrics/history.yaml"), dir);
        Path org = TestFiles.resource("metrics/org");
        List<Path> repos = List.of(history.repo("parcel-api"), history.repo("billing"), history.repo("label-svc"));
        catalog = CatalogReader.read(List.of(CatalogSource.of(org), CatalogSource.of(repos.get(0)),
                CatalogSource.of(repos.get(1)), CatalogSource.of(repos.get(2))), problems);
        desired = GitOps.read(catalog, List.of(history.repo("gitops"), repos.get(0), repos.get(1),
                repos.get(2)), Snapshots.NONE, problems);
        metrics = Metrics.compute(catalog, desired, List.of(), Snapshots.NONE, e -> Map.of("hasTechdocs",
                e.annotation("backstage.io/techdocs-ref").isPresent(), "ownerIsGroup", true), Metrics.Settings
                .DEFAULTS, AS_OF, problems);
    }

    static ComponentMetrics component(String name) {
        return metrics.of(new EntityRef("component", "default", name)).orElseThrow();
    }

    @Test
    void productionDeploymentsAreTheGitOpsCommitsThatChangeTheTag() {
        ComponentMetrics api = component("parcel-api");
        assertEquals("gitops", api.source());
        List<Deployment> prod = api.production();
        assertEquals(List.of("parcel-api: production runs a1", "parcel-api: production runs a2",
                "parcel-api: production runs a3", "Revert \"parcel-api: production runs a3\"",
                "parcel-api: production runs the hotfix <img src=x onerror=alert(1)>"), prod.stream().map(d -> d.commit().subject()).toList(),
                "the replicas-only commit changes no tag: not a deployment");
        assertEquals("ghcr.io/acme/parcel-api:" + history.id("parcel-api/a3").substring(0, 7), prod.get(2).version());
        assertEquals(history.id("parcel-api/a3"), prod.get(2).change().orElseThrow().id(),
                "the short id in the tag is found in the application's repository");
        // Staging is a deployment too, but not a production one.
        assertEquals(1, api.deployments().stream().filter(d -> d.environment().equals("staging")).count());
    }

    @Test
    void leadTimeIsFromTheApplicationCommitToTheProductionCommit() {
        List<Deployment> prod = component("parcel-api").production();
        assertEquals(List.of(Optional.of(Duration.ofHours(24)), Optional.of(Duration.ofHours(24)),
                Optional.of(Duration.ofHours(4)), Optional.empty(), Optional.of(Duration.ofHours(2))),
                prod.stream().map(Deployment::leadTime).toList(), "a rollback ships no new change");
        Figures f = component("parcel-api").figures();
        assertEquals(Optional.of(Duration.ofHours(14)), f.medianLeadTime(), "median of 2, 4, 24, 24 hours");
        assertEquals(4, f.leadTimes());
        assertEquals(Band.HIGH, f.bands().get("leadTime"));
    }

    @Test
    void aRollbackWithinTheWindowMarksTheDeploymentFailedAndTimesTheRestore() {
        List<Deployment> prod = component("parcel-api").production();
        assertEquals(List.of(false, false, true, false, false), prod.stream().map(Deployment::failed).toList());
        assertTrue(prod.get(3).rollback());
        assertEquals(Optional.of(Duration.ofHours(1)), prod.get(2).restoredAfter());
        Figures f = component("parcel-api").figures();
        assertEquals(Optional.of(0.2), f.changeFailureRate());
        assertEquals(Optional.of(Duration.ofHours(1)), f.medianRestore());
        assertEquals(Band.HIGH, f.bands().get("changeFailureRate"));
        assertEquals(Band.HIGH, f.bands().get("timeToRestore"), "an hour is not under an hour");
    }

    @Test
    void deploymentFrequencyIsPerWeekOverTheWindow() {
        Figures f = component("parcel-api").figures();
        assertEquals(5, f.deployments());
        assertEquals(5 / (180 / 7.0), f.perWeek(), 1e-9);
        assertEquals(Band.MEDIUM, f.bands().get("deploymentFrequency"), "five in six months: under once a month");
        assertEquals(26, f.weekly().size());
        assertEquals(5, f.weekly().stream().mapToInt(Integer::intValue).sum());
        // 2026-03-16 and -17 fall in the same week, 15 weeks before 2026-06-30 12:00.
        assertEquals(3, f.weekly().get(25 - 15), "weekly: " + f.weekly());
    }

    @Test
    void aComponentWithoutGitOpsIsMeasuredByItsReleaseTags() {
        ComponentMetrics billing = component("billing");
        assertEquals("tags", billing.source());
        assertEquals(List.of("v1.0.0", "v1.1.0"), billing.production().stream().map(Deployment::version).toList());
        assertEquals(List.of(Optional.of(Duration.ofHours(24)), Optional.of(Duration.ofHours(48))),
                billing.production().stream().map(Deployment::leadTime).toList(),
                "v1.1.0 ships two commits, 72 and 24 hours old: median 48");
    }

    @Test
    void timeToOnboardRunsFromTheFirstCommitToTheFirstProductionDeployment() {
        ComponentMetrics label = component("label-svc");
        assertEquals("template:default/java-service", label.template());
        assertEquals(Optional.of(Duration.ofHours(48)), label.onboarding());
        assertEquals(Optional.of(Duration.ofHours(24)), label.production().get(0).leadTime(),
                "the tag sha-<id> names the commit");
        assertEquals(Optional.empty(), component("parcel-api").onboarding(), "not made from a template");
    }

    @Test
    void organisationAndTeamsAddUpTheirComponents() {
        assertEquals(8, metrics.organisation().deployments());
        assertEquals(6, metrics.teams().get("group:default/team-parcels").deployments());
        assertEquals(2, metrics.teams().get("group:default/team-money").deployments());
        assertEquals(Optional.of(1 / 8.0), metrics.organisation().changeFailureRate());
    }

    @Test
    void adoptionCountsWhatTemplatesMadeAndThePractices() {
        Adoption a = metrics.adoption();
        assertEquals(3, a.components());
        Adoption.TemplateUse use = a.templates().get(0);
        assertEquals("template:default/java-service", use.template().toString());
        assertEquals(List.of(new EntityRef("component", "default", "label-svc")), use.created());
        assertEquals(1, a.coverage().get("techdocs"));
        assertEquals(33, a.percent("techdocs"));
        assertEquals(100, a.percent("ownerGroup"));
    }

    @Test
    void aRepositorysHostRecordOfDeploymentsIsUsedWhenGitOpsHasNone() {
        // GitHub's deployments API says billing's credit notes went to staging, then to production 5 hours after
        // the commit: GitHub's record wins over the release tags.
        String b3 = history.id("billing/b3");
        EntityRef billing = new EntityRef("component", "default", "billing");
        Snapshots snapshots = new Snapshots(Map.of(billing, List.of(new Snapshot("GitHub deployments",
                "github.com tern/billing", AS_OF, Snapshot.Status.OK, "", new HostDeployments(List.of(
                new HostDeployments.Entry(b3, "main", "production", "2026-04-12T15:00:00Z", ""),
                new HostDeployments.Entry(b3, "main", "staging", "2026-04-12T11:00:00Z", ""))), ""))));
        DeliveryMetrics m = Metrics.compute(catalog, desired, List.of(), snapshots, e -> Map.of(),
                Metrics.Settings.DEFAULTS, AS_OF, new Diagnostics());
        ComponentMetrics c = m.of(billing).orElseThrow();
        assertEquals("github", c.source());
        assertEquals(List.of(Optional.of(Duration.ofHours(5))), c.production().stream().map(Deployment::leadTime)
                .toList());
        assertEquals(2, c.deployments().size(), "staging is listed, not counted");
        assertEquals(b3, c.production().get(0).change().orElseThrow().id());
    }

    @Test
    void factsForScorecards() {
        Map<String, Object> facts = metrics.facts(new EntityRef("component", "default", "parcel-api"));
        assertEquals(14.0, facts.get("leadTimeHours"));
        assertEquals(20, facts.get("changeFailurePercent"));
        assertEquals(1.0, facts.get("timeToRestoreHours"));
        assertEquals("medium", facts.get("deliveryBand"), "the lowest of high, high, high, medium");
        assertFalse(problems.sorted().stream().anyMatch(d -> d.code().id().equals("PAVED-W027")), problems.sorted()
                .toString());
    }
}
