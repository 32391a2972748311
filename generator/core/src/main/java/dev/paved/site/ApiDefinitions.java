package dev.paved.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an API entity's {@code spec.definition} into what its page shows: the source; for OpenAPI and AsyncAPI a
 * readable list of operations or channels (with AsyncAPI's messages and their payloads) and the definition as JSON
 * for the viewer drawn in the browser; for GraphQL the schema's types; for gRPC the {@code .proto} file's services,
 * messages and enums. A definition that cannot be read is shown as its source only.
 */
final class ApiDefinitions {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    /** Payload properties listed per message at most, and how deep nested objects are followed. */
    private static final int MAX_FIELDS = 200;
    private static final int MAX_DEPTH = 3;
    private static final int MAX_STEPS = 2_000;
    /** How many {@code $ref}s in a row are followed before a reference is given up as a loop. */
    private static final int MAX_REF_HOPS = 32;

    private ApiDefinitions() {
    }

    static Views.ApiDefinition read(Entity api) {
        String type = api.type().orElse("").toLowerCase(Locale.ROOT);
        String source = api.specText("definition").orElse("");
        String language = switch (type) {
            case "grpc" -> "protobuf";
            case "graphql" -> "graphql";
            default -> source.stripLeading().startsWith("{") ? "json" : "yaml";
        };
        if (type.equals("graphql") || type.equals("grpc")) {
            return schema(type, source, language);
        }
        if (!type.equals("openapi") && !type.equals("asyncapi")) {
            return plain(type, source, language, "");
        }
        List<YamlDocument> docs = YamlReader.read("definition", source, new Diagnostics());
        if (docs.isEmpty() || !docs.get(0).root().isObject()) {
            return plain(type, source, language, "");
        }
        JsonNode root = docs.get(0).root();
        JsonNode info = root.path("info");
        List<String> servers = new ArrayList<>();
        JsonNode s = root.path("servers");
        if (s.isArray()) {
            s.forEach(server -> servers.add(server.path("url").asText(server.path("host").asText())));
        } else if (s.isObject()) {
            s.fields().forEachRemaining(e -> servers.add(e.getKey() + ": "
                    + e.getValue().path("url").asText(e.getValue().path("host").asText())));
        }
        List<Views.Operation> operations = type.equals("openapi") ? openApi(root) : asyncApi(root);
        String viewer = viewer(type, root);
        return new Views.ApiDefinition(type, info.path("title").asText(""), info.path("version").asText(""),
                info.path("description").asText(""), servers, operations, source, language, viewer,
                viewer.isEmpty() ? "" : EntityPageModel.scriptJson(root), null, null, "");
    }

    /**
     * The browser viewer that draws a definition: Swagger UI for OpenAPI 2 and 3, AsyncAPI's component for AsyncAPI
     * 2 and 3; none for a document that does not say it is one of those.
     */
    static String viewer(String type, JsonNode root) {
        if (type.equals("openapi") && (root.path("openapi").asText("").startsWith("3.")
                || root.path("swagger").asText("").equals("2.0"))) {
            return "swagger-ui";
        }
        String asyncapi = root.path("asyncapi").asText("");
        if (type.equals("asyncapi") && (asyncapi.startsWith("2.") || asyncapi.startsWith("3."))) {
            return "asyncapi";
        }
        return "";
    }

    private static Views.ApiDefinition plain(String type, String source, String language, String problem) {
        return new Views.ApiDefinition(type, "", "", "", List.of(), List.of(), source, language, "", "", null, null,
                problem);
    }

    /** A GraphQL schema's types or a {@code .proto} file's services, messages and enums, read at build time. */
    private static Views.ApiDefinition schema(String type, String source, String language) {
        if (source.isBlank()) {
            return plain(type, source, language, "");
        }
        try {
            return type.equals("graphql")
                    ? new Views.ApiDefinition(type, "", "", "", List.of(), List.of(), source, language, "", "",
                    GraphQlSchemas.read(source), null, "")
                    : new Views.ApiDefinition(type, "", "", "", List.of(), List.of(), source, language, "", "",
                    null, ProtoFiles.read(source), "");
        } catch (IllegalArgumentException e) {
            return plain(type, source, language, e.getMessage());
        }
    }

    private static List<Views.Operation> openApi(JsonNode root) {
        List<Views.Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Views.Param> shared = params(root, path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode op = path.getValue().path(method);
                if (!op.isObject()) {
                    continue;
                }
                List<Views.Param> params = new ArrayList<>(shared);
                params.addAll(params(root, op.path("parameters")));
                List<String> responses = new ArrayList<>();
                op.path("responses").fields().forEachRemaining(r -> responses.add(r.getKey() + " "
                        + r.getValue().path("description").asText("")));
                out.add(new Views.Operation(method.toUpperCase(Locale.ROOT), path.getKey(),
                        op.path("summary").asText(op.path("operationId").asText("")), op.path("description").asText(""),
                        params, responses, List.of()));
            }
        }
        return out;
    }

    private static List<Views.Param> params(JsonNode root, JsonNode list) {
        List<Views.Param> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (p.has("$ref")) {
                String ref = p.path("$ref").asText();
                // A local reference (#/components/parameters/X) is looked up; others are named as they are.
                JsonNode target = ref.startsWith("#/") ? root.at(ref.substring(1)) : p;
                if (target.isMissingNode() || target.has("$ref")) {
                    out.add(new Views.Param(ref.substring(ref.lastIndexOf('/') + 1), "", false, ref));
                    continue;
                }
                p = target;
            }
            out.add(new Views.Param(p.path("name").asText(), p.path("in").asText(), p.path("required")
                    .asBoolean(false), p.path("description").asText("")));
        }
        return out;
    }

    private static List<Views.Operation> asyncApi(JsonNode root) {
        List<Views.Operation> out = new ArrayList<>();
        if (root.path("operations").isObject()) {
            // AsyncAPI 3: operations name their channel, an action and (a subset of the channel's) messages.
            root.path("operations").fields().forEachRemaining(e -> {
                JsonNode op = resolve(root, e.getValue());
                String channelRef = op.path("channel").path("$ref").asText("");
                JsonNode channel = resolve(root, op.path("channel"));
                String path = channel.path("address").isTextual() ? channel.path("address").asText()
                        : channelRef.substring(channelRef.lastIndexOf('/') + 1);
                List<ApiViews.Message> messages = new ArrayList<>();
                JsonNode listed = op.path("messages").isArray() ? op.path("messages") : channel.path("messages");
                for (Iterator<Map.Entry<String, JsonNode>> it = entries(listed); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    messages.add(message(root, m.getValue(), m.getKey()));
                }
                out.add(new Views.Operation(op.path("action").asText("").toUpperCase(Locale.ROOT), path,
                        op.path("summary").asText(op.path("title").asText(e.getKey())),
                        op.path("description").asText(""), channelParams(root, channel), List.of(),
                        List.copyOf(messages)));
            });
            return out;
        }
        root.path("channels").fields().forEachRemaining(entry -> {
            JsonNode channel = resolve(root, entry.getValue());
            for (String action : List.of("publish", "subscribe")) {
                JsonNode op = resolve(root, channel.path(action));
                if (op.isObject()) {
                    out.add(new Views.Operation(action.toUpperCase(Locale.ROOT), entry.getKey(),
                            op.path("summary").asText(op.path("operationId").asText("")),
                            op.path("description").asText(channel.path("description").asText("")),
                            channelParams(root, channel), List.of(), messages(root, op.path("message"))));
                }
            }
        });
        return out;
    }

    /** An AsyncAPI 2 operation's message: one, or each of a {@code oneOf}. */
    static List<ApiViews.Message> messages(JsonNode root, JsonNode message) {
        JsonNode resolved = resolve(root, message);
        if (resolved.path("oneOf").isArray()) {
            List<ApiViews.Message> out = new ArrayList<>();
            resolved.path("oneOf").forEach(m -> out.add(message(root, m, "")));
            return List.copyOf(out);
        }
        return resolved.isObject() ? List.of(message(root, message, "")) : List.of();
    }

    /** A message, named by its {@code name}, else the last part of its reference, else {@code key}. */
    private static ApiViews.Message message(JsonNode root, JsonNode message, String key) {
        String ref = message.path("$ref").asText("");
        JsonNode m = resolve(root, message);
        String name = m.path("name").asText(m.path("messageId").asText(ref.isEmpty() ? key
                : ref.substring(ref.lastIndexOf('/') + 1)));
        JsonNode payload = m.path("payload");
        Walk walk = new Walk();
        if (!payload.isMissingNode()) {
            properties(root, payload, "", 0, walk);
        }
        return new ApiViews.Message(name, m.path("title").asText(""), m.path("summary").asText(""),
                m.path("contentType").asText(root.path("defaultContentType").asText("")),
                payload.isMissingNode() ? "" : describe(root, payload), List.copyOf(walk.out));
    }

    /**
     * A schema's properties, those of its {@code allOf} parts merged in, nested objects followed to
     * {@link #MAX_DEPTH}; a reference already being followed is not followed again, and the walk stops after
     * {@link #MAX_STEPS} schemas whatever they are (references that multiply).
     */
    private static void properties(JsonNode root, JsonNode schema, String prefix, int depth, Walk walk) {
        String ref = schema.path("$ref").asText("");
        if (walk.out.size() >= MAX_FIELDS || ++walk.steps > MAX_STEPS || !ref.isEmpty() && !walk.following.add(ref)) {
            return;
        }
        JsonNode s = resolve(root, schema);
        for (JsonNode part : s.path("allOf")) {
            properties(root, part, prefix, depth, walk);
        }
        Set<String> required = new HashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext()
                && walk.out.size() < MAX_FIELDS; ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode property = resolve(root, p.getValue());
            walk.out.add(new ApiViews.SchemaField(prefix + p.getKey(), depth, describe(root, p.getValue()),
                    required.contains(p.getKey()), property.path("description").asText("")));
            if (depth + 1 < MAX_DEPTH) {
                boolean array = property.path("type").asText("").equals("array") && property.has("items");
                properties(root, array ? property.path("items") : p.getValue(),
                        prefix + p.getKey() + (array ? "[]." : "."), depth + 1, walk);
            }
        }
        if (!ref.isEmpty()) {
            walk.following.remove(ref);
        }
    }

    /** The state of one walk through a payload's schema. */
    private static final class Walk {
        private final List<ApiViews.SchemaField> out = new ArrayList<>();
        private final Set<String> following = new HashSet<>();
        private int steps;
    }

    /** A schema in a few words: its reference's name, or its type with format, enum values or items. */
    static String describe(JsonNode root, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (schema.path(combinator).isArray()) {
                List<String> options = new ArrayList<>();
                schema.path(combinator).forEach(o -> options.add(o.has("$ref") ? describe(root, o)
                        : o.path("type").asText("object")));
                return "one of " + String.join(", ", options);
            }
        }
        String type = schema.path("type").isArray() ? String.join(" or ", textValues(schema.path("type")))
                : schema.path("type").asText(schema.has("properties") || schema.has("allOf") ? "object" : "");
        if (type.equals("array")) {
            JsonNode items = schema.path("items");
            return items.isMissingNode() ? "array" : "array of " + describe(root, items);
        }
        StringBuilder out = new StringBuilder(type.isEmpty() ? "any" : type);
        if (schema.path("format").isTextual()) {
            out.append(" (").append(schema.path("format").asText()).append(')');
        }
        if (schema.path("enum").isArray()) {
            out.append(": ").append(String.join(", ", textValues(schema.path("enum"))));
        } else if (schema.has("const")) {
            out.append(": ").append(schema.path("const").asText());
        }
        return out.toString();
    }

    private static List<String> textValues(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** An AsyncAPI channel's parameters ({@code {name}} in its address or name). */
    private static List<Views.Param> channelParams(JsonNode root, JsonNode channel) {
        List<Views.Param> out = new ArrayList<>();
        channel.path("parameters").fields().forEachRemaining(p -> out.add(new Views.Param(p.getKey(), "channel",
                true, resolve(root, p.getValue()).path("description").asText(""))));
        return out;
    }

    /** The entries of an object, or of an array keyed by position. */
    private static Iterator<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        if (node.isArray()) {
            List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                out.add(Map.entry(Integer.toString(i), node.get(i)));
            }
            return out.iterator();
        }
        return node.fields();
    }

    /** A node with its local {@code $ref}s followed; a reference elsewhere or to nothing gives the node itself. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        for (int hop = 0; hop < MAX_REF_HOPS && current.path("$ref").isTextual(); hop++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            JsonNode target;
            try {
                target = root.at(ref.substring(1));
            } catch (IllegalArgumentException e) {
                return current;
            }
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }
}
