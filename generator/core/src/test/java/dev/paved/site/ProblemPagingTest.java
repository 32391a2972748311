package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.config.PavedConfig;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog with 3,000 problems: twenty services of team-a, each depending on 150 components that do not exist.
 * The problems page and the team's page list at most {@link ProblemPages#PAGE_PROBLEMS} each, and link numbered
 * pages with the rest, so that every problem is on exactly one page reached by links.
 */
class ProblemPagingTest {

    @TempDir
    static Path project;
    static Path site;
    static Pipeline.Result result;

    @BeforeAll
    static void build() throws IOException {
        List<Path> sources = new ArrayList<>();
        sources.add(Files.writeString(project.resolve("team.yaml"), "apiVersion: backstage.io/v1alpha1\n"
                + "kind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"));
        for (int f = 0; f < 20; f++) {
            StringBuilder yaml = new StringBuilder("apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                    + "metadata:\n  name: service-" + f + "\nspec:\n  type: service\n  lifecycle: production\n"
                    + "  owner: team-a\n  dependsOn:\n");
            for (int i = 0; i < 150; i++) {
                yaml.append("    - component:ghost-").append(f).append('-').append(i).append('\n');
            }
            sources.add(Files.writeString(project.resolve(String.format("service-%02d.yaml", f)), yaml));
        }
        site = project.resolve("site");
        result = Pipeline.build(new PavedConfig("Problems", "", sources, project.resolve("content"),
                Optional.empty(), site, project, List.of()), Pipeline.Options.defaults());
        assertEquals(3_000, result.diagnostics().size(), result.summary());
    }

    @Test
    void theProblemsPageIsBoundedAndLinksPagesWithTheRest() {
        Document index = SiteChecks.parse(site.resolve("problems/index.html"));
        assertEquals(ProblemPages.PAGE_PROBLEMS, index.select(".problems-table tbody tr").size());
        assertTrue(index.text().contains("3,000 problems; this is page 1 of 3, problems 1–1,000."), index.text());
        assertEquals("team-a: 3000 warnings", index.selectFirst(".team-problems li").text(), "the counts per team");
        assertEquals(List.of("2", "3", "Next"), index.selectFirst(".paging-nav").select("a").eachText());
        assertEquals("../problems/page-2/index.html", index.selectFirst(".paging-nav a").attr("href"));

        List<String> rows = rowsOfEveryPage("problems/index.html");
        assertEquals(3_000, rows.size(), "every problem is on a page");
        assertEquals(3_000, new HashSet<>(rows).size(), "and on one page only");
    }

    @Test
    void aTeamsPageIsPagedTheSameWay() {
        Document team = SiteChecks.parse(site.resolve("problems/default/team-a/index.html"));
        assertEquals(ProblemPages.PAGE_PROBLEMS, team.select(".problems-table tbody tr").size());
        Document last = SiteChecks.parse(site.resolve("problems/default/team-a/page-3/index.html"));
        assertEquals("Problems › team-a", last.selectFirst(".breadcrumbs").text());
        assertEquals(List.of("Previous", "1", "2"), last.selectFirst(".paging-nav").select("a").eachText());

        List<String> rows = rowsOfEveryPage("problems/default/team-a/index.html");
        assertEquals(3_000, new HashSet<>(rows).size(), "every problem of the team is on one of its pages");
    }

    @Test
    void everyLinkOfThePagesResolves() {
        assertEquals(List.of(), SiteChecks.brokenLinks(site));
    }

    /** The problem rows of a page and of every page reached from it by the page links, each page read once. */
    private static List<String> rowsOfEveryPage(String first) {
        List<String> rows = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        Deque<Path> todo = new ArrayDeque<>(List.of(site.resolve(first)));
        while (!todo.isEmpty()) {
            Path page = todo.pop().normalize();
            if (!seen.add(page)) {
                continue;
            }
            Document doc = SiteChecks.parse(page);
            List<String> here = doc.select(".problems-table tbody tr").eachText();
            assertTrue(here.size() <= ProblemPages.PAGE_PROBLEMS, page + " lists " + here.size());
            rows.addAll(here);
            doc.select(".paging-nav a").eachAttr("href").forEach(h -> todo.add(page.getParent().resolve(h)));
        }
        return rows;
    }
}
