package dev.paved.crawl;

import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Crawls an organisation's repositories: discovers them, fetches what the portal reads from each (see
 * {@link RepositoryFetcher}) in parallel with a timeout and retries, and skips those whose commit has not changed
 * since the last crawl. A discovered repository whose marker of its last change ({@link VersionStamp}) is the one of
 * its last good crawl is not contacted at all; any other is asked for its commit ({@code ls-remote}). A repository
 * that fails is reported and keeps its last good data; it never fails the crawl. With a history window
 * ({@link Options#history}), each fetched repository's bare cache repository also gets the branch's commits of that
 * window, the history needs' files at them and the tags pointing into it ({@link HistoryFetch}); a history that
 * cannot be fetched is a warning, the repository's files are used, and its next crawl fetches it again.
 */
public final class Crawler {

    /**
     * How to crawl.
     *
     * @param cache    the cache folder: bare repositories, checkouts and the crawl state (restore it in CI)
     * @param threads  how many repositories are fetched at once
     * @param timeout  the longest one repository may take
     * @param attempts how many times a transient failure is tried
     * @param blobFilter whether to fetch trees without file contents first ({@code blob:none}) where the server
     *                   allows it, then only the needed files; off, each repository's whole last tree is fetched
     * @param needs    the files of the branch's last commit the stages read (written to the checkout)
     * @param history  how far back the branch's commits are fetched (commit metadata only, see
     *                 {@link HistoryFetch}), counted back from the crawl; {@link Duration#ZERO}: the last commit only
     * @param historyNeeds the files whose every version within {@code history} is fetched into the bare repository
     *                     (the paths it selects at the last commit); {@link FileNeeds#NONE} by default
     */
    public record Options(Path cache, int threads, Duration timeout, int attempts, boolean blobFilter,
                          FileNeeds needs, Duration history, FileNeeds historyNeeds) {

        /** Repositories fetched at once by default. */
        public static final int DEFAULT_THREADS = 4;
        /** How far back {@link #in} fetches the history: what the developer metrics read. */
        public static final Duration DEFAULT_HISTORY = Duration.ofDays(180);

        public Options {
            if (history == null || history.isNegative()) {
                throw new IllegalArgumentException("the history window must be zero or positive: " + history);
            }
            historyNeeds = historyNeeds == null ? FileNeeds.NONE : historyNeeds;
        }

        /** Options without history (the last commit only), as before history was fetched. */
        public Options(Path cache, int threads, Duration timeout, int attempts, boolean blobFilter, FileNeeds needs) {
            this(cache, threads, timeout, attempts, blobFilter, needs, Duration.ZERO, FileNeeds.NONE);
        }

        /** Options with the blob filter on and without history. */
        public Options(Path cache, int threads, Duration timeout, int attempts, FileNeeds needs) {
            this(cache, threads, timeout, attempts, true, needs);
        }

        /**
         * Four at a time, two minutes each, three attempts, blob filter on, fetching what {@code needs} names, and
         * {@link #DEFAULT_HISTORY} of history without files.
         */
        public static Options in(Path cache, FileNeeds needs) {
            return new Options(cache, DEFAULT_THREADS, Duration.ofMinutes(2), 3, true, needs, DEFAULT_HISTORY,
                    FileNeeds.NONE);
        }

        /** These options with another number of repositories fetched at once. */
        public Options withThreads(int n) {
            return new Options(cache, n, timeout, attempts, blobFilter, needs, history, historyNeeds);
        }

        /** These options with the blob filter on or off. */
        public Options withBlobFilter(boolean on) {
            return new Options(cache, threads, timeout, attempts, on, needs, history, historyNeeds);
        }

        /** These options with another history window; {@link Duration#ZERO} fetches the last commit only. */
        public Options withHistory(Duration window) {
            return new Options(cache, threads, timeout, attempts, blobFilter, needs, window, historyNeeds);
        }

        /** These options fetching every version within the history window of the files {@code files} selects. */
        public Options withHistoryNeeds(FileNeeds files) {
            return new Options(cache, threads, timeout, attempts, blobFilter, needs, history, files);
        }
    }

    /**
     * One repository's outcome.
     *
     * @param repository the repository
     * @param checkout   the folder with its files, when there are (possibly from an earlier crawl)
     * @param commit     the commit the files are from, or empty
     * @param crawledAt  when they were fetched, or empty
     * @param status     {@code fetched}, {@code unchanged}, {@code stale} (failed now, last good data kept),
     *                   {@code failed} or {@code empty}
     * @param error      why it failed, or empty
     * @param files      the files read from it, when fetched now
     */
    public record Crawled(Repository repository, Optional<Path> checkout, String commit, String crawledAt,
                          String status, String error, List<String> files) {
    }

    /** Hears how a crawl goes: a progress bar on a terminal, plain lines in CI logs. */
    public interface Progress {
        /** The crawl found this many repositories to look at. */
        default void started(int total) {
        }

        /** An organisation was listed, or something else worth a line. */
        void note(String line);

        /**
         * A repository is done.
         *
         * @param line the same as one line: counts, name, status, rate and ETA
         */
        void finished(Crawled repository, int done, int total, int failed, String line);

        /** Every line as it comes: what CI logs show. */
        static Progress lines(Consumer<String> out) {
            return new Progress() {
                @Override
                public void note(String line) {
                    out.accept(line);
                }

                @Override
                public void finished(Crawled repository, int done, int total, int failed, String line) {
                    out.accept(line);
                }
            };
        }
    }

    private final Options options;
    private final Function<String, String> environment;
    private final HttpClient http;

    /** A crawler reading tokens from the process environment. */
    public Crawler(Options options) {
        this(options, System::getenv, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build()); // TokenHttp follows them, keeping the token
    }

    Crawler(Options options, Function<String, String> environment, HttpClient http) {
        this.options = options;
        this.environment = environment;
        this.http = http;
    }

    /**
     * Crawls every source's repositories.
     *
     * @param progress receives one line per repository (and per organisation listed)
     */
    public List<Crawled> crawl(List<RepositorySource> sources, Diagnostics diagnostics, Consumer<String> progress)
            throws IOException {
        return crawl(sources, diagnostics, Progress.lines(progress));
    }

    /** Crawls every source's repositories, telling {@code progress} how it goes. */
    public List<Crawled> crawl(List<RepositorySource> sources, Diagnostics diagnostics, Progress progress)
            throws IOException {
        Files.createDirectories(options.cache());
        CrawlState state = CrawlState.load(options.cache());
        Map<String, Job> repos = new LinkedHashMap<>();
        OrgDiscovery discovery = new OrgDiscovery(new TokenHttp(http), environment);
        for (RepositorySource source : sources) {
            if (source instanceof RepositorySource.Single single) {
                repos.putIfAbsent(CrawlState.key(single.repository()), new Job(single.repository(), "",
                        Optional.empty()));
            } else if (source instanceof RepositorySource.Organisation org) {
                String id = org.provider().name().toLowerCase(Locale.ROOT) + ":" + Redact.url(org.apiBaseUrl())
                        + "/" + org.organization();
                try {
                    List<Discovered> found = discovery.discover(org);
                    progress.note(org.organization() + ": " + found.size() + " repositories");
                    found.forEach(d -> repos.putIfAbsent(CrawlState.key(d.repository()), new Job(d.repository(), id,
                            d.stamp())));
                } catch (IOException e) {
                    diagnostics.warning(SourcePosition.of(id), Code.DISCOVERY_FAILED, "could not list the "
                            + "repositories of " + org.organization() + ": " + Redact.message(e.getMessage())
                            + "; the repositories of its last crawl are used");
                    state.all().forEach((key, entry) -> {
                        if (entry.source().equals(id)) {
                            String[] urlBranch = key.split("#", 2);
                            repos.putIfAbsent(key, new Job(new Repository(entry.name(), urlBranch[0],
                                    urlBranch.length > 1 ? urlBranch[1] : "", List.of(org.catalogPath()),
                                    OrgDiscovery.tokenVariableFor(org, urlBranch[0])), id, Optional.empty()));
                        }
                    });
                }
            }
        }

        RepositoryFetcher fetcher = new RepositoryFetcher(options.cache(), options.timeout(), environment,
                options.blobFilter(), options.needs(), options.history(), options.historyNeeds());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "paved-crawl");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int total = repos.size();
        progress.started(total);
        long start = System.nanoTime();
        try {
            List<Map.Entry<Repository, Future<Outcome>>> futures = new ArrayList<>();
            for (Job job : repos.values()) {
                futures.add(Map.entry(job.repository(), pool.submit(() -> crawlOne(job, fetcher, state))));
            }
            List<Crawled> out = new ArrayList<>();
            for (Map.Entry<Repository, Future<Outcome>> f : futures) {
                Crawled c;
                try {
                    Outcome o = f.getValue().get(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                    c = o.crawled();
                    if (!o.historyError().isEmpty()) {
                        diagnostics.warning(SourcePosition.of(c.repository().name()), Code.REPOSITORY_UNREACHABLE,
                                c.repository().name() + ": " + o.historyError() + "; its files at "
                                        + c.commit().substring(0, Math.min(12, c.commit().length()))
                                        + " are used, and the next crawl fetches its history again");
                    }
                } catch (TimeoutException e) {
                    f.getValue().cancel(true);
                    c = failure(f.getKey(), state, "timed out after " + options.timeout().toSeconds() + " s",
                            "");
                } catch (ExecutionException e) {
                    c = failure(f.getKey(), state, Redact.message(String.valueOf(e.getCause())), "");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                out.add(c);
                if (!c.error().isEmpty()) {
                    failed.incrementAndGet();
                    diagnostics.warning(SourcePosition.of(c.repository().name()), Code.REPOSITORY_UNREACHABLE,
                            c.repository().name() + (c.error().contains(Redact.url(c.repository().url())) ? ""
                                    : " (" + Redact.url(c.repository().url()) + ")") + ": " + c.error()
                                    + (c.checkout().isPresent() ? "; its data from " + c.crawledAt()
                                    + " is used" : "; it is left out"));
                }
                int n = done.incrementAndGet();
                progress.finished(c, n, total, failed.get(), line(n, total, failed.get(), start, c));
            }
            state.save();
            out.sort(Comparator.comparing(c -> c.repository().name()));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A repository to crawl, the organisation it was discovered in (or empty), and its listed marker. */
    private record Job(Repository repository, String source, Optional<VersionStamp> stamp) {
    }

    /** A repository's outcome, and why its history could not be fetched (redacted) or empty. */
    private record Outcome(Crawled crawled, String historyError) {

        Outcome(Crawled crawled) {
            this(crawled, "");
        }
    }

    private Outcome crawlOne(Job job, RepositoryFetcher fetcher, CrawlState state) {
        Repository repo = job.repository();
        String source = job.source();
        Optional<CrawlState.Entry> last = state.get(repo);
        Path checkout = fetcher.checkoutOf(repo);
        boolean usable = Files.isDirectory(checkout) && fetcher.selectedByCurrentNeeds(checkout);
        if (usable && last.isPresent() && job.stamp().filter(last.get()::current).isPresent()) {
            // Discovery lists the marker of the last good crawl: nothing was pushed since, so nothing is asked.
            CrawlState.Entry e = last.get();
            state.put(repo, new CrawlState.Entry(repo.name(), e.commit(), e.crawledAt(), "", "", source, e.stamp(),
                    e.checkedAt()));
            return new Outcome(new Crawled(repo, Optional.of(checkout), e.commit(), e.crawledAt(), "unchanged", "",
                    List.of()));
        }
        String stamp = job.stamp().map(VersionStamp::value).orElse("");
        long backoff = 500;
        for (int attempt = 1; ; attempt++) {
            try {
                // Taken before asking: the answer holds every push made before this time.
                String checkedAt = Instant.now().toString();
                RepositoryFetcher.Remote remote = fetcher.remote(repo);
                String head = remote.head();
                if (head == null) {
                    state.put(repo, new CrawlState.Entry(repo.name(), "", "", "", "", source, stamp, checkedAt));
                    return new Outcome(new Crawled(repo, Optional.empty(), "", "", "empty", "", List.of()));
                }
                if (last.isPresent() && last.get().commit().equals(head) && usable) {
                    state.put(repo, new CrawlState.Entry(repo.name(), head, last.get().crawledAt(), "", "", source,
                            stamp, checkedAt));
                    return new Outcome(new Crawled(repo, Optional.of(checkout), head, last.get().crawledAt(),
                            "unchanged", "", List.of()));
                }
                RepositoryFetcher.Fetched fetched = fetcher.fetch(repo, remote);
                String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
                state.put(repo, new CrawlState.Entry(repo.name(), fetched.commit(), now, "", "", source, stamp,
                        checkedAt));
                return new Outcome(new Crawled(repo, Optional.of(fetched.checkout()), fetched.commit(), now, "fetched",
                        "", fetched.files()), fetched.history() == null ? "" : fetched.history().error());
            } catch (IOException | RuntimeException e) {
                String reason = Redact.message(e.getMessage());
                if (attempt >= options.attempts() || permanent(reason) || e instanceof TokenRefusedException
                        || Thread.currentThread().isInterrupted()) {
                    return new Outcome(failure(repo, state, reason, source));
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return new Outcome(failure(repo, state, "interrupted", source));
                }
                backoff *= 2;
            }
        }
    }

    /** Errors a retry cannot fix: a missing repository or branch, refused credentials. */
    static boolean permanent(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("not found") || r.contains("not authorized") || r.contains("authentication")
                || r.contains("no branch") || r.contains("not a git url") || r.contains("404")
                || r.contains("401") || r.contains("403") || r.contains("denied");
    }

    private Crawled failure(Repository repo, CrawlState state, String reason, String source) {
        Optional<CrawlState.Entry> last = state.get(repo);
        Path checkout = new RepositoryFetcher(options.cache(), options.timeout(), environment, true,
                options.needs()).checkoutOf(repo);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String commit = last.map(CrawlState.Entry::commit).orElse("");
        String crawledAt = last.map(CrawlState.Entry::crawledAt).orElse("");
        // No marker is kept: a repository that failed is asked again next time.
        state.put(repo, new CrawlState.Entry(repo.name(), commit, crawledAt, reason, now,
                source.isEmpty() ? last.map(CrawlState.Entry::source).orElse("") : source, "", ""));
        boolean stale = !commit.isEmpty() && Files.isDirectory(checkout);
        return new Crawled(repo, stale ? Optional.of(checkout) : Optional.empty(), stale ? commit : "",
                stale ? crawledAt : "", stale ? "stale" : "failed", reason, List.of());
    }

    private static String line(int done, int total, int failed, long start, Crawled c) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(seconds, 0.001);
        long eta = Math.round((total - done) / Math.max(rate, 0.001));
        return String.format(Locale.ROOT, "[%d/%d] %-40s %-9s %s  (%.1f repos/s, ETA %d s, %d failed)", done, total,
                c.repository().name(), c.status(), c.commit().isEmpty() ? "" : c.commit().substring(0, 8), rate, eta,
                failed);
    }
}
