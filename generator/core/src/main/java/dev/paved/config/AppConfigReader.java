package dev.paved.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.crawl.Integration;
import dev.paved.crawl.Repository;
import dev.paved.crawl.RepositorySource;
import dev.paved.catalog.RepositoryFiles;
import dev.paved.credential.Redact;
import dev.paved.diagnostic.Code;
import dev.paved.integrations.Service;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the catalog settings of a Backstage {@code app-config.yaml} as they are, so that a Backstage user points
 * Paved at the file they have:
 * <ul>
 *   <li>{@code catalog.locations}: {@code type: file} targets become local sources. Backstage resolves them from
 *       its backend's working folder ({@code packages/backend} in a {@code create-app} repository, hence its
 *       {@code ../../examples/entities.yaml}), so Paved does too: the {@code backendDir} of paved.yaml, else
 *       {@code packages/backend} beside the app-config when it exists, else the app-config's folder. A target that
 *       leads out of the app-config's repository (its git root, else its folder) is an error and is not read;
 *       {@code type: url} targets of the form {@code https://host/owner/repo/blob/<branch>/<path>}
 *       (GitHub, Gitea) or {@code …/-/blob/…} (GitLab) become repositories to crawl, reading that path;</li>
 *   <li>{@code catalog.providers.github.<id>} and {@code catalog.providers.gitlab.<id>} become organisations,
 *       with their {@code catalogPath}/{@code catalogFile} and filters;</li>
 *   <li>{@code integrations.github|gitlab[]} give each host's {@code apiBaseUrl} and the environment variable its
 *       {@code token: ${VAR}} names; they are also the hosts remote placeholders ({@code $text: https://…}) are
 *       read from ({@link IntegrationReader}).</li>
 * </ul>
 */
final class AppConfigReader {

    private static final Pattern BLOB_URL = Pattern.compile("^(https?://[^/]+/.+?)(?:/-)?/blob/([^/]+)/(.+)$");
    private static final Pattern ENV = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");

    /** Where Backstage's backend runs in a {@code create-app} repository, relative to the app-config. */
    static final String CREATE_APP_BACKEND = "packages/backend";

    /**
     * What an app-config contributes: local catalog files, repositories to crawl, and its locations (when it has
     * any), which must give some entity.
     */
    record Catalog(List<Path> files, List<RepositorySource> repositories, Optional<AppConfigLocations> locations,
                   List<Integration> integrations, List<Service> services) {
    }

    private AppConfigReader() {
    }

    /**
     * Reads an app-config.
     *
     * @param backend the folder Backstage's backend runs in, if paved.yaml names one
     */
    static Catalog read(Path file, Optional<Path> backend, Diagnostics diagnostics) {
        String display = DisplayPath.of(file);
        List<Path> files = new ArrayList<>();
        List<RepositorySource> repositories = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(display), Code.UNREADABLE_FILE, "Could not read " + display);
            return new Catalog(files, repositories, Optional.empty(), List.of(), List.of());
        }
        List<YamlDocument> docs = YamlReader.read(display, text, diagnostics);
        if (docs.isEmpty()) {
            return new Catalog(files, repositories, Optional.empty(), List.of(), List.of());
        }
        YamlDocument doc = docs.get(0);
        JsonNode root = doc.root();
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path repository = RepositoryFiles.repositoryRoot(dir);
        Path base = backend.orElseGet(() -> Files.isDirectory(dir.resolve(CREATE_APP_BACKEND))
                ? dir.resolve(CREATE_APP_BACKEND) : dir);

        JsonNode locations = root.path("catalog").path("locations");
        for (int i = 0; i < locations.size(); i++) {
            JsonNode l = locations.get(i);
            String type = l.path("type").asText();
            String target = l.path("target").asText();
            if (type.equals("file")) {
                Optional<Path> resolved = RepositoryFiles.resolveInside(repository, base, target);
                if (resolved.isPresent()) {
                    files.add(resolved.get());
                } else {
                    diagnostics.error(doc.at("/catalog/locations/" + i + "/target"), Code.PATH_OUTSIDE_REPOSITORY,
                            "The file location " + target + ", resolved from " + DisplayPath.of(base)
                                    + " as Backstage's backend resolves it, leads out of the repository "
                                    + DisplayPath.of(repository) + "; not read");
                }
            } else if (type.equals("url")) {
                Matcher m = BLOB_URL.matcher(target);
                if (m.matches()) {
                    String repo = m.group(1);
                    Optional<String> token = integration(root, hostOf(repo)).map(n -> variable(n.path("token")))
                            .filter(v -> !v.isEmpty());
                    repositories.add(new RepositorySource.Single(new Repository(repoName(repo), repo + ".git",
                            m.group(2), List.of(m.group(3)), token.orElse(""))));
                } else {
                    diagnostics.warning(doc.at("/catalog/locations/" + i + "/target"), Code.INVALID_CONFIG,
                            "Paved reads url locations of the form https://host/owner/repo/blob/<branch>/<path>; "
                                    + Redact.url(target) + " is left out");
                }
            }
        }

        JsonNode providers = root.path("catalog").path("providers");
        for (String kind : List.of("github", "gitlab")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = providers.path(kind).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode provider = p.getValue().deepCopy();
                String host = provider.path("host").asText(kind.equals("github") ? "github.com" : "gitlab.com");
                Optional<JsonNode> integration = integration(root.path("integrations").path(kind), host);
                com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                        provider;
                integration.ifPresent(n -> {
                    if (n.has("apiBaseUrl")) {
                        o.put("apiBaseUrl", n.path("apiBaseUrl").asText());
                    }
                    String variable = variable(n.path("token"));
                    if (!variable.isEmpty()) {
                        o.put("token", variable);
                    }
                });
                RepositoryReader.organisation(kind, o, doc, "/catalog/providers/" + kind + "/" + p.getKey(),
                        diagnostics).ifPresent(repositories::add);
            }
        }
        Optional<AppConfigLocations> configured = locations.isEmpty() ? Optional.empty()
                : Optional.of(new AppConfigLocations(doc.at("/catalog/locations"), base));
        return new Catalog(files, repositories, configured, IntegrationReader.read(root.path("integrations"), doc,
                "/integrations", false, diagnostics), ServiceReader.readAppConfig(root, doc, diagnostics));
    }

    /** The integration entry of a host, in a list of integrations (or in the whole config's integrations). */
    private static Optional<JsonNode> integration(JsonNode integrations, String host) {
        if (integrations.has("integrations")) {
            for (String kind : List.of("github", "gitlab", "gitea")) {
                Optional<JsonNode> found = integration(integrations.path("integrations").path(kind), host);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        for (JsonNode n : integrations) {
            if (n.path("host").asText().equals(host)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The variable a {@code ${VAR}} value names, or empty (a literal token is never used). */
    private static String variable(JsonNode token) {
        Matcher m = ENV.matcher(token.asText(""));
        return m.matches() ? m.group(1) : "";
    }

    private static String hostOf(String url) {
        return java.net.URI.create(url).getHost();
    }

    private static String repoName(String url) {
        String path = java.net.URI.create(url).getPath().replaceFirst("^/", "");
        return path.isEmpty() ? url : path;
    }
}
