package dev.paved.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One catalog entity, validated, with placeholders resolved.
 *
 * @param apiVersion  e.g. {@code backstage.io/v1alpha1}
 * @param kind        the kind as written, e.g. {@code Component}
 * @param namespace   {@code metadata.namespace}, {@code default} when absent
 * @param name        {@code metadata.name} as written
 * @param title       {@code metadata.title}, or empty
 * @param description {@code metadata.description}, or empty
 * @param labels      {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 * @param tags        {@code metadata.tags}
 * @param links       {@code metadata.links}
 * @param spec        the {@code spec} object (an empty object when absent); treat as read-only
 * @param source      where it was read from
 */
public record Entity(String apiVersion, String kind, String namespace, String name, String title, String description,
                     Map<String, String> labels, Map<String, String> annotations, List<String> tags,
                     List<EntityLink> links, JsonNode spec, EntitySource source) {

    public Entity {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        tags = List.copyOf(tags);
        links = List.copyOf(links);
    }

    /** This entity's reference. */
    public EntityRef ref() {
        return new EntityRef(kind, namespace, name);
    }

    /**
     * The name to show, as Backstage shows an entity: {@code metadata.title}, else a user's or group's
     * {@code spec.profile.displayName}, else {@code metadata.name}.
     */
    public String displayName() {
        if (!title.isBlank()) {
            return title;
        }
        JsonNode profileName = spec.path("profile").path("displayName");
        return profileName.isTextual() && !profileName.asText().isBlank() ? profileName.asText().strip() : name;
    }

    /** A string field of {@code spec}, or empty when absent or not a string. */
    public Optional<String> specText(String field) {
        JsonNode value = spec.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The strings of an array field of {@code spec}; non-strings are skipped. */
    public List<String> specList(String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : spec.path(field)) {
            if (item.isTextual()) {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** {@code spec.type}, or empty. */
    public Optional<String> type() {
        return specText("type");
    }

    /** {@code spec.lifecycle}, or empty. */
    public Optional<String> lifecycle() {
        return specText("lifecycle");
    }

    /** An annotation's value, or empty. */
    public Optional<String> annotation(String key) {
        return Optional.ofNullable(annotations.get(key));
    }

    /** A spec field as JSON, {@link MissingNode} when absent. */
    public JsonNode specNode(String field) {
        return spec.path(field);
    }
}
