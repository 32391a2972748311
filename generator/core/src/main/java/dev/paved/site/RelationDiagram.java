package dev.paved.site;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.Relation;
import dev.paved.catalog.RelationType;
import dev.paved.docs.UrlPaths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.jsoup.nodes.Entities;

/**
 * Draws an entity and its direct relations as a static SVG, laid out at build time by Eclipse ELK's layered
 * algorithm, and a system's parts with the relations among them. On an entity's diagram every relation is named as
 * the entity holds it and every arrow ends at a neighbour (so that many relations never pile their arrowheads on
 * the entity): owners, systems, parents and groups on its left, the rest on its right. Nodes link to their entity
 * pages; a node whose entity is missing is dashed.
 */
final class RelationDiagram {

    /** Relations to what an entity belongs to: drawn from the neighbour, on the entity's left. */
    private static final Set<RelationType> UPWARD = EnumSet.of(RelationType.OWNED_BY, RelationType.PART_OF,
            RelationType.CHILD_OF, RelationType.MEMBER_OF);
    /** The relations among a system's parts its diagram draws. */
    private static final Set<RelationType> SYSTEM_EDGES = EnumSet.of(RelationType.PROVIDES_API,
            RelationType.CONSUMES_API, RelationType.DEPENDS_ON);
    private static final int MAX_NEIGHBOURS = 40;
    private static final int MAX_SYSTEM_EDGES = 80;
    private static final double CHAR_WIDTH = 7.2;
    private static final double LABEL_CHAR_WIDTH = 6.0;
    private static final double NODE_HEIGHT = 42;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private RelationDiagram() {
    }

    /**
     * The SVG for {@code entity}, with links relative to the page at {@code pagePath}; empty when it has no
     * relations.
     */
    static String render(Entity entity, Catalog catalog, String pagePath) {
        return render(entity, catalog, pagePath, (key, make) -> make.get());
    }

    /**
     * The SVG for {@code entity}, laid out only when {@code memo} does not hold the layout of the same drawing: its
     * key names everything the SVG shows (the nodes' labels and links, the edges, the page the links start from).
     */
    static String render(Entity entity, Catalog catalog, String pagePath, PageCache.Memo memo) {
        EntityRef self = entity.ref();
        List<Relation> edges = new ArrayList<>();
        for (Relation r : catalog.relationsFrom(self)) {
            // Every arrow starts at this entity and ends at a neighbour, so that arrowheads never pile up on it;
            // owners, systems, parents and groups are laid out on its left, the rest on its right.
            Relation drawn = UPWARD.contains(r.type()) ? r.reverse() : r;
            if (!edges.contains(drawn)) {
                edges.add(drawn);
            }
        }
        if (edges.isEmpty()) {
            return "";
        }
        boolean truncated = edges.size() > MAX_NEIGHBOURS;
        List<Relation> shown = truncated ? edges.subList(0, MAX_NEIGHBOURS) : edges;
        return draw(self, catalog, pagePath, memo, shown, truncated, "Relations of " + self.toShortString());
    }

    /**
     * The system diagram of a system's page, as Backstage's system diagram card draws it: the system, its domain,
     * its components, APIs and resources, and the relations among them ({@code providesApi}, {@code consumesApi},
     * {@code dependsOn}); empty when the system has no parts.
     */
    static String system(Entity system, Catalog catalog, String pagePath, PageCache.Memo memo) {
        EntityRef self = system.ref();
        List<EntityRef> parts = catalog.related(self, RelationType.HAS_PART);
        if (parts.isEmpty()) {
            return "";
        }
        Set<EntityRef> members = new LinkedHashSet<>(parts);
        members.add(self);
        List<Relation> edges = new ArrayList<>();
        catalog.related(self, RelationType.PART_OF).forEach(domain -> edges.add(new Relation(domain, RelationType.HAS_PART, self)));
        parts.forEach(part -> edges.add(new Relation(self, RelationType.HAS_PART, part)));
        for (EntityRef part : parts) {
            for (Relation r : catalog.relationsFrom(part)) {
                if (SYSTEM_EDGES.contains(r.type()) && members.contains(r.target()) && !edges.contains(r)) {
                    edges.add(r);
                }
            }
        }
        boolean truncated = edges.size() > MAX_SYSTEM_EDGES;
        List<Relation> shown = truncated ? edges.subList(0, MAX_SYSTEM_EDGES) : edges;
        return draw(self, catalog, pagePath, memo, shown, truncated, "System diagram of " + self.toShortString());
    }

    /** The drawing of {@code edges}, laid out unless {@code memo} holds the same drawing's layout. */
    private static String draw(EntityRef self, Catalog catalog, String pagePath, PageCache.Memo memo,
                               List<Relation> shown, boolean truncated, String title) {
        StringBuilder key = new StringBuilder("relations\0").append(title).append('\0').append(pagePath).append('\0')
                .append(self).append('\0').append(truncated);
        Set<EntityRef> seen = new LinkedHashSet<>();
        seen.add(self);
        shown.forEach(r -> {
            seen.add(r.source());
            seen.add(r.target());
        });
        for (EntityRef ref : seen) {
            var target = catalog.find(ref);
            key.append('\0').append(ref).append('\0').append(kindLabel(ref, target)).append('\0')
                    .append(nameLabel(ref, target)).append('\0').append(target.isPresent());
        }
        shown.forEach(r -> key.append('\0').append(r.source()).append('\0').append(r.target()).append('\0')
                .append(r.type().id()));
        return memo.get(key.toString(), () -> layout(self, catalog, pagePath, shown, truncated, title));
    }

