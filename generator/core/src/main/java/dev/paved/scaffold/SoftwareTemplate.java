package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.Entity;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Backstage software template ({@code kind: Template}, {@code scaffolder.backstage.io/v1beta3}), ready to run.
 *
 * @param ref        its entity ref, e.g. {@code template:default/java-service}
 * @param title      its title or name
 * @param directory  the folder of its YAML file; relative {@code url}s of fetch steps start here
 * @param boundary   the folder relative {@code url}s may not leave: the repository the catalog read it from (for
 *                   a file given alone, as the catalog reads one: its enclosing git root, else its folder)
 * @param parameters the parameter schemas, one per form page
 * @param steps      {@code spec.steps}, in order
 * @param output     {@code spec.output} (missing when absent)
 * @param version    its {@code backstage.io/template-version} annotation (null when absent), which
 *                   {@code catalog:template:version} writes on what it scaffolds
 */
public record SoftwareTemplate(String ref, String title, Path directory, Path boundary, List<JsonNode> parameters,
                               List<Step> steps, JsonNode output, String version) {

    /** The annotation that gives a template's version. */
    static final String VERSION_ANNOTATION = "backstage.io/template-version";

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
        return of(entity.ref().toString(), entity.displayName(), entity.spec(), file.getParent(), root,
                entity.annotation(VERSION_ANNOTATION).orElse(null));
    }

    /**
     * Reads the Template of a YAML file (its first one) as the catalog reads it: a document the catalog rejects (an
     * older {@code v1beta2}, a missing field) is refused with the catalog's messages before anything runs. Its
     * repository, which relative {@code url}s may not leave, is the one the catalog gives a file read alone: the
     * closest enclosing folder with a {@code .git}, else the file's folder.
     */
    public static SoftwareTemplate read(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        Diagnostics diagnostics = new Diagnostics();
        Catalog catalog = CatalogReader.read(List.of(CatalogSource.singleFile(path)), diagnostics);
        for (Entity entity : catalog.entities()) {
            if (entity.kind().equalsIgnoreCase("Template") && entity.source().file().equals(path)) {
                return of(entity);
            }
        }
        List<String> errors = diagnostics.sorted().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(Diagnostic::toString).toList();
        throw new TemplateException(errors.isEmpty() ? file + ": no document with kind: Template"
                : "the catalog does not accept " + DisplayPath.of(path) + ", so it cannot run:\n  "
                + String.join("\n  ", errors));
    }

    private static SoftwareTemplate of(String ref, String title, JsonNode spec, Path dir, Path boundary,
                                       String version) {
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
        return new SoftwareTemplate(ref, title, dir, boundary, parameters, steps, spec.path("output"), version);
    }

}
