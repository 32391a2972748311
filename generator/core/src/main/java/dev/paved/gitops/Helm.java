package dev.paved.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Helm release read from its values alone: a chart's templates are not rendered, so the workload and Ingress are
 * those the usual values keys describe ({@code image.repository}/{@code image.tag} or {@code image},
 * {@code replicaCount}, {@code resources}, {@code ingress.hosts}, {@code fullnameOverride}), the tag defaulting to the
 * chart's {@code appVersion} as most charts do.
 */
final class Helm {

    /** What every Helm environment's card says. */
    static final String NOTE = "chart templates not rendered: the workload is read from the values' usual keys "
            + "(image, replicaCount, resources, ingress.hosts)";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Helm() {
    }

    /** Values files merged in order, later ones winning, as {@code helm -f a -f b} merges them. */
    static ObjectNode merge(List<JsonNode> values) {
        ObjectNode out = NODES.objectNode();
        for (JsonNode v : values) {
            if (v != null && v.isObject()) {
                deepMerge(out, v);
            }
        }
        return out;
    }

    private static void deepMerge(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode old = into.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                deepMerge((ObjectNode) old, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /**
     * The Deployment and Ingress the values describe.
     *
     * @param release    the release's name (the chart's, a HelmRelease's, an Application's)
     * @param appVersion the chart's {@code appVersion}, or empty
     * @param values     the merged values
     * @param file       where they were read
     * @param notes      receives what could not be read
     */
    static List<Resource> objects(String release, String appVersion, JsonNode values, Path file, List<String> notes) {
        List<Resource> out = new ArrayList<>();
        String name = values.path("fullnameOverride").asText(release);
        JsonNode image = values.path("image");
        String reference;
        if (image.isTextual()) {
            reference = image.asText();
        } else if (image.path("repository").isTextual()) {
            String registry = image.path("registry").asText("");
            String tag = image.path("tag").asText(appVersion);
            reference = (registry.isEmpty() ? "" : registry + "/") + image.path("repository").asText()
                    + (tag.isEmpty() ? "" : ":" + tag)
                    + (image.path("digest").isTextual() ? "@" + image.path("digest").asText() : "");
        } else {
            notes.add("not resolved: no image in the values of " + release);
            return out;
        }
        if (reference.contains("{{")) {
            notes.add("not resolved: the image of " + release + " is a template (" + reference + ")");
        }
        ObjectNode deployment = NODES.objectNode();
        deployment.put("apiVersion", "apps/v1");
        deployment.put("kind", "Deployment");
        ObjectNode metadata = deployment.putObject("metadata");
        metadata.put("name", name);
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app.kubernetes.io/name", values.path("nameOverride").asText(release));
        JsonNode podLabels = values.path("podLabels");
        if (podLabels.isObject()) {
            labels.setAll((ObjectNode) podLabels.deepCopy());
        }
        ObjectNode spec = deployment.putObject("spec");
        JsonNode replicas = values.has("replicaCount") ? values.get("replicaCount") : values.path("replicas");
        if (replicas.isValueNode()) {
            spec.set("replicas", replicas.deepCopy());
        }
        ObjectNode container = spec.putObject("template").putObject("spec").putArray("containers").addObject();
        container.put("name", release);
        container.put("image", reference);
        if (values.path("resources").isObject()) {
            container.set("resources", values.get("resources").deepCopy());
        }
        out.add(Resource.of(deployment, file));
        JsonNode ingress = values.path("ingress");
        if (ingress.path("enabled").asBoolean(false)) {
            ObjectNode object = NODES.objectNode();
            object.put("apiVersion", "networking.k8s.io/v1");
            object.put("kind", "Ingress");
            object.putObject("metadata").put("name", name).set("labels", labels.deepCopy());
            ArrayNode rules = object.putObject("spec").putArray("rules");
            for (JsonNode host : ingress.path("hosts")) {
                String h = host.isTextual() ? host.asText() : host.path("host").asText("");
                if (!h.isBlank()) {
                    rules.addObject().put("host", h);
                }
            }
            out.add(Resource.of(object, file));
        }
        return out;
    }
}
