package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.credential.Redact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code catalog:write} writes an entity as YAML; {@code catalog:register} adds the new repository to the
 * portal's crawl list (the {@code repositories} of paved.yaml, Paved's catalog locations), so the next build
 * finds its catalog-info.yaml and docs.
 */
final class CatalogActions {

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final Pattern BLOB_URL = Pattern.compile("^(https?://[^/]+/.+?)(?:/-)?/(?:blob|src/branch)/([^/]+)/?(.*)$");

    private CatalogActions() {
    }

    /**
     * The entity, annotated as made from {@code template} ({@code backstage.io/source-template}, as Backstage's
     * {@code catalog:write} does) unless it says otherwise; anything that is not an entity's map is left as it is.
     */
    @SuppressWarnings("unchecked")
    static Object fromTemplate(Object entity, String template) {
        if (!(entity instanceof Map<?, ?> map) || template.isEmpty()) {
            return entity;
        }
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) map);
        Map<String, Object> metadata = out.get("metadata") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        Map<String, Object> annotations = metadata.get("annotations") instanceof Map<?, ?> a
                ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
        annotations.putIfAbsent(Catalog.SOURCE_TEMPLATE, template);
        metadata.put("annotations", annotations);
        out.put("metadata", metadata);
        return out;
    }

    /** catalog:write — {@code filePath} (default catalog-info.yaml) and {@code entity}. */
    static Map<String, Object> write(StepRun run, Map<String, Object> input) throws IOException {
        Object entity = input.get("entity");
        if (!(entity instanceof Map<?, ?>)) {
            throw new TemplateException(run.step().label() + ": input 'entity' must be an object");
        }
        String path = StepRun.text(input, "filePath", "catalog-info.yaml");
        byte[] yaml = YAML.writeValueAsBytes(fromTemplate(JsValues.unwrap(entity), run.template().ref()));
        run.workspace().write(path, yaml, false, true, run.step().label());
        run.log("  " + (run.dryRun() ? "would write " : "wrote ") + path);
        return Map.of();
    }

    /** catalog:register — {@code catalogInfoUrl}, or {@code repoContentsUrl} and {@code catalogInfoPath}. */
    static Map<String, Object> register(StepRun run, Map<String, Object> input) throws IOException {
        String url;
        String path;
        if (input.get("catalogInfoUrl") != null) {
            url = String.valueOf(input.get("catalogInfoUrl"));
            path = null;
        } else {
            String contents = run.required(input, "repoContentsUrl");
            path = StepRun.text(input, "catalogInfoPath", "/catalog-info.yaml");
            url = contents.replaceFirst("/$", "") + "/" + path.replaceFirst("^/", "");
        }
        Matcher m = BLOB_URL.matcher(url);
        if (!m.matches()) {
            if (StepRun.flag(input, "optional")) {
                run.log("  not registered: " + Redact.url(url) + " is not a repository file URL (optional)");
                return Map.of("catalogInfoUrl", url);
            }
            throw new TemplateException(run.step().label() + ": " + Redact.url(url) + " is not a URL of a file in a "
                    + "repository (https://host/owner/repo/blob/<branch>/<path>)");
        }
        String repository = run.options().rewrite(m.group(1) + ".git");
        String branch = m.group(2);
        String file = path == null ? m.group(3) : path.replaceFirst("^/", "");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("catalogInfoUrl", url);
        entityRef(run, file).ifPresent(ref -> output.put("entityRef", ref));
        Path into = run.options().registerInto();
        if (into == null) {
            run.log("  register " + Redact.url(url) + " (no paved.yaml to add it to)");
            return output;
        }
        if (run.dryRun()) {
            run.log("  would add " + Redact.url(repository) + " to the repositories of " + into);
        } else if (RepositoryList.add(into, repository, branch, file.isEmpty() ? "catalog-info.yaml" : file)) {
            run.log("  added " + Redact.url(repository) + " to the repositories of " + into);
        } else {
            run.log("  " + Redact.url(repository) + " is already in the repositories of " + into);
        }
        run.registrations().add(repository);
        return output;
    }

    /** The ref of the first entity of the file the run wrote, when it is in the output folder. */
    private static java.util.Optional<String> entityRef(StepRun run, String file) {
        Path p = run.workspace().root().resolve(file).normalize();
        if (!p.startsWith(run.workspace().root()) || !Files.isRegularFile(p)) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode root = YAML.readTree(Files.readString(p, StandardCharsets.UTF_8));
            if (root == null || !root.has("kind")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(root.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + ":"
                    + root.path("metadata").path("namespace").asText("default") + "/"
                    + root.path("metadata").path("name").asText());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * catalog:fetch — {@code entityRef} or {@code entityRefs}, {@code optional}, {@code defaultKind},
     * {@code defaultNamespace}; outputs {@code entity} or {@code entities}, as the catalog API returns them, from the
     * catalog Paved built. A dry run reports an entity that is not there (its values may be samples) and goes on.
     */
    static Map<String, Object> fetch(StepRun run, Map<String, Object> input) {
        String label = run.step().label();
        boolean optional = StepRun.flag(input, "optional");
        String defaultKind = StepRun.text(input, "defaultKind", null);
        String defaultNamespace = StepRun.text(input, "defaultNamespace", "default");
        Catalog catalog = run.options().catalog();
        java.util.function.Function<String, Object> find = text -> {
            EntityRef ref;
            try {
                ref = EntityRef.parse(text, defaultKind, defaultNamespace);
            } catch (IllegalArgumentException e) {
                throw new TemplateException(label + ": " + e.getMessage());
            }
            Optional<Entity> entity = catalog == null ? Optional.empty() : catalog.find(ref);
            if (entity.isPresent()) {
                return BackstageRequest.json(entity.get(), catalog);
            }
            if (!optional && !run.dryRun()) {
                throw new TemplateException(label + ": " + ref + " is not in the catalog");
            }
            run.log("  " + ref + " is not in the catalog" + (optional ? " (optional)" : ": a run would stop here"));
            return null;
        };
        Map<String, Object> output = new LinkedHashMap<>();
        if (input.get("entityRef") != null) {
            output.put("entity", find.apply(String.valueOf(input.get("entityRef"))));
        }
        if (input.get("entityRefs") instanceof java.util.Collection<?> refs) {
            output.put("entities", refs.stream().map(r -> find.apply(String.valueOf(r))).toList());
        }
        if (output.isEmpty()) {
            throw new TemplateException(label + ": input 'entityRef' or 'entityRefs' is required");
        }
        return output;
    }

    /**
     * notification:send — {@code recipients} (broadcast, entity), {@code entityRefs}, {@code title}, {@code info},
     * {@code link}, {@code severity}. Paved has no notification service: the notification is printed for the person
     * running the template.
     */
    static Map<String, Object> notify(StepRun run, Map<String, Object> input) {
        String title = run.required(input, "title");
        Object to = "broadcast".equals(input.get("recipients")) ? "everyone" : input.get("entityRefs");
        run.log("  " + (run.dryRun() ? "would notify " : "notification for ") + JsValues.print(JsValues.wrap(to))
                + " (" + StepRun.text(input, "severity", "normal") + "): " + title
                + (input.get("info") != null ? " — " + input.get("info") : "")
                + (input.get("link") != null ? " " + input.get("link") : "")
                + " [Paved sends no notifications: printed here]");
        return Map.of();
    }

    /** debug:log — {@code message}, {@code listWorkspace}. */
    static Map<String, Object> log(StepRun run, Map<String, Object> input) throws IOException {
        if (input.get("message") != null) {
            run.log("  " + JsValues.print(JsValues.wrap(input.get("message"))));
        }
        if (input.get("listWorkspace") != null && !Boolean.FALSE.equals(input.get("listWorkspace"))) {
            for (Workspace.PlannedFile f : run.workspace().files()) {
                run.log("  " + f.path());
            }
        }
        return Map.of();
    }
}
