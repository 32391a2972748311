package dev.paved.crawl;

import dev.paved.credential.GitAuth;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FilterSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Fetches what the portal needs of one repository with JGit, and nothing else: the branch's last commit only
 * (depth 1), its trees without file contents where the server allows it ({@code blob:none}), then just the
 * files the stages read ({@link FileNeeds}), by id. They are written to a checkout folder beside a bare cache repository; no working
 * tree is ever checked out. With a history window, the bare repository is then deepened to the branch's commits of
 * that window ({@link HistoryFetch}). A repository's token goes to its URL's origin only, as {@link GitAuth} allows.
 */
final class RepositoryFetcher {

    /** Files larger than this are not materialised (they are not catalog files or docs). */
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    private static final String HEAD_REF = "refs/paved/head";

    private final Path cache;
    private final Duration timeout;
    private final Function<String, String> environment;
    private final boolean blobFilter;
    private final FileNeeds needs;
    private final Duration history;
    private final FileNeeds historyNeeds;

    RepositoryFetcher(Path cache, Duration timeout, Function<String, String> environment, boolean blobFilter,
                      FileNeeds needs) {
        this(cache, timeout, environment, blobFilter, needs, Duration.ZERO, FileNeeds.NONE);
    }

    RepositoryFetcher(Path cache, Duration timeout, Function<String, String> environment, boolean blobFilter,
                      FileNeeds needs, Duration history, FileNeeds historyNeeds) {
        this.cache = cache;
        this.timeout = timeout;
        this.environment = environment;
        this.blobFilter = blobFilter;
        this.needs = needs;
        this.history = history;
        this.historyNeeds = historyNeeds;
    }

    /**
     * What a checkout's files and its bare repository's history were selected by: the needs' id, and the history
     * window and its needs when there is one; a checkout whose history could not be fetched names the needs only,
     * so that the next crawl tries again.
     */
    String selection(boolean withHistory) {
        return needs.id() + (withHistory && !history.isZero() ? "; history " + history + " " + historyNeeds.id() : "");
    }

    /** The file in a checkout naming the rule its files were selected by ({@link FileNeeds#id()}). */
    static final String NEEDS_FILE = ".paved-needs";

