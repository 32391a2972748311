package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.catalog.Entity;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the demo organisation in {@code catalog/} as {@code ./paved build} does, and reads the portal back. */
class DemoPortalTest {

    @TempDir
    static Path site;

    private static Pipeline.Result result;

    @BeforeAll
    static void build() throws IOException {
        PavedConfig config = ConfigReader.read(TestFiles.projectRoot(), new Diagnostics()).withOutput(site);
        result = Pipeline.build(config, Pipeline.Options.defaults());
    }

    @Test
    void theDemoCatalogIsCleanAndComplete() {
        assertEquals(List.of(), result.diagnostics(), "the demo catalog should have no problems");
        assertTrue(result.entities() >= 50, "entities: " + result.entities());
        assertTrue(result.summary().matches("Built \\d+ entities, \\d+ pages, 0 warnings, 0 errors in [\\d.]+ s"),
                result.summary());
    }

    @Test
    void everyEntityHasAPageTitledByIt() throws IOException {
        var catalog = dev.paved.catalog.CatalogReader.read(List.of(dev.paved.catalog.CatalogSource.of(
                TestFiles.projectRoot().resolve("catalog"))), new Diagnostics());
        assertEquals(result.entities(), catalog.size());
        for (Entity entity : catalog.entities()) {
            Path page = site.resolve(SitePaths.entity(entity.ref()));
            assertTrue(Files.isRegularFile(page), "no page for " + entity.ref());
            assertEquals(entity.displayName(), SiteChecks.parse(page).selectFirst("h1").text());
        }
    }

    @Test
    void noInternalLinkIsBroken() {
        assertEquals(List.of(), SiteChecks.brokenLinks(site));
    }

    @Test
    void everyLinkIsRelativeSoThePortalWorksUnderAnySubPath() {
        for (Path page : SiteChecks.htmlFiles(site)) {
            // (The 404 page's base without JavaScript is the server's root, as it is served at any path.)
            for (Element el : SiteChecks.parse(page).select("[href]:not(base), [src]")) {
                String url = el.hasAttr("href") ? el.attr("href") : el.attr("src");
                assertFalse(url.startsWith("/"), site.relativize(page) + " links to " + url);
            }
        }
    }

    @Test
    void theNotFoundPageFindsThePortalsRootInItsAddress() {
        // Served in place of any missing path: its links are relative to the root, and its first script makes the
        // root it finds in the address the page's <base> (PortalAccessibilityTest follows them under /org/repo/).
        Document page = SiteChecks.parse(site.resolve("404.html"));
        assertEquals("Page not found", page.selectFirst("h1").text());
        assertTrue(page.selectFirst("head script").data().contains("createElement('base')"),
                "the first script sets the base");
        assertTrue(page.select("head script[src]").isEmpty(), "and then loads the scripts");
        assertEquals("catalog/index.html", page.selectFirst("main a[href$=catalog/index.html]").attr("href"));
    }

    @Test
    void aComponentPageShowsOwnerSystemRelationsDiagramAndDocs() {
        Document page = SiteChecks.parse(site.resolve("catalog/default/component/parcel-tracker-service/index.html"));

        assertEquals("Team Parcels", page.select(".facts dt:contains(Owner) + dd a").text());
        assertEquals("Parcel tracking", page.select(".facts dt:contains(System) + dd a").text());
        assertEquals("Delivery", page.select(".facts dt:contains(Domain) + dd a").text());
        assertFalse(page.select(".relation-group[data-relation=providesApi] a.ref").isEmpty());
        assertFalse(page.select(".relation-group[data-relation=dependsOn] a.ref").isEmpty());
        Element svg = page.selectFirst("svg.relation-diagram");
        assertTrue(svg != null && svg.select("a").size() >= 3, "diagram with links to neighbours");
        assertEquals("../../../../docs/default/component/parcel-tracker-service/index.html",
                page.selectFirst("a.docs-link").attr("href"));
    }

