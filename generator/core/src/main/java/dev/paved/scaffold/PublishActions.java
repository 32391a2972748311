package dev.paved.scaffold;

import dev.paved.credential.GitAuth;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenRefusedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * {@code publish:git}, {@code publish:github}, {@code publish:gitlab}, {@code publish:gitea} and {@code publish:azure}
 * (Azure DevOps: {@code host?organization=…&project=…&repo=…}, default branch master, outputs also
 * {@code repositoryId}): commit the output
 * folder (or its {@code sourcePath}) as the first commit of a new repository and push it to the remote that
 * {@code repoUrl} names ({@code host?owner=…&repo=…}), with JGit. With a token, the provider's REST API creates the
 * repository first (see {@link RepositoryCreator}); without one it must exist, empty. URL rewrites ({@code --git-url}) send a push for one host elsewhere, as git's {@code url.<base>.insteadOf} does.
 * The token goes to the push remote's and the API's origins only, over https (plain http only to loopback), as
 * {@link HostToken} and {@link GitAuth} allow.
 */
final class PublishActions {

    enum Provider { GIT, GITHUB, GITLAB, GITEA, AZURE }

    /** Where the token comes from, as messages name it. */
    static final String TOKEN_SOURCE = "PAVED_GIT_TOKEN";

    private PublishActions() {
    }

    static ScaffoldAction of(Provider provider) {
        return (run, input) -> publish(provider, run, input, true);
    }

    /**
     * github:repo:push — {@code publish:github} without creating the repository, as Backstage's GitHub module splits
     * it: {@code repoUrl}, {@code defaultBranch}, {@code sourcePath}, {@code gitCommitMessage},
     * {@code gitAuthorName/Email}; outputs {@code remoteUrl}, {@code repoContentsUrl}, {@code commitHash}. The
     * repository must exist, empty ({@code github:repo:create} makes it).
     */
    static Map<String, Object> repoPush(StepRun run, Map<String, Object> input) throws IOException {
        return publish(Provider.GITHUB, run, input, false);
    }

    /**
     * github:repo:create — the first half of {@code publish:github}: {@code repoUrl}, {@code description},
     * {@code repoVisibility}; outputs {@code remoteUrl} and {@code repoContentsUrl}. It needs the token for the host;
     * a repository that exists already is not an error, as in {@code publish:github}.
     */
    static Map<String, Object> repoCreate(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        Map<String, Object> repo = ScaffolderFilters.parseRepoUrl(run.required(input, "repoUrl"));
        if (repo.get("owner") == null || repo.get("repo") == null) {
            throw new TemplateException(label + ": repoUrl '" + input.get("repoUrl") + "' names no owner and repo "
                    + "(host?owner=…&repo=…)");
        }
        String host = String.valueOf(repo.get("host"));
        String owner = String.valueOf(repo.get("owner"));
        String name = String.valueOf(repo.get("repo"));
        String web = "https://" + host + "/" + owner + "/" + name;
        String api = run.options().apiUrls().getOrDefault(host, RepositoryCreator.defaultApi(Provider.GITHUB, host));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("remoteUrl", web + ".git");
        output.put("repoContentsUrl", web + "/blob/" + StepRun.text(input, "defaultBranch", "main"));
        if (run.dryRun()) {
            run.log("  would create " + owner + "/" + name + " through " + Redact.url(api));
            return output;
        }
        if (!run.options().tokenAllowed(host)) {
            String token = run.options().gitToken();
            throw new TemplateException(label + ": creating " + owner + "/" + name + " needs " + TOKEN_SOURCE
                    + " for " + host + (token == null || token.isEmpty() ? ""
                    : ", which is not one of the token's hosts (--token-host)"));
        }
        HostToken hostToken;
        try {
            hostToken = HostToken.of(TOKEN_SOURCE, run.options().gitToken(), api);
        } catch (TokenRefusedException e) {
            throw new TemplateException(label + ": " + e.getMessage());
        }
        boolean created = new RepositoryCreator().create(Provider.GITHUB, api, owner, name,
                StepRun.text(input, "description", null), StepRun.text(input, "repoVisibility", "private"), hostToken)
                .created();
        run.log("  " + (created ? "created " : "found ") + owner + "/" + name + " through " + Redact.url(api));
        return output;
    }

