package dev.paved.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.CatalogRule;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import dev.paved.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code rules} list of {@code paved.yaml} into {@link CatalogRule}s, reporting what it cannot use. */
final class RuleReader {

    private static final Set<String> KEYS = Set.of("name", "match", "requireAnnotations", "requireTags",
            "requireFields", "allowedLifecycles", "allowedTypes", "ownerKind", "namePattern", "severity");
    private static final Set<String> MATCH_KEYS = Set.of("kind", "type", "lifecycle", "namespace");

    private RuleReader() {
    }

    static List<CatalogRule> read(JsonNode rules, YamlDocument doc, Diagnostics diagnostics) {
        List<CatalogRule> out = new ArrayList<>();
        if (rules.isMissingNode() || rules.isNull()) {
            return out;
        }
        if (!rules.isArray()) {
            diagnostics.error(doc.at("/rules"), Code.INVALID_CONFIG, "rules must be a list of rules");
            return out;
        }
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String at = "/rules/" + i;
            if (!rule.isObject()) {
                diagnostics.error(doc.at(at), Code.INVALID_CONFIG, "a rule must be a map");
                continue;
            }
            for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    diagnostics.warning(doc.at(at + "/" + key), Code.UNKNOWN_CONFIG_KEY, "Unknown rule setting " + key
                            + "; known settings are " + String.join(", ", KEYS.stream().sorted().toList()));
                }
            }
            JsonNode match = rule.path("match");
            match.fieldNames().forEachRemaining(key -> {
                if (!MATCH_KEYS.contains(key)) {
                    diagnostics.warning(doc.at(at + "/match/" + key), Code.UNKNOWN_CONFIG_KEY, "A rule matches on "
                            + "kind, type, lifecycle and namespace, not " + key);
                }
            });
            Optional<Pattern> pattern = Optional.empty();
            if (rule.has("namePattern")) {
                try {
                    pattern = Optional.of(Pattern.compile(rule.path("namePattern").asText()));
                } catch (PatternSyntaxException e) {
                    diagnostics.error(doc.at(at + "/namePattern"), Code.INVALID_CONFIG, "namePattern is not a "
                            + "regular expression: " + e.getDescription());
                    continue;
                }
            }
            String severity = rule.path("severity").asText("error");
            if (!severity.equals("error") && !severity.equals("warning")) {
                diagnostics.error(doc.at(at + "/severity"), Code.INVALID_CONFIG, "severity is error or warning");
                continue;
            }
            JsonNode tags = rule.path("requireTags");
            out.add(new CatalogRule(rule.path("name").asText("#" + (i + 1)), strings(match.path("kind")),
                    strings(match.path("type")), strings(match.path("lifecycle")), strings(match.path("namespace")),
                    strings(rule.path("requireAnnotations")), tags.isBoolean() ? List.of() : strings(tags),
                    tags.isBoolean() && tags.asBoolean(), strings(rule.path("requireFields")),
                    strings(rule.path("allowedLifecycles")), strings(rule.path("allowedTypes")),
                    Optional.ofNullable(rule.path("ownerKind").textValue()), pattern,
                    severity.equals("warning") ? Severity.WARNING : Severity.ERROR, doc.at(at)));
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
