package dev.paved.integrations;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The latest CI runs of a project: of each GitHub Actions workflow, or a GitLab project's latest pipelines.
 *
 * @param runs newest first
 */
public record CiRuns(List<Run> runs) implements Reading {

    public CiRuns {
        runs = List.copyOf(runs);
    }

    @Override
    public String kind() {
        return "ci";
    }

    /**
     * Whether CI passes: the latest finished run of each workflow (of the pipeline) passed; empty when no run has
     * finished.
     */
    public Optional<Boolean> passing() {
        Set<String> seen = new HashSet<>();
        Optional<Boolean> all = Optional.empty();
        for (Run r : runs) {
            if (r.finished() && seen.add(r.workflow())) {
                all = Optional.of(all.orElse(true) && r.passed());
            }
        }
        return all;
    }

    /** {@code hasCi} when a workflow or pipeline is there; {@code ciPassing} when one has finished. */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (!runs.isEmpty()) {
            facts.put("hasCi", true);
        }
        passing().ifPresent(p -> facts.put("ciPassing", p));
        return facts;
    }
}
