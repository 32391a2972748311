package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Backstage software template ({@code kind: Template}, {@code scaffolder.backstage.io/v1beta3}), ready to run.
 *
 * @param ref        its entity ref, e.g. {@code template:default/java-service}
 * @param title      its title or name
 * @param directory  the folder of its YAML file; relative {@code url}s of fetch steps start here
 * @param boundary   the folder relative {@code url}s may not leave: the catalog source it was read from, or its
 *                   own folder for a template file given alone
 * @param parameters the parameter schemas, one per form page
 * @param steps      {@code spec.steps}, in order
 * @param output     {@code spec.output} (missing when absent)
 */
public record SoftwareTemplate(String ref, String title, Path directory, Path boundary, List<JsonNode> parameters,
                               List<Step> steps, JsonNode output) {

    public SoftwareTemplate {
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
    }

    /** The template an entity of the catalog describes. */
    public static SoftwareTemplate of(Entity entity) {
        if (!entity.kind().equalsIgnoreCase("Template")) {
            throw new TemplateException(entity.ref() + " is a " + entity.kind() + ", not a Template");
        }
        Path file = entity.source().file().toAbsolutePath().normalize();
        Path root = entity.source().repositoryRoot() == null ? file.getParent()
                : entity.source().repositoryRoot().toAbsolutePath().normalize();
        return of(entity.ref().toString(), entity.displayName(), entity.spec(), file.getParent(), root);
    }

    /** Reads the Template document of a YAML file (the first document whose kind is Template). */
    public static SoftwareTemplate read(Path file) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (YamlDocument doc : YamlReader.read(file.toString(), text, diagnostics)) {
            JsonNode root = doc.root();
            if ("Template".equalsIgnoreCase(root.path("kind").asText())) {
                Path dir = file.toAbsolutePath().normalize().getParent();
                String name = root.path("metadata").path("name").asText("template");
                String namespace = root.path("metadata").path("namespace").asText("default");
                // A file given on its own may read only its own folder: it may live in a bigger repository
                // (a home folder under git) that is not the template's to read.
                return of("template:" + namespace + "/" + name, root.path("metadata").path("title").asText(name),
                        root.path("spec"), dir, dir);
            }
        }
        String problem = diagnostics.sorted().isEmpty() ? "no document with kind: Template"
                : diagnostics.sorted().get(0).message();
        throw new TemplateException(file + ": " + problem);
    }

    private static SoftwareTemplate of(String ref, String title, JsonNode spec, Path dir, Path boundary) {
        List<JsonNode> parameters = new ArrayList<>();
        JsonNode p = spec.path("parameters");
        if (p.isArray()) {
            for (JsonNode page : p) {
                if (!page.isObject()) {
                    throw new TemplateException(ref + ": spec.parameters must be schemas (objects), not " + page);
                }
                parameters.add(page);
            }
        } else if (p.isObject()) {
            parameters.add(p);
        } else if (!p.isMissingNode() && !p.isNull()) {
            throw new TemplateException(ref + ": spec.parameters must be a schema or a list of schemas");
        }
        List<Step> steps = new ArrayList<>();
        JsonNode list = spec.path("steps");
        if (!list.isArray()) {
            throw new TemplateException(ref + ": spec.steps must be a list of steps");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            if (!s.isObject()) {
                throw new TemplateException(ref + ": step " + (i + 1) + " must be an object");
            }
            String action = s.path("action").asText("");
            if (action.isEmpty()) {
                throw new TemplateException(ref + ": step " + (i + 1) + " has no action");
            }
            steps.add(new Step(s.path("id").asText(""), s.path("name").asText(action), action, s.path("input"),
                    s.path("if"), s.path("each")));
        }
        return new SoftwareTemplate(ref, title, dir, boundary, parameters, steps, spec.path("output"));
    }

}
