package dev.paved.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.crawl.Integration;
import dev.paved.crawl.Repository;
import dev.paved.crawl.RepositorySource;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import dev.paved.pipeline.Pipeline;
import dev.paved.site.SiteGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Backstage app-config.yaml, read as it is: its catalog locations and providers become Paved's sources. */
class AppConfigTest {

    @Test
    void locationsAndProvidersBecomeSourcesAndRepositories() {
        Diagnostics diagnostics = new Diagnostics();
        PavedConfig config = ConfigReader.read(TestFiles.resource("appconfig"), diagnostics);

        assertEquals(List.of(TestFiles.resource("appconfig/catalog/all.yaml")), config.sources(),
                "file locations are local sources; the default catalog/ folder is not added");
        List<RepositorySource> repos = config.repositories();
        assertEquals(new RepositorySource.Single(new Repository("acme/payments", "https://github.com/acme/payments.git",
                "main", List.of("catalog-info.yaml"), "GITHUB_TOKEN")), repos.get(0));
        assertEquals(new RepositorySource.Single(new Repository("platform/billing",
                "https://gitlab.acme.example/platform/billing.git", "develop", List.of(".backstage/billing.yaml"),
                "")), repos.get(1));

        RepositorySource.Organisation acme = (RepositorySource.Organisation) repos.get(2);
        assertEquals(RepositorySource.Provider.GITHUB, acme.provider());
        assertEquals("https://api.github.com", acme.apiBaseUrl());
        assertEquals("acme", acme.organization());
        assertEquals("GITHUB_TOKEN", acme.tokenVariable(), "the variable ${GITHUB_TOKEN} names, never a token");
        assertEquals("catalog-info.yaml", acme.catalogPath());
        assertEquals("main", acme.filters().branch());
        assertTrue(acme.filters().repository().matcher("svc-payments").matches());
        assertEquals(List.of("experimental"), acme.filters().topicsExclude());

        RepositorySource.Organisation enterprise = (RepositorySource.Organisation) repos.get(3);
        assertEquals("https://ghe.acme.example/api/v3", enterprise.apiBaseUrl());
        assertEquals("GHE_TOKEN", enterprise.tokenVariable());
        assertEquals(4, repos.size());

        // The one location Paved cannot read is reported with its line, and nothing else.
        assertEquals(1, diagnostics.sorted().size(), diagnostics.sorted().toString());
        assertEquals(Code.INVALID_CONFIG, diagnostics.sorted().get(0).code());
        assertEquals(25, diagnostics.sorted().get(0).line(), "the line of the url location it leaves out");
    }

    @Test
    void integrationsAreTheHostsRemotePlaceholdersAreReadFrom() {
        Diagnostics diagnostics = new Diagnostics();
        PavedConfig config = ConfigReader.read(TestFiles.resource("appconfig-integrations"), diagnostics);

        assertEquals(List.of(
                new Integration(RepositorySource.Provider.GITHUB, "ghe.acme.example", "",
                        "https://raw.ghe.acme.example", "PAVED_GHE_TOKEN"),
                new Integration(RepositorySource.Provider.GITLAB, "gitlab.acme.example", "", "", "GITLAB_TOKEN"),
                new Integration(RepositorySource.Provider.GITEA, "gitea.acme.example", "", "", ""),
                new Integration(RepositorySource.Provider.GITHUB, "github.com", "", "", "GITHUB_TOKEN")),
                config.integrations(), "paved.yaml's first, then the app-config's hosts it does not name");
        assertEquals("https://raw.githubusercontent.com", config.integrations().get(3).rawBaseUrl());

        List<Diagnostic> tokens = diagnostics.sorted().stream().filter(d -> d.file().endsWith("paved.yaml")).toList();
        assertEquals(1, tokens.size(), diagnostics.sorted().toString());
        assertEquals(14, tokens.get(0).line(), "a token written out is not used, and said so");
        assertTrue(tokens.get(0).message().contains("${VARIABLE}"));
        assertTrue(diagnostics.sorted().stream().noneMatch(d -> d.message().contains("hunter2")));
    }

