package dev.paved.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an API entity's {@code spec.definition} into what its page shows: the source, and for OpenAPI and AsyncAPI a
 * readable list of operations or channels.
 */
final class ApiDefinitions {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

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
        if (!type.equals("openapi") && !type.equals("asyncapi")) {
            return new Views.ApiDefinition(type, "", "", "", List.of(), List.of(), source, language);
        }
        List<YamlDocument> docs = YamlReader.read("definition", source, new Diagnostics());
        if (docs.isEmpty() || !docs.get(0).root().isObject()) {
            return new Views.ApiDefinition(type, "", "", "", List.of(), List.of(), source, language);
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
        return new Views.ApiDefinition(type, info.path("title").asText(""), info.path("version").asText(""),
                info.path("description").asText(""), servers, operations, source, language);
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
                        params, responses));
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
            // AsyncAPI 3: operations name their channel and an action.
            root.path("operations").fields().forEachRemaining(e -> {
                JsonNode op = e.getValue();
                String channel = op.path("channel").path("$ref").asText("");
                channel = channel.substring(channel.lastIndexOf('/') + 1);
                out.add(new Views.Operation(op.path("action").asText("").toUpperCase(Locale.ROOT), channel,
                        op.path("summary").asText(e.getKey()), op.path("description").asText(""), List.of(),
                        List.of()));
            });
            return out;
        }
        root.path("channels").fields().forEachRemaining(channel -> {
            for (String action : List.of("publish", "subscribe")) {
                JsonNode op = channel.getValue().path(action);
                if (op.isObject()) {
                    JsonNode message = op.path("message");
                    String name = message.path("name").asText(message.path("$ref").asText(""));
                    List<String> messages = name.isEmpty() ? List.of()
                            : List.of("message " + name.substring(name.lastIndexOf('/') + 1));
                    out.add(new Views.Operation(action.toUpperCase(Locale.ROOT), channel.getKey(),
                            op.path("summary").asText(op.path("operationId").asText("")),
                            op.path("description").asText(channel.getValue().path("description").asText("")),
                            List.of(), messages));
                }
            }
        });
        return out;
    }
}
