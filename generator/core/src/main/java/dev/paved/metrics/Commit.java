package dev.paved.metrics;

import java.time.Instant;

/**
 * A commit a figure was computed from.
 *
 * @param id      its full id
 * @param time    its committer time
 * @param subject the first line of its message
 * @param url     its page on the repository's host, or empty when the host is not known
 */
public record Commit(String id, Instant time, String subject, String url) {

    /** The first seven characters of its id, as hosts show it. */
    public String shortId() {
        return id.substring(0, Math.min(7, id.length()));
    }
}
