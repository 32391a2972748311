package dev.paved.scaffold;

import dev.paved.credential.GitAuth;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * {@code publish:github:pull-request}, {@code publish:gitlab:merge-request} and {@code publish:gitea:pull-request}
 * (Paved's name: Backstage's Gitea module has no such action): propose the output folder as a change to a
 * repository that exists. In order, each step named in its errors: the host's API is asked for the repository
 * (401 and 404 stop here), git is asked whether {@code branchName} exists (it is refused then), the base branch is
 * cloned at depth 1, the files of {@code sourcePath} are written into {@code targetPath} on the new branch,
 * committed and pushed with JGit, and the request is opened through the API. When the host refuses the request after
 * the push, the pushed branch is deleted again (or the message names it, when that fails too): nothing stays half-way.
 * The token goes to the API's and the push remote's origins only, as {@link HostToken} and {@link GitAuth} allow.
 */
final class PullRequestActions {

    /** Owner and repository names as hosts allow them; a GitLab owner may be a group path ({@code a/b}). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern GROUP_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private PullRequestActions() {
    }

    static ScaffoldAction of(PublishActions.Provider provider) {
        return (run, input) -> propose(provider, run, input);
    }

    /** Where a request goes: the host, and the repository as the API names it (GitLab: a project id or path). */
    record Target(String host, String repository, boolean projectId) {

        /** The web address of the repository; unknown (null) for a GitLab project given by id alone. */
        String web() {
            return projectId ? null : "https://" + host + "/" + repository;
        }
    }

    private static Map<String, Object> propose(PublishActions.Provider provider, StepRun run, Map<String, Object> input)
            throws IOException {
        String label = run.step().label();
        Target target = target(provider, run, input);
        String branch = run.required(input, "branchName");
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new TemplateException(label + ": branchName '" + branch + "' is not a branch name git allows");
        }
        String title = run.required(input, "title");
        String description = StepRun.text(input, "description", "");
        boolean draft = StepRun.flag(input, "draft");
        String base = blankToNull(StepRun.text(input, "targetBranchName", null));
        if (base != null && !Repository.isValidRefName(Constants.R_HEADS + base)) {
            throw new TemplateException(label + ": targetBranchName '" + base + "' is not a branch name git allows");
        }
        String targetPath = StepRun.text(input, "targetPath", "");
        // As Backstage's merge request action: a missing sourcePath falls back to targetPath on GitLab.
        String sourcePath = StepRun.text(input, "sourcePath",
                provider == PublishActions.Provider.GITLAB && !targetPath.isBlank() ? targetPath : ".");
        Path source = run.workspace().resolve(sourcePath.isBlank() ? "." : sourcePath, label + " sourcePath");
        new Workspace(run.workspace().root().resolve(".target-check"), true).resolve(
                targetPath.isBlank() ? "." : targetPath, label + " targetPath");
        List<String> reviewers = strings(input.get("reviewers"));
        List<String> teamReviewers = strings(input.get("teamReviewers"));
        String commitMessage = StepRun.text(input, "commitMessage", title);
        if (StepRun.flag(input, "update")) {
            run.log("  note: update is not supported: a branch that exists already is refused, not updated");
        }
        String host = target.host();
        String api = run.options().apiUrls().getOrDefault(host, RepositoryCreator.defaultApi(provider, host));
        String kind = provider == PublishActions.Provider.GITLAB ? "merge request" : "pull request";
        String token = run.options().gitToken();
        boolean withToken = run.options().tokenAllowed(host);

        if (run.dryRun()) {
            String remote = target.projectId() ? "project " + target.repository() + " on " + host
                    : Redact.url(run.options().rewrite(target.web() + ".git"));
            run.log("  would clone " + remote + " (" + (base == null ? "its default branch" : "branch " + base)
                    + "), write " + relative(run, source) + " into " + (targetPath.isBlank() ? "its root" : targetPath)
                    + " on a new branch " + branch + ", push it, and open the " + kind + " '" + title + "'"
                    + (draft ? " as a draft" : "") + " through " + Redact.url(api)
                    + (reviewers.isEmpty() && teamReviewers.isEmpty() ? ""
                    : ", asking " + String.join(", ", concat(reviewers, teamReviewers)) + " to review"));
            if (!withToken) {
                run.log("  note: it needs " + PublishActions.TOKEN_SOURCE + " for " + host);
            }
            run.pushes().add(remote + "#" + branch);
            return outputs(provider, target, "(dry run)", 0, base == null ? "(default branch)" : base);
        }
        if (!withToken) {
            throw new TemplateException(label + ": opening a " + kind + " on " + host + " needs "
                    + PublishActions.TOKEN_SOURCE + (token == null || token.isEmpty() ? ""
                    : ", and " + host + " is not one of the token's hosts (--token-host)") + "; nothing was pushed");
        }

