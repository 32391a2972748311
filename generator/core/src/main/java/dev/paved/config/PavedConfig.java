package dev.paved.config;

import dev.paved.catalog.CatalogRule;
import dev.paved.crawl.Integration;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.Service;
import dev.paved.metrics.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to build and how, from {@code paved.yaml} or defaults. Paths are absolute.
 *
 * @param title   the portal's title
 * @param baseUrl the URL the portal is served from, or empty; pages link relatively either way
 * @param sources the catalog sources: folders (their {@code catalog-info.yaml}) or catalog files
 * @param content the folder of the portal's own pages
 * @param theme   a theme folder overriding the built-in default theme, if any
 * @param output  where the site is written
 * @param projectDir the project folder; the site shows file paths relative to it
 * @param rules   the organisation's own catalog rules
 * @param repositories git repositories and organisations to crawl, besides the local sources
 * @param cache   the folder crawled repositories and the crawl state are kept in
 * @param scorecards folders (or files) of scorecards; empty for the {@code scorecards/} folder of each source
 * @param previousScorecards the previous publish's {@code scorecards.json} (file, site folder or URL), or empty
 * @param remoteImages which hosts images in docs and content pages may load from
 * @param appConfigLocations the locations of the Backstage app-config read ({@code appConfig}), if it has any
 * @param integrations the hosts remote placeholders ({@code $text: https://…}) are read from, with their tokens'
 *                     variables: the app-config's {@code integrations} and paved.yaml's
 * @param services     the services entity pages' cards are asked of (Argo CD, Kubernetes, Grafana, PagerDuty,
 *                     Opsgenie, SonarQube): paved.yaml's {@code services}
 * @param metrics      how delivery is measured, and how much history the crawl fetches: paved.yaml's
 *                     {@code metrics}
 */
public record PavedConfig(String title, String baseUrl, List<Path> sources, Path content, Optional<Path> theme,
                          Path output, Path projectDir, List<CatalogRule> rules,
                          List<dev.paved.crawl.RepositorySource> repositories, Path cache, List<Path> scorecards,
                          String previousScorecards, RemoteImages remoteImages,
                          Optional<AppConfigLocations> appConfigLocations, List<Integration> integrations,
                          List<Service> services, Metrics.Settings metrics) {

    /** A configuration measuring delivery with the default settings. */
    public PavedConfig(String title, String baseUrl, List<Path> sources, Path content, Optional<Path> theme,
                       Path output, Path projectDir, List<CatalogRule> rules,
                       List<dev.paved.crawl.RepositorySource> repositories, Path cache, List<Path> scorecards,
                       String previousScorecards, RemoteImages remoteImages,
                       Optional<AppConfigLocations> appConfigLocations, List<Integration> integrations,
                       List<Service> services) {
        this(title, baseUrl, sources, content, theme, output, projectDir, rules, repositories, cache, scorecards,
                previousScorecards, remoteImages, appConfigLocations, integrations, services, Metrics.Settings.DEFAULTS);
    }

    /** A configuration without services to ask. */
    public PavedConfig(String title, String baseUrl, List<Path> sources, Path content, Optional<Path> theme,
                       Path output, Path projectDir, List<CatalogRule> rules,
                       List<dev.paved.crawl.RepositorySource> repositories, Path cache, List<Path> scorecards,
                       String previousScorecards, RemoteImages remoteImages,
                       Optional<AppConfigLocations> appConfigLocations, List<Integration> integrations) {
        this(title, baseUrl, sources, content, theme, output, projectDir, rules, repositories, cache, scorecards,
                previousScorecards, remoteImages, appConfigLocations, integrations, List.of());
    }

    /** A configuration without integrations. */
    public PavedConfig(String title, String baseUrl, List<Path> sources, Path content, Optional<Path> theme,
                       Path output, Path projectDir, List<CatalogRule> rules,
                       List<dev.paved.crawl.RepositorySource> repositories, Path cache, List<Path> scorecards,
                       String previousScorecards, RemoteImages remoteImages,
                       Optional<AppConfigLocations> appConfigLocations) {
        this(title, baseUrl, sources, content, theme, output, projectDir, rules, repositories, cache, scorecards,
                previousScorecards, remoteImages, appConfigLocations, List.of());
    }

    /** A configuration without a Backstage app-config. */
    public PavedConfig(String title, String baseUrl, List<Path> sources, Path content, Optional<Path> theme,
                       Path output, Path projectDir, List<CatalogRule> rules,
                       List<dev.paved.crawl.RepositorySource> repositories, Path cache, List<Path> scorecards,
                       String previousScorecards, RemoteImages remoteImages) {
        this(title, baseUrl, sources, content, theme, output, projectDir, rules, repositories, cache, scorecards,
                previousScorecards, remoteImages, Optional.empty());
    }

    /** A configuration without repositories to crawl, its cache in {@code target/paved-cache}. */
    public PavedConfig(String title, String baseUrl, List<Path> sources, Path content, Optional<Path> theme,
                       Path output, Path projectDir, List<CatalogRule> rules) {
        this(title, baseUrl, sources, content, theme, output, projectDir, rules, List.of(),
                projectDir.toAbsolutePath().normalize().resolve("target/paved-cache"), List.of(), "", RemoteImages.ANY);
    }

    /** The configuration file's usual name. */
    public static final String FILE_NAME = "paved.yaml";

    public PavedConfig {
        sources = List.copyOf(sources);
        rules = List.copyOf(rules);
        repositories = List.copyOf(repositories);
        scorecards = List.copyOf(scorecards);
        integrations = List.copyOf(integrations);
        services = List.copyOf(services);
    }

    /** The defaults for a project folder: {@code catalog/}, {@code content/}, output in {@code target/site}. */
    public static PavedConfig defaults(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        return new PavedConfig("Developer portal", "", List.of(dir.resolve("catalog")), dir.resolve("content"),
                Optional.empty(), dir.resolve("target/site"), dir, List.of());
    }

    /** This configuration writing to another folder. */
    public PavedConfig withOutput(Path newOutput) {
        return new PavedConfig(title, baseUrl, sources, content, theme, newOutput.toAbsolutePath().normalize(), projectDir,
                rules, repositories, cache, scorecards, previousScorecards, remoteImages,
                appConfigLocations, integrations, services, metrics);
    }

    /** This configuration reading other catalog sources (instead of the app-config's locations too). */
    public PavedConfig withSources(List<Path> newSources) {
        return new PavedConfig(title, baseUrl, newSources.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
                content, theme, output, projectDir, rules, repositories, cache, scorecards, previousScorecards,
                remoteImages, Optional.empty(), integrations, services, metrics);
    }

    /** The scorecard folders: the configured ones, else each source folder's {@code scorecards/}. */
    public List<Path> scorecardLocations() {
        if (!scorecards.isEmpty()) {
            return scorecards;
        }
        return sources.stream().map(p -> java.nio.file.Files.isDirectory(p) ? p : p.getParent())
                .filter(java.util.Objects::nonNull).map(p -> p.resolve("scorecards")).distinct().toList();
    }

    /** This configuration crawling other repositories (and only them, when {@code alone}: no local sources). */
    public PavedConfig withRepositories(List<dev.paved.crawl.RepositorySource> newRepositories, boolean alone) {
        return new PavedConfig(title, baseUrl, alone ? List.of() : sources, content, theme, output, projectDir, rules,
                newRepositories, cache, scorecards, previousScorecards, remoteImages,
                alone ? Optional.empty() : appConfigLocations, integrations, services);
    }

    /** This configuration with its cache in another folder. */
    public PavedConfig withCache(Path folder) {
        return new PavedConfig(title, baseUrl, sources, content, theme, output, projectDir, rules, repositories,
                folder.toAbsolutePath().normalize(), scorecards, previousScorecards, remoteImages,
                appConfigLocations, integrations, services, metrics);
    }
}