    /** What each template created, by the backstage.io/source-template Backstage's scaffolder writes. */
    @Test
    void templatesShowWhatTheyCreated() {
        Document gallery = SiteChecks.parse(site.resolve("create/index.html"));
        Map<String, String> used = new TreeMap<>();
        gallery.select("li.template-card").forEach(li -> used.put(li.selectFirst("h2").text(),
                li.selectFirst("p.adoption").text()));
        assertEquals("Created 2 entities", used.get("Java service (Spring Boot)"), used.toString());
        assertEquals("Not used yet", used.get("Documentation site"), used.toString());

        Document java = SiteChecks.parse(site.resolve("catalog/default/template/java-service/index.html"));
        Element adoption = java.selectFirst("section.card.adoption");
        assertEquals("Created 2 entities in the catalog, 13 % of its 16 components.",
                adoption.selectFirst("p.counts").text());
        assertEquals(List.of("Parcel Tracker", "Scan ingest"), adoption.select("table.entities tbody tr td:first-child a")
                .eachText());
    }

    @Test
    void relationsAppearOnBothEnds() {
        Document group = SiteChecks.parse(site.resolve("catalog/default/group/team-parcels/index.html"));
        assertTrue(group.select(".relation-group[data-relation=ownerOf] a.ref").eachText().contains("Parcel Tracker"));
        assertFalse(group.select(".relation-group[data-relation=hasMember] a.ref").isEmpty(), "members listed");
        assertFalse(group.select(".relation-group[data-relation=childOf] a.ref").isEmpty(), "parent group listed");

        Document system = SiteChecks.parse(site.resolve("catalog/default/system/parcel-tracking/index.html"));
        assertTrue(system.select(".relation-group[data-relation=hasPart] a.ref").eachText().contains("Parcel Tracker"));
    }

    @Test
    void anOpenApiPageListsItsOperations() {
        Document api = SiteChecks.parse(site.resolve("catalog/default/api/parcel-tracking-api/index.html"));
        assertFalse(api.select("table.operations tbody tr").isEmpty());
        assertTrue(api.select("table.operations .method").eachText().contains("GET"));
        assertTrue(api.selectFirst("details.source code").text().contains("openapi"));

        Document billing = SiteChecks.parse(site.resolve("catalog/default/api/billing-api/index.html"));
        assertTrue(billing.select("table.operations td").text().contains("accountId path required"),
                "a parameter given as a local $ref is looked up");
    }

