package dev.paved.metrics;

import dev.paved.gitops.DesiredState;
import dev.paved.integrations.HostDeployments;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/** Reads deployments from Git: an environment's history in its GitOps repository, or a repository's release tags. */
final class Deployments {

    /** A release tag: {@code v1.4.0}, {@code 2.0}, {@code 1.4.0-rc.1}. */
    private static final Pattern RELEASE = Pattern.compile("^v?\\d+(\\.\\d+)+([-+][0-9A-Za-z.-]+)?$");

    private Deployments() {
    }

    /**
     * The deployments of one environment: each commit since {@code since} to its folder or file that changes the
     * tag of one of the component's images (as the environment names them at the head) from what the commit before
     * it had.
     *
     * @param gitops     the history of the environment's repository
     * @param app        the history of the component's own repository, where deployed tags are looked up
     * @param production whether the environment counts as production
     */
    static List<Deployment> ofEnvironment(GitHistory gitops, Optional<GitHistory> app,
                                          DesiredState.Environment environment, boolean production, Instant since)
            throws IOException {
        Set<String> images = new TreeSet<>();
        environment.workloads().forEach(w -> w.containers().forEach(c -> images.add(c.image())));
        if (images.isEmpty()) {
            return List.of();
        }
        Path root = environment.file().toAbsolutePath().normalize();
        for (int i = environment.path().split("/").length; i > 0 && root != null; i--) {
            root = root.getParent();
        }
        if (root == null) {
            return List.of();
        }
        List<String> paths = new ArrayList<>(List.of(gitops.relative(environment.file())));
        String folder = gitops.relative(root.resolve(environment.folder()));
        if (!folder.isEmpty()) {
            paths.add(folder);
        }
        List<GitHistory.Change> commits = gitops.changesUnder(paths, since);
        if (commits.isEmpty()) {
            return List.of();
        }
        // The files as they were before the first commit are the baseline (one walk of its tree); each commit's
        // changes are then applied to them, path by path, as the index recorded them. At the oldest commit of a
        // shallow history there is nothing to compare with: its files are the baseline and it is not a deployment.
        RevCommit first = commits.get(0).commit();
        if (gitops.boundary(first)) {
            EnvironmentFiles files = new EnvironmentFiles(gitops, paths, gitops.yamlIds(first, paths));
            return deployments(gitops, app, environment, production, commits.subList(1, commits.size()), files,
                    images);
        }
        Optional<RevCommit> before = gitops.before(first);
        EnvironmentFiles files = new EnvironmentFiles(gitops, paths, before.isPresent()
                ? gitops.yamlIds(before.get(), paths) : Map.of());
        return deployments(gitops, app, environment, production, commits, files, images);
    }

    /** An environment's YAML files as the commits change them, by path. */
    private static final class EnvironmentFiles {
        private final GitHistory git;
        private final List<String> prefixes;
        private final Map<String, ObjectId> ids;

        EnvironmentFiles(GitHistory git, List<String> prefixes, Map<String, ObjectId> at) {
            this.git = git;
            this.prefixes = prefixes;
            this.ids = new TreeMap<>(at);
        }

        void apply(GitHistory.Change change) {
            change.paths().forEach((path, id) -> {
                if (GitHistory.yaml(path) && prefixes.stream().anyMatch(p -> path.equals(p)
                        || path.startsWith(p + "/"))) {
                    if (id.equals(ObjectId.zeroId())) {
                        ids.remove(path);
                    } else {
                        ids.put(path, id);
                    }
                }
            });
        }

        /** The images' tags the files name now, as {@code image:tag, …}; empty when none. */
        String version(Set<String> images) {
            Map<String, String> texts = new TreeMap<>();
            try {
                for (Map.Entry<String, ObjectId> f : ids.entrySet()) {
                    git.text(f.getValue()).ifPresent(t -> texts.put(f.getKey(), t));
                }
            } catch (IOException e) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            ImageTags.in(texts, images).forEach((image, tag) -> parts.add(image + (tag.startsWith("sha256:") ? "@"
                    : ":") + tag));
            return String.join(", ", parts);
        }
    }

    private static List<Deployment> deployments(GitHistory gitops, Optional<GitHistory> app,
                                                DesiredState.Environment environment, boolean production,
                                                List<GitHistory.Change> commits, EnvironmentFiles files,
                                                Set<String> images)
            throws IOException {
        List<Deployment> out = new ArrayList<>();
        String previous = files.version(images);
        Set<String> seen = new HashSet<>();
        if (!previous.isEmpty()) {
            seen.add(previous);
        }
        for (GitHistory.Change change : commits) {
            RevCommit c = change.commit();
            files.apply(change);
            String version = files.version(images);
            if (version.isEmpty() || version.equals(previous)) {
                continue;
            }
            boolean rollback = seen.contains(version) || c.getShortMessage().startsWith("Revert ");
            Optional<RevCommit> shippedCommit = Optional.empty();
            if (!rollback && app.isPresent()) {
                for (String tag : tags(version)) {
                    shippedCommit = app.get().resolve(tag);
                    if (shippedCommit.isPresent()) {
                        break;
                    }
                }
            }
            Commit deployed = gitops.commit(c);
            Optional<Commit> shipped = shippedCommit.map(x -> app.get().commit(x));
            Optional<Duration> lead = shipped.map(s -> Duration.between(s.time(), deployed.time()))
                    .filter(d -> !d.isNegative());
            out.add(new Deployment(environment.name(), production, deployed, version, shipped, lead, false,
                    Optional.empty(), rollback));
            seen.add(version);
            previous = version;
        }
        return out;
    }

