package dev.paved.integrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SonarQube project's quality gate and main measures.
 *
 * @param project  the project's key
 * @param name     its name, as SonarQube shows it
 * @param status   the quality gate: {@code OK}, {@code ERROR}, {@code WARN} (older versions) or {@code NONE}
 * @param failed   the gate's conditions that are not met
 * @param measures the measures SonarQube has of it, in a fixed order (bugs, vulnerabilities, code smells, coverage,
 *                 duplications, hotspots reviewed)
 * @param badge    the gate's live status image, when the instance serves badges
 */
public record QualityGate(String project, String name, String status, List<Condition> failed, List<Measure> measures,
                          Optional<Badge> badge) implements Reading {

    public QualityGate {
        failed = List.copyOf(failed);
        measures = List.copyOf(measures);
    }

    /**
     * A condition of the gate.
     *
     * @param metric     its metric's key ({@code new_coverage})
     * @param comparator {@code LT} or {@code GT}
     * @param threshold  the value it fails at
     * @param actual     the project's value
     */
    public record Condition(String metric, String comparator, String threshold, String actual) {
    }

    /**
     * A measure.
     *
     * @param metric its key ({@code coverage})
     * @param label  what the card calls it
     * @param value  its value, as SonarQube gives it ({@code 81.4}); a percentage's unit is the label's
     */
    public record Measure(String metric, String label, String value) {
    }

    @Override
    public String kind() {
        return "quality";
    }

    /** Whether the gate passed. */
    public boolean passed() {
        return status.equals("OK");
    }

    /** The badge's URL, or empty: for templates. */
    public String badgeUrl() {
        return badge.map(Badge::url).orElse("");
    }

    /** Whether the badge is shown as an image (else as a link): for templates. */
    public boolean badgeImage() {
        return badge.filter(Badge::image).isPresent();
    }

    /** {@code qualityGatePassed}, when the project has a gate ({@code NONE} tells nothing). */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (!status.equals("NONE") && !status.isEmpty()) {
            facts.put("qualityGatePassed", passed());
        }
        return facts;
    }
}
