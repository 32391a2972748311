package dev.paved.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads multi-document YAML into {@link YamlDocument}s that remember where every value was, so that later stages
 * can report problems with file, line and column. Problems in the YAML itself become diagnostics; the documents
 * before a syntax error are kept.
 *
 * <p>It reads YAML as Backstage's parser does: YAML 1.2's core schema ({@code yes} and {@code on} are strings,
 * {@code 0o17} is a number, {@code 1_000} is not), {@code <<} as an ordinary key, aliases resolved, and a document
 * with a duplicate key or an unknown alias rejected as a whole. It works on SnakeYAML's event stream (the parser
 * under Jackson's YAML module) because Jackson hides scalar anchors and types scalars by YAML 1.1; the result is a
 * Jackson tree.
 */
public final class YamlReader {

    /** Files longer than this many characters are refused. */
    public static final int MAX_CHARS = 10 * 1024 * 1024;
    /** Alias expansion beyond this many values per document is refused (a "billion laughs" file). */
    public static final int MAX_NODES = 200_000;
    /** Collections nested deeper than this are refused. */
    public static final int MAX_DEPTH = 200;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

    /** The prefix of YAML's standard tags ({@code !!str} is this and {@code str}). */
    private static final String STANDARD_TAG = "tag:yaml.org,2002:";
    /** PyYAML's tags naming Python objects ({@code !!python/name:…}, {@code !!python/object:…}). */
    private static final String PYTHON_TAG = STANDARD_TAG + "python/";

    private YamlReader() {
    }

    /**
     * Parses every document of {@code text}. Empty documents are skipped; a syntax error ends the file with a
     * {@code yaml-syntax} error.
     *
     * @param file        the display path used in positions and diagnostics
     * @param text        the YAML text
     * @param diagnostics where problems go
     */
    public static List<YamlDocument> read(String file, String text, Diagnostics diagnostics) {
        return read(file, text, diagnostics, false);
    }

