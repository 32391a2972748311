package dev.paved.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.SourcePosition;
import java.util.Map;

/**
 * One document of a YAML file, with the position of every value in it.
 *
 * @param root      the parsed document
 * @param start     where the document starts
 * @param positions the position of each value, keyed by JSON pointer ({@code /spec/owner}, {@code /spec/dependsOn/0})
 */
public record YamlDocument(JsonNode root, SourcePosition start, Map<String, SourcePosition> positions) {

    public YamlDocument {
        positions = Map.copyOf(positions);
    }

    /**
     * Where the value at this JSON pointer is, or the closest enclosing value that has a position, or the document
     * start.
     */
    public SourcePosition at(String pointer) {
        String p = pointer;
        while (true) {
            SourcePosition found = positions.get(p);
            if (found != null) {
                return found;
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return positions.getOrDefault("", start);
            }
            p = p.substring(0, slash);
        }
    }
}
