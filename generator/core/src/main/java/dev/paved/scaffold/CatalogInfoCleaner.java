package dev.paved.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code terasky:catalog-info-cleaner} (TeraSky's utils module; {@code terasky:catalog-info:cleaner} in its later
 * releases): turns an entity as the catalog gives it ({@code catalog:fetch}'s {@code entity}) back into the
 * {@code catalog-info.yaml} a repository keeps, for a template that proposes it by pull request. It removes what the
 * catalog adds at runtime: {@code metadata.uid}, {@code etag} and {@code generation}, {@code relations},
 * {@code status}, the annotations the catalog sets on ingestion ({@link #RUNTIME_ANNOTATIONS}), a
 * {@code metadata.namespace} of {@code default}, and the empty {@code labels}, {@code annotations}, {@code tags}
 * and {@code links} the catalog API fills in. Writes {@code catalog-info.yaml} in the output folder; outputs
 * {@code manifest} (the YAML) and {@code filePath}.
 */
final class CatalogInfoCleaner {

    static final String FILE = "catalog-info.yaml";
    /**
     * Set by Backstage's catalog when it reads a location, not by the entity's authors. {@code source-location} is
     * kept: authors write it too (a monorepo's folder), and the catalog does not overwrite theirs.
     */
    static final List<String> RUNTIME_ANNOTATIONS = List.of("backstage.io/managed-by-location",
            "backstage.io/managed-by-origin-location", "backstage.io/view-url", "backstage.io/edit-url");

    private CatalogInfoCleaner() {
    }

    /** terasky:catalog-info-cleaner — {@code entity}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> clean(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        Object given = input.get("entity");
        if (!(given instanceof Map<?, ?> map)) {
            if (given == null && run.dryRun()) {
                run.log("  no entity to clean (catalog:fetch found none here): a run would stop here");
                return Map.of("manifest", "", "filePath", FILE);
            }
            throw new TemplateException(label + ": input 'entity' must be an entity (an object, as catalog:fetch "
                    + "gives it)");
        }
        Map<String, Object> entity = new LinkedHashMap<>((Map<String, Object>) JsValues.unwrap(map));
        if (!(entity.get("kind") instanceof String) || !(entity.get("metadata") instanceof Map<?, ?>)) {
            throw new TemplateException(label + ": input 'entity' has no kind and metadata; it is not an entity");
        }
        entity.remove("relations");
        entity.remove("status");
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) entity.get("metadata"));
        for (String key : List.of("uid", "etag", "generation")) {
            metadata.remove(key);
        }
        if ("default".equals(metadata.get("namespace"))) {
            metadata.remove("namespace");
        }
        if (metadata.get("annotations") instanceof Map<?, ?> a) {
            Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) a);
            RUNTIME_ANNOTATIONS.forEach(annotations::remove);
            metadata.put("annotations", annotations);
        }
        for (String key : List.of("labels", "annotations", "tags", "links")) {
            Object v = metadata.get(key);
            if (v instanceof Map<?, ?> m && m.isEmpty() || v instanceof Collection<?> c && c.isEmpty()) {
                metadata.remove(key);
            }
        }
        entity.put("metadata", metadata);
        String manifest = StructuredText.toYaml(entity);
        run.workspace().write(FILE, manifest.getBytes(StandardCharsets.UTF_8), false, true, label);
        run.log("  " + (run.dryRun() ? "would write " : "wrote ") + FILE + " of " + entity.get("kind") + " "
                + metadata.get("name") + ", without what the catalog adds");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("manifest", manifest);
        output.put("filePath", FILE);
        return output;
    }
}
