package dev.paved.crawl;

import java.util.List;
import java.util.regex.Pattern;

/** Where repositories to crawl come from: named one by one, or discovered in an organisation. */
public sealed interface RepositorySource permits RepositorySource.Single, RepositorySource.Organisation {

    /** One repository named in the configuration or on the command line. */
    record Single(Repository repository) implements RepositorySource {
    }

    /** The hosting services whose organisations Paved lists. */
    enum Provider {
        /** GitHub or GitHub Enterprise: {@code GET /orgs/{org}/repos}. */
        GITHUB,
        /** GitLab: {@code GET /groups/{group}/projects?include_subgroups=true}. */
        GITLAB,
        /** Gitea or Forgejo: {@code GET /orgs/{org}/repos}. */
        GITEA
    }

    /**
     * Every repository of an organisation (a GitLab group with its subgroups) that passes the filters, as
     * Backstage's GitHub and GitLab providers find them.
     *
     * @param apiBaseUrl    the REST API's root, e.g. {@code https://api.github.com},
     *                      {@code https://github.example.com/api/v3}, {@code https://gitlab.com/api/v4}
     * @param organization  the organisation or group path
     * @param tokenVariable the environment variable holding the API and clone token, or empty
     * @param catalogPath   where catalog files are in each repository (a glob)
     * @param filters       which repositories to keep
     */
    record Organisation(Provider provider, String apiBaseUrl, String organization, String tokenVariable,
                        String catalogPath, Filters filters) implements RepositorySource {
    }

    /**
     * Which discovered repositories to crawl.
     *
     * @param repository    their names must match this (anchored) pattern; null for any
     * @param branch        the branch to read, or empty for each repository's default
     * @param topicsInclude keep only repositories with one of these topics (none: keep all)
     * @param topicsExclude drop repositories with one of these topics
     * @param allowForks    keep forks (Backstage's default: yes)
     * @param allowArchived keep archived repositories (Backstage never does)
     */
    record Filters(Pattern repository, String branch, List<String> topicsInclude, List<String> topicsExclude,
                   boolean allowForks, boolean allowArchived) {

        /** Backstage's defaults: every repository that is not archived, forks included. */
        public static Filters defaults() {
            return new Filters(null, "", List.of(), List.of(), true, false);
        }

        public Filters {
            topicsInclude = List.copyOf(topicsInclude);
            topicsExclude = List.copyOf(topicsExclude);
            branch = branch == null ? "" : branch;
        }

        boolean keeps(String name, boolean fork, boolean archived, List<String> topics) {
            if (archived && !allowArchived || fork && !allowForks) {
                return false;
            }
            if (repository != null && !repository.matcher(name).matches()) {
                return false;
            }
            if (!topicsInclude.isEmpty() && topics.stream().noneMatch(topicsInclude::contains)) {
                return false;
            }
            return topics.stream().noneMatch(topicsExclude::contains);
        }
    }
}
