package dev.paved.publish;

import dev.paved.credential.Redact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Publishes a built site to a target incrementally: only files whose content changed are written, in the order
 * {@link PublishPlan} describes, with retries on transient failures; deletions come last and are capped.
 */
public final class Publisher {

    /**
     * How to publish.
     *
     * @param dryRun     only work out and report the plan
     * @param maxDeletes the most files a publish may delete; more is refused (a build that lost most of its pages
     *                   must not wipe the portal); negative for no limit. Superseded content-hashed files (search
     *                   index files, fingerprinted assets whose new versions are written) do not count: replacing
     *                   them loses nothing
     * @param message    what the publish is, for targets that record it (a git commit message)
     */
    public record Options(boolean dryRun, int maxDeletes, String message) {

        /** The default cap on deletions, as {@code hugo deploy --maxDeletes} has. */
        public static final int DEFAULT_MAX_DELETES = 256;

        /** The commit message of a publish to git, unless one is given. */
        public static final String DEFAULT_MESSAGE = "Publish the portal";

        /** Writes and deletes (up to the default cap). */
        public static Options defaults() {
            return new Options(false, DEFAULT_MAX_DELETES, DEFAULT_MESSAGE);
        }
    }

    /**
     * What a publish did (or, dry, would do).
     *
     * @param plan         the plan
     * @param written      how many files were written
     * @param deleted      how many files were deleted
     * @param deletesRefused whether the deletions were over the cap and left alone
     * @param failure      the error that stopped the publish, or null
     */
    public record Result(PublishPlan plan, int written, int deleted, boolean deletesRefused, String failure) {

        /** Whether everything planned was done. */
        public boolean ok() {
            return failure == null && !deletesRefused;
        }

        /** One line for people. */
        public String summary() {
            return String.format(Locale.ROOT, "%d written (%s), %d unchanged, %d deleted%s%s", written,
                    bytes(plan.bytes()), plan.unchanged(), deleted,
                    deletesRefused ? ", " + plan.deletions().size() + " deletions refused" : "",
                    failure == null ? "" : "; stopped: " + failure);
        }
    }

    static final int ATTEMPTS = 4;
    static final long FIRST_BACKOFF_MILLIS = 200;

    private Publisher() {
    }

    /**
     * Publishes {@code site} to {@code target}.
     *
     * @param log receives progress lines
     */
    public static Result publish(Path site, PublishTarget target, Options options, Consumer<String> log)
            throws IOException {
        List<SiteFile> files = PublishPlan.siteFiles(site);
        if (files.isEmpty()) {
            throw new IOException(site + " holds no site; build the portal first (paved build)");
        }
        PublishPlan plan = PublishPlan.of(files, target.list(), target);
        long capped = plan.deletions().stream().filter(p -> !ServedAs.isImmutable(p)).count();
        boolean refuse = options.maxDeletes() >= 0 && capped > options.maxDeletes();
        log.accept(String.format(Locale.ROOT, "%s: %d to write (%s), %d unchanged, %d to delete%s%s",
                target.describe(), plan.uploads().size(), bytes(plan.bytes()), plan.unchanged(),
                plan.deletions().size(), capped < plan.deletions().size()
                        ? " (" + (plan.deletions().size() - capped) + " superseded content-hashed files)" : "",
                refuse ? " (" + capped + ": over the cap of " + options.maxDeletes() + ")" : ""));
        if (options.dryRun()) {
            plan.uploads().forEach(f -> log.accept("  write  " + f.path() + " (" + f.size() + " bytes, "
                    + f.contentType() + ")"));
            plan.deletions().forEach(p -> log.accept("  delete " + p + (refuse ? " (refused)" : "")));
            return new Result(plan, 0, 0, refuse, null);
        }
        int written = 0;
        int step = Math.max(1, plan.uploads().size() / 10);
        for (SiteFile f : plan.uploads()) {
            String failure = attempt("write " + f.path(), () -> target.put(f));
            if (failure != null) {
                return new Result(plan, written, 0, false, failure);
            }
            if (++written % step == 0 && written < plan.uploads().size()) {
                log.accept("  " + written + "/" + plan.uploads().size() + " written");
            }
        }
        int deleted = 0;
        if (!plan.deletions().isEmpty() && refuse) {
            log.accept("refusing to delete " + capped + " files (more than --max-deletes "
                    + options.maxDeletes() + "): a build that lost most of its pages must not wipe the portal; "
                    + "raise the cap if this is meant");
        } else if (!plan.deletions().isEmpty()) {
            String failure = attempt("delete " + plan.deletions().size() + " files",
                    () -> target.delete(plan.deletions()));
            if (failure != null) {
                return new Result(plan, written, 0, false, failure);
            }
            deleted = plan.deletions().size();
        }
        String failure = attempt("finish", () -> target.finish(options.message()));
        return new Result(plan, written, deleted, refuse && !plan.deletions().isEmpty(), failure);
    }

    interface Action {
        void run() throws IOException;
    }

    /** Runs an action, retrying transient failures with backoff; returns the error that remained, or null. */
    static String attempt(String what, Action action) {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int i = 1; ; i++) {
            try {
                action.run();
                return null;
            } catch (PermanentFailure e) {
                return "could not " + what + ": " + Redact.message(e.getMessage());
            } catch (IOException | RuntimeException e) {
                if (i == ATTEMPTS) {
                    return "could not " + what + " after " + ATTEMPTS + " attempts: " + Redact.message(e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return "interrupted while trying to " + what;
                }
                backoff *= 2;
            }
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    /** A failure that retrying cannot fix (access denied, no such bucket). */
    public static final class PermanentFailure extends IOException {
        public PermanentFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
