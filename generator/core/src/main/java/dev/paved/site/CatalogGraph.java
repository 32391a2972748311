package dev.paved.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.Relation;
import dev.paved.catalog.RelationType;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalog as the graph explorer reads it ({@code graph/index.html}, Backstage's catalog graph page): every
 * entity and every relation, written as a script ({@code graph/graph-data.js}) rather than JSON so that the explorer
 * also works from {@code file://}, where browsers refuse {@code fetch()}. It calls
 * {@code pavedGraph({nodes, edges})}: a node is {@code [ref, kind, type, label, page URL]}, an edge
 * {@code [source index, relation type, target index]}, each relation once, in its forward direction
 * ({@code ownedBy}, {@code partOf}, {@code providesApi}, {@code consumesApi}, {@code dependsOn}, {@code memberOf},
 * {@code childOf}).
 */
final class CatalogGraph {

    /** Where the data script is written. */
    static final String DATA = "graph/graph-data.js";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The direction each relation is drawn in: from the entity that holds it towards its owner, system, API… */
    private static final Set<RelationType> FORWARD = EnumSet.of(RelationType.OWNED_BY, RelationType.PART_OF,
            RelationType.PROVIDES_API, RelationType.CONSUMES_API, RelationType.DEPENDS_ON, RelationType.MEMBER_OF,
            RelationType.CHILD_OF);

    private CatalogGraph() {
    }

    static byte[] script(Catalog catalog) {
        ObjectNode graph = MAPPER.createObjectNode();
        ArrayNode nodes = graph.putArray("nodes");
        Map<EntityRef, Integer> index = new HashMap<>();
        for (Entity e : catalog.entities()) {
            index.put(e.ref(), nodes.size());
            nodes.addArray().add(e.ref().toString()).add(e.kind().toLowerCase(Locale.ROOT)).add(e.type().orElse(""))
                    .add(e.displayName()).add(SitePaths.entity(e.ref()));
        }
        ArrayNode edges = graph.putArray("edges");
        List<Relation> relations = catalog.relations();
        for (Relation r : relations) {
            Integer from = index.get(r.source());
            Integer to = index.get(r.target());
            // Each relation and its reverse are both in the catalog: the forward one of the pair is drawn.
            if (from != null && to != null && FORWARD.contains(r.type())) {
                edges.addArray().add(from).add(r.type().id()).add(to);
            }
        }
        try {
            String json = MAPPER.writeValueAsString(graph).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
                    .replace("<", "\\u003c");
            return ("pavedGraph(" + json + ");\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
