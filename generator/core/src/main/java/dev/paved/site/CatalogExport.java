package dev.paved.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.Relation;
import dev.paved.catalog.RelationType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The catalog as files for other tools: {@code catalog.json} (every entity in Backstage's shape, with its
 * relations, as the catalog API returns them) and {@code catalog.csv} (one row per entity).
 */
final class CatalogExport {

    static final String JSON = "catalog.json";
    static final String CSV = "catalog.csv";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CatalogExport() {
    }

    static String json(Catalog catalog, Function<Entity, String> sourceFile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("apiVersion", "paved.dev/v1");
        ArrayNode items = root.putArray("items");
        for (Entity e : catalog.entities()) {
            ObjectNode item = items.addObject();
            item.put("apiVersion", e.apiVersion());
            item.put("kind", e.kind());
            ObjectNode metadata = item.putObject("metadata");
            metadata.put("namespace", e.namespace());
            metadata.put("name", e.name());
            if (!e.title().isEmpty()) {
                metadata.put("title", e.title());
            }
            if (!e.description().isEmpty()) {
                metadata.put("description", e.description());
            }
            metadata.set("labels", MAPPER.valueToTree(new TreeMap<>(e.labels())));
            metadata.set("annotations", MAPPER.valueToTree(new TreeMap<>(e.annotations())));
            metadata.set("tags", MAPPER.valueToTree(e.tags()));
            ArrayNode links = metadata.putArray("links");
            e.links().forEach(l -> {
                ObjectNode link = links.addObject().put("url", l.url());
                if (!l.title().isEmpty()) {
                    link.put("title", l.title());
                }
                if (!l.icon().isEmpty()) {
                    link.put("icon", l.icon());
                }
                if (l.type() != null && !l.type().isEmpty()) {
                    link.put("type", l.type());
                }
            });
            item.set("spec", sorted(e.spec()));
            ArrayNode relations = item.putArray("relations");
            for (Relation r : catalog.relationsFrom(e.ref())) {
                relations.addObject().put("type", r.type().id()).put("targetRef", r.target().toString());
            }
            item.put("source", sourceFile.apply(e));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode sorted(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            Map<String, com.fasterxml.jackson.databind.JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), sorted(f.getValue())));
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }

    static String csv(Catalog catalog) {
        StringBuilder out = new StringBuilder("ref,kind,namespace,name,title,type,lifecycle,owner,system,tags,"
                + "description\n");
        for (Entity e : catalog.entities()) {
            EntityRef ref = e.ref();
            List<String> cells = List.of(ref.toString(), e.kind(), e.namespace(), e.name(), e.title(),
                    e.type().orElse(""), e.lifecycle().orElse(""),
                    first(catalog, ref, RelationType.OWNED_BY), system(catalog, ref), String.join(" ", e.tags()),
                    e.description());
            out.append(String.join(",", cells.stream().map(CatalogExport::cell).toList())).append('\n');
        }
        return out.toString();
    }

    private static String first(Catalog catalog, EntityRef ref, RelationType type) {
        return catalog.related(ref, type).stream().findFirst().map(EntityRef::toString).orElse("");
    }

    private static String system(Catalog catalog, EntityRef ref) {
        return catalog.related(ref, RelationType.PART_OF).stream().filter(r -> r.kind().equals("system"))
                .findFirst().map(EntityRef::toString).orElse("");
    }

    /** A CSV cell (RFC 4180), with a leading quote against formula injection in spreadsheets. */
    private static String cell(String value) {
        String v = value.replace("\r\n", "\n");
        if (!v.isEmpty() && "=+-@\t".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
