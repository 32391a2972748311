package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a template runs with: the user's values, completed with the schemas' defaults, and checked against
 * every parameter page's JSON Schema (draft 7, as Backstage's form validates them).
 */
public final class TemplateValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateValues() {
    }

    /** The values with every absent property that has a {@code default} in its page's schema filled in. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withDefaults(SoftwareTemplate template, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (JsonNode page : template.parameters()) {
            Iterator<Map.Entry<String, JsonNode>> props = page.path("properties").properties().iterator();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> p = props.next();
                if (!out.containsKey(p.getKey()) && p.getValue().has("default")) {
                    out.put(p.getKey(), JSON.convertValue(p.getValue().get("default"), Object.class));
                }
            }
        }
        return out;
    }

    /** One message per problem, naming the field: {@code name: does not match the pattern …}; empty when valid. */
    public static List<String> problems(SoftwareTemplate template, Map<String, Object> values) {
        JsonNode instance = JSON.valueToTree(values);
        List<String> out = new ArrayList<>();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        int page = 0;
        for (JsonNode schemaNode : template.parameters()) {
            page++;
            ObjectNode schema = schemaNode.deepCopy();
            if (!schema.has("type")) {
                schema.put("type", "object");
            }
            Schema compiled = registry.getSchema(schema);
            String title = schemaNode.path("title").asText("");
            String suffix = template.parameters().size() > 1
                    ? " [page " + page + (title.isEmpty() ? "" : ", " + title) + "]" : "";
            for (Error e : compiled.validate(instance)) {
                String field = e.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "")
                        .replace('/', '.');
                if (field.isEmpty() && e.getProperty() != null) {
                    field = e.getProperty();
                }
                out.add((field.isEmpty() ? "(values)" : field) + ": " + message(e) + suffix);
            }
            repoUrlProblems(schemaNode, values).forEach(p -> out.add(p + suffix));
        }
        return out;
    }

    /** RepoUrlPicker's {@code allowedHosts}, {@code allowedOwners} and {@code allowedRepos}, as its form enforces. */
    private static List<String> repoUrlProblems(JsonNode page, Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> props = page.path("properties").properties().iterator();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> p = props.next();
            if (!"RepoUrlPicker".equals(p.getValue().path("ui:field").asText())
                    || !(values.get(p.getKey()) instanceof String url)) {
                continue;
            }
            Map<String, Object> parts;
            try {
                parts = ScaffolderFilters.parseRepoUrl(url);
            } catch (TemplateException e) {
                out.add(p.getKey() + ": " + e.getMessage());
                continue;
            }
            JsonNode options = p.getValue().path("ui:options");
            for (String[] rule : new String[][] {{"allowedHosts", "host"}, {"allowedOwners", "owner"},
                    {"allowedRepos", "repo"}}) {
                JsonNode allowed = options.path(rule[0]);
                if (allowed.isArray() && allowed.size() > 0) {
                    Object value = parts.get(rule[1]);
                    boolean ok = false;
                    for (JsonNode a : allowed) {
                        ok |= a.asText().equals(value);
                    }
                    if (!ok) {
                        out.add(p.getKey() + ": the " + rule[1] + " " + (value == null ? "(none)" : "'" + value + "'")
                                + " is not one of " + allowed);
                    }
                }
            }
        }
        return out;
    }

    private static String message(Error e) {
        String m = e.getMessage();
        // networknt prefixes the location ("$.name: …"); the field is named already.
        int colon = m.indexOf(": ");
        return m.startsWith("$") && colon > 0 ? m.substring(colon + 2) : m;
    }
}
