package dev.paved.scaffold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * YAML and JSON text for the actions that read, merge and write structured files: YAML is read by Paved's one YAML
 * reader ({@link YamlReader}, Backstage's reading of YAML), JSON and YAML written by Jackson. Errors name the step and
 * the file.
 */
final class StructuredText {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    private StructuredText() {
    }

    /** The documents of a YAML text; a syntax error is an error naming {@code where}. */
    static List<JsonNode> yamlDocuments(String text, String where) {
        Diagnostics diagnostics = new Diagnostics();
        List<YamlDocument> docs = YamlReader.read(where, text, diagnostics);
        Optional<Diagnostic> error = diagnostics.sorted().stream()
                .filter(d -> d.severity() == Severity.ERROR).findFirst();
        if (error.isPresent()) {
            throw new TemplateException(where + ": not valid YAML: " + error.get().message()
                    + " (line " + error.get().line() + ")");
        }
        List<JsonNode> out = new ArrayList<>();
        docs.forEach(d -> out.add(d.root()));
        return out;
    }

    /** The one document of a YAML text (null for an empty one). */
    static JsonNode yaml(String text, String where) {
        List<JsonNode> docs = yamlDocuments(text, where);
        if (docs.size() > 1) {
            throw new TemplateException(where + ": has " + docs.size() + " YAML documents where one is expected");
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    static JsonNode json(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TemplateException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(JsValues.unwrap(value));
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write YAML: " + e.getOriginalMessage());
        }
    }

    /** JSON as {@code JSON.stringify(value, null, space)}: compact without {@code space}, else indented. */
    static String toJson(Object value, boolean indent) {
        try {
            return (indent ? PRETTY_JSON : JSON).writeValueAsString(JsValues.unwrap(value));
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    static Object plain(JsonNode node) {
        return node == null || node.isMissingNode() ? null : JSON.convertValue(node, Object.class);
    }
}
