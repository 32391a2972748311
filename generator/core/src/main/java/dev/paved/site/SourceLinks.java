package dev.paved.site;

import dev.paved.catalog.Entity;
import dev.paved.credential.Redact;
import dev.paved.crawl.Crawler;
import dev.paved.docs.UrlPaths;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an entity's catalog file can be seen and edited, for the About card's "View source" and "Edit" buttons: the
 * {@code backstage.io/view-url} and {@code backstage.io/edit-url} annotations Backstage's processors write, else a
 * {@code backstage.io/source-location}, else the file's address in the crawled repository it came from (GitHub,
 * GitLab and Gitea hosts, recognised by name; another host gets the repository's address).
 *
 * @param view where the file (or its folder, or its repository) is shown, or null
 * @param edit where the file is edited, or null
 */
record SourceLinks(String view, String edit) {

    static final SourceLinks NONE = new SourceLinks(null, null);

    static SourceLinks of(Entity entity, List<Crawler.Crawled> repositories) {
        String view = web(entity.annotation("backstage.io/view-url").orElse(null));
        String edit = web(entity.annotation("backstage.io/edit-url").orElse(null));
        if (view == null) {
            view = entity.annotation("backstage.io/source-location")
                    .map(s -> s.startsWith("url:") ? s.substring(4) : s).map(SourceLinks::web).orElse(null);
        }
        if (view != null && edit != null) {
            return new SourceLinks(view, edit);
        }
        Optional<SourceLinks> crawled = fromCrawl(entity, repositories);
        return new SourceLinks(view != null ? view : crawled.map(SourceLinks::view).orElse(null),
                edit != null ? edit : crawled.map(SourceLinks::edit).orElse(null));
    }

    /** The page of a file of a crawled repository (a GitOps file), or null when it has none. */
    static String file(Path file, List<Crawler.Crawled> repositories) {
        return fromCrawl(file, repositories).map(SourceLinks::view).orElse(null);
    }

    /** The file's address in the repository whose checkout holds it. */
    private static Optional<SourceLinks> fromCrawl(Entity entity, List<Crawler.Crawled> repositories) {
        return fromCrawl(entity.source().file(), repositories);
    }

    private static Optional<SourceLinks> fromCrawl(Path file, List<Crawler.Crawled> repositories) {
        for (Crawler.Crawled crawled : repositories) {
            if (crawled.checkout().isEmpty() || !file.startsWith(crawled.checkout().get())) {
                continue;
            }
            String repository = web(Redact.url(crawled.repository().url()).replaceFirst("\\.git$", ""));
            if (repository == null || repository.contains("@")) {
                return Optional.empty();
            }
            String path = crawled.checkout().get().relativize(file).toString().replace('\\', '/');
            String branch = crawled.repository().branch();
            String host = URI.create(repository).getHost().toLowerCase(Locale.ROOT);
            if (branch == null || branch.isBlank()) {
                return Optional.of(new SourceLinks(repository, null));
            }
            if (host.contains("github")) {
                return Optional.of(new SourceLinks(repository + "/blob/" + branch + "/" + path,
                        repository + "/edit/" + branch + "/" + path));
            }
            if (host.contains("gitlab")) {
                return Optional.of(new SourceLinks(repository + "/-/blob/" + branch + "/" + path,
                        repository + "/-/edit/" + branch + "/" + path));
            }
            if (host.contains("gitea") || host.contains("codeberg") || host.contains("forgejo")) {
                return Optional.of(new SourceLinks(repository + "/src/branch/" + branch + "/" + path,
                        repository + "/_edit/" + branch + "/" + path));
            }
            return Optional.of(new SourceLinks(repository, null));
        }
        return Optional.empty();
    }

    /** An http(s) URL, or null: a page links only to the web. */
    private static String web(String url) {
        if (url == null || !UrlPaths.isWebLink(url) || url.startsWith("mailto:")) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            return uri.getHost() == null ? null : url.trim();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