        // 1. The repository, through the API: a wrong token or repository stops here.
        PullRequestApi rest;
        PullRequestApi.RepositoryInfo info;
        try {
            rest = new PullRequestApi(provider, api, HostToken.of(PublishActions.TOKEN_SOURCE, token, api));
            info = rest.repository(target.repository());
        } catch (TokenRefusedException e) {
            throw new TemplateException(label + ": " + e.getMessage());
        } catch (IOException e) {
            throw new TemplateException(label + ": reading the repository through " + Redact.url(api) + ": "
                    + Redact.message(e.getMessage()) + "; nothing was pushed", e);
        }
        String web = target.web() != null ? target.web() : "https://" + host + "/" + info.path();
        if (!GROUP_PATH.matcher(info.path()).matches()) {
            throw new TemplateException(label + ": " + host + " named the project '" + info.path() + "', which is "
                    + "not a repository path");
        }
        String remote = run.options().rewrite(web + ".git");
        TransportConfigCallback access;
        try {
            access = GitAuth.forRemote(remote, Optional.of(HostToken.of(PublishActions.TOKEN_SOURCE, token, remote,
                    api)));
        } catch (TokenRefusedException e) {
            throw new TemplateException(label + ": " + e.getMessage());
        }
        String shown = Redact.url(remote);

