package dev.paved.crawl;

import dev.paved.credential.HostToken;
import dev.paved.credential.Origin;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host Backstage's {@code integrations} configure (GitHub, GitLab, Gitea): the only hosts whose URLs Paved reads,
 * and how. As Backstage's URL reader, {@code github.com} and {@code gitlab.com} are there without a token when no
 * integration names them ({@link #IMPLICIT}).
 *
 * <p>A file URL of the host's web pages is read from its raw form:
 * <ul>
 *   <li>GitHub: {@code https://<host>/<owner>/<repo>/blob/<ref>/<path>} from {@code <rawBaseUrl>/<owner>/<repo>/<ref>/<path>}
 *       ({@code rawBaseUrl} is {@code https://raw.githubusercontent.com} for github.com, {@code https://<host>/raw}
 *       for GitHub Enterprise, unless configured);</li>
 *   <li>GitLab: {@code …/-/blob/<ref>/<path>} from {@code …/-/raw/<ref>/<path>};</li>
 *   <li>Gitea: {@code …/src/branch|commit|tag/<ref>/<path>} from {@code …/raw/branch|commit|tag/<ref>/<path>}.</li>
 * </ul>
 * Any other URL of the host (a raw URL already) is read as it is.
 *
 * @param provider      the kind of host
 * @param host          its host name, with {@code :port} when not the default, lower case (e.g. {@code github.com})
 * @param apiBaseUrl    its REST API's root, or empty; a token goes there too
 * @param rawBaseUrl    where GitHub serves raw files, or empty for the default
 * @param tokenVariable the environment variable holding its token, or empty
 * @param snapshots     whether a build asks its API for what entity pages show of it (CI runs, pipelines): only when
 *                      {@code paved.yaml} says so ({@code snapshots: true}), so a build makes no call by default
 */
public record Integration(RepositorySource.Provider provider, String host, String apiBaseUrl, String rawBaseUrl,
                          String tokenVariable, boolean snapshots) {

    /** An integration whose API a build does not ask for snapshots. */
    public Integration(RepositorySource.Provider provider, String host, String apiBaseUrl, String rawBaseUrl,
                       String tokenVariable) {
        this(provider, host, apiBaseUrl, rawBaseUrl, tokenVariable, false);
    }

    /** The hosts Backstage reads from without configuration: github.com and gitlab.com, without a token. */
    public static final List<Integration> IMPLICIT = List.of(
            new Integration(RepositorySource.Provider.GITHUB, "github.com", "", "", ""),
            new Integration(RepositorySource.Provider.GITLAB, "gitlab.com", "", "", ""));

    private static final Pattern GITHUB_BLOB = Pattern.compile("^/([^/]+)/([^/]+)/blob/(.+)$");
    private static final Pattern GITEA_SRC = Pattern.compile("/src/(branch|commit|tag)/");

    public Integration {
        host = host.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        apiBaseUrl = apiBaseUrl == null ? "" : apiBaseUrl.replaceAll("/+$", "");
        rawBaseUrl = rawBaseUrl == null || rawBaseUrl.isBlank()
                ? provider == RepositorySource.Provider.GITHUB
                ? host.equals("github.com") ? "https://raw.githubusercontent.com" : "https://" + host + "/raw" : ""
                : rawBaseUrl.replaceAll("/+$", "");
        tokenVariable = tokenVariable == null ? "" : tokenVariable;
    }

    /** Whether URLs of {@code uri}'s host are this integration's: its host, or its raw files' origin. */
    boolean serves(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        return onHost(uri) || !rawBaseUrl.isEmpty() && Origin.of(rawBaseUrl).equals(Origin.of(uri));
    }

    /** Whether {@code uri}'s host (and port, when not its scheme's default) is this integration's host. */
    private boolean onHost(URI uri) {
        Optional<Origin> at = Origin.of(uri);
        return at.isPresent() && (at.get().host() + (uri.getPort() < 0 || uri.getPort() == defaultPort(uri) ? ""
                : ":" + uri.getPort())).equals(host);
    }

    /** The URL the text of {@code uri} is read from: its raw form (see the class comment), else itself. */
    URI rawUrl(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        switch (provider) {
            case GITHUB -> {
                Matcher m = GITHUB_BLOB.matcher(path);
                if (m.matches() && onHost(uri)) {
                    return URI.create(rawBaseUrl + "/" + m.group(1) + "/" + m.group(2) + "/" + m.group(3) + query);
                }
            }
            case GITLAB -> {
                if (path.contains("/-/blob/") && onHost(uri)) {
                    return uri.resolve(path.replaceFirst("/-/blob/", "/-/raw/") + query);
                }
            }
            case GITEA -> {
                Matcher m = GITEA_SRC.matcher(path);
                if (m.find() && onHost(uri)) {
                    return uri.resolve(path.substring(0, m.start()) + "/raw/" + m.group(1) + "/"
                            + path.substring(m.end()) + query);
                }
            }
            default -> {
            }
        }
        return uri;
    }

    /** How the host takes a token. */
    public TokenHttp.Header header() {
        return switch (provider) {
            case GITHUB -> TokenHttp.Header.BEARER;
            case GITLAB -> TokenHttp.Header.PRIVATE_TOKEN;
            case GITEA -> TokenHttp.Header.TOKEN;
        };
    }

    /**
     * The token for this host, its raw files and its API, under the credential policy: https, plain http only when
     * the host is loopback.
     *
     * @throws TokenRefusedException when the raw files or the API are plain http to a host that is not loopback
     */
    public HostToken token(String secret) throws TokenRefusedException {
        List<String> urls = new ArrayList<>(List.of("https://" + host));
        if (Origin.of("http://" + host).filter(Origin::loopback).isPresent()) {
            urls.add("http://" + host);
        }
        if (!rawBaseUrl.isEmpty()) {
            urls.add(rawBaseUrl);
        }
        if (!apiBaseUrl.isEmpty()) {
            urls.add(apiBaseUrl);
        }
        return HostToken.of(tokenVariable, secret, urls.toArray(String[]::new));
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }
}
