package dev.paved.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds an {@link Entity} from a validated document. */
final class EntityFactory {

    private EntityFactory() {
    }

    static Entity create(JsonNode root, EntitySource source) {
        JsonNode metadata = root.path("metadata");
        List<String> tags = new ArrayList<>();
        metadata.path("tags").forEach(t -> tags.add(t.asText()));
        List<EntityLink> links = new ArrayList<>();
        metadata.path("links").forEach(l -> links.add(new EntityLink(l.path("url").asText(),
                l.path("title").asText(""), l.path("icon").asText(""), l.path("type").asText(""))));
        JsonNode spec = root.path("spec");
        return new Entity(root.path("apiVersion").asText(), root.path("kind").asText(),
                metadata.path("namespace").asText(EntityRef.DEFAULT_NAMESPACE), metadata.path("name").asText(),
                metadata.path("title").asText(""), metadata.path("description").asText(""),
                stringMap(metadata.path("labels")), stringMap(metadata.path("annotations")), tags, links,
                spec.isObject() ? spec : JsonNodeFactory.instance.objectNode(), source);
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