    /**
     * Parses every document of {@code text}; with {@code keepLocalTags}, a scalar with a local tag reads as the
     * tag and the value ({@code !include ./v1/mkdocs.yml}), and one with a Python tag as the tag written short and
     * the value, if any ({@code !!python/name:material.extensions.emoji.twemoji}), as MkDocs configurations need.
     */
    public static List<YamlDocument> read(String file, String text, Diagnostics diagnostics, boolean keepLocalTags) {
        List<YamlDocument> documents = new ArrayList<>();
        if (text.length() > MAX_CHARS) {
            diagnostics.error(SourcePosition.of(file), Code.YAML_SYNTAX, "YAML error: the file has " + text.length()
                    + " characters, more than the " + MAX_CHARS + " Paved reads");
            return documents;
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
        try {
            while (true) {
                Event event = parser.getEvent();
                if (event.is(Event.ID.StreamEnd)) {
                    break;
                }
                if (!event.is(Event.ID.DocumentStart)) {
                    continue;
                }
                Event first = parser.getEvent();
                Document document = new Document(file, diagnostics, keepLocalTags);
                JsonNode root = document.value(parser, first, "", 0);
                Event end = parser.getEvent();
                if (!end.is(Event.ID.DocumentEnd)) {
                    throw new IllegalStateException("expected the end of a document, got " + end);
                }
                if (document.broken || root.isNull()) {
                    continue; // a rejected or empty document
                }
                documents.add(new YamlDocument(root, position(file, first.getStartMark()), document.positions));
            }
        } catch (MarkedYAMLException e) {
            // Where the construct that failed began (an unterminated string's quote) says more than the end of file.
            Mark mark = e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
            String message = (e.getContext() == null ? "" : e.getContext() + "; ")
                    + (e.getProblem() == null ? "unreadable YAML" : e.getProblem());
            diagnostics.error(mark == null ? SourcePosition.of(file) : position(file, mark), Code.YAML_SYNTAX,
                    "YAML error: " + message);
        } catch (YAMLException e) {
            diagnostics.error(SourcePosition.of(file), Code.YAML_SYNTAX, "YAML error: " + e.getMessage());
        } catch (TooDeep e) {
            diagnostics.error(e.at, Code.YAML_SYNTAX, "YAML error: collections nested deeper than " + MAX_DEPTH
                    + " levels");
        }
        return documents;
    }

    /** One document being read: positions, anchors and whether it must be rejected. */
    private static final class Document {
        private final String file;
        private final Diagnostics diagnostics;
        private final Map<String, SourcePosition> positions = new HashMap<>();
        private final Map<String, JsonNode> anchors = new HashMap<>();
        /** Values read, aliases expanded included; a long, so that no count of refused aliases wraps it. */
        private long nodes;
        private boolean broken;
        private boolean expansionRefused;
        /** Above zero while a duplicate key's value is read: its positions must not replace the first one's. */
        private int muted;

        private final boolean keepLocalTags;

        Document(String file, Diagnostics diagnostics, boolean keepLocalTags) {
            this.keepLocalTags = keepLocalTags;
            this.file = file;
            this.diagnostics = diagnostics;
        }

        JsonNode value(Parser parser, Event event, String pointer, int depth) {
            SourcePosition at = position(file, event.getStartMark());
            if (depth > MAX_DEPTH) {
                throw new TooDeep(at);
            }
            if (muted == 0) {
                positions.put(pointer, at);
            }
            if (event instanceof AliasEvent alias) {
                JsonNode target = anchors.get(alias.getAnchor());
                if (target == null) {
                    fail(at, Code.YAML_SYNTAX, "YAML error: unknown alias *" + alias.getAnchor());
                    return NODES.nullNode();
                }
                nodes += expansionRefused ? 0 : count(target); // once refused, every further alias is too
                if (expansionRefused || nodes > MAX_NODES) {
                    if (!expansionRefused) { // said once: a file of 10,000 such aliases is one problem
                        expansionRefused = true;
                        fail(at, Code.YAML_SYNTAX, "YAML error: aliases expand to more than " + MAX_NODES
                                + " values; refusing to expand further");
                    }
                    return NODES.nullNode();
                }
                return target.deepCopy();
            }
            nodes++;
            JsonNode value;
            if (event instanceof ScalarEvent scalar) {
                String tag = scalar.getTag();
                value = keepLocalTags && tag != null && tag.startsWith("!") && !tag.equals("!")
                        ? NODES.textNode(tag + " " + scalar.getValue())
                        : keepLocalTags && tag != null && tag.startsWith(PYTHON_TAG)
                        ? pythonTagged(tag, scalar.getValue())
                        : scalar(scalar);
            } else if (event.is(Event.ID.MappingStart)) {
                value = mapping(parser, pointer, depth);
            } else if (event.is(Event.ID.SequenceStart)) {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                Event next;
                while (!(next = parser.getEvent()).is(Event.ID.SequenceEnd)) {
                    array.add(value(parser, next, pointer + "/" + index++, depth + 1));
                }
                value = array;
            } else {
                throw new IllegalStateException("unexpected YAML event " + event);
            }
            String anchor = event instanceof NodeEvent n ? n.getAnchor() : null;
            if (anchor != null && !(event instanceof CollectionStartEvent && value == null)) {
                anchors.put(anchor, value);
            }
            return value;
        }

        private ObjectNode mapping(Parser parser, String pointer, int depth) {
            ObjectNode object = NODES.objectNode();
            Event next;
            while (!(next = parser.getEvent()).is(Event.ID.MappingEnd)) {
                SourcePosition keyAt = position(file, next.getStartMark());
                JsonNode keyNode = value(parser, next, pointer + "/\0key", depth + 1);
                String key = keyNode.isTextual() ? keyNode.asText() : keyNode.isNull() ? "" : keyNode.toString();
                String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                Event valueEvent = parser.getEvent();
                if (object.has(key)) {
                    fail(keyAt, Code.YAML_DUPLICATE_KEY, "Map keys must be unique: \"" + key + "\" is defined twice");
                    muted++;
                    try {
                        value(parser, valueEvent, childPointer, depth + 1);
                    } finally {
                        muted--;
                    }
                    continue;
                }
                object.set(key, value(parser, valueEvent, childPointer, depth + 1));
            }
            positions.remove(pointer + "/\0key");
            return object;
        }

        private void fail(SourcePosition at, Code code, String message) {
            broken = true;
            diagnostics.error(at, code, message);
        }
    }

    /** A scalar with a Python tag: {@code !!python/name:module.object}, then its value if it has one. */
    private static JsonNode pythonTagged(String tag, String value) {
        String shortTag = "!!" + tag.substring(STANDARD_TAG.length());
        return NODES.textNode(value.isEmpty() ? shortTag : shortTag + " " + value);
    }

    /** A scalar typed by YAML 1.2's core schema, as Backstage's parser types it. */
    private static JsonNode scalar(ScalarEvent scalar) {
        String value = scalar.getValue();
        String tag = scalar.getTag();
        boolean plain = scalar.getImplicit().canOmitTagInPlainScalar() && (tag == null || tag.equals("!"));
        if (tag != null && tag.startsWith("tag:yaml.org,2002:")) {
            // An explicit standard tag: !!str, !!int, !!float, !!bool, !!null.
            String type = tag.substring("tag:yaml.org,2002:".length());
            switch (type) {
                case "str":
                    return NODES.textNode(value);
                case "int", "float", "bool", "null":
                    plain = true;
                    break;
                default:
                    return NODES.textNode(value);
            }
        }
        if (!plain) {
            return NODES.textNode(value);
        }
        if (NULL.matcher(value).matches()) {
            return NODES.nullNode();
        }
        if (BOOL.matcher(value).matches()) {
            return NODES.booleanNode(value.equalsIgnoreCase("true"));
        }
        if (INT.matcher(value).matches()) {
            return NODES.numberNode(new BigInteger(value));
        }
        if (OCTAL.matcher(value).matches()) {
            return NODES.numberNode(new BigInteger(value.substring(2), 8));
        }
        if (HEX.matcher(value).matches()) {
            return NODES.numberNode(new BigInteger(value.substring(2), 16));
        }
        if (FLOAT.matcher(value).matches() && !value.equals(".") && !value.matches("[-+]?\\.")) {
            String number = value.startsWith("+") ? value.substring(1) : value;
            try {
                return NODES.numberNode(new BigDecimal(number));
            } catch (NumberFormatException e) {
                // An exponent beyond a decimal's range (1e9999999999): a JavaScript parser reads Infinity or 0.
                return NODES.numberNode(Double.parseDouble(number));
            }
        }
        if (INFINITY.matcher(value).matches()) {
            return NODES.numberNode(value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (NAN.matcher(value).matches()) {
            return NODES.numberNode(Double.NaN);
        }
        return NODES.textNode(value);
    }

    private static int count(JsonNode node) {
        int n = 1;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    private static SourcePosition position(String file, Mark mark) {
        return mark == null ? SourcePosition.of(file) : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Thrown up the recursion when nesting is too deep. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SourcePosition at;

        TooDeep(SourcePosition at) {
            super(null, null, false, false);
            this.at = at;
        }
    }
}
