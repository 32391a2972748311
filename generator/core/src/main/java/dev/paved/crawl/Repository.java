package dev.paved.crawl;

import dev.paved.credential.Redact;
import java.util.List;

/**
 * A git repository to crawl.
 *
 * @param name         how it is shown, e.g. {@code acme/payments}
 * @param url          what it is cloned from: any URL JGit fetches ({@code https://}, {@code ssh://},
 *                     {@code git://}, {@code file://}); credentials are never part of it
 * @param branch       the branch, or empty for the remote's default
 * @param catalogPaths where its catalog files are, as globs relative to its root ({@code catalog-info.yaml},
 *                     {@code .backstage/*.yaml})
 * @param tokenVariable the environment variable holding an HTTPS token for it, or empty
 */
public record Repository(String name, String url, String branch, List<String> catalogPaths, String tokenVariable) {

    /** Where Backstage looks by default. */
    public static final List<String> DEFAULT_CATALOG_PATHS = List.of("catalog-info.yaml");

    public Repository {
        catalogPaths = catalogPaths.isEmpty() ? DEFAULT_CATALOG_PATHS : List.copyOf(catalogPaths);
        branch = branch == null ? "" : branch;
        tokenVariable = tokenVariable == null ? "" : tokenVariable;
    }

    /** A repository by URL alone: its default branch, {@code catalog-info.yaml} at the root. */
    public static Repository of(String url) {
        return new Repository(nameOf(url), url, "", List.of(), "");
    }

    /** {@code owner/repo} from a URL's last two path segments, without {@code .git} (nor credentials). */
    static String nameOf(String url) {
        String path = Redact.url(url).replaceAll("[?#].*$", "").replaceAll("/+$", "").replaceAll("\\.git$", "");
        String[] parts = path.split("[/:]");
        int n = parts.length;
        return n >= 2 && !parts[n - 2].isEmpty() ? parts[n - 2] + "/" + parts[n - 1] : parts[n - 1];
    }
}