    private static String layout(EntityRef self, Catalog catalog, String pagePath, List<Relation> edges,
                                 boolean truncated, String title) {

        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        graph.setProperty(CoreOptions.PADDING, new ElkPadding(12));
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE, 14.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        graph.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
        graph.setProperty(LayeredOptions.RANDOM_SEED, 1);

        Map<EntityRef, ElkNode> nodes = new LinkedHashMap<>();
        node(graph, nodes, self, catalog);
        Map<ElkEdge, Boolean> pointsBack = new HashMap<>();
        for (Relation r : edges) {
            ElkNode from = node(graph, nodes, r.source(), catalog);
            ElkNode to = node(graph, nodes, r.target(), catalog);
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
            // A relation laid out from the neighbour to this entity (its owner, its system) is named and pointed
            // as this entity holds it: "ownedBy", its arrowhead at the owner.
            boolean back = r.target().equals(self) && UPWARD.contains(r.type().reverse());
            pointsBack.put(edge, back);
            String text = back ? r.type().reverse().id() : r.type().id();
            ElkLabel label = ElkGraphUtil.createLabel(text, edge);
            label.setDimensions(text.length() * LABEL_CHAR_WIDTH + 6, 14);
            label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());

        StringBuilder svg = new StringBuilder();
        // A group named by its title, not an img: an img's content is hidden from assistive technology, and the
        // nodes are links.
        svg.append("<svg class=\"relation-diagram\" xmlns=\"http://www.w3.org/2000/svg\" role=\"group\" ")
                .append("viewBox=\"0 0 ")
                .append(num(graph.getWidth())).append(' ').append(num(graph.getHeight())).append("\" width=\"")
                .append(num(graph.getWidth())).append("\" height=\"").append(num(graph.getHeight())).append("\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\"/></marker></defs>");
        for (ElkEdge edge : graph.getContainedEdges()) {
            for (ElkEdgeSection section : edge.getSections()) {
                svg.append("<path class=\"edge\" ").append(pointsBack.get(edge) ? "marker-start" : "marker-end")
                        .append("=\"url(#arrow)\" d=\"M").append(num(section.getStartX()))
                        .append(',').append(num(section.getStartY()));
                for (ElkBendPoint p : section.getBendPoints()) {
                    svg.append('L').append(num(p.getX())).append(',').append(num(p.getY()));
                }
                svg.append('L').append(num(section.getEndX())).append(',').append(num(section.getEndY()))
                        .append("\"/>");
            }
            for (ElkLabel label : edge.getLabels()) {
                svg.append("<text class=\"edge-label\" x=\"").append(num(label.getX() + label.getWidth() / 2))
                        .append("\" y=\"").append(num(label.getY() + 11)).append("\">")
                        .append(escape(label.getText())).append("</text>");
            }
        }
        for (Map.Entry<EntityRef, ElkNode> entry : nodes.entrySet()) {
            EntityRef ref = entry.getKey();
            ElkNode n = entry.getValue();
            var target = catalog.find(ref);
            String classes = "node" + (ref.equals(self) ? " self" : "") + (target.isEmpty() ? " missing" : "");
            boolean link = target.isPresent() && !ref.equals(self);
            if (link) {
                svg.append("<a href=\"").append(escape(UrlPaths.relative(pagePath, SitePaths.entity(ref))))
                        .append("\">");
            }
            svg.append("<g class=\"").append(classes).append("\"><rect x=\"").append(num(n.getX())).append("\" y=\"")
                    .append(num(n.getY())).append("\" width=\"").append(num(n.getWidth())).append("\" height=\"")
                    .append(num(n.getHeight())).append("\" rx=\"6\"/>");
            svg.append("<text class=\"kind\" x=\"").append(num(n.getX() + 10)).append("\" y=\"")
                    .append(num(n.getY() + 16)).append("\">").append(escape(kindLabel(ref, target))).append("</text>");
            svg.append("<text class=\"name\" x=\"").append(num(n.getX() + 10)).append("\" y=\"")
                    .append(num(n.getY() + 33)).append("\">").append(escape(nameLabel(ref, target)))
                    .append("</text></g>");
            if (link) {
                svg.append("</a>");
            }
        }
        if (truncated) {
            svg.append("<text class=\"edge-label\" x=\"12\" y=\"").append(num(graph.getHeight() - 2))
                    .append("\">Showing the first ").append(MAX_NEIGHBOURS).append(" relations</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static ElkNode node(ElkNode graph, Map<EntityRef, ElkNode> nodes, EntityRef ref, Catalog catalog) {
        return nodes.computeIfAbsent(ref, r -> {
            var entity = catalog.find(r);
            ElkNode n = ElkGraphUtil.createNode(graph);
            n.setIdentifier(r.toString());
            int chars = Math.max(kindLabel(r, entity).length(), nameLabel(r, entity).length());
            n.setDimensions(Math.max(90, chars * CHAR_WIDTH + 20), NODE_HEIGHT);
            return n;
        });
    }

    private static String kindLabel(EntityRef ref, java.util.Optional<Entity> entity) {
        String kind = entity.map(Entity::kind).orElse(ref.kind());
        String type = entity.flatMap(Entity::type).map(t -> " · " + t).orElse("");
        return (kind + type).toLowerCase(Locale.ROOT) + (entity.isEmpty() ? " (missing)" : "");
    }

    private static String nameLabel(EntityRef ref, java.util.Optional<Entity> entity) {
        String name = entity.map(Entity::displayName).orElse(ref.name());
        return ref.namespace().equals(EntityRef.DEFAULT_NAMESPACE) ? name : ref.namespace() + "/" + name;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value).replace(".0", "");
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
