package dev.paved.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.EntityRef;
import dev.paved.scorecard.Scoreboard;
import dev.paved.scorecard.Scorecard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.nodes.Entities;

/** The models of the scorecard pages and sections, their charts (static SVG), and {@code scorecards.json}. */
final class ScorecardPages {

    /** Where the scorecards' overview is. */
    static final String INDEX = "scorecards/index.html";
    /** The export for other tools. */
    static final String JSON = "scorecards.json";

    private static final String[] COLOURS = {"#b0b7c3", "#c98b4b", "#8e9aaf", "#d4a72c", "#4a9d6f", "#3b6fb6"};

    private ScorecardPages() {
    }

    static String page(Scorecard s) {
        return "scorecards/" + s.name() + "/index.html";
    }

    /** One entity's results, for its page. */
    static List<Map<String, Object>> forEntity(Scoreboard scores, dev.paved.scorecard.PreviousScores previous,
                                               EntityRef ref) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Scoreboard.Result r : scores.of(ref)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", r.scorecard().title());
            m.put("url", page(r.scorecard()));
            m.put("level", r.level().isEmpty() ? "none" : r.level());
            m.put("rank", r.scorecard().rank(r.level()) + 1);
            m.put("passed", r.passed());
            m.put("total", r.rules().size());
            m.put("trend", previous.trend(r));
            m.put("before", previous.levelOf(r).map(l -> l.isEmpty() ? "none" : l).orElse(""));
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Scoreboard.RuleResult rr : r.rules()) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("title", rr.rule().title());
                rule.put("level", rr.rule().level());
                rule.put("passed", rr.passed());
                rule.put("why", rr.rule().why());
                rule.put("fix", rr.rule().fix());
                rule.put("check", rr.rule().check().describe());
                rules.add(rule);
            }
            m.put("rules", rules);
            out.add(m);
        }
        return out;
    }

    /** The overview: every scorecard with its distribution. */
    static Map<String, Object> index(Scoreboard scores) {
        List<Map<String, Object>> cards = new ArrayList<>();
        for (Scorecard s : scores.scorecards()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", s.title());
            m.put("description", s.description());
            m.put("url", page(s));
            m.put("entities", scores.of(s).size());
            m.put("chart", distributionChart(s, scores.of(s)));
            cards.add(m);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("scorecards", cards);
        return model;
    }

    /** One scorecard's page: distribution, leaderboard by owning team, the rules failed most. */
    static Map<String, Object> scorecard(Scorecard s, Scoreboard scores, dev.paved.scorecard.PreviousScores previous,
                                         Catalog catalog, String pagePath) {
        List<Scoreboard.Result> results = scores.of(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scorecard", s);
        m.put("chart", distributionChart(s, results));
        // Leaderboard: per owner, how many entities at each level and the share of rules passed.
        Map<String, List<Scoreboard.Result>> byOwner = new TreeMap<>();
        for (Scoreboard.Result r : results) {
            byOwner.computeIfAbsent(r.owner().isEmpty() ? "(no owner)" : r.owner(), k -> new ArrayList<>()).add(r);
        }
        List<Map<String, Object>> board = new ArrayList<>();
        byOwner.forEach((owner, rs) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            String label = owner;
            String url = null;
            try {
                EntityRef ref = EntityRef.parse(owner, "group", "default");
                label = catalog.find(ref).map(e -> e.displayName()).orElse(ref.name());
                url = catalog.find(ref).isPresent() ? SitePaths.entity(ref) : null;
            } catch (IllegalArgumentException ignored) {
                // "(no owner)"
            }
            row.put("team", label);
            row.put("url", url);
            long passed = rs.stream().mapToLong(Scoreboard.Result::passed).sum();
            long total = rs.stream().mapToLong(r -> r.rules().size()).sum();
            row.put("percent", total == 0 ? 0 : Math.round(100.0 * passed / total));
            List<Long> counts = new ArrayList<>();
            counts.add(rs.stream().filter(r -> r.level().isEmpty()).count());
            for (String level : s.levels()) {
                counts.add(rs.stream().filter(r -> r.level().equals(level)).count());
            }
            row.put("counts", counts);
            row.put("entities", rs.size());
            row.put("improved", rs.stream().filter(r -> previous.trend(r) > 0).count());
            row.put("regressed", rs.stream().filter(r -> previous.trend(r) < 0).count());
            board.add(row);
        });
        board.sort((a, b) -> Long.compare((Long) b.get("percent"), (Long) a.get("percent")));
        m.put("leaderboard", board);
        m.put("hasTrend", !previous.isEmpty());
        List<String> columns = new ArrayList<>();
        columns.add("none");
        columns.addAll(s.levels());
        m.put("levelColumns", columns);
        // The rules failed most.
        Map<String, Integer> failures = new LinkedHashMap<>();
        for (Scorecard.Rule rule : s.rules()) {
            failures.put(rule.title(), 0);
        }
        for (Scoreboard.Result r : results) {
            r.rules().stream().filter(x -> !x.passed()).forEach(x -> failures.merge(x.rule().title(), 1,
                    Integer::sum));
        }
        List<Map.Entry<String, Integer>> failed = new ArrayList<>(failures.entrySet());
        failed.removeIf(e -> e.getValue() == 0);
        failed.sort((a, b) -> b.getValue() - a.getValue());
        m.put("failedChart", failed.isEmpty() ? null : barChart(failed.subList(0, Math.min(10, failed.size())),
                "#c0504d", "Rules failed most, by number of entities"));
        // Every entity, lowest level first.
        List<Map<String, Object>> rows = new ArrayList<>();
        results.stream().sorted((a, b) -> a.scorecard().rank(a.level()) != b.scorecard().rank(b.level())
                ? Integer.compare(a.scorecard().rank(a.level()), b.scorecard().rank(b.level()))
                : a.entity().ref().compareTo(b.entity().ref())).forEach(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", r.entity().displayName());
                    row.put("url", SitePaths.entity(r.entity().ref()) + "#scorecards");
                    row.put("level", r.level().isEmpty() ? "none" : r.level());
                    row.put("passed", r.passed());
                    row.put("total", r.rules().size());
                    row.put("blocking", r.blocking().stream().map(x -> x.rule().title()).toList());
                    row.put("trend", previous.trend(r));
                    row.put("before", previous.levelOf(r).map(l -> l.isEmpty() ? "none" : l).orElse(""));
                    rows.add(row);
                });
        m.put("entities", rows);
        return m;
    }

    static String distributionChart(Scorecard s, List<Scoreboard.Result> results) {
        List<Map.Entry<String, Integer>> bars = new ArrayList<>();
        bars.add(Map.entry("none", (int) results.stream().filter(r -> r.level().isEmpty()).count()));
        for (String level : s.levels()) {
            bars.add(Map.entry(level, (int) results.stream().filter(r -> r.level().equals(level)).count()));
        }
        return barChart(bars, null, "Entities by level on " + s.title());
    }

    /** A horizontal bar chart as inline SVG; labels are escaped. */
    static String barChart(List<Map.Entry<String, Integer>> bars, String colour, String title) {
        int max = Math.max(1, bars.stream().mapToInt(Map.Entry::getValue).max().orElse(1));
        int labelWidth = 40 + 7 * bars.stream().mapToInt(e -> Math.min(40, e.getKey().length())).max().orElse(4);
        int barArea = 320;
        int row = 26;
        int height = bars.size() * row + 8;
        int width = labelWidth + barArea + 50;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height, width, height,
                Entities.escape(title)));
        svg.append("<title>").append(Entities.escape(title)).append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Map.Entry<String, Integer> bar = bars.get(i);
            int y = 4 + i * row;
            int w = (int) Math.round((double) barArea * bar.getValue() / max);
            String fill = colour != null ? colour : COLOURS[Math.min(i, COLOURS.length - 1)];
            String label = bar.getKey().length() > 40 ? bar.getKey().substring(0, 39) + "…" : bar.getKey();
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\" "
                    + "fill=\"#24292f\">%s</text>", labelWidth - 8, y + 16, Entities.escape(label)));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" rx=\"3\" "
                    + "fill=\"%s\"><title>%s: %d</title></rect>", labelWidth, y + 3, Math.max(w, 1), fill,
                    Entities.escape(bar.getKey()), bar.getValue()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#24292f\">%d"
                    + "</text>", labelWidth + Math.max(w, 1) + 6, y + 16, bar.getValue()));
        }
        return svg.append("</svg>").toString();
    }

    /** Every result, for other tools: per entity and scorecard, the level and each rule's outcome. */
    static byte[] json(Scoreboard scores) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", 1);
        ArrayNode cards = root.putArray("scorecards");
        for (Scorecard s : scores.scorecards()) {
            ObjectNode c = cards.addObject();
            c.put("name", s.name()).put("title", s.title());
            ArrayNode levels = c.putArray("levels");
            s.levels().forEach(levels::add);
        }
        ArrayNode results = root.putArray("results");
        for (Scoreboard.Result r : scores.results()) {
            ObjectNode o = results.addObject();
            o.put("entity", r.entity().ref().toString());
            o.put("owner", r.owner());
            o.put("scorecard", r.scorecard().name());
            o.put("level", r.level());
            ObjectNode rules = o.putObject("rules");
            r.rules().forEach(x -> rules.put(x.rule().id(), x.passed()));
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