    /** Whether a checkout holds the files the current rule selects (it was written under the same rule). */
    boolean selectedByCurrentNeeds(Path checkout) {
        try {
            return Files.readString(checkout.resolve(NEEDS_FILE), StandardCharsets.UTF_8).equals(selection(true));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What a fetch produced: the commit, the files written to the checkout (repository-relative), and what the
     * history fetch did (null without a history window).
     */
    record Fetched(String commit, Path checkout, List<String> files, HistoryFetch.Result history) {
    }

    /**
     * What the remote lists.
     *
     * @param head the commit its branch (or default branch) points at, or null for an empty repository
     * @param tags its tags ({@code refs/tags/…}), annotated ones peeled where the server says
     */
    record Remote(String head, Map<String, Ref> tags) {
    }

    /** The commit the repository's branch (or default branch) points at, or null for an empty repository. */
    String remoteHead(Repository repo) throws IOException {
        return remote(repo).head();
    }

    /** The repository's branch and tags, as {@code ls-remote} lists them. */
    Remote remote(Repository repo) throws IOException {
        try {
            Map<String, Ref> refs = Git.lsRemoteRepository().setRemote(repo.url())
                    .setTransportConfigCallback(access(repo)).setTimeout(seconds()).callAsMap();
            Ref ref = repo.branch().isEmpty() ? refs.get(Constants.HEAD)
                    : refs.get(Constants.R_HEADS + repo.branch());
            if (ref == null && !repo.branch().isEmpty()) {
                throw new IOException("has no branch " + repo.branch());
            }
            Map<String, Ref> tags = new TreeMap<>();
            refs.forEach((name, r) -> {
                if (name.startsWith(Constants.R_TAGS)) {
                    tags.put(name, r);
                }
            });
            return new Remote(ref == null || ref.getObjectId() == null ? null : ref.getObjectId().name(), tags);
        } catch (GitAPIException e) {
            throw new IOException(Redact.message(e.getMessage()), e);
        }
    }

    /** The checkout folder of a repository (it may hold a previous crawl's files). */
    Path checkoutOf(Repository repo) {
        return cache.resolve("checkouts").resolve(key(repo));
    }

    /** Fetches {@code commit} of the repository and writes the files the portal reads to its checkout. */
    Fetched fetch(Repository repo, String commit) throws IOException {
        return fetch(repo, new Remote(commit, Map.of()));
    }

    /**
     * Fetches the listed commit of the repository and writes the files the portal reads to its checkout; with a
     * history window, then deepens the bare repository to the window ({@link HistoryFetch}). A history that cannot be
     * fetched leaves the files as they are and is told in {@link Fetched#history}'s error.
     */
    Fetched fetch(Repository repo, Remote remote) throws IOException {
        String commit = remote.head();
        Path bare = cache.resolve("repos").resolve(key(repo) + ".git");
        try (org.eclipse.jgit.lib.Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare()
                .build()) {
            if (!Files.exists(bare.resolve("config"))) {
                r.create(true);
            }
            String ref = repo.branch().isEmpty() ? Constants.HEAD : Constants.R_HEADS + repo.branch();
            boolean filtered = history.isZero() ? fetchCommit(r, repo, ref, blobFilter, false, null)
                    : fetchCommit(r, repo, ref, blobFilter, true, Instant.now().minus(history)
                    .truncatedTo(ChronoUnit.SECONDS));
            ObjectId head = r.resolve(HEAD_REF);
            if (head == null || !head.name().equals(commit)) {
                // The branch moved between ls-remote and fetch: read what was fetched.
                if (head == null) {
                    throw new IOException("the fetch brought no commit");
                }
            }
            Map<String, ObjectId> needed = neededFiles(r, head, repo, filtered, needs);
            HistoryFetch.Result past = history.isZero() ? null : history(r, bare, repo, ref, head, remote, filtered);
            Path checkout = checkoutOf(repo);
            List<String> written = writeCheckout(r, checkout, bare, needed,
                    selection(past != null && past.error().isEmpty()));
            return new Fetched(head.name(), checkout, written, past);
        }
    }

    /**
     * Deepens the bare repository to the history window: the commits, the history needs' files at each of them
     * and the window's tags. Its failure is returned, not thrown: the last commit's files stay good.
     */
    private HistoryFetch.Result history(org.eclipse.jgit.lib.Repository r, Path bare, Repository repo, String ref,
                                        ObjectId head, Remote remote, boolean filtered) {
        Instant since = Instant.now().minus(history).truncatedTo(ChronoUnit.SECONDS);
        try {
            Set<String> paths = historyNeeds == FileNeeds.NONE ? Set.of()
                    : neededFiles(r, head, repo, filtered, historyNeeds).keySet();
            return new HistoryFetch(r, bare, local -> open(local, repo), HEAD_REF).fetch(ref, head, since, paths,
                    remote.tags());
        } catch (IOException | RuntimeException e) {
            return HistoryFetch.Result.failed(since, Redact.message(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Fetches the branch's last commit into {@link #HEAD_REF}; returns whether it came without file contents. With a
     * history to fetch after it, no tags are followed: a tag on this commit would make the history fetch think it
     * has the commit already, and the window's tags are fetched with the history.
     *
     * @param since with a history window, the window's start: the branch is fetched with {@code deepen-since}
     *              (every commit of the window at once, as {@code git fetch --shallow-since}); a JGit client that
     *              first has the last commit at depth 1 never asks for its parents again. When the server selects
     *              no commit (the last one is older than the window), the last commit alone. Null: depth 1.
     */
    private boolean fetchCommit(org.eclipse.jgit.lib.Repository r, Repository repo, String ref, boolean filter,
                                boolean noTags, Instant since) throws IOException {
        if (since != null) {
            try {
                return fetchOnce(r, repo, ref, filter, noTags, since);
            } catch (IOException e) {
                // No commit in the window ("no commits selected for shallow requests"): the last one alone; a
                // failure of that is the fetch's.
            }
        }
        return fetchOnce(r, repo, ref, filter, noTags, null);
    }

    private boolean fetchOnce(org.eclipse.jgit.lib.Repository r, Repository repo, String ref, boolean filter,
                              boolean noTags, Instant since) throws IOException {
        try (Transport t = open(r, repo)) {
            if (since != null) {
                t.setDeepenSince(since);
            } else {
                t.setDepth(1);
            }
            if (noTags) {
                t.setTagOpt(TagOpt.NO_TAGS);
            }
            if (filter) {
                t.setFilterSpec(FilterSpec.fromFilterLine("blob:none"));
            }
            t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + ref + ":" + HEAD_REF)));
            return filter;
        } catch (TransportException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (filter && message.contains("filter")) {
                return fetchOnce(r, repo, ref, false, noTags, since); // the server does not filter: whole trees
            }
            throw new IOException(Redact.message(e.getMessage()), e);
        }
    }

    /** A transport to the repository's remote, with its credentials (to its origin only) and the timeout. */
    private Transport open(org.eclipse.jgit.lib.Repository local, Repository repo) throws IOException {
        TransportConfigCallback access = access(repo);
        try {
            Transport t = Transport.open(local, new URIish(repo.url()));
            access.configure(t);
            t.setTimeout(seconds());
            return t;
        } catch (URISyntaxException e) {
            throw new IOException("not a git URL: " + Redact.url(repo.url()), e);
        }
    }

    /**
     * Fetches the needed files' contents by id. The commit's ref is removed first: a server told that the client
     * has the commit would send nothing (real git does so).
     */
    private void fetchBlobs(org.eclipse.jgit.lib.Repository r, Repository repo, ObjectId head,
                            Map<String, ObjectId> needed) throws IOException {
        List<RefSpec> wants = new ArrayList<>();
        for (ObjectId id : new java.util.LinkedHashSet<>(needed.values())) {
            if (!r.getObjectDatabase().has(id)) {
                wants.add(new RefSpec(id.name()));
            }
        }
        if (wants.isEmpty()) {
            return;
        }
        RefUpdate delete = r.updateRef(HEAD_REF);
        delete.setForceUpdate(true);
        delete.delete();
        TransportConfigCallback access = access(repo);
        try (Transport t = Transport.open(r, new URIish(repo.url()))) {
            access.configure(t);
            t.setTimeout(seconds());
            t.fetch(NullProgressMonitor.INSTANCE, wants);
        } catch (TransportException | java.net.URISyntaxException e) {
            throw new IOException("could not fetch file contents: " + Redact.message(e.getMessage()), e);
        } finally {
            RefUpdate restore = r.updateRef(HEAD_REF);
            restore.setNewObjectId(head);
            restore.setForceUpdate(true);
            restore.update();
        }
    }

    /**
     * The files of the commit that the stages read, by path, with their contents fetched: the stages are asked in
     * rounds, each round able to read what the previous one fetched (a {@code mkdocs.yml} naming its
     * {@code docs_dir}), until they name nothing new.
     */
    Map<String, ObjectId> neededFiles(org.eclipse.jgit.lib.Repository r, ObjectId head, Repository repo,
                                      boolean filtered, FileNeeds needs) throws IOException {
        Map<String, ObjectId> all = new TreeMap<>();
        try (RevWalk walk = new RevWalk(r); TreeWalk tree = new TreeWalk(r)) {
            RevCommit commit = walk.parseCommit(head);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getFileMode(0) != FileMode.REGULAR_FILE && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                    continue; // symbolic links and submodules are never followed
                }
                all.put(tree.getPathString(), tree.getObjectId(0));
            }
        }
        RepositoryTree view = new RepositoryTree(repo, List.copyOf(all.keySet()), path -> text(r, all.get(path)));
        Map<String, ObjectId> selected = new TreeMap<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, ObjectId> now = new TreeMap<>();
            for (String path : needs.select(view)) {
                if (all.containsKey(path)) {
                    now.put(path, all.get(path));
                }
            }
            if (now.keySet().equals(selected.keySet())) {
                break;
            }
            selected = now;
            if (filtered) {
                fetchBlobs(r, repo, head, selected);
            }
        }
        return selected;
    }

