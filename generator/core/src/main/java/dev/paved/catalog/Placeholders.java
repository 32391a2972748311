package dev.paved.catalog;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.credential.Redact;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves Backstage's placeholders ({@code {$text: ./file}}, {@code $json}, {@code $yaml}) relative to the entity's
 * file, never outside its repository. An object with one {@code $}-key of an unknown resolver is left alone, as
 * Backstage does (it is likely JSON Schema's {@code $ref}).
 */
final class Placeholders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML_WRITER = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    private final Path repositoryRoot;
    private final Path directory;
    private final YamlDocument document;
    private final Diagnostics diagnostics;
    private boolean failed;

    Placeholders(Path repositoryRoot, Path directory, YamlDocument document, Diagnostics diagnostics) {
        this.repositoryRoot = repositoryRoot;
        this.directory = directory;
        this.document = document;
        this.diagnostics = diagnostics;
    }

    /** A copy of {@code node} with placeholders resolved; empty when one could not be, after a diagnostic. */
    Optional<JsonNode> resolve(JsonNode node) {
        JsonNode out = walk(node, "");
        return failed ? Optional.empty() : Optional.of(out);
    }

    private JsonNode walk(JsonNode node, String pointer) {
        if (node.isObject()) {
            if (node.size() == 1) {
                Map.Entry<String, JsonNode> only = node.fields().next();
                String resolver = only.getKey();
                if (List.of("$text", "$json", "$yaml", "$openapi", "$asyncapi").contains(resolver)) {
                    return substitute(resolver, only.getValue(), pointer + "/" + resolver);
                }
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(),
                    walk(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(walk(node.get(i), pointer + "/" + i));
            }
            return copy;
        }
        return node;
    }

    private JsonNode substitute(String resolver, JsonNode value, String pointer) {
        if (!value.isTextual()) {
            fail(pointer, Code.PLACEHOLDER_INVALID, "Placeholder " + resolver + " expected a string value parameter, "
                    + "in the form of an absolute URL or a relative path");
            return value;
        }
        String target = value.asText();
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            // Remote reads come with the crawl; keep the entity and say what was not read.
            diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_REMOTE, "Placeholder " + resolver + " points at "
                    + Redact.url(target) + ", which is not fetched; the URL is kept as the value");
            return JsonNodeFactory.instance.textNode(target);
        }
        Optional<Path> file = RepositoryFiles.resolveInside(repositoryRoot, directory, target);
        if (file.isEmpty()) {
            fail(pointer, Code.PATH_OUTSIDE_REPOSITORY, "Placeholder " + resolver + " refers to \"" + target
                    + "\", which is outside the repository");
            return value;
        }
        String text;
        try {
            text = Files.readString(file.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            fail(pointer, Code.PLACEHOLDER_UNREADABLE, "Placeholder " + resolver + " could not read location "
                    + target + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return value;
        }
        switch (resolver) {
            case "$json" -> {
                try {
                    return JSON.readTree(text);
                } catch (IOException e) {
                    fail(pointer, Code.PLACEHOLDER_UNREADABLE, "Placeholder $json failed to parse JSON data at "
                            + target + ": " + e.getMessage().lines().findFirst().orElse(""));
                    return value;
                }
            }
            case "$openapi", "$asyncapi" -> {
                // As Backstage's openapi module: the definition with its file $refs bundled in, as one string.
                Diagnostics local = new Diagnostics();
                List<YamlDocument> docs = YamlReader.read(target, text, local);
                if (docs.size() != 1 || !local.sorted().isEmpty()) {
                    fail(pointer, Code.PLACEHOLDER_UNREADABLE, "Placeholder " + resolver + " failed to parse "
                            + target + ": expected exactly one YAML or JSON document");
                    return value;
                }
                JsonNode bundled = bundle(docs.get(0).root(), file.get(), new java.util.ArrayDeque<>(List.of(file.get())), pointer,
                        resolver);
                try {
                    return JsonNodeFactory.instance.textNode(YAML_WRITER.writeValueAsString(bundled));
                } catch (IOException e) {
                    fail(pointer, Code.PLACEHOLDER_UNREADABLE, "Placeholder " + resolver + " could not write the "
                            + "bundled definition: " + e.getMessage());
                    return value;
                }
            }
            case "$yaml" -> {
                Diagnostics local = new Diagnostics();
                List<YamlDocument> docs = YamlReader.read(target, text, local);
                if (docs.size() != 1 || !local.sorted().isEmpty()) {
                    fail(pointer, Code.PLACEHOLDER_UNREADABLE, "Placeholder $yaml failed to parse YAML data at "
                            + target + ": expected exactly one document");
                    return value;
                }
                return docs.get(0).root();
            }
            default -> {
                return JsonNodeFactory.instance.textNode(text);
            }
        }
    }

    /**
     * Replaces every {@code $ref} to another file (relative, inside the repository) with that file's content, or the
     * part its fragment names; references inside the document ({@code #/components/…}) stay as they are.
     */
    private JsonNode bundle(JsonNode node, Path file, java.util.Deque<Path> stack, String pointer, String resolver) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                String target = ref.asText();
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
                Optional<Path> referenced = target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? Optional.empty()
                        : RepositoryFiles.resolveInside(repositoryRoot, file.getParent(), path);
                if (referenced.isEmpty() || stack.contains(referenced.get()) || stack.size() > 20) {
                    diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_REMOTE, "Placeholder " + resolver
                            + ": $ref " + Redact.url(target) + " is not bundled (remote, outside the repository or circular)");
                    return node;
                }
                try {
                    String text = Files.readString(referenced.get(), StandardCharsets.UTF_8);
                    List<YamlDocument> docs = YamlReader.read(target, text, new Diagnostics());
                    if (docs.size() == 1) {
                        stack.push(referenced.get());
                        JsonNode part = fragment.isEmpty() ? docs.get(0).root() : docs.get(0).root().at(fragment);
                        JsonNode out = bundle(part, referenced.get(), stack, pointer, resolver);
                        stack.pop();
                        return out;
                    }
                } catch (IOException e) {
                    // reported below
                }
                diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_REMOTE, "Placeholder " + resolver
                        + ": $ref " + Redact.url(target) + " could not be read; left as it is");
                return node;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), bundle(e.getValue(), file, stack, pointer,
                    resolver)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(bundle(n, file, stack, pointer, resolver)));
            return copy;
        }
        return node;
    }

    private void fail(String pointer, Code code, String message) {
        failed = true;
        diagnostics.error(document.at(pointer), code, message);
    }
}
