package dev.paved.integrations;

import java.util.Optional;
import java.util.Set;

/**
 * One CI run: the latest of a GitHub Actions workflow, or a GitLab pipeline, on the default branch.
 *
 * @param workflow   what it is a run of: the workflow's file ({@code .github/workflows/ci.yml}), or {@code pipeline}
 * @param name       what it is called on the page (the workflow's name, {@code Pipeline #123})
 * @param status     {@code completed} once finished, else the service's word ({@code in_progress}, {@code running},
 *                   {@code queued}…)
 * @param conclusion how a finished run ended ({@code success}, {@code failure}, {@code failed}, {@code cancelled}…),
 *                   else empty
 * @param time       when it was last updated, as the service wrote it (ISO 8601), or empty
 * @param link       its web page, or empty
 * @param badge      the workflow's or pipeline's live status image, if the service has one
 */
public record Run(String workflow, String name, String status, String conclusion, String time, String link,
                  Optional<Badge> badge) {

    private static final Set<String> PASSED = Set.of("success", "neutral", "skipped");

    /** The badge's URL, or empty: for templates. */
    public String badgeUrl() {
        return badge.map(Badge::url).orElse("");
    }

    /** Whether the badge is shown as an image (else as a link): for templates. */
    public boolean badgeImage() {
        return badge.filter(Badge::image).isPresent();
    }

    /** Whether it finished. */
    public boolean finished() {
        return status.equals("completed");
    }

    /** Whether it finished and passed (success; a neutral or skipped run does not fail anything). */
    public boolean passed() {
        return finished() && PASSED.contains(conclusion);
    }
}
