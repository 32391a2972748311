package dev.paved.metrics;

import dev.paved.gitops.DesiredState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
        List<RevCommit> commits = gitops.changesUnder(paths, since);
        List<Deployment> out = new ArrayList<>();
        if (commits.isEmpty()) {
            return out;
        }
        // The version before the first commit is the baseline; at the oldest commit of a shallow history there is
        // none to compare with, so that commit's version is the baseline and not a deployment.
        if (gitops.boundary(commits.get(0))) {
            String baseline = version(gitops, commits.get(0), paths, images);
            return deployments(gitops, app, environment, production, commits.subList(1, commits.size()), paths,
                    images, baseline);
        }
        String baseline = gitops.before(commits.get(0)).map(c -> version(gitops, c, paths, images)).orElse("");
        return deployments(gitops, app, environment, production, commits, paths, images, baseline);
    }

    private static List<Deployment> deployments(GitHistory gitops, Optional<GitHistory> app,
                                                DesiredState.Environment environment, boolean production,
                                                List<RevCommit> commits, List<String> paths, Set<String> images,
                                                String baseline) throws IOException {
        List<Deployment> out = new ArrayList<>();
        String previous = baseline;
        Set<String> seen = new HashSet<>();
        if (!previous.isEmpty()) {
            seen.add(previous);
        }
        for (RevCommit c : commits) {
            String version = version(gitops, c, paths, images);
            if (version.isEmpty() || version.equals(previous)) {
                continue;
            }
            boolean rollback = seen.contains(version) || c.getShortMessage().startsWith("Revert ");
            Optional<RevCommit> change = Optional.empty();
            if (!rollback && app.isPresent()) {
                for (String tag : tags(version)) {
                    change = app.get().resolve(tag);
                    if (change.isPresent()) {
                        break;
                    }
                }
            }
            Commit deployed = gitops.commit(c);
            Optional<Commit> shipped = change.map(x -> app.get().commit(x));
            Optional<Duration> lead = shipped.map(s -> Duration.between(s.time(), deployed.time()))
                    .filter(d -> !d.isNegative());
            out.add(new Deployment(environment.name(), production, deployed, version, shipped, lead, false,
                    Optional.empty(), rollback));
            seen.add(version);
            previous = version;
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

    private static String version(GitHistory git, RevCommit c, List<String> paths, Set<String> images) {
        try {
            Map<String, String> tags = ImageTags.in(git.yamlFiles(c, paths), images);
            List<String> parts = new ArrayList<>();
            tags.forEach((image, tag) -> parts.add(image + (tag.startsWith("sha256:") ? "@" : ":") + tag));
            return String.join(", ", parts);
        } catch (IOException e) {
            return "";
        }
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
