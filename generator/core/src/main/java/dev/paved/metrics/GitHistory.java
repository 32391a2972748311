package dev.paved.metrics;

import dev.paved.credential.Redact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The history of one Git repository as far as it was fetched: a catalog folder's own clone, or a crawled
 * repository's cache (its checkout's {@code .git} file names it). Commits are read from the head; a shallow
 * repository ends at its boundary. Files are read only where their contents are there (a crawl fetches the GitOps
 * files' versions and nothing else).
 */
final class GitHistory implements AutoCloseable {

    /** Files larger than this are not read as manifests. */
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    /** At most this many files of one commit are read under an environment's folder. */
    private static final int MAX_FILES = 500;
    /** A run of hexadecimal digits a tag may hold a commit id in ({@code sha-1a2b3c4}, {@code 1.4.0-1a2b3c4d}). */
    private static final Pattern HEX = Pattern.compile("(?<![0-9a-fA-F])([0-9a-f]{7,40})(?![0-9a-fA-F])");

    private final Repository repository;
    private final Path workTree;
    private final String webUrl;

    static {
        // A GitOps repository's history is read tree by tree, thousands of times: JGit's default 10 MB window cache
        // evicts what the next commit needs again. A larger cache (only ever filled as far as packs are read).
        WindowCacheConfig cache = new WindowCacheConfig();
        cache.setPackedGitLimit(256L * 1024 * 1024);
        cache.setDeltaBaseCacheLimit(64 * 1024 * 1024);
        cache.install();
    }

    private GitHistory(Repository repository, Path workTree, String webUrl) {
        this.repository = repository;
        this.workTree = workTree;
        this.webUrl = webUrl;
    }

    /**
     * The repository {@code folder} is in: the nearest folder at or above it with a {@code .git} folder or file.
     *
     * @param remote the repository's URL when known (a crawled one), else its {@code origin} is used
     */
    static Optional<GitHistory> open(Path folder, Optional<String> remote) throws IOException {
        Optional<Path> root = root(folder);
        return root.isEmpty() ? Optional.empty() : openAt(root.get(), remote);
    }

    /** The nearest folder at or above {@code folder} holding a {@code .git} folder or file. */
    static Optional<Path> root(Path folder) {
        for (Path dir = folder.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The repository whose work tree (or crawl checkout) is {@code dir}. */
    private static Optional<GitHistory> openAt(Path dir, Optional<String> remote) throws IOException {
        Path dotGit = dir.resolve(".git");
        Path gitDir;
        if (Files.isDirectory(dotGit)) {
            gitDir = dotGit;
        } else {
            String text = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
            if (!text.startsWith("gitdir:")) {
                return Optional.empty();
            }
            gitDir = dir.resolve(text.substring("gitdir:".length()).trim()).normalize();
        }
        Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        if (repository.resolve(Constants.HEAD) == null && repository.resolve("refs/paved/head") == null) {
            repository.close();
            return Optional.empty();
        }
        String url = remote.orElseGet(() -> repository.getConfig().getString("remote", "origin", "url"));
        return Optional.of(new GitHistory(repository, dir, web(url)));
    }

    /** The folder the repository's paths are relative to. */
    Path workTree() {
        return workTree;
    }

    /** {@code file} relative to the repository, with {@code /}; empty for the repository itself. */
    String relative(Path file) {
        return workTree.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private ObjectId head() throws IOException {
        ObjectId head = repository.resolve("refs/paved/head");
        return head != null ? head : repository.resolve(Constants.HEAD);
    }

    /**
     * The commits from the head that change a file at or under one of {@code paths} (every commit when one of them
     * is empty), committed after {@code since}, oldest first.
     */
    List<RevCommit> touching(Collection<String> paths, Instant since) throws IOException {
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head()));
            walk.setRevFilter(CommitTimeRevFilter.after(since.toEpochMilli()));
            List<String> filter = paths.stream().filter(p -> !p.isEmpty()).distinct().toList();
            if (!filter.isEmpty() && filter.size() == paths.stream().distinct().count()) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(filter),
                        TreeFilter.ANY_DIFF));
            }
            walk.sort(RevSort.COMMIT_TIME_DESC);
            for (RevCommit c : walk) {
                out.add(c);
            }
        } catch (MissingObjectException e) {
            // the walk reached commits the crawl did not fetch: what was read is the history there is
        }
        out.sort(Comparator.comparingInt(RevCommit::getCommitTime));
        return out;
    }

    /**
     * A commit and the files it changed from its first parent (every file, for a first commit or the oldest fetched
     * one).
     */
    record Change(RevCommit commit, Map<String, ObjectId> paths) {

        /** What it did to a path: its new contents' id, {@link ObjectId#zeroId()} when it removed the file. */
        ObjectId at(String path) {
            return paths.get(path);
        }
    }

    /**
     * The commits from the head committed after {@code since} that changed a file at or under one of
     * {@code prefixes} (anything, for an empty one), oldest first. The history is walked once per {@code since} and
     * indexed by folder, so that each environment of a large GitOps repository costs a look-up.
     */
    synchronized List<Change> changesUnder(Collection<String> prefixes, Instant since) throws IOException {
        if (!since.equals(changesSince)) {
            index(since);
        }
        if (prefixes.contains("")) {
            return changes;
        }
        TreeSet<Integer> found = new TreeSet<>();
        for (String prefix : prefixes) {
            found.addAll(byPath.getOrDefault(prefix, List.of()));
        }
        return found.stream().map(changes::get).toList();
    }

    private Instant changesSince;
    private List<Change> changes = List.of();
    /** For each changed file and each folder above it, the indexes in {@link #changes} of the commits changing it. */
    private Map<String, List<Integer>> byPath = Map.of();

    private void index(Instant since) throws IOException {
        List<RevCommit> commits = touching(List.of(""), since);
        // Each commit's diff with its parent is its own work: done in parallel, in commit order.
        List<Map<String, ObjectId>> diffs;
        try {
            diffs = commits.parallelStream().map(c -> {
                try {
                    return changed(c);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Change> out = new ArrayList<>();
        Map<String, List<Integer>> paths = new HashMap<>();
        for (int i = 0; i < commits.size(); i++) {
            Map<String, ObjectId> changed = diffs.get(i);
            out.add(new Change(commits.get(i), changed));
            Set<String> keys = new HashSet<>();
            for (String path : changed.keySet()) {
                for (String p = path; !p.isEmpty(); p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "") {
                    if (!keys.add(p)) {
                        break;
                    }
                    paths.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                }
            }
        }
        changes = List.copyOf(out);
        byPath = paths;
        changesSince = since;
    }

    /** The files {@code c} changed from its first parent; every file when it has none here. */
    private Map<String, ObjectId> changed(RevCommit c) throws IOException {
        Map<String, ObjectId> out = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit parsed = walk.parseCommit(c);
            RevCommit parent = null;
            if (parsed.getParentCount() > 0 && !boundary(parsed)) {
                try {
                    parent = walk.parseCommit(parsed.getParent(0));
                } catch (MissingObjectException e) {
                    parent = null;
                }
            }
            if (parent != null) {
                tree.addTree(parent.getTree());
            } else {
                tree.addTree(new EmptyTreeIterator());
            }
            tree.addTree(parsed.getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            while (tree.next()) {
                boolean file = tree.getFileMode(1) == FileMode.REGULAR_FILE
                        || tree.getFileMode(1) == FileMode.EXECUTABLE_FILE;
                out.put(tree.getPathString(), file ? tree.getObjectId(1) : ObjectId.zeroId());
            }
        } catch (MissingObjectException e) {
            // trees the crawl did not fetch: what was read
        }
        return out;
    }

    /** Whether {@code c} is the oldest commit fetched of a shallow history: its parents are not there. */
    boolean boundary(RevCommit c) throws IOException {
        return repository.getObjectDatabase().getShallowCommits().contains(c.getId());
    }

    /** The oldest commit changing something at or under {@code path} (anything when empty), if any is there. */
    Optional<RevCommit> first(String path) throws IOException {
        List<RevCommit> all = touching(List.of(path), Instant.EPOCH);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The commit before {@code c} on its first parent, when it was fetched. */
    Optional<RevCommit> before(RevCommit c) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit parsed = walk.parseCommit(c);
            if (parsed.getParentCount() == 0 || boundary(parsed)) {
                return Optional.empty();
            }
            return Optional.of(walk.parseCommit(parsed.getParent(0)));
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }

    /** Whether the history was fetched shallow (its oldest commits' parents are not there). */
    boolean shallow() throws IOException {
        return !repository.getObjectDatabase().getShallowCommits().isEmpty();
    }

    /** The ids of the YAML files of {@code commit} at or under {@code paths}, by path. */
    Map<String, ObjectId> yamlIds(RevCommit commit, Collection<String> paths) throws IOException {
        Map<String, ObjectId> out = new LinkedHashMap<>();
        List<String> filter = paths.stream().filter(p -> !p.isEmpty()).distinct().toList();
        try (TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            if (!filter.isEmpty()) {
                tree.setFilter(PathFilterGroup.createFromStrings(filter));
            }
            while (tree.next() && out.size() < MAX_FILES) {
                if (tree.getFileMode(0) == FileMode.REGULAR_FILE && yaml(tree.getPathString())) {
                    out.put(tree.getPathString(), tree.getObjectId(0));
                }
            }
        } catch (MissingObjectException e) {
            // a tree the crawl did not fetch
        }
        return out;
    }

    /** Whether a path is a YAML file's. */
    static boolean yaml(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** A file's text, when its contents are here and not too large. */
    Optional<String> text(ObjectId id) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            if (!reader.has(id)) {
                return Optional.empty();
            }
            ObjectLoader loader = reader.open(id);
            return loader.getSize() <= MAX_FILE_BYTES ? Optional.of(new String(loader.getBytes(),
                    StandardCharsets.UTF_8)) : Optional.empty();
        }
    }

    /**
     * The commit a deployed tag names: a tag of the repository ({@code v1.4.0}, or {@code 1.4.0} for a tag
     * {@code v1.4.0}), else a commit id in it ({@code 1a2b3c4}, {@code sha-1a2b3c4}) the repository has.
     */
    Optional<RevCommit> resolve(String tag) throws IOException {
        if (tag.isEmpty() || tag.startsWith("sha256:")) {
            return Optional.empty();
        }
        Map<String, Ref> tags = tagRefs();
        for (String name : List.of(tag, "v" + tag)) {
            Ref ref = tags.get(name);
            if (ref != null) {
                Optional<RevCommit> c = peel(ref.getObjectId());
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        Matcher m = HEX.matcher(tag);
        while (m.find()) {
            try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(m.group(1)));
                if (ids.size() == 1) {
                    RevObject o = walk.parseAny(ids.iterator().next());
                    if (o instanceof RevCommit c) {
                        return Optional.of(c);
                    }
                }
            } catch (MissingObjectException e) {
                // not there
            }
        }
        return Optional.empty();
    }

    private Map<String, Ref> tagRefs;

    /** The repository's tags by name, read once. */
    private synchronized Map<String, Ref> tagRefs() throws IOException {
        if (tagRefs == null) {
            Map<String, Ref> out = new HashMap<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                out.put(ref.getName().substring(Constants.R_TAGS.length()), ref);
            }
            tagRefs = out;
        }
        return tagRefs;
    }

    /** The repository's tags pointing at commits it has: name, commit and when it was tagged. */
    List<Tag> tags() throws IOException {
        List<Tag> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                try {
                    RevObject o = walk.parseAny(ref.getObjectId());
                    Instant when = null;
                    while (o instanceof RevTag t) {
                        if (when == null && t.getTaggerIdent() != null) {
                            when = t.getTaggerIdent().getWhenAsInstant();
                        }
                        o = walk.parseAny(t.getObject());
                    }
                    if (o instanceof RevCommit c) {
                        walk.parseHeaders(c);
                        out.add(new Tag(ref.getName().substring(Constants.R_TAGS.length()), c,
                                when != null ? when : Instant.ofEpochSecond(c.getCommitTime())));
                    }
                } catch (MissingObjectException e) {
                    // a tag of a commit out of the fetched window
                }
            }
        }
        out.sort(Comparator.comparing(Tag::time));
        return out;
    }

    /** A tag and the commit it points at. */
    record Tag(String name, RevCommit commit, Instant time) {
    }

    /**
     * The commits reachable from {@code to} and not from {@code from} (when given), committed after {@code since}:
     * the changes a release ships.
     */
    List<RevCommit> between(RevCommit to, Optional<RevCommit> from, Instant since) throws IOException {
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(to));
            if (from.isPresent()) {
                walk.markUninteresting(walk.parseCommit(from.get()));
            }
            walk.setRevFilter(CommitTimeRevFilter.after(since.toEpochMilli()));
            for (RevCommit c : walk) {
                out.add(c);
            }
        } catch (MissingObjectException e) {
            // the end of the fetched history
        }
        return out;
    }

    private Optional<RevCommit> peel(ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevObject o = walk.parseAny(id);
            while (o instanceof RevTag t) {
                o = walk.parseAny(t.getObject());
            }
            if (o instanceof RevCommit c) {
                walk.parseHeaders(c);
                return Optional.of(c);
            }
            return Optional.empty();
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }

    /** A commit as figures cite it, with its page on the host when known. */
    Commit commit(RevCommit c) {
        String url = "";
        if (!webUrl.isEmpty()) {
            url = webUrl + (webUrl.contains("gitlab") ? "/-/commit/" : "/commit/") + c.getName();
        }
        return new Commit(c.getName(), Instant.ofEpochSecond(c.getCommitTime()), c.getShortMessage(), url);
    }

    /**
     * A repository's page from its URL: {@code https://host/o/r} for {@code https://host/o/r.git} and
     * {@code git@host:o/r.git}; empty for anything else (a file path, plain http off loopback…).
     */
    static String web(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        String u = Redact.url(url.trim()).replaceFirst("\\.git/?$", "").replaceFirst("/+$", "");
        Matcher ssh = Pattern.compile("^(?:ssh://)?git@([^:/]+)[:/](.+)$").matcher(u);
        if (ssh.matches()) {
            u = "https://" + ssh.group(1) + "/" + ssh.group(2);
        }
        if (!u.startsWith("https://") && !u.startsWith("http://")) {
            return "";
        }
        return u.contains("@") || u.contains("<") || u.contains("\"") ? "" : u;
    }

    @Override
    public void close() {
        repository.close();
    }
}
