package dev.paved.metrics;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RelationType;
import dev.paved.crawl.Crawler;
import dev.paved.credential.Redact;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.gitops.DesiredState;
import dev.paved.integrations.HostDeployments;
import dev.paved.integrations.Snapshot;
import dev.paved.integrations.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Measures delivery from Git: the one door of the metrics stage.
 *
 * <pre>{@code
 * DeliveryMetrics m = Metrics.compute(catalog, desired, crawled, facts, Metrics.Settings.DEFAULTS, Instant.now(),
 *         diagnostics);
 * m.organisation().perWeek();
 * }</pre>
 */
public final class Metrics {

    /**
     * How to measure, as {@code metrics:} in {@code paved.yaml} sets it.
     *
     * @param window        how far back deployments are counted; the crawl fetches this much history
     * @param production    the environments that count as production, by name (the whole name matches)
     * @param failureWindow how soon a rollback or revert must follow a deployment for it to count as failed
     */
    public record Settings(Duration window, Pattern production, Duration failureWindow) {

        /** 180 days of history; {@code prod}, {@code production}, {@code prd} or {@code live}; a day. */
        public static final Settings DEFAULTS = new Settings(Crawler.Options.DEFAULT_HISTORY,
                Pattern.compile("(?i)prod|production|prd|live"), Duration.ofHours(24));
    }

    /** Settings and the end of the window. */
    private record Options(Instant asOf, Duration window, Pattern production, Duration failureWindow) {
        Instant since() {
            return asOf.minus(window);
        }
    }

    private Metrics() {
    }

    /**
     * Measures every component of the catalog.
     *
     * @param desired      each component's environments (whose files' history gives deployments)
     * @param repositories the crawled repositories, whose URLs give the commits' pages
     * @param snapshots    the integrations' snapshots: a repository's deployments as its host records them (GitHub),
     *                     for a component without GitOps environments
     * @param facts        each entity's other facts ({@code hasTechdocs}, {@code hasCi}, {@code hasOnCall},
     *                     {@code ownerIsGroup}), for adoption
     * @param asOf         the end of the window: the build's time
     * @param diagnostics  where a history that cannot be read is reported
     */
    public static DeliveryMetrics compute(Catalog catalog, DesiredState desired, List<Crawler.Crawled> repositories,
                                          Snapshots snapshots, Function<Entity, Map<String, Object>> facts,
                                          Settings settings, Instant asOf, Diagnostics diagnostics) {
        Options options = new Options(asOf, settings.window(), settings.production(), settings.failureWindow());
        Map<Path, String> remotes = new HashMap<>();
        repositories.forEach(r -> r.checkout().ifPresent(c -> remotes.put(c.toAbsolutePath().normalize(),
                r.repository().url())));
        Map<EntityRef, ComponentMetrics> components = new TreeMap<>(Comparator.comparing(EntityRef::toString));
        // Components are measured in parallel: each reads its own environments' files, the histories are shared.
        try (Histories histories = new Histories(remotes)) {
            List<ComponentMetrics> measured = catalog.entities().parallelStream()
                    .filter(e -> e.kind().equals("Component"))
                    .map(e -> component(e, catalog, desired, snapshots, histories, options, diagnostics)).toList();
            measured.forEach(m -> components.put(m.component(), m));
        }
        List<Deployment> all = new ArrayList<>();
        Map<String, List<Deployment>> byTeam = new TreeMap<>();
        components.values().forEach(m -> {
            all.addAll(m.deployments());
            if (!m.owner().isEmpty() && !m.source().equals("none")) {
                byTeam.computeIfAbsent(m.owner(), k -> new ArrayList<>()).addAll(m.deployments());
            }
        });
        Map<String, Figures> teams = new TreeMap<>();
        byTeam.forEach((team, ds) -> teams.put(team, Figures.of(ds, options.asOf(), options.window())));
        return new DeliveryMetrics(options.asOf(), options.window(), components,
                Figures.of(all, options.asOf(), options.window()), teams, movers(components.values(), options),
                adoption(catalog, facts));
    }

