package dev.paved.crawl;

import dev.paved.credential.Redact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
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
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Deepens a bare cache repository that holds its branch's last commit (fetched at depth 1) to every commit of the
 * branch since a time, as {@code git fetch --shallow-since} does, for the developer metrics:
 *
 * <ol>
 *   <li><b>Commits</b>: the branch is fetched again into {@link #HISTORY_REF} with {@code deepen-since} and the
 *       filter {@code tree:0} (commit metadata only), falling back to {@code blob:none}, then to no filter, where the
 *       server refuses it. Its last commit's ref is removed meanwhile: a client that has the commit does not ask for
 *       it, and so would never send the {@code deepen-since}. The server answers {@code unshallow} for the last
 *       commit, which the depth-1 fetch had marked shallow, so the {@code shallow} file does not cut the history at
 *       the last commit; the order matters: a depth-1 fetch after this one would cut it again. JGit sends the
 *       commits it has (the previous {@link #HISTORY_REF} and the tags) as {@code have}s: a later crawl of a moved
 *       branch receives its new commits only. Commits that fell out of a window that moved on are kept.</li>
 *   <li><b>Files</b>: when the history needs select paths at the last commit, the commits are fetched with
 *       {@code blob:none} instead of {@code tree:0} (each commit's trees, to find those paths in it: one request
 *       with {@code have}s, rather than one per folder level by id), then the contents each commit has at those
 *       paths, where they are not already at hand (that is, where a commit changed them from its parent, and the
 *       oldest commit's), by id. Nothing else's contents. Objects are fetched by id through a view of the bare
 *       repository without refs nor {@code shallow} file ({@link #byId}): a server told that the client has a
 *       commit sends nothing it reaches.</li>
 *   <li><b>Tags</b>: the tags the branch listing advertised ({@code ls-remote}) whose commit (annotated tags
 *       peeled) is in the window are kept under {@code refs/tags/}: a lightweight one is written, an annotated
 *       one's tag object is fetched (the commit is common, so nothing else comes).</li>
 * </ol>
 *
 * <p>A reader walks the window from the crawled commit ({@code RevWalk}, which honours the {@code shallow} file)
 * and reads the history needs' paths at every commit; commits older than the window are absent, or the window's
 * oldest commits are shallow (their parents absent).
 */
final class HistoryFetch {

    /** The branch's commit the history was last fetched for: a {@code have} for the next crawl. */
    static final String HISTORY_REF = "refs/paved/history";
    /** Objects asked for by id in one request at most. */
    private static final int WANTS_PER_REQUEST = 2000;

    /** Opens a transport to a repository's remote, with its credentials and timeout. */
    interface Remote {
        Transport open(org.eclipse.jgit.lib.Repository local) throws IOException;
    }

    /**
     * What a history fetch left in the bare repository.
     *
     * @param since   the window's start
     * @param commits the commits of the branch within the window now at hand
     * @param filter  the filter the commits came with ({@code tree:0}, {@code blob:none} or empty for none)
     * @param blobs   file contents fetched now (history needs' paths at the window's commits)
     * @param tags    tags pointing into the window, now under {@code refs/tags/}
     * @param error   why the history could not be fetched (redacted), or empty
     */
    record Result(Instant since, int commits, String filter, int blobs, int tags, String error) {

        static Result failed(Instant since, String error) {
            return new Result(since, 0, "", 0, 0, error);
        }
    }

    private final org.eclipse.jgit.lib.Repository repo;
    private final Path bare;
    private final Remote remote;
    private final String headRef;

    HistoryFetch(org.eclipse.jgit.lib.Repository repo, Path bare, Remote remote, String headRef) {
        this.repo = repo;
        this.bare = bare;
        this.remote = remote;
        this.headRef = headRef;
    }

    /**
     * Fetches the window's commits, the contents at {@code paths} and the window's tags.
     *
     * @param branchRef the remote ref fetched ({@code HEAD} or {@code refs/heads/…})
     * @param head      the commit just fetched at depth 1 (held by {@code headRef})
     * @param since     the window's start
     * @param paths     the paths whose every version in the window is fetched
     * @param tags      the remote's tags as listed ({@code refs/tags/…}, peeled where annotated)
     */
    Result fetch(String branchRef, ObjectId head, Instant since, Set<String> paths, Map<String, Ref> tags)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            if (walk.parseCommit(head).getCommitterIdent().getWhenAsInstant().isBefore(since)) {
                // The last commit is older than the window: nothing to deepen (a server finds no commit for it).
                return new Result(since, 0, "", 0, 0, "");
            }
        }
        if (head.equals(repo.resolve(HISTORY_REF))) {
            // Fetched again for the same commit (another rule or window): a client that has the commit would not
            // ask for it, so the whole window is asked for again.
            RefUpdate drop = repo.updateRef(HISTORY_REF);
            drop.setForceUpdate(true);
            drop.delete();
        }
        String filter = deepen(branchRef, head, since, paths.isEmpty()
                ? List.of("tree:0", "blob:none", "") : List.of("blob:none", ""));
        ObjectId tip = repo.resolve(HISTORY_REF);
        if (tip == null) {
            throw new IOException("the history fetch brought no commit");
        }
        List<RevCommit> window = window(tip, since);
        int blobs = paths.isEmpty() ? 0 : fetchContents(window, paths);
        int tagged = keepTags(window, tags);
        return new Result(since, window.size(), filter, blobs, tagged, "");
    }

    /** Fetches the branch with {@code deepen-since}, trying each filter in turn; returns the one used. */
    private String deepen(String branchRef, ObjectId head, Instant since, List<String> filters) throws IOException {
        RefUpdate delete = repo.updateRef(headRef);
        delete.setForceUpdate(true);
        delete.delete();
        try {
            for (int i = 0; ; i++) {
                String filter = filters.get(i);
                try (Transport t = remote.open(repo)) {
                    t.setDeepenSince(since);
                    t.setTagOpt(TagOpt.NO_TAGS);
                    if (!filter.isEmpty()) {
                        t.setFilterSpec(FilterSpec.fromFilterLine(filter));
                    }
                    t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + branchRef + ":" + HISTORY_REF)));
                    return filter;
                } catch (TransportException e) {
                    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                    if (i + 1 < filters.size() && message.contains("filter")) {
                        continue; // the server does not filter (or not so): the next filter
                    }
                    throw new IOException("could not fetch its history: " + Redact.message(e.getMessage()), e);
                }
            }
        } finally {
            RefUpdate restore = repo.updateRef(headRef);
            restore.setNewObjectId(head);
            restore.setForceUpdate(true);
            restore.update();
        }
    }

    /** The commits reachable from {@code tip} committed since {@code since}, newest first. */
    List<RevCommit> window(ObjectId tip, Instant since) throws IOException {
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(tip));
            for (RevCommit c : walk) {
                if (!c.getCommitterIdent().getWhenAsInstant().isBefore(since)) {
                    out.add(c);
                }
            }
        } catch (MissingObjectException e) {
            throw new IOException("its history lacks commit " + e.getObjectId().name() + " (neither fetched nor a "
                    + "shallow boundary)", e);
        }
        return out;
    }

    /** Fetches the contents the window's commits have at {@code paths} that are not at hand; returns how many. */
    private int fetchContents(List<RevCommit> window, Set<String> paths) throws IOException {
        Set<ObjectId> trees = new LinkedHashSet<>();
        for (RevCommit c : window) {
            if (!repo.getObjectDatabase().has(c.getTree())) {
                trees.add(c.getTree().copy()); // fetched without trees by an earlier crawl
            }
        }
        byId(trees, "blob:none");
        Set<ObjectId> blobs = new LinkedHashSet<>();
        Set<ObjectId> seenTrees = new HashSet<>();
        for (RevCommit c : window) {
            if (!seenTrees.add(c.getTree().copy())) {
                continue; // the same tree as a commit already looked at: the same files
            }
            try (TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(c.getTree());
                tree.setRecursive(true);
                tree.setFilter(PathFilterGroup.createFromStrings(paths));
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    ObjectId id = tree.getObjectId(0);
                    if ((mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE)
                            && !repo.getObjectDatabase().has(id)) {
                        blobs.add(id);
                    }
                }
            }
        }
        byId(blobs, "");
        return blobs.size();
    }

    /**
     * Fetches objects by id through a view of the bare repository: its objects, but no refs and no {@code shallow}
     * file, so nothing is announced as had and the server sends what is asked (real git sends nothing it believes
     * the client has).
     */
    private void byId(Set<ObjectId> ids, String filter) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        Path view = Files.createTempDirectory(bare.getParent(), bare.getFileName() + ".view");
        try {
            Files.createDirectories(view.resolve("refs"));
            // Never a garbage collection here: with no refs, every object would look unreachable.
            Files.writeString(view.resolve("config"), "[gc]\n\tauto = 0\n\tautoPackLimit = 0\n\tautoDetach = false\n");
            try (org.eclipse.jgit.lib.Repository r = new FileRepositoryBuilder().setGitDir(view.toFile())
                    .setObjectDirectory(bare.resolve("objects").toFile()).setBare().build()) {
                List<ObjectId> all = List.copyOf(ids);
                for (int from = 0; from < all.size(); from += WANTS_PER_REQUEST) {
                    List<RefSpec> wants = all.subList(from, Math.min(all.size(), from + WANTS_PER_REQUEST)).stream()
                            .map(id -> new RefSpec(id.name())).toList();
                    try (Transport t = remote.open(r)) {
                        t.setTagOpt(TagOpt.NO_TAGS);
                        if (!filter.isEmpty()) {
                            t.setFilterSpec(FilterSpec.fromFilterLine(filter));
                        }
                        t.fetch(NullProgressMonitor.INSTANCE, wants);
                    } catch (TransportException e) {
                        throw new IOException("could not fetch its history's files: " + Redact.message(e.getMessage()),
                                e);
                    }
                }
            }
        } finally {
            RepositoryFetcher.deleteTree(view);
        }
    }

    /** Keeps the listed tags whose commit is in the window under {@code refs/tags/}; returns how many there are. */
    private int keepTags(List<RevCommit> window, Map<String, Ref> tags) throws IOException {
        Set<ObjectId> commits = new HashSet<>();
        window.forEach(c -> commits.add(c.copy()));
        List<RefSpec> fetch = new ArrayList<>();
        int kept = 0;
        for (Ref tag : tags.values()) {
            if (!tag.getName().startsWith(Constants.R_TAGS) || tag.getObjectId() == null) {
                continue;
            }
            ObjectId target = tag.getPeeledObjectId() != null ? tag.getPeeledObjectId() : tag.getObjectId();
            if (!commits.contains(target)) {
                continue;
            }
            kept++;
            ObjectId local = repo.resolve(tag.getName());
            if (tag.getObjectId().equals(local)) {
                continue;
            }
            if (repo.getObjectDatabase().has(tag.getObjectId())) {
                RefUpdate u = repo.updateRef(tag.getName());
                u.setNewObjectId(tag.getObjectId());
                u.setForceUpdate(true);
                u.update();
            } else {
                fetch.add(new RefSpec("+" + tag.getName() + ":" + tag.getName()));
            }
        }
        if (!fetch.isEmpty()) {
            try (Transport t = remote.open(repo)) {
                t.setTagOpt(TagOpt.NO_TAGS);
                t.fetch(NullProgressMonitor.INSTANCE, fetch);
            } catch (TransportException e) {
                throw new IOException("could not fetch its tags: " + Redact.message(e.getMessage()), e);
            }
        }
        return kept;
    }
}
