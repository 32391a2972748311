package dev.paved.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.metrics.Adoption;
import dev.paved.metrics.Band;
import dev.paved.metrics.Commit;
import dev.paved.metrics.ComponentMetrics;
import dev.paved.metrics.DeliveryMetrics;
import dev.paved.metrics.Deployment;
import dev.paved.metrics.Figures;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/**
 * The models of the Metrics page and of a component's Delivery tab, their weekly charts (static SVG), and
 * {@code metrics.json}. Every figure links to the commits it was computed from: a component's deployments list
 * each GitOps commit and the application commit it shipped.
 */
final class MetricsPages {

    /** The organisation's metrics: teams, components, movers, onboarding, adoption. */
    static final String INDEX = "metrics/index.html";
    /** The export for other tools. */
    static final String JSON = "metrics.json";
    /** The deployments a component's tab lists, newest first. */
    private static final int LISTED = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<String> KEYS = List.of("deploymentFrequency", "leadTime", "changeFailureRate",
            "timeToRestore");

    private MetricsPages() {
    }

    /** Whether there is anything to show: a component with deployments, or a template. */
    static boolean shown(DeliveryMetrics metrics) {
        return metrics.components().values().stream().anyMatch(m -> !m.source().equals("none"))
                || !metrics.adoption().templates().isEmpty();
    }

    /** A component's Delivery tab, when its deployments were found. */
    static Optional<Map<String, Object>> forEntity(DeliveryMetrics metrics, EntityRef ref) {
        Optional<ComponentMetrics> found = metrics.of(ref).filter(m -> !m.source().equals("none"));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ComponentMetrics m = found.get();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("source", m.source().equals("gitops") ? "its environments' history in Git"
                : "its repository's release tags");
        model.put("figures", figures(m.figures()));
        model.put("chart", weeklyChart(m.figures().weekly(), "Production deployments per week of " + ref.name()));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Deployment> all = m.deployments();
        for (int i = all.size() - 1; i >= 0 && rows.size() < LISTED; i--) {
            rows.add(deployment(all.get(i)));
        }
        model.put("deployments", rows);
        model.put("more", Math.max(0, all.size() - LISTED));
        m.onboarding().ifPresent(d -> model.put("onboarding", human(d)));
        m.firstCommit().ifPresent(c -> model.put("firstCommit", commit(c)));
        model.put("window", metrics.window().toDays());
        return Optional.of(model);
    }

