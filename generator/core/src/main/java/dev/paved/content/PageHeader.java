package dev.paved.content;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a content page in either of the forms JBake sites use: a block of {@code key=value} lines ended by
 * a line of tildes ({@code ~~~~~~}), or YAML front matter between {@code ---} lines.
 *
 * @param fields     the header's fields as text (lists joined by commas)
 * @param tags       the tags
 * @param body       the Markdown after the header
 * @param bodyOffset how many lines the header took
 */
record PageHeader(Map<String, String> fields, List<String> tags, String body, int bodyOffset) {

    static PageHeader parse(String text, String file, Diagnostics diagnostics) {
        String normalised = text.replace("\r\n", "\n");
        List<String> lines = List.of(normalised.split("\n", -1));
        if (!lines.isEmpty() && lines.get(0).trim().equals("---")) {
            int end = indexOf(lines, 1, "---");
            if (end > 0) {
                return yaml(lines, end, file, diagnostics);
            }
        }
        int tildes = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.matches("~{3,}")) {
                // A header has at least one key=value line; tildes before any are a code fence.
                tildes = i > 0 && lines.subList(0, i).stream().anyMatch(l -> l.contains("=")) ? i : -1;
                break;
            }
            if (!line.isEmpty() && !line.matches("^[A-Za-z0-9_.-]+\\s*=.*")) {
                break;
            }
        }
        if (tildes < 0) {
            return new PageHeader(Map.of(), List.of(), normalised, 0);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < tildes; i++) {
            String line = lines.get(i);
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        List<String> tags = new ArrayList<>();
        for (String tag : fields.getOrDefault("tags", "").split(",")) {
            if (!tag.isBlank()) {
                tags.add(tag.trim());
            }
        }
        return new PageHeader(fields, tags, String.join("\n", lines.subList(tildes + 1, lines.size())), tildes + 1);
    }

    private static PageHeader yaml(List<String> lines, int end, String file, Diagnostics diagnostics) {
        String header = String.join("\n", lines.subList(1, end));
        Diagnostics local = new Diagnostics();
        List<YamlDocument> docs = YamlReader.read(file, "\n" + header, local);
        local.sorted().forEach(diagnostics::add);
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        if (!docs.isEmpty() && docs.get(0).root().isObject()) {
            JsonNode root = docs.get(0).root();
            root.fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    List<String> items = new ArrayList<>();
                    e.getValue().forEach(v -> items.add(v.asText()));
                    fields.put(e.getKey(), String.join(",", items));
                } else {
                    fields.put(e.getKey(), e.getValue().asText());
                }
            });
            JsonNode t = root.path("tags");
            if (t.isArray()) {
                t.forEach(v -> tags.add(v.asText()));
            } else if (t.isTextual()) {
                for (String tag : t.asText().split(",")) {
                    if (!tag.isBlank()) {
                        tags.add(tag.trim());
                    }
                }
            }
        } else if (!docs.isEmpty()) {
            diagnostics.warning(new SourcePosition(file, 1, 1), Code.FRONT_MATTER, "Front matter is not a map; ignored");
        }
        return new PageHeader(fields, tags, String.join("\n", lines.subList(end + 1, lines.size())), end + 1);
    }

    private static int indexOf(List<String> lines, int from, String marker) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        return -1;
    }
}
