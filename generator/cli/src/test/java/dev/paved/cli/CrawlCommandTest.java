package dev.paved.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.crawl.GitServer;
import dev.paved.crawl.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paved crawl} and {@code paved build --repo} against a real smart-HTTP git server on loopback. */
class CrawlCommandTest {

    @Test
    void crawlsAndBuildsFromRepositories(@TempDir Path dir) throws Exception {
        TestRepos repos = new TestRepos(dir.resolve("work"), Files.createDirectories(dir.resolve("served")));
        repos.commit("payments", Map.of(
                "catalog-info.yaml", """
                        apiVersion: backstage.io/v1alpha1
                        kind: Component
                        metadata:
                          name: payments
                          annotations:
                            backstage.io/techdocs-ref: dir:.
                        spec:
                          type: service
                          lifecycle: production
                          owner: group:default/team-a
                        """,
                "mkdocs.yml", "site_name: Payments\n",
                "docs/index.md", "# Payments\n\nHow payments work.\n",
                "src/Main.java", "class Main {}\n"));
        Path project = Files.createDirectories(dir.resolve("project"));
        try (GitServer server = GitServer.start(dir.resolve("served"))) {
            CliRun crawl = CliRun.of("crawl", "-C", project.toString(), "--repo", server.url("payments"));
            assertEquals(0, crawl.status(), crawl.out() + crawl.err());
            assertTrue(crawl.out().matches("(?s)git/payments fetched [0-9a-f]{40}\n  catalog catalog-info.yaml\n"
                    + ".*  docs    docs/index.md\n.*  docs    mkdocs.yml\n.*1 repositories, 0 failed.*"), crawl.out());

            CliRun build = CliRun.of("build", "-C", project.toString(), "-o", project.resolve("site").toString(),
                    "--repo", server.url("payments"), "--repo", server.url("gone"));
            assertEquals(0, build.status(), build.out() + build.err());
            assertTrue(Files.isRegularFile(project.resolve("site/catalog/default/component/payments/index.html")));
            assertTrue(build.err().contains("gone"), build.err());
        }
    }
}