    /**
     * The deployments a repository's host records (GitHub's deployments API): each one since {@code since} is a
     * deployment of its commit to its environment; its lead time runs from that commit, when the repository's
     * history has it. Environments are kept apart for rollbacks and failures.
     */
    static List<Deployment> ofHost(HostDeployments recorded, Optional<GitHistory> app, Pattern production,
                                   Instant since, Duration failureWindow) throws IOException {
        Map<String, List<HostDeployments.Entry>> byEnvironment = new TreeMap<>();
        for (HostDeployments.Entry d : recorded.deployments()) {
            Instant at;
            try {
                at = Instant.parse(d.createdAt());
            } catch (RuntimeException e) {
                continue; // no time: nothing to count
            }
            if (at.isAfter(since)) {
                byEnvironment.computeIfAbsent(d.environment(), k -> new ArrayList<>()).add(d);
            }
        }
        List<Deployment> out = new ArrayList<>();
        for (Map.Entry<String, List<HostDeployments.Entry>> env : byEnvironment.entrySet()) {
            List<HostDeployments.Entry> oldestFirst = new ArrayList<>(env.getValue());
            oldestFirst.sort(Comparator.comparing(HostDeployments.Entry::createdAt));
            Set<String> seen = new HashSet<>();
            List<Deployment> mine = new ArrayList<>();
            for (HostDeployments.Entry d : oldestFirst) {
                boolean rollback = seen.contains(d.sha());
                Optional<RevCommit> c = app.isPresent() ? app.get().resolve(d.sha()) : Optional.empty();
                Optional<Commit> change = c.map(x -> app.get().commit(x));
                Commit deployed = new Commit(d.sha(), Instant.parse(d.createdAt()), "deployment of " + d.ref()
                        + " to " + env.getKey(), d.link());
                Optional<Duration> lead = rollback ? Optional.empty() : change.map(x -> Duration.between(x.time(),
                        deployed.time())).filter(x -> !x.isNegative());
                mine.add(new Deployment(env.getKey(), production.matcher(env.getKey()).matches(), deployed,
                        d.ref().isEmpty() ? d.shortSha() : d.ref(), rollback ? Optional.empty() : change, lead, false,
                        Optional.empty(), rollback));
                seen.add(d.sha());
            }
            out.addAll(markFailures(mine, failureWindow));
        }
        return out;
    }

    /** The tags of a version string ({@code a:1, b:2} → {@code 1}, {@code 2}). */
    private static List<String> tags(String version) {
        List<String> out = new ArrayList<>();
        for (String part : version.split(", ")) {
            String tag = ImageTags.split(part)[1];
            if (!tag.isEmpty()) {
                out.add(tag);
            }
        }
        return out;
    }

    /**
     * The deployments a repository's release tags stand for, when the component is the whole repository: each
     * release tag since {@code since} is a production deployment, its lead time the median over the commits it
     * ships (since the previous tag) of the time from commit to tag.
     */
    static List<Deployment> ofTags(GitHistory app, Instant since) throws IOException {
        List<Deployment> out = new ArrayList<>();
        Optional<RevCommit> previous = Optional.empty();
        for (GitHistory.Tag tag : app.tags()) {
            if (!RELEASE.matcher(tag.name()).matches()) {
                continue;
            }
            if (tag.time().isAfter(since)) {
                List<Duration> leads = new ArrayList<>();
                RevCommit newest = null;
                for (RevCommit c : app.between(tag.commit(), previous, since.minus(Duration.ofDays(365)))) {
                    Duration d = Duration.between(Instant.ofEpochSecond(c.getCommitTime()), tag.time());
                    if (!d.isNegative()) {
                        leads.add(d);
                    }
                    if (newest == null) {
                        newest = c;
                    }
                }
                Commit tagged = app.commit(tag.commit());
                Commit at = new Commit(tagged.id(), tag.time(), tag.name() + ": " + tagged.subject(), tagged.url());
                out.add(new Deployment("release", true, at, tag.name(), newest == null ? Optional.empty()
                        : Optional.of(app.commit(newest)), Figures.median(leads), false, Optional.empty(), false));
            }
            previous = Optional.of(tag.commit());
        }
        return out;
    }

    /**
     * Marks the deployments of one environment (oldest first) that failed: those the next deployment rolled back
     * (or reverted) within {@code window}. A failed one is restored by the next deployment that did not fail.
     */
    static List<Deployment> markFailures(List<Deployment> environment, Duration window) {
        int n = environment.size();
        boolean[] failed = new boolean[n];
        for (int i = 0; i + 1 < n; i++) {
            Deployment next = environment.get(i + 1);
            failed[i] = next.rollback() && Duration.between(environment.get(i).time(), next.time())
                    .compareTo(window) <= 0;
        }
        List<Deployment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Deployment d = environment.get(i);
            if (!failed[i]) {
                out.add(d);
                continue;
            }
            Duration restored = null;
            for (int k = i + 1; k < n; k++) {
                if (!failed[k]) {
                    restored = Duration.between(d.time(), environment.get(k).time());
                    break;
                }
            }
            out.add(d.failed(restored));
        }
        return out;
    }
}