    private static Map<String, Object> publish(Provider provider, StepRun run, Map<String, Object> input,
                                               boolean mayCreate) throws IOException {
        // Backstage's publish:azure makes master the default; the others main.
        String branch = StepRun.text(input, "defaultBranch", provider == Provider.AZURE ? "master" : "main");
        String web;
        String clone;
        String host = null;
        String ownerName = null;
        String repoName = null;
        if (provider == Provider.GIT && input.get("remoteUrl") != null) {
            clone = String.valueOf(input.get("remoteUrl"));
            web = clone.replaceFirst("\\.git$", "");
            try {
                host = java.net.URI.create(clone).getHost();
            } catch (IllegalArgumentException e) {
                throw new TemplateException(run.step().label() + ": remoteUrl '" + Redact.url(clone)
                        + "' is not a URL");
            }
        } else if (provider == Provider.AZURE) {
            // dev.azure.com?organization=<org>&project=<project>&repo=<repo> (owner: the project, as older templates)
            Map<String, Object> repo = ScaffolderFilters.parseRepoUrl(run.required(input, "repoUrl"));
            Object project = repo.get("project") != null ? repo.get("project") : repo.get("owner");
            if (repo.get("organization") == null || project == null || repo.get("repo") == null) {
                throw new TemplateException(run.step().label() + ": repoUrl '" + input.get("repoUrl")
                        + "' names no organization, project and repo (host?organization=…&project=…&repo=…)");
            }
            host = String.valueOf(repo.get("host"));
            ownerName = repo.get("organization") + "/" + project;
            repoName = String.valueOf(repo.get("repo"));
            web = "https://" + host + "/" + ownerName + "/_git/" + repoName;
            clone = web;
        } else {
            Map<String, Object> repo = ScaffolderFilters.parseRepoUrl(run.required(input, "repoUrl"));
            Object owner = repo.get("owner") != null ? repo.get("owner") : repo.get("organization");
            if (owner == null || repo.get("repo") == null) {
                throw new TemplateException(run.step().label() + ": repoUrl '" + input.get("repoUrl")
                        + "' names no owner and repo (host?owner=…&repo=…)");
            }
            web = "https://" + repo.get("host") + "/" + owner + "/" + repo.get("repo");
            clone = web + ".git";
            host = String.valueOf(repo.get("host"));
            ownerName = String.valueOf(owner);
            repoName = String.valueOf(repo.get("repo"));
        }
        String token = run.options().gitToken();
        boolean withToken = run.options().tokenAllowed(host);
        if (token != null && !token.isEmpty() && !withToken) {
            run.log("  note: PAVED_GIT_TOKEN is not sent to " + host + ", which is not one of the token's hosts "
                    + "(--token-host)");
        }
        boolean create = provider != Provider.GIT && withToken && mayCreate;
        String api = create ? run.options().apiUrls().getOrDefault(host, RepositoryCreator.defaultApi(provider, host))
                : null;
        String remote = run.options().rewrite(clone);
        Optional<HostToken> hostToken;
        TransportConfigCallback access;
        try {
            hostToken = !withToken ? Optional.empty() : Optional.of(api == null
                    ? HostToken.of(TOKEN_SOURCE, token, remote) : HostToken.of(TOKEN_SOURCE, token, remote, api));
            access = GitAuth.forRemote(remote, hostToken);
        } catch (TokenRefusedException e) {
            throw new TemplateException(run.step().label() + ": " + e.getMessage());
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("remoteUrl", switch (provider) {
            case GIT -> Redact.url(remote);
            case GITHUB, GITEA -> web + ".git";
            case GITLAB, AZURE -> web;
        });
        output.put("repoContentsUrl", switch (provider) {
            case GITHUB, GIT -> web + "/blob/" + branch;
            case GITLAB -> web + "/-/blob/" + branch;
            case GITEA -> web + "/src/branch/" + branch + "/";
            case AZURE -> web;
        });
        Path source = run.workspace().resolve(StepRun.text(input, "sourcePath", "."), run.step().label()
                + " sourcePath");
        if (run.dryRun()) {
            if (create) {
                run.log("  would create " + ownerName + "/" + repoName + " through " + Redact.url(api));
            }
            run.log("  would push " + run.workspace().root().relativize(source).toString().replaceFirst("^$", ".")
                    + " to " + Redact.url(remote) + " (branch " + branch + ")");
            output.put("commitHash", "(dry run)");
            if (provider == Provider.AZURE) {
                output.put("repositoryId", "(dry run)");
            }
            run.pushes().add(Redact.url(remote) + "#" + branch);
            return output;
        }
        if (java.nio.file.Files.exists(source.resolve(".git"))) {
            throw new TemplateException(run.step().label() + ": " + run.workspace().root().relativize(source)
                    + " already has a .git; Paved publishes only a folder it created as a new repository");
        }
        if (create) {
            RepositoryCreator.Outcome made = new RepositoryCreator().create(provider, api, ownerName, repoName,
                    StepRun.text(input, "description", null), StepRun.text(input, "repoVisibility", "private"),
                    hostToken.orElseThrow());
            run.log("  " + (made.created() ? "created " : "found ") + ownerName + "/" + repoName + " through "
                    + Redact.url(api));
            if (provider == Provider.AZURE) {
                output.put("repositoryId", made.id());
            }
        }
        String message = StepRun.text(input, "gitCommitMessage", "initial commit");
        PersonIdent author = author(run, input);
        try (Git git = Git.init().setDirectory(source.toFile()).setInitialBranch(branch).call()) {
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author)
                    .setSign(false).call();
            PushCommand push = git.push().setRemote(remote)
                    .setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).setTimeout(60)
                    .setTransportConfigCallback(access);
            for (PushResult result : push.call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK
                            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new TemplateException(run.step().label() + ": " + Redact.url(remote) + " refused the push of "
                                + branch + ": " + update.getStatus() + (update.getMessage() == null ? ""
                                : " (" + Redact.message(update.getMessage()) + ")"));
                    }
                }
            }
            output.put("commitHash", commit.getName());
            if (provider == Provider.AZURE) {
                output.putIfAbsent("repositoryId", "");
            }
            run.pushes().add(Redact.url(remote) + "#" + branch);
            run.log("  pushed " + commit.getName().substring(0, 12) + " to " + Redact.url(remote) + " (branch "
                    + branch + ")");
            return output;
        } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new TemplateException(run.step().label() + ": cannot push to " + Redact.url(remote) + ": "
                    + Redact.message(e.getMessage())
                    + (create || provider == Provider.GIT ? "" : !mayCreate ? " (the repository must exist, empty: "
                    + "github:repo:create makes it)" : " (the repository must exist, empty, when Paved "
                    + "does not create it: give PAVED_GIT_TOKEN for this host)"), e);
        }
    }

    /** The commit author: {@code gitAuthorName/Email}, else the user's profile, else "Scaffolder". */
    static PersonIdent author(StepRun run, Map<String, Object> input) {
        String name = StepRun.text(input, "gitAuthorName", null);
        String email = StepRun.text(input, "gitAuthorEmail", null);
        Map<String, Object> user = run.options().user();
        Object profile = user.get("entity") instanceof Map<?, ?> e && e.get("spec") instanceof Map<?, ?> s
                ? s.get("profile") : null;
        if (name == null && profile instanceof Map<?, ?> p && p.get("displayName") != null) {
            name = String.valueOf(p.get("displayName"));
        }
        if (email == null && profile instanceof Map<?, ?> p && p.get("email") != null) {
            email = String.valueOf(p.get("email"));
        }
        return new PersonIdent(name == null ? "Scaffolder" : name, email == null ? "scaffolder@paved.dev" : email);
    }
}
