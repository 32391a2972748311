package dev.paved.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tags a component's images are given in an environment's files at one commit: Kustomize {@code images:}
 * entries ({@code name}/{@code newName} with {@code newTag} or {@code digest}), manifests' {@code image: name:tag},
 * and Helm values' {@code image: {repository, tag}} (a {@code tag} without a repository is the component's when it
 * has one image). Files that do not parse are skipped: a deployment is not inferred from a broken file.
 */
final class ImageTags {

    private ImageTags() {
    }

    /**
     * The tag of each of {@code images} the files name, by image; the last file (in path order) naming an image
     * wins, as an overlay's {@code images:} overrides its base's manifests.
     */
    static Map<String, String> in(Map<String, String> files, Set<String> images) {
        Map<String, String> found = new TreeMap<>();
        new TreeMap<>(files).forEach((path, text) -> {
            for (YamlDocument doc : YamlReader.read(path, text, new Diagnostics())) {
                walk(doc.root(), images, found);
            }
        });
        return found;
    }

    private static void walk(JsonNode node, Set<String> images, Map<String, String> found) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> walk(n, images, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        kustomizeEntry(node, images, found);
        JsonNode image = node.get("image");
        if (image != null && image.isTextual()) {
            String[] ref = split(image.asText());
            if (images.contains(ref[0]) && !ref[1].isEmpty()) {
                found.put(ref[0], ref[1]);
            }
        } else if (image != null && image.isObject() && image.path("tag").isValueNode()) {
            String repository = image.path("repository").asText("");
            String registry = image.path("registry").asText("");
            String name = registry.isEmpty() || repository.isEmpty() ? repository : registry + "/" + repository;
            String tag = image.path("tag").asText("");
            if (!tag.isEmpty()) {
                if (images.contains(name)) {
                    found.put(name, tag);
                } else if (repository.isEmpty() && images.size() == 1) {
                    found.put(images.iterator().next(), tag);
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            walk(fields.next().getValue(), images, found);
        }
    }

    /** A Kustomize {@code images:} entry: {@code name}, optional {@code newName}, {@code newTag} or {@code digest}. */
    private static void kustomizeEntry(JsonNode node, Set<String> images, Map<String, String> found) {
        if (!node.path("name").isTextual() || !(node.has("newTag") || node.has("digest"))) {
            return;
        }
        String name = node.path("name").asText();
        String newName = node.path("newName").asText("");
        String tag = node.has("digest") ? node.path("digest").asText("") : node.path("newTag").asText("");
        for (String candidate : new String[] {newName, name}) {
            if (!candidate.isEmpty() && images.contains(candidate) && !tag.isEmpty()) {
                found.put(candidate, tag);
                return;
            }
        }
    }

    /** {@code name:tag} or {@code name@digest} as name and tag (empty when none). */
    static String[] split(String reference) {
        int at = reference.indexOf('@');
        if (at > 0) {
            return new String[] {reference.substring(0, at), reference.substring(at + 1)};
        }
        int colon = reference.lastIndexOf(':');
        if (colon > reference.lastIndexOf('/')) {
            return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
        }
        return new String[] {reference, ""};
    }
}
