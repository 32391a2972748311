package dev.paved.integrations;

import java.util.List;
import java.util.Map;

/**
 * A repository's deployments as its host records them (GitHub's deployments API), newest first: what the metrics
 * count for a component whose deployments Git's files do not show.
 *
 * @param deployments newest first
 */
public record HostDeployments(List<Entry> deployments) implements Reading {

    public HostDeployments {
        deployments = List.copyOf(deployments);
    }

    @Override
    public String kind() {
        return "deployments";
    }

    /** None: the metrics stage turns deployments into facts. */
    @Override
    public Map<String, Object> facts() {
        return Map.of();
    }

    /**
     * One deployment.
     *
     * @param sha         the commit deployed
     * @param ref         the branch, tag or commit asked for
     * @param environment the environment it went to
     * @param createdAt   when it was made (ISO-8601)
     * @param link        the commit's page on the host, or empty
     */
    public record Entry(String sha, String ref, String environment, String createdAt, String link) {

        /** The first seven characters of the commit's id. */
        public String shortSha() {
            return sha.substring(0, Math.min(7, sha.length()));
        }
    }
}
