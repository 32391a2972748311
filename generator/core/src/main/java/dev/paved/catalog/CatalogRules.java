package dev.paved.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.util.List;
import java.util.Optional;

/** Checks every entity against the organisation's {@link CatalogRule}s. */
public final class CatalogRules {

    private CatalogRules() {
    }

    /** Reports every violation of every rule, at the field concerned. */
    public static void check(Catalog catalog, List<CatalogRule> rules, Diagnostics diagnostics) {
        for (Entity e : catalog.entities()) {
            for (CatalogRule rule : rules) {
                if (rule.matches(e)) {
                    check(e, rule, catalog, diagnostics);
                }
            }
        }
    }

    private static void check(Entity e, CatalogRule rule, Catalog catalog, Diagnostics diagnostics) {
        String who = e.ref().toShortString();
        for (String key : rule.requireAnnotations()) {
            if (!e.annotations().containsKey(key)) {
                report(e, "/metadata", rule, who + " has no annotation " + key, diagnostics);
            }
        }
        for (String tag : rule.requireTags()) {
            if (!e.tags().contains(tag)) {
                report(e, "/metadata", rule, who + " is not tagged " + tag, diagnostics);
            }
        }
        if (rule.requireSomeTag() && e.tags().isEmpty()) {
            report(e, "/metadata", rule, who + " has no tags", diagnostics);
        }
        JsonNode root = e.source().document().root();
        for (String field : rule.requireFields()) {
            JsonNode value = root.at("/" + field.replace('.', '/'));
            if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())
                    || (value.isContainerNode() && value.isEmpty())) {
                report(e, "/" + field.replace('.', '/'), rule, who + " has no " + field, diagnostics);
            }
        }
        Optional<String> lifecycle = e.lifecycle();
        if (!rule.allowedLifecycles().isEmpty() && lifecycle.isPresent()
                && rule.allowedLifecycles().stream().noneMatch(l -> l.equalsIgnoreCase(lifecycle.get()))) {
            report(e, "/spec/lifecycle", rule, who + " has lifecycle " + lifecycle.get() + "; allowed: "
                    + String.join(", ", rule.allowedLifecycles()), diagnostics);
        }
        Optional<String> type = e.type();
        if (!rule.allowedTypes().isEmpty() && type.isPresent()
                && rule.allowedTypes().stream().noneMatch(t -> t.equalsIgnoreCase(type.get()))) {
            report(e, "/spec/type", rule, who + " has type " + type.get() + "; allowed: "
                    + String.join(", ", rule.allowedTypes()), diagnostics);
        }
        rule.ownerKind().ifPresent(kind -> catalog.related(e.ref(), RelationType.OWNED_BY).stream()
                .filter(owner -> !owner.kind().equalsIgnoreCase(kind))
                .forEach(owner -> report(e, "/spec/owner", rule, who + " is owned by " + owner.toShortString()
                        + "; owners must be of kind " + kind, diagnostics)));
        rule.namePattern().filter(p -> !p.matcher(e.name()).find()).ifPresent(p -> report(e, "/metadata/name", rule,
                who + "'s name does not match " + p.pattern(), diagnostics));
    }

    private static void report(Entity e, String pointer, CatalogRule rule, String message, Diagnostics diagnostics) {
        SourcePosition at = e.source().at(pointer);
        diagnostics.add(new Diagnostic(at.file(), at.line(), at.column(), rule.severity(), Code.RULE_VIOLATION,
                "rule " + rule.name() + ": " + message, "The rule is set in paved.yaml at " + rule.source() + "."));
    }
}