    private static ComponentMetrics component(Entity e, Catalog catalog, DesiredState desired, Snapshots snapshots,
                                              Histories histories, Options options, Diagnostics diagnostics) {
        String owner = catalog.related(e.ref(), RelationType.OWNED_BY).stream().findFirst()
                .map(EntityRef::toString).orElse("");
        String template = e.annotation(Catalog.SOURCE_TEMPLATE).orElse("");
        Path folder = e.source().directory();
        String source = "none";
        List<Deployment> deployments = new ArrayList<>();
        Optional<Commit> first = Optional.empty();
        if (options.window().isZero()) { // history: 0d: no history read, adoption only
            return new ComponentMetrics(e.ref(), owner, source, deployments, Figures.of(deployments, options.asOf(),
                    options.window()), Optional.empty(), template, first);
        }
        try {
            Optional<GitHistory> app = histories.of(folder);
            for (DesiredState.Environment env : desired.of(e.ref())) {
                Optional<GitHistory> gitops = histories.of(env.file().getParent());
                if (gitops.isEmpty()) {
                    continue;
                }
                source = "gitops";
                boolean production = options.production().matcher(env.name()).matches();
                deployments.addAll(Deployments.markFailures(Deployments.ofEnvironment(gitops.get(), app, env,
                        production, options.since()), options.failureWindow()));
            }
            Optional<HostDeployments> recorded = snapshots.of(e.ref()).stream().map(Snapshot::reading)
                    .filter(HostDeployments.class::isInstance).map(HostDeployments.class::cast).findFirst();
            if (source.equals("none") && recorded.isPresent() && !recorded.get().deployments().isEmpty()) {
                source = "github";
                deployments.addAll(Deployments.ofHost(recorded.get(), app, options.production(), options.since(),
                        options.failureWindow()));
            }
            if (source.equals("none") && app.isPresent() && app.get().relative(folder).isEmpty()) {
                List<Deployment> releases = Deployments.ofTags(app.get(), options.since());
                if (!releases.isEmpty()) {
                    source = "tags";
                    deployments.addAll(Deployments.markFailures(releases, options.failureWindow()));
                }
            }
            if (app.isPresent() && !template.isEmpty()) {
                Optional<RevCommit> c = app.get().first(app.get().relative(folder));
                if (c.isPresent() && (c.get().getParentCount() > 0 || !app.get().shallow())) {
                    first = Optional.of(app.get().commit(c.get()));
                }
            }
        } catch (IOException | RuntimeException ex) {
            diagnostics.warning(SourcePosition.of(DisplayPath.of(e.source().file())), Code.HISTORY_UNREADABLE,
                    "could not read the Git history of " + e.ref() + ": " + Redact.message(String.valueOf(
                            ex.getMessage())) + "; its delivery metrics are left out");
        }
        deployments.sort(Comparator.comparing(Deployment::time));
        Figures figures = Figures.of(deployments, options.asOf(), options.window());
        Optional<Duration> onboarding = Optional.empty();
        if (first.isPresent()) {
            Instant start = first.get().time();
            onboarding = deployments.stream().filter(Deployment::production).filter(d -> !d.time().isBefore(start))
                    .findFirst().map(d -> Duration.between(start, d.time()));
        }
        return new ComponentMetrics(e.ref(), owner, source, deployments, figures, onboarding, template, first);
    }

