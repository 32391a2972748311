package dev.paved.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.crawl.Integration;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.docs.RemoteImages;
import dev.paved.integrations.Service;
import dev.paved.metrics.Metrics;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.StreamSupport;

/**
 * Reads {@code paved.yaml}. Every key is optional; paths are relative to the file. Unknown keys are warnings, so a
 * typo does not pass silently.
 *
 * <pre>
 * title: Tern Logistics developer portal
 * baseUrl: https://portal.example.com/
 * sources: [catalog]          # folders with a catalog-info.yaml, or catalog files
 * content: content
 * theme: themes/default       # a folder; the built-in theme when absent
 * output: target/site
 * rules: [...]                # the organisation's catalog rules; see CatalogRule
 * repositories: [...]         # git repositories and organisations to crawl; see RepositoryReader
 * cache: target/paved-cache   # crawled repositories and the crawl state (restore it in CI)
 * appConfig: app-config.yaml  # a Backstage app-config: its catalog locations and providers, read as they are
 * backendDir: packages/backend  # where the app-config's file locations resolve from, as Backstage's backend
 *                             # resolves them; default packages/backend beside the app-config if it exists, else
 *                             # the app-config's folder
 * scorecards: [catalog/scorecards]   # scorecard folders; by default each source's scorecards/ folder
 * previousScorecards: https://portal.example.com/scorecards.json   # for trends (or a file or site folder)
 * integrations: {github: [{host: ghe.example.com, token: GHE_TOKEN}]}  # hosts remote placeholders are read
 *                             # from, as Backstage's; the app-config's too; see IntegrationReader. With
 *                             # snapshots: true, a GitHub or GitLab host is asked for entity pages' CI cards
 * services: {argocd: [{url: https://argocd.example.com, token: ARGOCD_TOKEN}]}  # the services entity pages'
 *                             # cards are asked of (argocd, kubernetes, grafana, pagerduty, opsgenie, sonarqube);
 *                             # appConfig: true adds the app-config's; see ServiceReader
 * metrics: {history: 180d, production: [production, prod], failureWindow: 24h}   # delivery metrics from Git:
 *                             # how far back (also what the crawl fetches; 0d for none), which environments are
 *                             # production, how soon a rollback marks a deployment failed
 * </pre>
 */
public final class ConfigReader {

    private static final Set<String> KEYS = Set.of("remoteImages", "title", "baseUrl", "sources", "content", "theme", "output",
            "rules", "repositories", "cache", "appConfig", "backendDir", "scorecards", "previousScorecards", "integrations", "services",
            "metrics");

    private ConfigReader() {
    }

    private static String previous(String value, Path dir) {
        return value.isEmpty() || value.matches("^https?://.*") ? value : dir.resolve(value).normalize().toString();
    }

