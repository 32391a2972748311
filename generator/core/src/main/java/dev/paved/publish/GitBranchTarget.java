package dev.paved.publish;

import dev.paved.credential.GitAuth;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenRefusedException;
import dev.paved.io.WorkFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A branch of a git repository, as GitHub Pages serves one ({@code gh-pages}): one commit per publish with the
 * whole site, {@code .nojekyll} and an optional {@code CNAME}, pushed with JGit. Only the branch's last commit is
 * fetched; the history is kept (the new commit's parent is the last one) or replaced by a single commit.
 *
 * <p>The fetched branch is kept in a {@link WorkFolder} of the system's temporary folder, {@code paved-publish-…},
 * removed when the target is closed; one left by a publish that was killed is removed when the next one starts.
 */
public final class GitBranchTarget implements PublishTarget {

    /** The prefix of the work folders in the system's temporary folder. */
    static final String WORK_PREFIX = "paved-publish-";

    /** Files the target adds to every commit; not site files, so never deleted as such. */
    private static final List<String> OWN_FILES = List.of(".nojekyll", "CNAME");

    private final String remote;
    private final String branch;
    private final boolean squash;
    private final Optional<String> cname;
    private final TransportConfigCallback access;
    private final WorkFolder work;
    private final Repository repository;
    private final ObjectInserter inserter;
    private final Map<String, ObjectId> tree = new TreeMap<>();
    private ObjectId parent;
    private boolean changed;

    /**
     * @param remote      any URL JGit pushes to ({@code https://}, {@code ssh://}, {@code file://}, a path)
     * @param squash      replace the branch's history with the one new commit
     * @param cname       the custom domain written to {@code CNAME}, if any
     * @param token       the token for the remote, if any: it goes to the remote's origin only (see {@link GitAuth})
     * @throws IOException a {@link TokenRefusedException} when a password in the remote's URL
     *                     would go over plain http to a host that is not loopback, before anything is sent
     */
    public GitBranchTarget(String remote, String branch, boolean squash, Optional<String> cname,
                           Optional<HostToken> token) throws IOException {
        this.access = GitAuth.forRemote(remote, token);
        this.remote = remote;
        this.branch = branch;
        this.squash = squash;
        this.cname = cname.filter(c -> !c.isBlank());
        this.work = WorkFolder.create(Path.of(System.getProperty("java.io.tmpdir")), WORK_PREFIX);
        try {
            this.repository = FileRepositoryBuilder.create(work.path().resolve("repo.git").toFile());
            repository.create(true);
        } catch (IOException | RuntimeException e) {
            work.close();
            throw e;
        }
        this.inserter = repository.newObjectInserter();
        try {
            fetchBranch();
        } catch (IOException | RuntimeException e) {
            close(); // nothing left behind
            throw e;
        }
    }

    private void fetchBranch() throws IOException {
        String ref = Constants.R_HEADS + branch;
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(remote).setHeads(true)
                    .setTransportConfigCallback(access).call();
            if (refs.stream().noneMatch(r -> r.getName().equals(ref))) {
                return; // a new branch
            }
            try (Git git = new Git(repository)) {
                git.fetch().setRemote(remote).setRefSpecs(new RefSpec("+" + ref + ":refs/remotes/origin/" + branch))
                        .setDepth(1).setTransportConfigCallback(access).call();
            }
        } catch (GitAPIException e) {
            throw new IOException("could not fetch " + branch + " from " + describeRemote() + ": "
                    + Redact.message(e.getMessage()), e);
        }
        parent = repository.resolve("refs/remotes/origin/" + branch);
        if (parent == null) {
            return;
        }
        try (RevWalk walk = new RevWalk(repository); TreeWalk files = new TreeWalk(repository)) {
            files.addTree(walk.parseCommit(parent).getTree());
            files.setRecursive(true);
            while (files.next()) {
                tree.put(files.getPathString(), files.getObjectId(0));
            }
        }
    }

    private String describeRemote() {
        return Redact.url(remote); // never a credential in a message
    }

    @Override
    public String describe() {
        return describeRemote() + "#" + branch;
    }

    @Override
    public Map<String, String> list() {
        Map<String, String> out = new TreeMap<>();
        tree.forEach((path, id) -> {
            if (!OWN_FILES.contains(path)) {
                out.put(path, id.name());
            }
        });
        return out;
    }

    @Override
    public String fingerprint(SiteFile file) throws IOException {
        try (InputStream in = Files.newInputStream(file.file())) {
            return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, file.size(), in).name();
        }
    }

    @Override
    public void put(SiteFile file) throws IOException {
        try (InputStream in = Files.newInputStream(file.file())) {
            tree.put(file.path(), inserter.insert(Constants.OBJ_BLOB, file.size(), in));
        }
        changed = true;
    }

    @Override
    public void delete(List<String> paths) {
        paths.forEach(tree::remove);
        changed = true;
    }

    @Override
    public void finish(String message) throws IOException {
        tree.put(".nojekyll", inserter.insert(Constants.OBJ_BLOB, new byte[0]));
        tree.remove("CNAME"); // the configured domain, or none
        cname.ifPresent(c -> {
            try {
                tree.put("CNAME", inserter.insert(Constants.OBJ_BLOB, (c.strip() + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        tree.forEach((path, id) -> {
            DirCacheEntry entry = new DirCacheEntry(path);
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(id);
            builder.add(entry);
        });
        builder.finish();
        ObjectId treeId = index.writeTree(inserter);
        if (!changed && parent != null && !squash) {
            try (RevWalk walk = new RevWalk(repository)) {
                if (walk.parseCommit(parent).getTree().equals(treeId)) {
                    return; // nothing to publish
                }
            }
        }
        PersonIdent who = new PersonIdent("Paved", "paved@localhost");
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(treeId);
        if (parent != null && !squash) {
            commit.setParentId(parent);
        }
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(message + "\n");
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        try (Git git = new Git(repository)) {
            Iterable<PushResult> results = git.push().setRemote(remote).setTransportConfigCallback(access)
                    .setRefSpecs(new RefSpec(id.name() + ":" + Constants.R_HEADS + branch)).setForce(squash)
                    .call();
            for (PushResult r : results) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new IOException("push to " + describe() + " was " + u.getStatus()
                                + (u.getMessage() == null ? "" : ": " + Redact.message(u.getMessage())));
                    }
                }
            }
        } catch (GitAPIException e) {
            throw new IOException("could not push to " + describe() + ": " + Redact.message(e.getMessage()), e);
        }
        parent = id;
        changed = false;
    }

    /** The commit the branch points at after the last publish, or null. */
    ObjectId head() {
        return parent;
    }

    @Override
    public void close() throws IOException {
        inserter.close();
        repository.close();
        work.close();
    }
}