    @Test
    void techDocsAreRenderedWithNavAndRewrittenLinks() throws IOException {
        Path docs = site.resolve("docs/default/component/parcel-tracker-service");
        Document index = SiteChecks.parse(docs.resolve("index.html"));
        assertFalse(index.select(".docs-nav a").isEmpty());
        assertTrue(index.select(".prose a[href$=.md]:not(.edit-page)").isEmpty(), "no .md link survives rendering");
        assertEquals("https://github.com/tern-logistics/parcel-tracker-service/edit/main/docs/index.md",
                index.selectFirst("a.edit-page").attr("href"), "edit link from the entity's source location");
        assertTrue(Files.isRegularFile(docs.resolve("techdocs_metadata.json")));
        try (Stream<Path> files = Files.walk(docs)) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".svg")), "images are copied");
        }
    }

    @Test
    void contentPagesWithEitherHeaderArePublishedAndDraftsAreNot() {
        assertEquals("Getting started", SiteChecks.parse(site.resolve("getting-started/index.html"))
                .selectFirst("title").text().replaceAll(" · .*", ""));
        assertTrue(Files.isRegularFile(site.resolve("guides/deploying-a-service/index.html")));
        assertFalse(Files.exists(site.resolve("guides/upcoming-platform-changes/index.html")));
    }

    @Test
    void theSameInputGivesByteIdenticalOutput(@TempDir Path second) throws IOException {
        PavedConfig config = ConfigReader.read(TestFiles.projectRoot(), new Diagnostics()).withOutput(second);
        Pipeline.build(config, Pipeline.Options.defaults());
        List<String> first = relativeFiles(site);
        assertEquals(first, relativeFiles(second));
        for (String file : first) {
            assertArrayEquals(Files.readAllBytes(site.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
    }

    @Test
    void refusesToEmptyAFolderItDidNotWrite(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("precious.txt"), "keep me");
        PavedConfig config = ConfigReader.read(TestFiles.projectRoot(), new Diagnostics()).withOutput(folder);
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Pipeline.build(config, Pipeline.Options.defaults()));
        assertTrue(refused.getMessage().contains("not written by Paved"));
        assertEquals("keep me", Files.readString(folder.resolve("precious.txt")));
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void docsComeFromUrlRefsIntoTheRepositoryAndFromTechdocsEntity() {
        // route-planner's techdocs-ref is a url: inside its own source location.
        assertTrue(Files.isRegularFile(site.resolve("docs/default/component/route-planner/index.html")));
        // invoice-pdf-kit has no docs of its own and shows billing-service's.
        Document kit = SiteChecks.parse(site.resolve("catalog/default/component/invoice-pdf-kit/index.html"));
        assertEquals("../../../../docs/default/component/billing-service/index.html",
                kit.selectFirst("a.docs-link").attr("href"));
        assertFalse(Files.exists(site.resolve("docs/default/component/invoice-pdf-kit")));
    }

    @Test
    void anEntityPageHasBackstagesTabsAboutCardAndApiTables() {
        Document page = SiteChecks.parse(site.resolve("catalog/default/component/parcel-tracker-service/index.html"));
        // Delivery: the history of catalog/gitops/ in the clone's Git, when the demo is built from a clone.
        List<String> tabs = new ArrayList<>(List.of("Overview", "Docs", "API", "Dependencies", "Deployments"));
        if (Files.exists(TestFiles.projectRoot().resolve(".git"))) {
            tabs.add("Delivery");
        }
        tabs.add("Scorecards");
        assertEquals(tabs, page.select(".entity-tabs a").eachText(), "Deployments: the environments of "
                + "catalog/gitops/");
        for (Element tab : page.select(".entity-tabs a")) {
            assertEquals(1, page.select("section.tab-panel" + tab.attr("href")).size(), "a panel for " + tab);
        }
        Element about = page.selectFirst("#overview .card.about");
        assertEquals("Team Parcels", about.selectFirst("dt:containsOwn(Owner) + dd").text());
        assertEquals(List.of("View source", "View TechDocs", "Edit"), about.select(".actions a").eachText());
        // Provided APIs as Backstage's table: name, type, lifecycle, owner, description.
        Element provided = page.selectFirst("#api h2:containsOwn(Provided APIs) + .table-scroll table");
        assertEquals(List.of("Name", "Type", "Lifecycle", "Owner", "Description"), provided.select("th").eachText());
        assertTrue(provided.select("td").eachText().containsAll(List.of("openapi", "production")),
                provided.text());
        assertFalse(page.select("#dependencies table.entities a.ref").isEmpty());
        assertFalse(page.select("#docs .docs-outline a").isEmpty(), "the Docs tab lists the doc set's pages");
    }

    @Test
    void usersAndGroupsAreShownByTheirProfileNamesWithWhatTheyOwn() {
        Document user = SiteChecks.parse(site.resolve("catalog/default/user/aiko-tanaka/index.html"));
        assertEquals("Aiko Tanaka", user.selectFirst("h1").text());
        // What the user's teams own, as Backstage's ownership card counts it.
        Element ownership = user.selectFirst(".card.ownership");
        assertTrue(ownership.select("a.ref").eachText().contains("Parcel Tracker"), ownership.text());
        assertTrue(ownership.selectFirst(".counts").text().contains("Component"), ownership.text());

        Document group = SiteChecks.parse(site.resolve("catalog/default/group/team-parcels/index.html"));
        List<String> members = group.select(".card.members a.ref").eachText();
        assertTrue(members.contains("Aiko Tanaka"), members.toString());
        assertFalse(members.contains("aiko-tanaka"), "members by display name: " + members);
        // The catalog table and owner filter use the same names.
        Document catalog = SiteChecks.parse(site.resolve(SitePaths.CATALOG));
        assertTrue(catalog.select("#catalog-table a").eachText().contains("Aiko Tanaka"));
    }

    @Test
    void theDocsHubAndApisPageListEveryDocSetAndApi() throws IOException {
        Document hub = SiteChecks.parse(site.resolve(SitePaths.DOCS_HUB));
        List<String> docSets = hub.select("#hub-table tbody tr td:first-child > a").eachText();
        assertTrue(docSets.containsAll(List.of("Parcel Tracker", "Billing Service")), docSets.toString());
        Element tracker = hub.selectFirst("#hub-table tbody tr:has(a:containsOwn(Parcel Tracker))");
        assertTrue(tracker.text().contains("Team Parcels") && tracker.text().contains("Parcel tracking"),
                tracker.text());
        if (Files.exists(TestFiles.projectRoot().resolve(".git"))) { // last updated comes from git history
            assertTrue(tracker.selectFirst("time").attr("datetime").matches("\\d{4}-\\d{2}-\\d{2}"), tracker.html());
        }
        assertTrue(hub.selectFirst("a[href$=docs/index.html]") != null, "the top navigation has Docs");
        assertTrue(hub.selectFirst("a[href$=apis/index.html]") != null, "the top navigation has APIs");
        // guides/ leads to the hub.
        assertTrue(Files.readString(site.resolve(SitePaths.GUIDES)).contains("url=../docs/index.html"));

        Document apis = SiteChecks.parse(site.resolve(SitePaths.APIS));
        long apiCount;
        try (Stream<Path> pages = Files.list(site.resolve("catalog/default/api"))) {
            apiCount = pages.count();
        }
        assertEquals(apiCount, apis.select("#hub-table tbody tr").size());

        // The catalog can be filtered on having docs.
        Document catalog = SiteChecks.parse(site.resolve(SitePaths.CATALOG));
        assertEquals("yes", catalog.selectFirst("#catalog-table tr:has(a:containsOwn(Parcel Tracker))")
                .attr("data-docs"));
        assertEquals(List.of("All", "Yes", "No"), catalog.select("select[name=docs] option").eachText());
    }

    @Test
    void diagramsKeepEveryArrowheadApartAndSystemsDrawTheirParts() {
        // A team owning a dozen entities: every arrow ends at its own node, none piles up on the team.
        Document group = SiteChecks.parse(site.resolve("catalog/default/group/team-parcels/index.html"));
        List<String> arrowTips = new java.util.ArrayList<>();
        for (Element edge : group.select("svg.relation-diagram path.edge")) {
            String[] points = edge.attr("d").split("[ML]");
            String tip = edge.hasAttr("marker-start") ? points[1] : points[points.length - 1];
            arrowTips.add(tip);
        }
        assertTrue(arrowTips.size() >= 12, "edges: " + arrowTips.size());
        assertEquals(arrowTips.size(), new java.util.HashSet<>(arrowTips).size(), "arrowheads at one point: " + arrowTips);

        Document system = SiteChecks.parse(site.resolve("catalog/default/system/parcel-tracking/index.html"));
        Element diagram = system.selectFirst(".system-diagram svg");
        List<String> nodes = diagram.select("g.node text.name").eachText();
        assertTrue(nodes.containsAll(List.of("Parcel tracking", "Delivery", "Parcel Tracker", "Parcel events",
                "Parcels database")), nodes.toString());
        assertFalse(diagram.select("text.edge-label:containsOwn(providesApi)").isEmpty(),
                "relations among the parts are drawn");
    }
}
