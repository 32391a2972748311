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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves Backstage's placeholders ({@code {$text: ./file}}, {@code $json}, {@code $yaml}) relative to the entity's
 * file, never outside its repository. An object with one {@code $}-key of an unknown resolver is left alone, as
 * Backstage does (it is likely JSON Schema's {@code $ref}). An absolute URL ({@code $text: https://…}) is read by
 * the {@link RemoteTexts} given, which does the I/O; when it cannot, a warning, and the URL is kept as the value.
 */
final class Placeholders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML_WRITER = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    private final Path repositoryRoot;
    private final Path directory;
    private final YamlDocument document;
    private final Diagnostics diagnostics;
    private final RemoteTexts remote;
    private boolean failed;

    /** Placeholders whose absolute URLs are read by {@code remote}. */
    Placeholders(Path repositoryRoot, Path directory, YamlDocument document, Diagnostics diagnostics,
                 RemoteTexts remote) {
        this.repositoryRoot = repositoryRoot;
        this.directory = directory;
        this.document = document;
        this.diagnostics = diagnostics;
        this.remote = remote;
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
        Path file = null;
        String text;
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            Optional<String> read = remote(resolver, target, pointer);
            if (read.isEmpty()) {
                return JsonNodeFactory.instance.textNode(target);
            }
            text = read.get();
        } else {
            Optional<Path> inside = RepositoryFiles.resolveInside(repositoryRoot, directory, target);
            if (inside.isEmpty()) {
                fail(pointer, Code.PATH_OUTSIDE_REPOSITORY, "Placeholder " + resolver + " refers to \"" + target
                        + "\", which is outside the repository");
                return value;
            }
            file = inside.get();
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                fail(pointer, Code.PLACEHOLDER_UNREADABLE, "Placeholder " + resolver + " could not read location "
                        + target + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                        : e.getMessage()));
                return value;
            }
        }
        return parse(resolver, value, file == null ? Redact.url(target) : target, text, file, pointer);
    }

    /**
     * The text at an absolute URL, read by {@link #remote}; empty after a warning when it is not read, and the URL
     * is kept as the value (the page shows it), as before remote reads.
     */
    private Optional<String> remote(String resolver, String url, String pointer) {
        String shown = Redact.url(url);
        RemoteTexts.RemoteText result = remote.read(url);
        if (result instanceof RemoteTexts.RemoteText.Read read) {
            read.stale().ifPresent(why -> diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_STALE,
                    "Placeholder " + resolver + " could not fetch " + shown + " (" + Redact.message(why)
                            + "); the copy an earlier build fetched is used"));
            return Optional.of(read.text());
        }
        RemoteTexts.RemoteText.NotRead not = (RemoteTexts.RemoteText.NotRead) result;
        if (not.why() == RemoteTexts.RemoteText.Why.HOST_NOT_ALLOWED) {
            diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_HOST_NOT_ALLOWED, "Placeholder " + resolver
                    + " points at " + shown + ", which is not fetched: " + Redact.message(not.reason())
                    + "; the URL is kept as the value");
        } else {
            diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_REMOTE, "Placeholder " + resolver
                    + " points at " + shown + ", which is not fetched (" + Redact.message(not.reason())
                    + "); the URL is kept as the value");
        }
        return Optional.empty();
    }

    /**
     * The value of a placeholder from the text it read: the text, or its JSON or YAML, or (for {@code $openapi})
     * the definition with its {@code $ref}s bundled in. {@code file} is where it was read, null for a URL (whose
     * own {@code $ref}s to other files are not bundled).
     */
    private JsonNode parse(String resolver, JsonNode value, String target, String text, Path file, String pointer) {
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
                Optional<JsonNode> bundled = new Bundler(pointer, resolver).bundle(docs.get(0).root(), file);
                if (bundled.isEmpty()) {
                    return value;
                }
                try {
                    return JsonNodeFactory.instance.textNode(YAML_WRITER.writeValueAsString(bundled.get()));
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

    /** The most a bundled definition may hold: beyond it the definition is refused, not expanded for minutes. */
    static final int MAX_BUNDLED_VALUES = 1_000_000;
    /** The most bytes of referenced files one definition may read. */
    static final long MAX_BUNDLED_BYTES = 32L * 1024 * 1024;

    /**
     * Bundles a definition's {@code $ref}s to other files as Backstage's openapi module does (json-schema-ref-parser's
     * {@code bundle}): each referenced part is copied in once, where it is first used; later references to it, and
     * references back into a part being copied (circular ones), become references within the document. References
     * inside the document ({@code #/components/…}) stay as they are. The work is bounded by {@link #MAX_BUNDLED_VALUES}
     * and {@link #MAX_BUNDLED_BYTES}, so that references that multiply cannot take the build's memory.
     */
    private final class Bundler {
        private final String pointer;
        private final String resolver;
        private final Map<String, String> placed = new HashMap<>();
        private final Map<Path, Optional<JsonNode>> files = new HashMap<>();
        private long values;
        private long bytes;

        Bundler(String pointer, String resolver) {
            this.pointer = pointer;
            this.resolver = resolver;
        }

        /** The bundled definition, or empty when it is larger than the bounds (after a diagnostic). */
        Optional<JsonNode> bundle(JsonNode root, Path file) {
            try {
                return Optional.of(copy(root, file, ""));
            } catch (TooLarge e) {
                fail(pointer, Code.PLACEHOLDER_UNREADABLE, "Placeholder " + resolver + ": the definition with its "
                        + "$refs bundled in is larger than Paved reads (over " + MAX_BUNDLED_VALUES + " values or "
                        + MAX_BUNDLED_BYTES / (1024 * 1024) + " MB of referenced files); not read");
                return Optional.empty();
            }
        }

        private JsonNode copy(JsonNode node, Path file, String at) {
            if (++values > MAX_BUNDLED_VALUES) {
                throw new TooLarge();
            }
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                    return referenced(node, ref.asText(), file, at);
                }
                ObjectNode copy = JsonNodeFactory.instance.objectNode();
                node.fields().forEachRemaining(e -> copy.set(e.getKey(), copy(e.getValue(), file, at + "/"
                        + e.getKey().replace("~", "~0").replace("/", "~1"))));
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i < node.size(); i++) {
                    copy.add(copy(node.get(i), file, at + "/" + i));
                }
                return copy;
            }
            return node;
        }

        private JsonNode referenced(JsonNode node, String target, Path file, String at) {
            String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
            Optional<Path> referenced = file == null || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")
                    ? Optional.empty()
                    : RepositoryFiles.resolveInside(repositoryRoot, file.getParent(), path);
            if (referenced.isEmpty()) {
                diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_REMOTE, "Placeholder " + resolver
                        + ": $ref " + Redact.url(target) + " is not bundled (remote, or outside the repository)");
                return node;
            }
            String key = referenced.get() + "#" + fragment;
            String earlier = placed.get(key);
            if (earlier != null) {
                return JsonNodeFactory.instance.objectNode().put("$ref", "#" + earlier);
            }
            Optional<JsonNode> content = read(referenced.get());
            JsonNode part = content.map(root -> fragment.isEmpty() ? root : root.at(fragment))
                    .filter(n -> !n.isMissingNode()).orElse(null);
            if (part == null) {
                diagnostics.warning(document.at(pointer), Code.PLACEHOLDER_REMOTE, "Placeholder " + resolver
                        + ": $ref " + Redact.url(target) + " could not be read; left as it is");
                return node;
            }
            placed.put(key, at);
            return copy(part, referenced.get(), at);
        }

        private Optional<JsonNode> read(Path file) {
            return files.computeIfAbsent(file, f -> {
                try {
                    bytes += Files.size(f);
                    if (bytes > MAX_BUNDLED_BYTES) {
                        throw new TooLarge();
                    }
                    List<YamlDocument> docs = YamlReader.read(f.toString(), Files.readString(f, StandardCharsets.UTF_8),
                            new Diagnostics());
                    return docs.size() == 1 ? Optional.of(docs.get(0).root()) : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /** Thrown inside a {@link Bundler} when a bound is passed; never leaves it. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private void fail(String pointer, Code code, String message) {
        failed = true;
        diagnostics.error(document.at(pointer), code, message);
    }
}
