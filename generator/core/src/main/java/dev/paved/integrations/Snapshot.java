package dev.paved.integrations;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What one service said of one entity when the build asked, once.
 *
 * @param service what it is, as cards title it ({@code GitHub Actions}, {@code GitLab pipelines})
 * @param source  what was asked: the host and project ({@code github.com tern-logistics/route-planner})
 * @param asOf    when it was asked
 * @param status  whether it answered
 * @param message why not, when it did not (redacted: never a token); empty when it answered
 * @param runs    what it answered, newest first; empty when it did not
 * @param link    the project's page on the service, or empty
 */
public record Snapshot(String service, String source, Instant asOf, Status status, String message, List<Run> runs,
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

    public Snapshot {
        runs = List.copyOf(runs);
    }

    /** What a service answered: its runs and the project's page. */
    record Parts(List<Run> runs, String link) {
    }

    /** A snapshot of a service that did not answer. */
    static Snapshot failed(String service, String source, Instant asOf, Status status, String message) {
        return new Snapshot(service, source, asOf, status, message, List.of(), "");
    }

    /** {@code ok}, {@code refused} or {@code unreachable}: for templates and class names. */
    public String state() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Whether the service answered. */
    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * Whether CI passes: the latest finished run of each workflow (of the pipeline) passed; empty when the service
     * did not answer or no run has finished.
     */
    public Optional<Boolean> passing() {
        if (!ok()) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        Optional<Boolean> all = Optional.empty();
        for (Run r : runs) {
            if (r.finished() && seen.add(r.workflow())) {
                all = Optional.of(all.orElse(true) && r.passed());
            }
        }
        return all;
    }
}
