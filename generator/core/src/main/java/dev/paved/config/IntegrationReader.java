package dev.paved.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.crawl.Integration;
import dev.paved.crawl.RepositorySource;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Backstage's {@code integrations}, in an app-config or in {@code paved.yaml} (the same shape):
 *
 * <pre>
 * integrations:
 *   github:
 *     - host: github.com
 *       token: ${GITHUB_TOKEN}          # paved.yaml also takes the variable's name alone: GITHUB_TOKEN
 *     - host: ghe.example.com
 *       apiBaseUrl: https://ghe.example.com/api/v3
 *       rawBaseUrl: https://ghe.example.com/raw
 *   gitlab:
 *     - host: gitlab.example.com
 *       token: ${GITLAB_TOKEN}
 *   gitea:
 *     - host: gitea.example.com
 * </pre>
 * Tokens are names of environment variables; a token written out is not used (a warning says so). In
 * {@code paved.yaml}, {@code snapshots: true} on a GitHub or GitLab host has the build ask its API for the CI runs
 * entity pages show (see {@code dev.paved.integrations}); without it, a build makes no call to it.
 */
final class IntegrationReader {

    private static final Pattern ENV = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private IntegrationReader() {
    }

    /**
     * The integrations under {@code node} (the {@code integrations} map).
     *
     * @param at        its JSON pointer in {@code doc}
     * @param bareNames whether a token may be a variable's name alone (paved.yaml), not only {@code ${VAR}}
     */
    static List<Integration> read(JsonNode node, YamlDocument doc, String at, boolean bareNames,
                                  Diagnostics diagnostics) {
        List<Integration> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        for (String kind : List.of("github", "gitlab", "gitea")) {
            JsonNode list = node.path(kind);
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                String where = at + "/" + kind + "/" + i;
                String host = n.path("host").asText(switch (kind) {
                    case "github" -> "github.com";
                    case "gitlab" -> "gitlab.com";
                    default -> "";
                });
                if (host.isEmpty() || host.contains("/")) {
                    diagnostics.error(doc.at(where), Code.INVALID_CONFIG, "An integration needs its host, a name "
                            + "such as git.example.com (with :port when not the default), not a URL");
                    continue;
                }
                out.add(new Integration(RepositorySource.Provider.valueOf(kind.toUpperCase(Locale.ROOT)), host,
                        n.path("apiBaseUrl").asText(n.path("baseUrl").asText("")), n.path("rawBaseUrl").asText(""),
                        variable(n.path("token"), bareNames, doc, where + "/token", diagnostics),
                        bareNames && snapshots(n.path("snapshots"), doc, where + "/snapshots", diagnostics)));
            }
        }
        return out;
    }

    private static boolean snapshots(JsonNode value, YamlDocument doc, String at, Diagnostics diagnostics) {
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            diagnostics.error(doc.at(at), Code.INVALID_CONFIG, "snapshots is true or false; the build asks this "
                    + "host's API for nothing");
            return false;
        }
        return value.asBoolean();
    }

    private static String variable(JsonNode token, boolean bareNames, YamlDocument doc, String at,
                                   Diagnostics diagnostics) {
        return variable(token, bareNames, doc, at, "An integration's", diagnostics);
    }

    /**
     * The environment variable a token names: {@code ${VARIABLE}}, or (where {@code bareNames}) the name alone; a
     * token written out is not used, with a warning at {@code at} that starts with {@code whose}.
     */
    static String variable(JsonNode token, boolean bareNames, YamlDocument doc, String at, String whose,
                           Diagnostics diagnostics) {
        if (token.isMissingNode() || token.isNull()) {
            return "";
        }
        String text = token.asText("");
        Matcher m = ENV.matcher(text);
        if (m.matches()) {
            return m.group(1);
        }
        if (bareNames && NAME.matcher(text).matches()) {
            return text;
        }
        diagnostics.warning(doc.at(at), Code.INVALID_CONFIG, whose + " token is the environment variable "
                + "holding it, written ${VARIABLE}; a token written out is not used");
        return "";
    }
}