    /** The Metrics page. */
    static Map<String, Object> index(DeliveryMetrics metrics, Catalog catalog) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("asOf", DAY.format(metrics.asOf()));
        model.put("lastDay", DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(metrics.asOf()
                .minusSeconds(1)));
        model.put("window", metrics.window().toDays());
        model.put("organisation", figures(metrics.organisation()));
        model.put("chart", weeklyChart(metrics.organisation().weekly(), "Production deployments per week"));
        List<Map<String, Object>> teams = new ArrayList<>();
        metrics.teams().forEach((team, f) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("team", ref(catalog, team));
            row.put("components", metrics.components().values().stream().filter(c -> c.owner().equals(team)
                    && !c.source().equals("none")).count());
            row.put("figures", figures(f));
            row.put("chart", weeklyChart(f.weekly(), "Production deployments per week of " + team));
            teams.add(row);
        });
        model.put("teams", teams);
        List<Map<String, Object>> components = new ArrayList<>();
        for (ComponentMetrics m : metrics.components().values()) {
            if (m.source().equals("none")) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("component", ref(catalog, m.component().toString()));
            row.put("owner", m.owner().isEmpty() ? null : ref(catalog, m.owner()));
            row.put("source", m.source());
            row.put("figures", figures(m.figures()));
            components.add(row);
        }
        model.put("components", components);
        model.put("unmeasured", metrics.components().values().stream().filter(m -> m.source().equals("none"))
                .map(m -> ref(catalog, m.component().toString())).toList());
        List<Map<String, Object>> up = new ArrayList<>();
        List<Map<String, Object>> down = new ArrayList<>();
        for (DeliveryMetrics.Mover mover : metrics.movers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("component", ref(catalog, mover.component().toString()));
            row.put("before", mover.before());
            row.put("after", mover.after());
            row.put("change", mover.change());
            (mover.change() > 0 ? up : down).add(row);
        }
        model.put("best", up.subList(0, Math.min(5, up.size())));
        List<Map<String, Object>> worst = new ArrayList<>(down);
        Collections.reverse(worst);
        model.put("worst", worst.subList(0, Math.min(5, worst.size())));
        List<Map<String, Object>> onboarding = new ArrayList<>();
        for (ComponentMetrics m : metrics.components().values()) {
            if (m.template().isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("component", ref(catalog, m.component().toString()));
            row.put("template", ref(catalog, m.template()));
            row.put("firstCommit", m.firstCommit().map(MetricsPages::commit).orElse(null));
            row.put("firstDeployment", m.production().stream().filter(d -> m.firstCommit().isPresent()
                    && !d.time().isBefore(m.firstCommit().get().time())).findFirst()
                    .map(d -> commit(d.commit())).orElse(null));
            row.put("time", m.onboarding().map(MetricsPages::human).orElse(""));
            onboarding.add(row);
        }
        model.put("onboarding", onboarding);
        Adoption a = metrics.adoption();
        List<Map<String, Object>> templates = new ArrayList<>();
        for (Adoption.TemplateUse use : a.templates()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("template", ref(catalog, use.template().toString()));
            row.put("created", use.created().size());
            row.put("components", use.components());
            row.put("share", a.components() == 0 ? 0 : Math.round(100f * use.components() / a.components()));
            templates.add(row);
        }
        model.put("templates", templates);
        model.put("componentCount", a.components());
        List<Map.Entry<String, Integer>> bars = new ArrayList<>();
        Map<String, String> names = Map.of("techdocs", "TechDocs", "ci", "CI", "onCall", "On-call",
                "ownerGroup", "Owned by a group");
        for (String practice : List.of("techdocs", "ci", "onCall", "ownerGroup")) {
            bars.add(Map.entry(names.get(practice) + " (%)", a.percent(practice)));
        }
        model.put("coverageChart", ScorecardPages.barChart(bars, "#3b6fb6", "Share of components with each "
                + "practice, in percent"));
        model.put("coverage", List.of("techdocs", "ci", "onCall", "ownerGroup").stream().map(p -> Map.of("name",
                names.get(p), "count", a.coverage().getOrDefault(p, 0), "percent", a.percent(p))).toList());
        return model;
    }

    private static Map<String, Object> figures(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployments", f.deployments());
        m.put("perWeek", String.format(Locale.ROOT, "%.2f", f.perWeek()));
        m.put("leadTime", f.medianLeadTime().map(MetricsPages::human).orElse("—"));
        m.put("leadTimes", f.leadTimes());
        m.put("failureRate", f.changeFailureRate().map(r -> Math.round(r * 100) + " %").orElse("—"));
        m.put("restore", f.medianRestore().map(MetricsPages::human).orElse("—"));
        Map<String, String> bands = new LinkedHashMap<>();
        for (String key : KEYS) {
            bands.put(key, Optional.ofNullable(f.bands().get(key)).map(Band::label).orElse(""));
        }
        m.put("bands", bands);
        return m;
    }

    private static Map<String, Object> deployment(Deployment d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", d.environment());
        m.put("production", d.production());
        m.put("commit", commit(d.commit()));
        m.put("version", d.version());
        m.put("change", d.change().map(MetricsPages::commit).orElse(null));
        m.put("leadTime", d.leadTime().map(MetricsPages::human).orElse(""));
        m.put("failed", d.failed());
        m.put("rollback", d.rollback());
        m.put("restored", d.restoredAfter().map(MetricsPages::human).orElse(""));
        return m;
    }

    private static Map<String, Object> commit(Commit c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("short", c.shortId());
        m.put("time", DAY.format(c.time()));
        m.put("iso", c.time().toString());
        m.put("subject", c.subject());
        m.put("url", c.url().isEmpty() ? null : c.url());
        return m;
    }

    /** An entity ref as a link to its page when the catalog has it, else its name. */
    private static Map<String, Object> ref(Catalog catalog, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            EntityRef ref = EntityRef.parse(text, "group", "default");
            Optional<Entity> e = catalog.find(ref);
            m.put("label", e.map(Entity::displayName).orElse(ref.name()));
            m.put("url", e.isPresent() ? SitePaths.entity(ref) : null);
        } catch (IllegalArgumentException ex) {
            m.put("label", text);
            m.put("url", null);
        }
        return m;
    }

    /** {@code 45 min}, {@code 14 h}, {@code 2.5 d}. */
    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            double hours = minutes / 60.0;
            return hours == Math.floor(hours) ? (long) hours + " h" : String.format(Locale.ROOT, "%.1f h", hours);
        }
        double days = minutes / 1440.0;
        return days == Math.floor(days) ? (long) days + " d" : String.format(Locale.ROOT, "%.1f d", days);
    }

    /** Deployments per week as vertical bars, oldest week on the left; labels are escaped. */
    static String weeklyChart(List<Integer> weeks, String title) {
        int max = Math.max(1, weeks.stream().mapToInt(Integer::intValue).max().orElse(1));
        int bar = 14;
        int gap = 4;
        int height = 90;
        int width = Math.max(1, weeks.size()) * (bar + gap) + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart weekly\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width,
                height + 20, width, height + 20, Entities.escape(title)));
        svg.append("<title>").append(Entities.escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"12\" font-size=\"11\" fill=\"#57606a\">%d</text>",
                max));
        for (int i = 0; i < weeks.size(); i++) {
            int n = weeks.get(i);
            int h = (int) Math.round((double) (height - 16) * n / max);
            int x = 30 + i * (bar + gap);
            String when = (weeks.size() - 1 - i) == 0 ? "this week" : (weeks.size() - 1 - i) + " weeks ago";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\" "
                    + "fill=\"%s\"><title>%s: %d</title></rect>", x, height - Math.max(h, 1), bar, Math.max(h, 1),
                    n == 0 ? "#d0d7de" : "#3b6fb6", when, n));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"30\" y=\"%d\" font-size=\"11\" fill=\"#57606a\">%d weeks "
                + "ago</text>", height + 16, weeks.size() - 1));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" "
                + "fill=\"#57606a\">now</text>", width - 4, height + 16));
        return svg.append("</svg>").toString();
    }

    /** Every figure and deployment, for other tools; durations in seconds, times in ISO-8601. */
    static byte[] json(DeliveryMetrics metrics) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", 1);
        root.put("asOf", metrics.asOf().toString());
        root.put("windowDays", metrics.window().toDays());
        figures(root.putObject("organisation"), metrics.organisation());
        ObjectNode teams = root.putObject("teams");
        metrics.teams().forEach((team, f) -> figures(teams.putObject(team), f));
        ArrayNode components = root.putArray("components");
        for (ComponentMetrics m : metrics.components().values()) {
            ObjectNode c = components.addObject();
            c.put("entity", m.component().toString());
            c.put("owner", m.owner());
            c.put("source", m.source());
            figures(c.putObject("figures"), m.figures());
            if (!m.template().isEmpty()) {
                c.put("template", m.template());
            }
            m.onboarding().ifPresent(d -> c.put("onboardingSeconds", d.toSeconds()));
            ArrayNode ds = c.putArray("deployments");
            for (Deployment d : m.deployments()) {
                ObjectNode o = ds.addObject();
                o.put("environment", d.environment()).put("production", d.production()).put("version", d.version());
                commit(o.putObject("commit"), d.commit());
                d.change().ifPresent(x -> commit(o.putObject("change"), x));
                d.leadTime().ifPresent(x -> o.put("leadTimeSeconds", x.toSeconds()));
                o.put("failed", d.failed()).put("rollback", d.rollback());
                d.restoredAfter().ifPresent(x -> o.put("restoredAfterSeconds", x.toSeconds()));
            }
        }
        ObjectNode adoption = root.putObject("adoption");
        adoption.put("components", metrics.adoption().components());
        ObjectNode coverage = adoption.putObject("coverage");
        metrics.adoption().coverage().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> coverage.put(e.getKey(), e.getValue()));
        ArrayNode templates = adoption.putArray("templates");
        for (Adoption.TemplateUse use : metrics.adoption().templates()) {
            ObjectNode t = templates.addObject();
            t.put("template", use.template().toString()).put("components", use.components());
            ArrayNode created = t.putArray("created");
            use.created().forEach(r -> created.add(r.toString()));
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void figures(ObjectNode o, Figures f) {
        o.put("deployments", f.deployments());
        o.put("deploymentsPerWeek", Math.round(f.perWeek() * 1000) / 1000.0);
        ArrayNode weekly = o.putArray("weekly");
        f.weekly().forEach(weekly::add);
        f.medianLeadTime().ifPresent(d -> o.put("medianLeadTimeSeconds", d.toSeconds()));
        f.changeFailureRate().ifPresent(r -> o.put("changeFailureRate", Math.round(r * 10000) / 10000.0));
        f.medianRestore().ifPresent(d -> o.put("medianTimeToRestoreSeconds", d.toSeconds()));
        ObjectNode bands = o.putObject("bands");
        for (String key : KEYS) {
            Optional.ofNullable(f.bands().get(key)).ifPresent(b -> bands.put(key, b.label()));
        }
    }

    private static void commit(ObjectNode o, Commit c) {
        o.put("id", c.id()).put("time", c.time().toString()).put("subject", c.subject());
        if (!c.url().isEmpty()) {
            o.put("url", c.url());
        }
    }
}