    private static List<Path> paths(JsonNode node, Path dir) {
        List<Path> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(dir.resolve(node.asText()).normalize());
        } else {
            node.forEach(n -> out.add(dir.resolve(n.asText()).normalize()));
        }
        return out;
    }

    /**
     * The configuration of a project folder: its {@code paved.yaml} if there is one, else the defaults.
     */
    public static PavedConfig read(Path projectDir, Diagnostics diagnostics) {
        Path file = projectDir.resolve(PavedConfig.FILE_NAME);
        return Files.isRegularFile(file) ? readFile(file, diagnostics) : PavedConfig.defaults(projectDir);
    }

    /** The configuration in {@code file}; defaults for what it leaves out. */
    public static PavedConfig readFile(Path file, Diagnostics diagnostics) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        PavedConfig defaults = PavedConfig.defaults(dir);
        String display = DisplayPath.of(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(display), Code.UNREADABLE_FILE, "Could not read " + display);
            return defaults;
        }
        List<YamlDocument> docs = YamlReader.read(display, text, diagnostics);
        if (docs.isEmpty()) {
            return defaults;
        }
        YamlDocument doc = docs.get(0);
        JsonNode root = doc.root();
        if (!root.isObject()) {
            diagnostics.error(doc.start(), Code.INVALID_CONFIG, display + " must be a map of settings");
            return defaults;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                diagnostics.warning(doc.at("/" + key), Code.UNKNOWN_CONFIG_KEY, "Unknown setting " + key
                        + "; known settings are " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        List<Path> sources = new ArrayList<>();
        JsonNode s = root.path("sources");
        if (s.isTextual()) {
            sources.add(dir.resolve(s.asText()).normalize());
        } else if (s.isArray()) {
            s.forEach(v -> sources.add(dir.resolve(v.asText()).normalize()));
        }
        List<dev.paved.crawl.RepositorySource> repositories = new ArrayList<>(
                RepositoryReader.read(root.path("repositories"), doc, diagnostics));
        Optional<AppConfigLocations> appConfigLocations = Optional.empty();
        List<Integration> integrations = new ArrayList<>(IntegrationReader.read(root.path("integrations"), doc,
                "/integrations", true, diagnostics));
        List<Service> services = new ArrayList<>(ServiceReader.read(root.path("services"), doc, "/services",
                diagnostics));
        if (root.has("appConfig")) {
            AppConfigReader.Catalog backstage = AppConfigReader.read(dir.resolve(root.path("appConfig").asText())
                    .normalize(), backendDir(root, dir, doc, diagnostics), diagnostics);
            sources.addAll(backstage.files());
            repositories.addAll(backstage.repositories());
            appConfigLocations = backstage.locations();
            backstage.integrations().stream().filter(i -> integrations.stream()
                    .noneMatch(mine -> mine.host().equals(i.host()))).forEach(integrations::add);
            if (ServiceReader.appConfig(root.path("services"))) {
                services = ServiceReader.merge(services, backstage.services());
            }
        } else if (root.has("backendDir")) {
            diagnostics.warning(doc.at("/backendDir"), Code.UNKNOWN_CONFIG_KEY, "backendDir is where the file "
                    + "locations of appConfig resolve from; without appConfig it is not used");
        }
        boolean defaultSources = sources.isEmpty() && !root.has("repositories") && !root.has("appConfig");
        return new PavedConfig(
                root.path("title").asText(defaults.title()),
                root.path("baseUrl").asText(""),
                defaultSources ? defaults.sources() : sources,
                root.has("content") ? dir.resolve(root.path("content").asText()).normalize() : defaults.content(),
                root.has("theme") ? Optional.of(dir.resolve(root.path("theme").asText()).normalize()) : Optional.empty(),
                root.has("output") ? dir.resolve(root.path("output").asText()).normalize() : defaults.output(),
                dir, RuleReader.read(root.path("rules"), doc, diagnostics),
                repositories,
                root.has("cache") ? dir.resolve(root.path("cache").asText()).normalize()
                        : dir.resolve("target/paved-cache"),
                paths(root.path("scorecards"), dir),
                previous(root.path("previousScorecards").asText(""), dir),
                remoteImages(root.path("remoteImages"), doc, diagnostics), appConfigLocations, integrations,
                services, metrics(root.path("metrics"), doc, diagnostics));
    }

    /**
     * {@code metrics}: {@code history} and {@code failureWindow} as durations ({@code 180d}, {@code 24h},
     * {@code 90m}), {@code production} as environment names or one regular expression; a bad value is an error and
     * its default is used.
     */
    private static Metrics.Settings metrics(JsonNode node, YamlDocument doc, Diagnostics diagnostics) {
        Metrics.Settings d = Metrics.Settings.DEFAULTS;
        if (node.isMissingNode()) {
            return d;
        }
        if (!node.isObject()) {
            diagnostics.error(doc.at("/metrics"), Code.INVALID_CONFIG, "metrics must be a map: history, production, "
                    + "failureWindow");
            return d;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("history", "production", "failureWindow").contains(key)) {
                diagnostics.warning(doc.at("/metrics/" + key), Code.UNKNOWN_CONFIG_KEY, "Unknown setting metrics."
                        + key + "; known settings are failureWindow, history, production");
            }
        }
        Duration history = duration(node.path("history"), d.window(), doc, "/metrics/history", diagnostics);
        Duration failure = duration(node.path("failureWindow"), d.failureWindow(), doc, "/metrics/failureWindow",
                diagnostics);
        Pattern production = d.production();
        JsonNode p = node.path("production");
        try {
            if (p.isArray() && !p.isEmpty()) {
                production = Pattern.compile(String.join("|", StreamSupport.stream(p.spliterator(), false)
                        .map(JsonNode::asText).map(Pattern::quote).toList()), Pattern.CASE_INSENSITIVE);
            } else if (p.isTextual()) {
                production = Pattern.compile(p.asText(), Pattern.CASE_INSENSITIVE);
            }
        } catch (PatternSyntaxException e) {
            diagnostics.error(doc.at("/metrics/production"), Code.INVALID_CONFIG, "metrics.production is not a "
                    + "regular expression: " + e.getDescription() + "; the default is used");
        }
        return new Metrics.Settings(history, production, failure);
    }

    private static Duration duration(JsonNode node, Duration fallback, YamlDocument doc, String pointer,
                                     Diagnostics diagnostics) {
        if (node.isMissingNode()) {
            return fallback;
        }
        Matcher m = Pattern.compile("(\\d{1,6})\\s*([dhm])").matcher(node.asText().trim());
        if (!m.matches()) {
            diagnostics.error(doc.at(pointer), Code.INVALID_CONFIG, pointer.substring(1).replace('/', '.')
                    + " is a number of days, hours or minutes (180d, 24h, 90m), not " + node.asText()
                    + "; the default is used");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** {@code backendDir}, when set and a folder; an error when it is not one (the default is used then). */
    private static Optional<Path> backendDir(JsonNode root, Path dir, YamlDocument doc, Diagnostics diagnostics) {
        if (!root.has("backendDir")) {
            return Optional.empty();
        }
        Path backend = dir.resolve(root.path("backendDir").asText()).normalize();
        if (!root.path("backendDir").isTextual() || !Files.isDirectory(backend)) {
            diagnostics.error(doc.at("/backendDir"), Code.INVALID_CONFIG, "backendDir " + DisplayPath.of(backend)
                    + " is not a folder; the app-config's file locations resolve from the default");
            return Optional.empty();
        }
        return Optional.of(backend);
    }

    /** {@code remoteImages}: {@code any} (the default), {@code none}, or a list of hosts ({@code *.example.com}). */
    private static RemoteImages remoteImages(JsonNode node, YamlDocument doc, Diagnostics diagnostics) {
        if (node.isMissingNode() || node.isTextual() && node.asText().equals("any")) {
            return RemoteImages.ANY;
        }
        if (node.isTextual() && node.asText().equals("none")) {
            return RemoteImages.NONE;
        }
        if (node.isArray() && StreamSupport.stream(node.spliterator(), false)
                .allMatch(h -> h.isTextual() && h.asText().matches("(\\*\\.)?[A-Za-z0-9.-]+|\\*"))) {
            List<String> hosts = new ArrayList<>();
            node.forEach(h -> hosts.add(h.asText()));
            return new RemoteImages(hosts);
        }
        diagnostics.error(doc.at("/remoteImages"), Code.INVALID_CONFIG, "remoteImages is any, none or a list of "
                + "host names (img.shields.io, *.example.com); images from any host are shown");
        return RemoteImages.ANY;
    }
}
