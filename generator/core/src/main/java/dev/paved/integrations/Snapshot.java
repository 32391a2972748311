package dev.paved.integrations;

import java.time.Instant;
import java.util.Locale;

/**
 * What one service said of one entity when the build asked, once.
 *
 * @param service what it is, as cards title it ({@code GitHub Actions}, {@code Argo CD}, {@code PagerDuty})
 * @param source  what was asked: the host and project ({@code github.com tern-logistics/route-planner})
 * @param asOf    when it was asked
 * @param status  whether it answered
 * @param message why not, when it did not (redacted: never a token); empty when it answered
 * @param reading what it answered; {@link Reading.Nothing} when it did not
 * @param link    the project's page on the service, or empty
 */
public record Snapshot(String service, String source, Instant asOf, Status status, String message, Reading reading,
                       String link) {

    /** Whether the service answered. */
    public enum Status {
        /** It answered. */
        OK,
        /** It refused: the token is missing, wrong or may not read the project, or the project does not exist. */
        REFUSED,
        /** It could not be reached, timed out or failed (5xx). */
        UNREACHABLE
    }

    /** What a service answered and the project's page there. */
    record Parts(Reading reading, String link) {
    }

    /** A snapshot of a service that did not answer. */
    static Snapshot failed(String kind, String service, String source, Instant asOf, Status status,
                           String message) {
        return new Snapshot(service, source, asOf, status, message, new Reading.Nothing(kind), "");
    }

    /** The kind of card ({@link Reading#kind()}). */
    public String kind() {
        return reading.kind();
    }

    /** {@code ok}, {@code refused} or {@code unreachable}: for templates and class names. */
    public String state() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Whether the service answered. */
    public boolean ok() {
        return status == Status.OK;
    }
}
