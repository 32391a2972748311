package dev.paved.catalog;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relations an entity's spec declares, as Backstage's BuiltinKindsEntityProcessor derives them, each with the
 * position of the reference that declared it.
 */
final class DeclaredRelations {

    /** A relation and where it was written. */
    record Declared(Relation relation, SourcePosition at, String field) {
    }

    private record Rule(String kind, String field, String defaultKind, RelationType type) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("component", "owner", "group", RelationType.OWNED_BY),
            new Rule("api", "owner", "group", RelationType.OWNED_BY),
            new Rule("resource", "owner", "group", RelationType.OWNED_BY),
            new Rule("system", "owner", "group", RelationType.OWNED_BY),
            new Rule("domain", "owner", "group", RelationType.OWNED_BY),
            new Rule("template", "owner", "group", RelationType.OWNED_BY),
            new Rule("component", "subcomponentOf", "component", RelationType.PART_OF),
            new Rule("component", "providesApis", "api", RelationType.PROVIDES_API),
            new Rule("component", "consumesApis", "api", RelationType.CONSUMES_API),
            new Rule("component", "dependsOn", null, RelationType.DEPENDS_ON),
            new Rule("component", "dependencyOf", null, RelationType.DEPENDENCY_OF),
            new Rule("resource", "dependsOn", null, RelationType.DEPENDS_ON),
            new Rule("resource", "dependencyOf", null, RelationType.DEPENDENCY_OF),
            new Rule("component", "system", "system", RelationType.PART_OF),
            new Rule("api", "system", "system", RelationType.PART_OF),
            new Rule("resource", "system", "system", RelationType.PART_OF),
            new Rule("system", "domain", "domain", RelationType.PART_OF),
            new Rule("domain", "subdomainOf", "domain", RelationType.PART_OF),
            new Rule("user", "memberOf", "group", RelationType.MEMBER_OF),
            new Rule("group", "parent", "group", RelationType.CHILD_OF),
            new Rule("group", "children", "group", RelationType.PARENT_OF),
            new Rule("group", "members", "user", RelationType.HAS_MEMBER));

    private DeclaredRelations() {
    }

    /**
     * The relations {@code spec} declares for an entity of {@code kind}. A reference that does not parse is an error
     * and returns {@code null}: Backstage rejects such an entity.
     */
    static List<Declared> of(String kind, EntityRef self, JsonNode spec, EntitySource source, Diagnostics diagnostics) {
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        List<Declared> out = new ArrayList<>();
        boolean ok = true;
        for (Rule rule : RULES) {
            if (!rule.kind.equals(lowerKind)) {
                continue;
            }
            JsonNode value = spec.path(rule.field);
            List<String> pointers = new ArrayList<>();
            List<JsonNode> items = new ArrayList<>();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    items.add(value.get(i));
                    pointers.add("/spec/" + rule.field + "/" + i);
                }
            } else if (!value.isMissingNode() && !value.isNull()) {
                items.add(value);
                pointers.add("/spec/" + rule.field);
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                SourcePosition at = source.at(pointers.get(i));
                if (!item.isTextual()) {
                    diagnostics.error(at, Code.INVALID_REF, "spec." + rule.field + " must hold entity references "
                            + "(strings), found " + item.getNodeType().toString().toLowerCase(Locale.ROOT));
                    ok = false;
                    continue;
                }
                try {
                    EntityRef target = EntityRef.parse(item.asText(), rule.defaultKind, self.namespace());
                    out.add(new Declared(new Relation(self, rule.type, target), at, rule.field));
                } catch (IllegalArgumentException e) {
                    diagnostics.error(at, Code.INVALID_REF, e.getMessage() + " in spec." + rule.field);
                    ok = false;
                }
            }
        }
        return ok ? out : null;
    }
}