        // 2. The branch must be new, and the base must exist.
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(remote).setHeads(true).setTimeout(60)
                    .setTransportConfigCallback(access).callAsMap();
        } catch (GitAPIException | JGitInternalException e) {
            throw new TemplateException(label + ": reading the branches of " + shown + ": "
                    + Redact.message(e.getMessage()) + "; nothing was pushed", e);
        }
        if (refs.containsKey(Constants.R_HEADS + branch)) {
            throw new TemplateException(label + ": the branch " + branch + " already exists in " + shown
                    + "; nothing was pushed (choose another branchName, or delete that branch)");
        }
        String into = base != null ? base : info.defaultBranch();
        if (into == null || !refs.containsKey(Constants.R_HEADS + into)) {
            throw new TemplateException(label + ": " + shown + " has no branch " + (into == null
                    ? "to propose to (an empty repository?)" : into) + "; nothing was pushed");
        }

        // 3. Clone the base at depth 1, write the files on the new branch, commit, push.
        Path clone = Files.createTempDirectory("paved-pr-");
        try {
            String commit = commitAndPush(run, clone, remote, access, into, branch, source, targetPath, commitMessage,
                    PublishActions.author(run, input));
            run.pushes().add(shown + "#" + branch);
            run.log("  pushed " + commit.substring(0, 12) + " to " + shown + " (branch " + branch + ")");
        } finally {
            deleteTree(clone);
        }

        // 4. Open the request; if the host refuses it, take the branch back.
        PullRequestApi.Opened opened;
        List<Long> reviewerIds = new ArrayList<>();
        try {
            if (provider == PublishActions.Provider.GITLAB) {
                for (String r : reviewers) {
                    Optional<Long> id = rest.gitlabUser(r);
                    id.ifPresentOrElse(reviewerIds::add, () -> run.log("  note: GitLab has no user " + r
                            + "; the merge request is opened without that reviewer"));
                }
            }
            opened = rest.open(target.repository(), new PullRequestApi.Proposal(branch, into, title, description,
                    draft, reviewerIds));
        } catch (IOException e) {
            boolean deleted = deleteBranch(remote, access, branch);
            throw new TemplateException(label + ": " + Redact.message(e.getMessage()) + "; " + (deleted
                    ? "the pushed branch " + branch + " was deleted again"
                    : "the pushed branch " + branch + " remains in " + shown + ": delete it by hand"), e);
        }
        run.log("  opened " + kind + " " + (provider == PublishActions.Provider.GITLAB ? "!" : "#")
                + opened.number() + ": " + opened.url());

        // 5. Reviewers (GitHub, Gitea): as Backstage, a refusal is reported, and the request stays.
        if (provider != PublishActions.Provider.GITLAB && !(reviewers.isEmpty() && teamReviewers.isEmpty())) {
            try {
                List<String> added = rest.requestReviewers(target.repository(), opened.number(), reviewers,
                        teamReviewers);
                run.log("  asked " + String.join(", ", added.isEmpty() ? concat(reviewers, teamReviewers) : added)
                        + " to review");
            } catch (IOException e) {
                run.log("  note: the reviewers were not added: " + Redact.message(e.getMessage()));
            }
        }
        return outputs(provider, target.projectId() ? new Target(host, info.path(), false) : target, opened.url(),
                opened.number(), opened.targetBranch());
    }

    /** The outputs as Backstage's modules name them. */
    private static Map<String, Object> outputs(PublishActions.Provider provider, Target target, String url,
                                               long number, String targetBranch) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (provider) {
            case GITHUB -> {
                out.put("remoteUrl", url);
                out.put("pullRequestNumber", number);
                out.put("targetBranchName", targetBranch);
            }
            case GITLAB -> {
                out.put("projectid", target.repository());
                out.put("projectPath", target.repository());
                out.put("mergeRequestUrl", url);
                out.put("targetBranchName", targetBranch);
            }
            case GITEA -> {
                out.put("remoteUrl", target.web() == null ? url : target.web() + ".git");
                out.put("pullRequestUrl", url);
                out.put("pullRequestNumber", number);
                out.put("targetBranchName", targetBranch);
            }
            default -> throw new IllegalArgumentException(provider.toString());
        }
        return out;
    }

    /** {@code repoUrl} ({@code host?owner=…&repo=…}; GitLab also {@code ?project=<id>} or the input {@code projectid}). */
    private static Target target(PublishActions.Provider provider, StepRun run, Map<String, Object> input) {
        String label = run.step().label();
        Map<String, Object> repo = ScaffolderFilters.parseRepoUrl(run.required(input, "repoUrl"));
        String host = String.valueOf(repo.get("host"));
        Object owner = repo.get("owner") != null ? repo.get("owner") : repo.get("organization");
        Object name = repo.get("repo");
        if (owner != null && name != null) {
            boolean ok = provider == PublishActions.Provider.GITLAB
                    ? GROUP_PATH.matcher(String.valueOf(owner)).matches() : NAME.matcher(String.valueOf(owner)).matches();
            if (!ok || !NAME.matcher(String.valueOf(name)).matches() || String.valueOf(owner).matches("\\.+")
                    || String.valueOf(name).matches("\\.+")) {
                throw new TemplateException(label + ": repoUrl '" + input.get("repoUrl") + "' names no repository "
                        + "a host allows (owner and repo: letters, digits, . _ -)");
            }
            return new Target(host, owner + "/" + name, false);
        }
        if (provider == PublishActions.Provider.GITLAB) {
            String project = blankToNull(StepRun.text(input, "projectid",
                    repo.get("project") == null ? null : String.valueOf(repo.get("project"))));
            if (project != null) {
                if (!project.matches("[0-9]+") && !GROUP_PATH.matcher(project).matches()) {
                    throw new TemplateException(label + ": projectid '" + project + "' is neither a project id nor a "
                            + "project path");
                }
                return new Target(host, project, project.matches("[0-9]+"));
            }
        }
        throw new TemplateException(label + ": repoUrl '" + input.get("repoUrl") + "' names no owner and repo "
                + "(host?owner=…&repo=…" + (provider == PublishActions.Provider.GITLAB ? ", or a projectid" : "") + ")");
    }

    /** Clones {@code base} at depth 1, writes the files on the new {@code branch}, commits and pushes it. */
    private static String commitAndPush(StepRun run, Path clone, String remote, TransportConfigCallback access,
                                        String base, String branch, Path source, String targetPath, String message,
                                        org.eclipse.jgit.lib.PersonIdent author) throws IOException {
        String label = run.step().label();
        String shown = Redact.url(remote);
        try (Git git = Git.cloneRepository().setURI(remote).setDirectory(clone.toFile()).setBranch(base)
                .setBranchesToClone(List.of(Constants.R_HEADS + base)).setDepth(1).setTimeout(60)
                .setTransportConfigCallback(access).call()) {
            git.checkout().setCreateBranch(true).setName(branch).call();
            Workspace repository = new Workspace(clone, false);
            int files = 0;
            for (Path file : files(run, source)) {
                String relative = source.relativize(file).toString().replace('\\', '/');
                String to = targetPath.isBlank() || targetPath.equals(".") ? relative
                        : targetPath.replaceFirst("^\\./", "").replaceFirst("/+$", "") + "/" + relative;
                repository.write(to, Files.readAllBytes(file), Files.isExecutable(file), true,
                        label + " targetPath");
                files++;
            }
            if (files == 0) {
                throw new TemplateException(label + ": " + relative(run, source) + " has no files to propose; "
                        + "nothing was pushed");
            }
            git.add().addFilepattern(".").call();
            var status = git.status().call();
            if (status.getAdded().isEmpty() && status.getChanged().isEmpty()) {
                throw new TemplateException(label + ": the files are already so on " + base + " of " + shown
                        + ": there is nothing to propose; nothing was pushed");
            }
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false)
                    .call();
            for (PushResult result : git.push().setRemote(remote).setTimeout(60).setTransportConfigCallback(access)
                    .setRefSpecs(new RefSpec("HEAD:" + Constants.R_HEADS + branch)).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK) {
                        throw new TemplateException(label + ": " + shown + " refused the push of " + branch + ": "
                                + update.getStatus() + (update.getMessage() == null ? ""
                                : " (" + Redact.message(update.getMessage()) + ")") + "; nothing was pushed");
                    }
                }
            }
            return commit.getName();
        } catch (GitAPIException | JGitInternalException e) {
            throw new TemplateException(label + ": cloning, committing or pushing " + shown + ": "
                    + Redact.message(e.getMessage()), e);
        }
    }

    /** Deletes the pushed branch after the host refused the request; false when it could not. */
    private static boolean deleteBranch(String remote, TransportConfigCallback access, String branch) {
        try (Git git = Git.init().setBare(true).setDirectory(Files.createTempDirectory("paved-pr-undo-").toFile())
                .call()) {
            Path dir = git.getRepository().getDirectory().toPath();
            try {
                for (PushResult result : git.push().setRemote(remote).setTimeout(60).setTransportConfigCallback(access)
                        .setRefSpecs(new RefSpec(":" + Constants.R_HEADS + branch)).call()) {
                    for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                        if (update.getStatus() != RemoteRefUpdate.Status.OK) {
                            return false;
                        }
                    }
                }
                return true;
            } finally {
                deleteTree(dir);
            }
        } catch (GitAPIException | JGitInternalException | IOException e) {
            return false;
        }
    }

    /** The regular files of the folder to propose, sorted; {@code .git} folders and symbolic links are left out. */
    private static List<Path> files(StepRun run, Path source) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new TemplateException(run.step().label() + ": sourcePath " + relative(run, source)
                    + " is not a folder of the output; nothing was pushed");
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> {
                        for (Path part : source.relativize(p)) {
                            if (part.toString().equals(".git")) {
                                return false;
                            }
                        }
                        return true;
                    }).sorted().toList();
        }
    }

    private static String relative(StepRun run, Path p) {
        String r = run.workspace().root().relativize(p).toString().replace('\\', '/');
        return r.isEmpty() ? "the output folder" : r;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.stream().filter(v -> v != null && !String.valueOf(v).isBlank()).forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null && !String.valueOf(value).isBlank()) {
            out.add(String.valueOf(value));
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.forEach(t -> out.add("team " + t));
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static void deleteTree(Path dir) throws IOException {
        // JGit may write or drop a file (a gc lock, in the background) while the folder goes: walk it again then.
        for (int attempt = 0; attempt < 3 && Files.exists(dir, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (NoSuchFileException | DirectoryNotEmptyException | UncheckedIOException e) {
                if (attempt == 2) {
                    throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                }
            }
        }
    }
}
