package dev.paved.scaffold;

import dev.paved.credential.GitAuth;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A skeleton named by a GitHub, GitLab or Gitea tree or blob URL ({@code https://github.com/o/r/tree/main/skeleton},
 * {@code https://gitlab.com/g/p/-/tree/main/x}, {@code https://gitea.host/o/r/src/branch/main/x}), fetched with JGit:
 * the ref's last commit only (depth 1), and only the folder (or file) named is written, to a temporary folder that
 * {@link #close()} removes. Refused, before anything is fetched: a host this run does not know as a git host
 * (github.com, gitlab.com, the {@code --api-url}, {@code --token-host} and {@code --git-url} hosts), a path with
 * {@code .} or {@code ..} segments; and while writing, a symbolic link that points out of the folder. The token goes
 * only to the hosts it is for, as {@link HostToken} and {@link GitAuth} allow.
 */
final class RemoteSkeleton implements AutoCloseable {

    /**
     * Where a URL points.
     *
     * @param host       the host (with its port, if any)
     * @param repository the repository's path, e.g. {@code o/r} or a GitLab group path
     * @param rest       the segments after the URL's kind: the ref (which may span several) and then the path
     * @param commit     whether the ref is a commit id (Gitea's {@code src/commit/<sha>})
     */
    record Location(String host, String repository, List<String> rest, boolean commit) {

        String cloneUrl() {
            return "https://" + host + "/" + repository + ".git";
        }
    }

    private final List<Path> temporary = new ArrayList<>();

    /** Whether {@code url} is a remote location rather than a path beside the template. */
    static boolean isRemote(String url) {
        return url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    /** Reads a tree or blob URL; an {@link IllegalArgumentException} says why it is not one. */
    static Location parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("it is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Paved fetches skeletons over https from GitHub, GitLab or Gitea");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("it holds user information; a token is given by PAVED_GIT_TOKEN");
        }
        String raw = uri.getRawPath().replaceFirst("^/", "").replaceFirst("/$", "");
        List<String> segments = new ArrayList<>();
        for (String s : raw.split("/", -1)) {
            String d = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (d.isEmpty() || d.equals(".") || d.equals("..") || d.contains("/") || d.contains("\\")) {
                throw new IllegalArgumentException("its path has an empty, '.' or '..' segment, which leads out of "
                        + "its folder");
            }
            segments.add(d);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        int dash = segments.indexOf("-");
        if (dash >= 2 && dash + 2 < segments.size() && Set.of("tree", "blob").contains(segments.get(dash + 1))) {
            return new Location(host, String.join("/", segments.subList(0, dash)),
                    segments.subList(dash + 2, segments.size()), false); // GitLab
        }
        if (segments.size() >= 5 && segments.get(2).equals("src")
                && Set.of("branch", "tag", "commit").contains(segments.get(3))) {
            return new Location(host, segments.get(0) + "/" + segments.get(1), segments.subList(4, segments.size()),
                    segments.get(3).equals("commit")); // Gitea
        }
        if (segments.size() >= 4 && Set.of("tree", "blob").contains(segments.get(2))) {
            return new Location(host, segments.get(0) + "/" + segments.get(1), segments.subList(3, segments.size()),
                    false); // GitHub
        }
        throw new IllegalArgumentException("it is not a tree or blob URL of GitHub (/o/r/tree/<ref>/<path>), "
                + "GitLab (/g/p/-/tree/<ref>/<path>) or Gitea (/o/r/src/branch/<ref>/<path>)");
    }

    /** Checks {@code url} without the network, for a dry run; it says what would be fetched or why not. */
    static void plan(StepRun run, String url) {
        try {
            Location at = checked(run, url);
            run.log("  would fetch " + String.join("/", at.rest()) + " of " + at.repository() + " on " + at.host()
                    + " (its files are not listed in a dry run)");
        } catch (TemplateException e) {
            run.log("  would refuse: " + e.getMessage());
        }
    }

    /** Fetches the folder or file {@code url} names; its copy lives until {@link #close()}. */
    Path fetch(StepRun run, String url) throws IOException {
        Location at = checked(run, url);
        String label = run.step().label();
        String remote = run.options().rewrite(at.cloneUrl());
        String shown = Redact.url(remote);
        TransportConfigCallback access;
        try {
            String token = run.options().gitToken();
            Optional<HostToken> hostToken = run.options().tokenAllowed(at.host().replaceFirst(":\\d+$", ""))
                    ? Optional.of(HostToken.of(PublishActions.TOKEN_SOURCE, token, remote)) : Optional.empty();
            access = GitAuth.forRemote(remote, hostToken);
        } catch (TokenRefusedException e) {
            throw new TemplateException(label + ": " + e.getMessage());
        }
        String ref;
        List<String> path;
        if (at.commit()) {
            ref = at.rest().get(0);
            path = at.rest().subList(1, at.rest().size());
        } else {
            Map<String, Ref> refs;
            try {
                refs = Git.lsRemoteRepository().setRemote(remote).setTimeout(60).setTransportConfigCallback(access)
                        .callAsMap();
            } catch (GitAPIException | JGitInternalException e) {
                throw new TemplateException(label + ": reading the branches of " + shown + ": "
                        + Redact.message(e.getMessage()), e);
            }
            // A branch may hold slashes (release/1.0): the longest leading segments that name one.
            ref = null;
            int used = 0;
            for (int i = at.rest().size(); i >= 1 && ref == null; i--) {
                String name = String.join("/", at.rest().subList(0, i));
                for (String prefix : List.of(Constants.R_HEADS, Constants.R_TAGS)) {
                    if (ref == null && refs.containsKey(prefix + name)) {
                        ref = prefix + name;
                        used = i;
                    }
                }
            }
            if (ref == null) {
                throw new TemplateException(label + ": " + shown + " has no branch or tag that " + url + " names");
            }
            path = at.rest().subList(used, at.rest().size());
        }
        Path temp = Files.createTempDirectory("paved-skeleton-");
        temporary.add(temp);
        try (Repository r = new FileRepositoryBuilder().setGitDir(temp.resolve("git").toFile()).setBare().build()) {
            r.create(true);
            try (Transport t = Transport.open(r, new URIish(remote))) {
                access.configure(t);
                t.setTimeout(60);
                t.setDepth(1);
                t.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec((at.commit() ? "" : "+") + ref
                        + ":refs/paved/skeleton")));
            } catch (org.eclipse.jgit.errors.TransportException | URISyntaxException e) {
                throw new TemplateException(label + ": fetching " + url + " from " + shown + ": "
                        + Redact.message(e.getMessage()), e);
            }
            ObjectId commit = r.resolve("refs/paved/skeleton");
            if (commit == null) {
                throw new TemplateException(label + ": fetching " + url + " brought no commit");
            }
            return write(run, url, r, commit, String.join("/", path), temp.resolve("files"));
        }
    }

    /** Writes the folder or file {@code path} of the commit under {@code out}; returns where it is. */
    private static Path write(StepRun run, String url, Repository r, ObjectId commit, String path, Path out)
            throws IOException {
        String label = run.step().label();
        try (RevWalk walk = new RevWalk(r)) {
            var tree = walk.parseCommit(commit).getTree();
            Files.createDirectories(out);
            if (!path.isEmpty()) {
                try (TreeWalk at = TreeWalk.forPath(r, path, tree)) {
                    if (at == null) {
                        throw new TemplateException(label + ": " + url + " names nothing in that commit");
                    }
                }
            }
            try (TreeWalk tw = new TreeWalk(r)) {
                tw.addTree(tree);
                tw.setRecursive(true);
                if (!path.isEmpty()) {
                    tw.setFilter(PathFilter.create(path));
                }
                Path folder = Path.of(path.isEmpty() ? "." : path);
                while (tw.next()) {
                    String p = tw.getPathString();
                    FileMode mode = tw.getFileMode(0);
                    Path target = out.resolve(p).normalize();
                    if (!target.startsWith(out)) {
                        throw new TemplateException(label + ": " + url + " holds a file named " + p + ", which leads "
                                + "out of its folder");
                    }
                    if (mode == FileMode.SYMLINK) {
                        String to = new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                        Path linked = Path.of(p).getParent() == null ? Path.of(to).normalize()
                                : Path.of(p).getParent().resolve(to).normalize();
                        boolean inside = !Path.of(to).isAbsolute() && (path.isEmpty()
                                ? !linked.startsWith("..") : linked.startsWith(folder) && !p.equals(path));
                        if (!inside) {
                            throw new TemplateException(label + ": " + p + " of " + url + " is a symbolic link to "
                                    + to + ", out of the folder; nothing was written");
                        }
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(to));
                    } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = r.open(tw.getObjectId(0)).openStream();
                             OutputStream o = Files.newOutputStream(target)) {
                            in.transferTo(o);
                        }
                        if (mode == FileMode.EXECUTABLE_FILE) {
                            target.toFile().setExecutable(true, false);
                        }
                    }
                    // submodules are not followed
                }
            }
        }
        return path.isEmpty() ? out : out.resolve(path);
    }

    /** Parses {@code url} and checks its host; errors name the step. */
    private static Location checked(StepRun run, String url) {
        String label = run.step().label();
        Location at;
        try {
            at = parse(url);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(label + ": url '" + Redact.url(url) + "' cannot be fetched: "
                    + e.getMessage());
        }
        if (!knownHosts(run.options()).contains(at.host())) {
            throw new TemplateException(label + ": url '" + Redact.url(url) + "' is on " + at.host() + ", which is "
                    + "not a git host this run knows (github.com, gitlab.com, and the --api-url, --token-host and "
                    + "--git-url hosts)");
        }
        return at;
    }

    private static Set<String> knownHosts(Scaffolder.Options options) {
        Set<String> hosts = new HashSet<>(Arrays.asList("github.com", "gitlab.com"));
        options.apiUrls().keySet().forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        options.tokenHosts().forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        for (String prefix : options.gitUrls().keySet()) {
            try {
                URI uri = new URI(prefix);
                if (uri.getHost() != null) {
                    hosts.add(uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
                }
            } catch (URISyntaxException e) {
                // not a URL prefix: no host
            }
        }
        return hosts;
    }

    @Override
    public void close() throws IOException {
        for (Path p : temporary) {
            PullRequestActions.deleteTree(p);
        }
        temporary.clear();
    }
}
