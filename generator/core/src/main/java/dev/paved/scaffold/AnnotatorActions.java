package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actions of the community annotator module ({@code @backstage-community/plugin-scaffolder-backend-module-annotator},
 * formerly Janus IDP's): each reads an entity, from {@code objectYaml} or the file {@code entityFilePath} of the output
 * folder (default {@code ./catalog-info.yaml}), adds {@code labels} to {@code metadata.labels}, {@code annotations} to
 * {@code metadata.annotations} and {@code spec} to {@code spec}, writes it to {@code writeToFile} (default
 * {@code ./catalog-info.yaml}) and outputs it as {@code annotatedObject}.
 * <ul>
 *   <li>{@code catalog:annotate} adds what its input gives;</li>
 *   <li>{@code catalog:scaffolded-from} adds {@code spec.scaffoldedFrom}: the template's entity ref;</li>
 *   <li>{@code catalog:template:version} adds {@code backstage.io/template-version}: the input's annotation when it
 *   gives one, else the template's own.</li>
 * </ul>
 */
final class AnnotatorActions {

    private static final String DEFAULT_FILE = "./catalog-info.yaml";

    private AnnotatorActions() {
    }

    /** catalog:annotate — {@code labels}, {@code annotations}, {@code spec}. */
    static Map<String, Object> annotate(StepRun run, Map<String, Object> input) throws IOException {
        return annotateWith(run, input, object(run, input, "labels"), object(run, input, "annotations"),
                object(run, input, "spec"));
    }

    /** catalog:scaffolded-from — {@code spec.scaffoldedFrom} is the template's ref. */
    static Map<String, Object> scaffoldedFrom(StepRun run, Map<String, Object> input) throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>(object(run, input, "spec"));
        spec.put("scaffoldedFrom", run.template().ref());
        return annotateWith(run, input, object(run, input, "labels"), object(run, input, "annotations"), spec);
    }

    /** catalog:template:version — {@code backstage.io/template-version} from the input, else the template. */
    static Map<String, Object> templateVersion(StepRun run, Map<String, Object> input) throws IOException {
        Map<String, Object> annotations = new LinkedHashMap<>(object(run, input, "annotations"));
        Object given = annotations.get(SoftwareTemplate.VERSION_ANNOTATION);
        String version = given == null || String.valueOf(given).isBlank() ? run.template().version()
                : String.valueOf(given);
        if (version == null || version.isBlank()) {
            throw new TemplateException(run.step().label() + ": the template has no "
                    + SoftwareTemplate.VERSION_ANNOTATION + " annotation and the input's annotations give none");
        }
        annotations.put(SoftwareTemplate.VERSION_ANNOTATION, version);
        return annotateWith(run, input, object(run, input, "labels"), annotations, object(run, input, "spec"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotateWith(StepRun run, Map<String, Object> input, Map<String, Object> labels,
                                                    Map<String, Object> annotations, Map<String, Object> spec)
            throws IOException {
        String label = run.step().label();
        Map<String, Object> entity = new LinkedHashMap<>(entity(run, input));
        Map<String, Object> metadata = entity.get("metadata") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        merge(metadata, "labels", labels);
        merge(metadata, "annotations", annotations);
        entity.put("metadata", metadata);
        if (!spec.isEmpty()) {
            merge(entity, "spec", spec);
        }
        String file = StepRun.text(input, "writeToFile", DEFAULT_FILE);
        run.workspace().write(file, StructuredText.toYaml(entity).getBytes(StandardCharsets.UTF_8), false, true,
                label);
        run.log("  " + (run.dryRun() ? "would annotate " : "annotated ") + file);
        return Map.of("annotatedObject", entity);
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, String key, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, Object> merged = into.get(key) instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        merged.putAll(values);
        into.put(key, merged);
    }

    /** The entity: {@code objectYaml} (an object, or YAML text), else the file {@code entityFilePath}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> entity(StepRun run, Map<String, Object> input) {
        String label = run.step().label();
        Object given = input.get("objectYaml");
        if (given instanceof String text && !text.isBlank()) {
            given = StructuredText.plain(StructuredText.yaml(text, label + " objectYaml"));
        }
        if (given instanceof Map<?, ?> map) {
            return (Map<String, Object>) JsValues.unwrap(map);
        }
        if (given != null && !(given instanceof String)) {
            throw new TemplateException(label + ": input 'objectYaml' must be an object");
        }
        String file = StepRun.text(input, "entityFilePath", DEFAULT_FILE);
        byte[] bytes = run.workspace().read(file, label + " entityFilePath").orElseThrow(() -> new TemplateException(
                label + ": there is no " + file + " in the output folder to annotate (entityFilePath)"));
        JsonNode node = StructuredText.yaml(new String(bytes, StandardCharsets.UTF_8), label + " " + file);
        if (!node.isObject()) {
            throw new TemplateException(label + ": " + file + " holds no entity (an object) to annotate");
        }
        return (Map<String, Object>) StructuredText.plain(node);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(StepRun run, Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new TemplateException(run.step().label() + ": input '" + key + "' must be an object");
        }
        return (Map<String, Object>) JsValues.unwrap(map);
    }
}
