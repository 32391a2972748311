package dev.paved.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads scorecard files ({@code kind: Scorecard}, see {@code docs/scorecards.md}). Problems are diagnostics with
 * file and line, like catalog files' problems; an invalid scorecard is left out, the others are used.
 */
public final class ScorecardReader {

    private static final Set<String> OPERATORS = Set.of("<", "<=", ">", ">=", "lt", "lte", "gt", "gte");

    private ScorecardReader() {
    }

    /** Every scorecard in the {@code *.yaml} files of these folders (or files); missing folders are skipped. */
    public static List<Scorecard> read(List<Path> locations, Diagnostics diagnostics) {
        List<Scorecard> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path location : locations) {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(location)) {
                try (Stream<Path> s = Files.list(location)) {
                    s.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().forEach(files::add);
                } catch (IOException e) {
                    diagnostics.error(SourcePosition.of(DisplayPath.of(location)), Code.UNREADABLE_FILE,
                            "Could not list " + DisplayPath.of(location));
                }
            } else if (Files.isRegularFile(location)) {
                files.add(location);
            }
            for (Path file : files) {
                for (Scorecard s : readFile(file, diagnostics)) {
                    if (!names.add(s.name())) {
                        diagnostics.error(s.source(), Code.INVALID_SCORECARD, "another scorecard is named "
                                + s.name() + "; this one is left out");
                    } else {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    static List<Scorecard> readFile(Path file, Diagnostics diagnostics) {
        String display = DisplayPath.of(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(display), Code.UNREADABLE_FILE, "Could not read " + display);
            return List.of();
        }
        List<Scorecard> out = new ArrayList<>();
        for (YamlDocument doc : YamlReader.read(display, text, diagnostics)) {
            new Parse(doc, diagnostics).scorecard().ifPresent(out::add);
        }
        return out;
    }

    /** One document's parse; {@code ok} turns false at the first error. */
    private static final class Parse {
        private final YamlDocument doc;
        private final Diagnostics diagnostics;
        private boolean ok = true;

        Parse(YamlDocument doc, Diagnostics diagnostics) {
            this.doc = doc;
            this.diagnostics = diagnostics;
        }

        private void error(String pointer, String message) {
            diagnostics.error(doc.at(pointer), Code.INVALID_SCORECARD, message);
            ok = false;
        }

        Optional<Scorecard> scorecard() {
            JsonNode root = doc.root();
            if (!root.isObject() || !"Scorecard".equals(root.path("kind").asText())) {
                error("", "a scorecard file holds documents of kind: Scorecard");
                return Optional.empty();
            }
            String name = root.path("metadata").path("name").asText("");
            if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
                error("/metadata/name", "metadata.name must be lower-case letters, digits and dashes: \"" + name
                        + "\"");
            }
            JsonNode spec = root.path("spec");
            List<String> levels = strings(spec.path("levels"), "/spec/levels");
            if (levels.isEmpty()) {
                error("/spec/levels", "spec.levels lists the levels, lowest first (e.g. [bronze, silver, gold])");
            }
            List<Scorecard.Rule> rules = new ArrayList<>();
            JsonNode ruleNodes = spec.path("rules");
            if (!ruleNodes.isArray() || ruleNodes.isEmpty()) {
                error("/spec/rules", "spec.rules lists the rules");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < ruleNodes.size(); i++) {
                String at = "/spec/rules/" + i;
                JsonNode r = ruleNodes.get(i);
                String id = r.path("id").asText("");
                String level = r.path("level").asText("");
                if (id.isEmpty() || !ids.add(id)) {
                    error(at + (r.has("id") ? "/id" : ""), id.isEmpty() ? "a rule needs an id" : "two rules are "
                            + "named " + id);
                }
                if (!levels.contains(level)) {
                    error(at + (r.has("level") ? "/level" : ""), "level \"" + level + "\" is not one of "
                            + levels);
                }
                if (!r.has("check")) {
                    error(at, "rule " + id + " has no check");
                    continue;
                }
                Check check = check(r.path("check"), at + "/check");
                if (check != null) {
                    rules.add(new Scorecard.Rule(id, r.path("title").asText(id), level, r.path("why").asText(""),
                            r.path("fix").asText(""), check));
                }
            }
            JsonNode a = spec.path("appliesTo");
            Scorecard.AppliesTo appliesTo = new Scorecard.AppliesTo(strings(a.path("kind"), "/spec/appliesTo/kind"),
                    strings(a.path("type"), "/spec/appliesTo/type"),
                    strings(a.path("lifecycle"), "/spec/appliesTo/lifecycle"),
                    strings(a.path("tags"), "/spec/appliesTo/tags"), strings(a.path("owner"), "/spec/appliesTo/owner"));
            if (!ok) {
                return Optional.empty();
            }
            return Optional.of(new Scorecard(name, root.path("metadata").path("title").asText(name),
                    root.path("metadata").path("description").asText(""), appliesTo, levels, rules, doc.at("")));
        }

        private List<String> strings(JsonNode node, String at) {
            List<String> out = new ArrayList<>();
            if (node.isMissingNode() || node.isNull()) {
                return out;
            }
            if (node.isTextual()) {
                out.add(node.asText());
            } else if (node.isArray()) {
                node.forEach(n -> out.add(n.asText()));
            } else {
                error(at, "expected a string or a list of strings");
            }
            return out;
        }

        private Check check(JsonNode c, String at) {
            if (!c.isObject()) {
                error(at, "a check is a map such as {fact: hasReadme, equals: true}");
                return null;
            }
            if (c.has("allOf") || c.has("anyOf")) {
                String key = c.has("allOf") ? "allOf" : "anyOf";
                List<Check> parts = new ArrayList<>();
                JsonNode list = c.path(key);
                if (!list.isArray() || list.isEmpty()) {
                    error(at + "/" + key, key + " takes a list of checks");
                    return null;
                }
                for (int i = 0; i < list.size(); i++) {
                    Check part = check(list.get(i), at + "/" + key + "/" + i);
                    if (part == null) {
                        return null;
                    }
                    parts.add(part);
                }
                return key.equals("allOf") ? new Check.AllOf(parts) : new Check.AnyOf(parts);
            }
            if (c.has("not")) {
                Check inner = check(c.path("not"), at + "/not");
                return inner == null ? null : new Check.Not(inner);
            }
            String fact = c.path("fact").asText("");
            if (fact.isEmpty()) {
                error(at, "a check names a fact (fact: …) or combines checks (allOf, anyOf, not)");
                return null;
            }
            if (!Facts.NAMES.contains(fact)) {
                diagnostics.warning(doc.at(at + "/fact"), Code.UNKNOWN_FACT, "unknown fact " + fact
                        + "; it is never known, so the rule fails. Known facts: " + String.join(", ", Facts.NAMES));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String op = e.getKey();
                JsonNode v = e.getValue();
                switch (op) {
                    case "fact":
                        continue;
                    case "exists":
                        return new Check.Exists(fact, v.asBoolean(true));
                    case "equals":
                        return new Check.Equals(fact, value(v));
                    case "in":
                        List<Object> values = new ArrayList<>();
                        v.forEach(x -> values.add(value(x)));
                        return new Check.In(fact, values);
                    case "matches":
                        try {
                            return new Check.Matches(fact, Pattern.compile(v.asText()));
                        } catch (PatternSyntaxException ex) {
                            error(at + "/matches", "invalid pattern: " + ex.getDescription());
                            return null;
                        }
                    default:
                        if (OPERATORS.contains(op)) {
                            if (!v.isNumber()) {
                                error(at + "/" + op.replace("~", "~0").replace("/", "~1"), op + " compares with a "
                                        + "number");
                                return null;
                            }
                            String operator = switch (op) {
                                case "lt" -> "<";
                                case "lte" -> "<=";
                                case "gt" -> ">";
                                case "gte" -> ">=";
                                default -> op;
                            };
                            return new Check.Compare(fact, operator, v.asDouble());
                        }
                        error(at + "/" + op, "unknown test " + op + "; use exists, equals, in, matches, <, <=, >, >=");
                        return null;
                }
            }
            error(at, "the check on " + fact + " has no test (exists, equals, in, matches, <, <=, >, >=)");
            return null;
        }

        private static Object value(JsonNode v) {
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            if (v.isNumber()) {
                return v.numberValue();
            }
            return v.asText();
        }
    }
}