    /**
     * {@code npx @backstage/create-app} writes app-config.yaml at the root and file locations such as
     * {@code ../../examples/entities.yaml}: Backstage resolves them from its backend's folder, packages/backend.
     */
    @Test
    void aCreateAppRepositoryBuildsItsPortalFromTheAppConfigAlone() {
        Path repository = TestFiles.resource("createapp");
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.read(repository, problems);

        assertEquals(List.of(repository.resolve("examples/entities.yaml"),
                repository.resolve("examples/template/template.yaml"), repository.resolve("examples/org.yaml")),
                config.sources(), "resolved from packages/backend, as Backstage's backend resolves them");
        SiteGenerator.Input portal = Pipeline.read(config, Pipeline.Options.defaults(), problems);
        assertEquals(List.of("api:default/example-grpc-api", "component:default/example-website",
                        "group:default/guests", "system:default/examples",
                        "template:default/example-nodejs-template", "user:default/guest"),
                portal.catalog().entities().stream().map(e -> e.ref().toString()).sorted().toList());
        assertEquals(List.of(), errors(problems));
    }

    @Test
    void theBackendFolderIsASettingBesideAppConfig(@TempDir Path dir) throws IOException {
        Path repository = copy(TestFiles.resource("createapp"), dir.resolve("repo"));
        Files.createDirectories(repository.resolve("apps"));
        Files.move(repository.resolve("packages/backend"), repository.resolve("apps/backend"));
        Files.writeString(repository.resolve("paved.yaml"), "appConfig: app-config.yaml\nbackendDir: apps/backend\n");
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.read(repository, problems);

        assertEquals(repository.resolve("examples/entities.yaml"), config.sources().get(0));
        assertEquals(6, Pipeline.read(config, Pipeline.Options.defaults(), problems).catalog().size());
        assertEquals(List.of(), errors(problems));
    }

    /**
     * Without packages/backend, locations resolve from the app-config's folder: {@code ../../examples} then leads out
     * of the repository. Nothing outside is read; each location is named with its line, and an app-config whose
     * locations give no entity at all is an error, not an empty portal.
     */
    @Test
    void locationsThatLeadOutOfTheRepositoryAreErrorsAndAnEmptyCatalogIsOne(@TempDir Path dir) throws IOException {
        Path repository = copy(TestFiles.resource("createapp"), dir.resolve("repo"));
        Files.delete(repository.resolve("packages/backend/package.json"));
        Files.delete(repository.resolve("packages/backend"));
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.read(repository, problems);

        assertEquals(List.of(), config.sources(), "nothing outside the repository is read");
        List<Diagnostic> outside = problems.sorted().stream()
                .filter(d -> d.code() == Code.PATH_OUTSIDE_REPOSITORY).toList();
        assertEquals(List.of(22, 26, 32), outside.stream().map(Diagnostic::line).toList());
        assertTrue(outside.stream().allMatch(d -> d.file().endsWith("app-config.yaml")
                && d.severity() == Severity.ERROR), outside.toString());
        assertTrue(outside.get(0).message().contains("../../examples/entities.yaml"), outside.get(0).message());

        Diagnostics build = new Diagnostics();
        assertEquals(0, Pipeline.read(config, Pipeline.Options.defaults(), build).catalog().size());
        List<Diagnostic> empty = build.sorted().stream().filter(d -> d.code() == Code.LOCATIONS_EMPTY).toList();
        assertEquals(1, empty.size(), build.sorted().toString());
        assertEquals(Severity.ERROR, empty.get(0).severity());
        assertEquals(21, empty.get(0).line(), "where catalog.locations begin");
    }

    private static List<Diagnostic> errors(Diagnostics problems) {
        return problems.sorted().stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