    /** Rounds of asking the stages what they read; MkDocs needs two (the config, then its docs_dir). */
    private static final int MAX_ROUNDS = 4;

    /** A blob's text when it is in the local object database and small enough to be read. */
    private static Optional<String> text(org.eclipse.jgit.lib.Repository r, ObjectId id) {
        try {
            if (id == null || !r.getObjectDatabase().has(id)) {
                return Optional.empty();
            }
            var loader = r.open(id);
            if (loader.getSize() > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new String(loader.getBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> writeCheckout(org.eclipse.jgit.lib.Repository r, Path checkout, Path bare,
                                              Map<String, ObjectId> files, String needsId) throws IOException {
        Path fresh = checkout.resolveSibling(checkout.getFileName() + ".new");
        deleteTree(fresh);
        Files.createDirectories(fresh);
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, ObjectId> f : files.entrySet()) {
            Path target = fresh.resolve(f.getKey()).normalize();
            if (!target.startsWith(fresh) || !r.getObjectDatabase().has(f.getValue())) {
                continue;
            }
            var loader = r.open(f.getValue());
            if (loader.getSize() > MAX_FILE_BYTES) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = loader.openStream(); OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            }
            written.add(f.getKey());
        }
        // The checkout's .git names the cache repository: the checkout is the repository's root (nothing is read
        // above it) and its history is there for "last updated" dates.
        Files.writeString(fresh.resolve(".git"), "gitdir: " + bare.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
        Files.writeString(fresh.resolve(NEEDS_FILE), needsId, StandardCharsets.UTF_8);
        deleteTree(checkout);
        Files.move(fresh, checkout);
        return written;
    }

    /**
     * How JGit reaches the repository: with its token when one is set and the URL is on the token's origin.
     *
     * @throws IOException a refusal, when the token or the URL's password would go over plain http to a host that
     *                     is not loopback
     */
    private TransportConfigCallback access(Repository repo) throws IOException {
        String secret = repo.tokenVariable().isEmpty() ? null : environment.apply(repo.tokenVariable());
        Optional<HostToken> token = secret == null || secret.isEmpty() ? Optional.empty()
                : Optional.of(HostToken.of(repo.tokenVariable(), secret, repo.url()));
        return GitAuth.forRemote(repo.url(), token);
    }

    private int seconds() {
        return (int) Math.max(1, timeout.toSeconds());
    }

    /** A folder name for a repository: readable, and unique by URL and branch. */
    static String key(Repository repo) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((repo.url() + "#" + repo.branch())
                    .getBytes(StandardCharsets.UTF_8));
            String readable = repo.name().replaceAll("[^A-Za-z0-9._-]+", "_");
            return readable + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
