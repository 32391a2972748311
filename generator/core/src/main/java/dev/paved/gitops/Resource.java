package dev.paved.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kubernetes object read from a file, changed in place as Kustomize's transformers change it.
 *
 * @param node     the object; a copy of the file's, so each build of a base has its own
 * @param file     the file it was read from
 * @param baseName its {@code metadata.name} as the file writes it, before prefixes and suffixes
 */
record Resource(ObjectNode node, Path file, String baseName) {

    /** An object of a file, copied. */
    static Resource of(JsonNode object, Path file) {
        ObjectNode copy = (ObjectNode) object.deepCopy();
        return new Resource(copy, file, copy.path("metadata").path("name").asText(""));
    }

    String kind() {
        return node.path("kind").asText("");
    }

    String apiVersion() {
        return node.path("apiVersion").asText("");
    }

    String name() {
        return node.path("metadata").path("name").asText("");
    }

    String namespace() {
        return node.path("metadata").path("namespace").asText("");
    }

    /** Whether {@code name} names it, as written or as prefixed. */
    boolean named(String name) {
        return name.equals(name()) || name.equals(baseName);
    }

    /** Its {@code metadata.labels} and, for a workload, its pods' labels. */
    Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        node.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().asText()));
        Manifests.podTemplate(node).path("metadata").path("labels").fields()
                .forEachRemaining(e -> out.putIfAbsent(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Its {@code metadata}, made when missing. */
    ObjectNode metadata() {
        return node.has("metadata") && node.get("metadata").isObject() ? (ObjectNode) node.get("metadata")
                : node.putObject("metadata");
    }
}
