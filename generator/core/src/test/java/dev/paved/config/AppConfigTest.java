package dev.paved.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.crawl.Repository;
import dev.paved.crawl.RepositorySource;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
