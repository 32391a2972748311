package dev.paved.catalog;

import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import java.nio.file.Path;

/**
 * Where an entity was read from.
 *
 * @param file           the catalog file, absolute and normalised
 * @param repositoryRoot the root of the repository (or source folder) the file belongs to; nothing the entity refers
 *                       to may lie outside it
 * @param document       the YAML document, with the position of every field
 */
public record EntitySource(Path file, Path repositoryRoot, YamlDocument document) {

    /** The position of the value at a JSON pointer, e.g. {@code /spec/owner}. */
    public SourcePosition at(String pointer) {
        return document.at(pointer);
    }

    /** The file's folder, against which relative paths in the entity resolve. */
    public Path directory() {
        return file.getParent();
    }
}
