package dev.paved.yaml;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads multi-document YAML into {@link YamlDocument}s that remember where every value was, so that later stages
 * can report problems with file, line and column. Problems in the YAML itself become diagnostics; the documents
 * before a syntax error are kept.
 *
 * <p>Like Backstage's parser this treats {@code <<} as an ordinary key (no merge keys) and rejects duplicate keys.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlReader() {
    }

    /**
     * Parses every document of {@code text}. Empty documents are skipped; a syntax error ends the file with an
     * {@code yaml-syntax} error.
     *
     * @param file        the display path used in positions and diagnostics
     * @param text        the YAML text
     * @param diagnostics where problems go
     */
    public static List<YamlDocument> read(String file, String text, Diagnostics diagnostics) {
        List<YamlDocument> documents = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Map<String, SourcePosition> positions = new HashMap<>();
                SourcePosition start = position(file, parser.currentTokenLocation());
                JsonNode root = readValue(parser, token, file, "", positions, diagnostics);
                // An empty document reads as null or as an empty plain scalar.
                if (root == null || root.isNull() || root.isMissingNode()
                        || (root.isTextual() && root.asText().isEmpty())) {
                    continue;
                }
                documents.add(new YamlDocument(root, start, positions));
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            diagnostics.error(where == null ? SourcePosition.of(file) : position(file, where), Code.YAML_SYNTAX,
                    "YAML error: " + describe(e.getOriginalMessage()));
        } catch (IOException e) {
            diagnostics.error(SourcePosition.of(file), Code.YAML_SYNTAX, "YAML error: " + e.getMessage());
        }
        return documents;
    }

    private static JsonNode readValue(JsonParser parser, JsonToken token, String file, String pointer,
                                      Map<String, SourcePosition> positions, Diagnostics diagnostics)
            throws IOException {
        positions.put(pointer, position(file, parser.currentTokenLocation()));
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    SourcePosition keyAt = position(file, parser.currentTokenLocation());
                    String childPointer = pointer + "/" + escape(key);
                    JsonNode value = readValue(parser, parser.nextToken(), file, childPointer, positions, diagnostics);
                    if (object.has(key)) {
                        diagnostics.error(keyAt, Code.YAML_DUPLICATE_KEY, "Map keys must be unique: \"" + key
                                + "\" is defined twice");
                        continue;
                    }
                    object.set(key, value);
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new IllegalStateException("unexpected token " + next);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                int index = 0;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, next, file, pointer + "/" + index++, positions, diagnostics));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                // SnakeYAML follows YAML 1.1, where yes/no/on/off are booleans; YAML 1.2 (Backstage's parser)
                // has only true and false.
                String text = parser.getText();
                return text.matches("true|True|TRUE|false|False|FALSE") ? NODES.booleanNode(token == JsonToken.VALUE_TRUE)
                        : NODES.textNode(text);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(parser.getText());
            }
        }
    }

    /** SnakeYAML's multi-line message as one line: "while scanning a quoted scalar; found unexpected end of stream". */
    private static String describe(String message) {
        // The lines that say what is wrong start at the margin; positions and the quoted snippet are indented.
        List<String> parts = message.lines()
                .filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("at [Source"))
                .map(String::trim)
                .toList();
        return parts.isEmpty() ? "unreadable YAML" : String.join("; ", parts);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static SourcePosition position(String file, JsonLocation location) {
        if (location == null) {
            return SourcePosition.of(file);
        }
        return new SourcePosition(file, Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
    }
}