    /** The components whose production deployments in the last four weeks differ most from the four before. */
    private static List<DeliveryMetrics.Mover> movers(Collection<ComponentMetrics> components,
                                                      Options options) {
        Instant mid = options.asOf().minus(Duration.ofDays(28));
        Instant start = mid.minus(Duration.ofDays(28));
        List<DeliveryMetrics.Mover> out = new ArrayList<>();
        for (ComponentMetrics m : components) {
            int before = (int) m.production().stream().filter(d -> d.time().isAfter(start)
                    && !d.time().isAfter(mid)).count();
            int after = (int) m.production().stream().filter(d -> d.time().isAfter(mid)
                    && !d.time().isAfter(options.asOf())).count();
            if (before != after) {
                out.add(new DeliveryMetrics.Mover(m.component(), before, after));
            }
        }
        out.sort(Comparator.comparingInt((DeliveryMetrics.Mover x) -> -x.change())
                .thenComparing(x -> x.component().toString()));
        return out;
    }

    private static Adoption adoption(Catalog catalog, Function<Entity, Map<String, Object>> facts) {
        List<Entity> components = catalog.entities().stream().filter(e -> e.kind().equals("Component")).toList();
        Map<String, Integer> coverage = new LinkedHashMap<>();
        for (String practice : List.of("techdocs", "ci", "onCall", "ownerGroup")) {
            coverage.put(practice, 0);
        }
        for (Entity e : components) {
            Map<String, Object> f = facts.apply(e);
            count(coverage, "techdocs", Boolean.TRUE.equals(f.get("hasTechdocs")));
            count(coverage, "ci", Boolean.TRUE.equals(f.get("hasCi")));
            count(coverage, "onCall", Boolean.TRUE.equals(f.get("hasOnCall")) || ON_CALL.stream()
                    .anyMatch(a -> e.annotation(a).isPresent()));
            count(coverage, "ownerGroup", Boolean.TRUE.equals(f.get("ownerIsGroup")));
        }
        List<Adoption.TemplateUse> templates = new ArrayList<>();
        Map<EntityRef, List<EntityRef>> made = catalog.madeFromTemplates();
        for (Entity t : catalog.entities()) {
            if (!t.kind().equals("Template")) {
                continue;
            }
            List<EntityRef> created = made.getOrDefault(t.ref(), List.of());
            templates.add(new Adoption.TemplateUse(t.ref(), created,
                    (int) created.stream().filter(r -> r.kind().equals("component")).count()));
        }
        return new Adoption(components.size(), templates, coverage);
    }

    /** The annotations of on-call plugins: a component with one has an on-call rota configured. */
    private static final List<String> ON_CALL = List.of("pagerduty.com/service-id", "pagerduty.com/integration-key",
            "opsgenie.com/component-selector", "opsgenie.com/team");

    private static void count(Map<String, Integer> coverage, String practice, boolean has) {
        if (has) {
            coverage.merge(practice, 1, Integer::sum);
        }
    }

    /** The histories of the repositories read, each opened once. */
    private static final class Histories implements AutoCloseable {
        private final Map<Path, String> remotes;
        private final Map<Path, Optional<GitHistory>> open = new HashMap<>();
        private final Map<Path, Optional<GitHistory>> byFolder = new HashMap<>();

        Histories(Map<Path, String> remotes) {
            this.remotes = remotes;
        }

        synchronized Optional<GitHistory> of(Path folder) throws IOException {
            Path dir = folder.toAbsolutePath().normalize();
            if (byFolder.containsKey(dir)) {
                return byFolder.get(dir);
            }
            Optional<GitHistory> found = find(dir);
            byFolder.put(dir, found);
            return found;
        }

        private Optional<GitHistory> find(Path dir) throws IOException {
            Optional<Path> root = GitHistory.root(dir);
            if (root.isEmpty()) {
                return Optional.empty();
            }
            if (!open.containsKey(root.get())) {
                Optional<String> remote = remotes.entrySet().stream().filter(r -> dir.startsWith(r.getKey()))
                        .map(Map.Entry::getValue).findFirst();
                open.put(root.get(), GitHistory.open(root.get(), remote));
            }
            return open.get(root.get());
        }

        @Override
        public synchronized void close() {
            open.values().forEach(h -> h.ifPresent(GitHistory::close));
        }
    }
}
