package dev.paved.crawl;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A hosting service's marker of a repository's last change, as its API lists the repository: GitHub's
 * {@code pushed_at}, GitLab's {@code last_activity_at}, Gitea's {@code updated_at}. When discovery lists the same
 * marker as at the last crawl, the repository has not been pushed to since, and the crawl does not contact it.
 *
 * @param value  the marker as the API gave it (an ISO-8601 time); compared as text
 * @param time   that time
 * @param settle how long after a change the service may still show the marker it had: a push within that time may
 *               leave the marker as it was (GitLab moves {@code last_activity_at} at most once an hour; the others
 *               keep seconds only, and clocks differ a little), so a look at the repository counts only when it
 *               came at least this long after the marker's time
 */
record VersionStamp(String value, Instant time, Duration settle) {

    /** The settling time of markers a service moves on every push (seconds only; clocks a little apart). */
    static final Duration ON_EVERY_PUSH = Duration.ofMinutes(5);
    /** GitLab moves {@code last_activity_at} at most once an hour (gitlab-foss!6391), plus clocks a little apart. */
    static final Duration HOURLY = Duration.ofHours(1).plus(ON_EVERY_PUSH);

    /** A marker from an API's field, or none when the field is missing, null or not a time. */
    static Optional<VersionStamp> of(String value, Duration settle) {
        if (value == null || value.isBlank() || value.equals("null")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VersionStamp(value, OffsetDateTime.parse(value).toInstant(), settle));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a look at the repository at {@code checkedAt} saw every change this marker may not show: it came at
     * least {@link #settle} after the marker's time. A missing or unreadable time never does.
     */
    boolean coveredBy(String checkedAt) {
        try {
            return !Instant.parse(checkedAt).isBefore(time.plus(settle));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
