package dev.paved.scaffold;

import dev.paved.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The test templates of {@code src/test/resources/scaffold/templates/}, copied out of the project's git repository
 * (once per folder), so that each copy is its template's whole repository.
 */
final class TemplateFixtures {

    private TemplateFixtures() {
    }

    /** The template {@code name}, copied under {@code dir/templates/}. */
    static SoftwareTemplate read(String name, Path dir) throws IOException {
        return SoftwareTemplate.read(copy(name, dir).resolve("template.yaml"));
    }

    /** The folder of template {@code name}, copied under {@code dir/templates/} (file modes kept). */
    static Path copy(String name, Path dir) throws IOException {
        Path from = TestFiles.resource("scaffold/templates/" + name);
        Path to = dir.resolve("templates/" + name);
        if (!Files.exists(to)) {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return to;
    }
}
