package dev.paved.site;

import dev.paved.config.PavedConfig;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A generated organisation for tests about size: seven teams and {@code components} services in one catalog file,
 * {@code service-00000} onwards; the last, {@value #NEEDLE} ("Needle service"), sorts after every other component
 * and is the only deprecated one.
 */
final class BigCatalog {

    /** The component that comes last in the catalog's order. */
    static final String NEEDLE = "zz-needle-service";

    private BigCatalog() {
    }

    /** Writes the catalog into {@code project}, builds the portal into {@code project/site} and returns it. */
    static Path build(Path project, int components) throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (int t = 0; t < 7; t++) {
            yaml.append(document("Group", "team-" + t, "Team " + t, "  type: team\n  children: []\n"));
        }
        for (int i = 0; i < components; i++) {
            boolean needle = i == components - 1;
            yaml.append(document("Component", needle ? NEEDLE : String.format("service-%05d", i),
                    needle ? "Needle service" : "Service " + i, "  type: service\n  lifecycle: "
                            + (needle ? "deprecated" : i % 3 == 0 ? "experimental" : "production")
                            + "\n  owner: group:team-" + (i % 7) + "\n"));
        }
        Path catalog = Files.writeString(Files.createDirectories(project).resolve("catalog-info.yaml"), yaml);
        Path site = project.resolve("site");
        PavedConfig config = new PavedConfig("Big", "", List.of(catalog), project.resolve("content"),
                Optional.empty(), site, project, List.of());
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults());
        if (result.entities() != components + 7) {
            throw new IllegalStateException("the generated catalog did not build: " + result.summary());
        }
        return site;
    }

    private static String document(String kind, String name, String title, String spec) {
        return "---\napiVersion: backstage.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name
                + "\n  title: " + title + "\n  description: Generated " + kind.toLowerCase() + " " + name
                + "\n  tags: [generated]\nspec:\n" + spec;
    }
}
