package dev.paved.catalog;

import dev.paved.diagnostic.Code;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one entity document against Backstage's envelope rules, field formats and kind schemas. Every problem is
 * reported; the entity is accepted only when there is none.
 */
final class EntityValidator {

    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]+(?:-+[a-z0-9]+)*$");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$");
    private static final Pattern KIND = Pattern.compile("^[a-zA-Z][a-z0-9A-Z]*$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("^[a-zA-Z0-9]+$");

    private final YamlDocument document;
    private final Diagnostics diagnostics;
    private boolean valid = true;

    private EntityValidator(YamlDocument document, Diagnostics diagnostics) {
        this.document = document;
        this.diagnostics = diagnostics;
    }

    /** Validates {@code root} (placeholders already resolved); positions come from {@code document}. */
    static boolean validate(JsonNode root, YamlDocument document, Diagnostics diagnostics) {
        EntityValidator v = new EntityValidator(document, diagnostics);
        v.check(root);
        return v.valid;
    }

    private void check(JsonNode root) {
        if (!root.isObject()) {
            error("", Code.NOT_AN_ENTITY, "Expected object at root, got " + typeOf(root));
            return;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!ROOT_FIELDS.contains(field)) {
                error("/" + field, Code.UNKNOWN_ROOT_FIELD, "Unknown field " + field
                        + " at the root; only apiVersion, kind, metadata and spec are allowed");
            }
        }
        String apiVersion = requireString(root, "/apiVersion", "apiVersion");
        String kind = requireString(root, "/kind", "kind");
        JsonNode metadata = root.path("metadata");
        if (!metadata.isObject()) {
            error(metadata.isMissingNode() ? "" : "/metadata", Code.MISSING_FIELD,
                    metadata.isMissingNode() ? "The entity has no metadata" : "metadata must be an object");
        } else {
            checkMetadata(metadata);
        }
        if (apiVersion != null && !validApiVersion(apiVersion)) {
            error("/apiVersion", Code.INVALID_FIELD, "apiVersion \"" + apiVersion + "\" is not valid; expected "
                    + "[<dns-subdomain>/]<alphanumeric version>");
        }
        if (kind == null) {
            return;
        }
        if (!KIND.matcher(kind).matches() || kind.length() > 63) {
            error("/kind", Code.INVALID_FIELD, "kind \"" + kind + "\" is not valid; expected a letter followed by "
                    + "letters and digits, at most 63 characters");
            return;
        }
        var known = EntityKind.of(kind);
        if (known.isPresent() && apiVersion != null && !known.get().accepts(apiVersion)) {
            error("/apiVersion", Code.UNKNOWN_KIND, "No processor recognized the entity as valid: apiVersion \""
                    + apiVersion + "\" is not one the kind " + kind + " is defined for ("
                    + (known.get() == EntityKind.TEMPLATE ? "scaffolder.backstage.io/v1beta3"
                    : "backstage.io/v1alpha1 or backstage.io/v1beta1") + ")");
            return;
        }
        if (known.isEmpty() || apiVersion == null) {
            error("/kind", Code.UNKNOWN_KIND, "No processor recognized the entity as valid: kind \"" + kind
                    + "\" with apiVersion \"" + apiVersion + "\" is not a kind Paved knows (Component, API, "
                    + "Resource, System, Domain, Group, User, Location with backstage.io/v1alpha1 or v1beta1; "
                    + "Template with scaffolder.backstage.io/v1beta3)");
            return;
        }
        checkSpec(known.get(), root.path("spec"));
    }

    private void checkMetadata(JsonNode metadata) {
        String name = requireString(metadata, "/metadata/name", "metadata.name");
        if (name != null && !validName(name)) {
            error("/metadata/name", Code.INVALID_NAME, "\"metadata.name\" is not valid; expected a string that is "
                    + "sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found \""
                    + name + "\"");
        }
        JsonNode namespace = metadata.path("namespace");
        if (!namespace.isMissingNode()) {
            if (!namespace.isTextual() || !DNS_LABEL.matcher(namespace.asText()).matches()
                    || namespace.asText().length() > 63) {
                error("/metadata/namespace", Code.INVALID_FIELD, "\"metadata.namespace\" is not valid; expected a "
                        + "lower-case DNS label (a-z, 0-9 and -), at most 63 characters but found \""
                        + namespace.asText() + "\"");
            }
        }
        for (String field : new String[] {"title", "description"}) {
            JsonNode value = metadata.path(field);
            if (!value.isMissingNode() && !value.isTextual()) {
                error("/metadata/" + field, Code.INVALID_FIELD, "metadata." + field + " must be string");
            }
        }
        checkStringMap(metadata.path("labels"), "labels", true);
        checkStringMap(metadata.path("annotations"), "annotations", false);
        JsonNode tags = metadata.path("tags");
        if (!tags.isMissingNode()) {
            if (!tags.isArray()) {
                error("/metadata/tags", Code.INVALID_FIELD, "metadata.tags must be array");
            } else {
                for (int i = 0; i < tags.size(); i++) {
                    JsonNode tag = tags.get(i);
                    if (!tag.isTextual() || !TAG.matcher(tag.asText()).matches() || tag.asText().length() > 63) {
                        error("/metadata/tags/" + i, Code.INVALID_TAG, "\"tags." + i + "\" is not valid; expected a "
                                + "string of [a-z0-9+#] separated by [-], at most 63 characters in total but found \""
                                + tag.asText() + "\"");
                    }
                }
            }
        }
        JsonNode links = metadata.path("links");
        if (!links.isMissingNode()) {
            if (!links.isArray()) {
                error("/metadata/links", Code.INVALID_FIELD, "metadata.links must be array");
            } else {
                for (int i = 0; i < links.size(); i++) {
                    JsonNode url = links.get(i).path("url");
                    if (!url.isTextual() || !validUrl(url.asText())) {
                        error("/metadata/links/" + i + "/url", Code.INVALID_LINK, "\"links." + i + ".url\" is not a "
                                + "valid URL: \"" + url.asText() + "\"");
                    }
                }
            }
        }
    }

    private void checkStringMap(JsonNode map, String field, boolean valuesAreNames) {
        if (map.isMissingNode()) {
            return;
        }
        if (!map.isObject()) {
            error("/metadata/" + field, Code.INVALID_FIELD, "metadata." + field + " must be object");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            var entry = it.next();
            String pointer = "/metadata/" + field + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
            if (!validKey(entry.getKey())) {
                error(pointer, Code.INVALID_FIELD, "\"" + field + "." + entry.getKey() + "\" is not a valid key; "
                        + "expected [<dns-subdomain>/]<name>");
            }
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                error(pointer, Code.INVALID_FIELD, "/metadata/" + field + "/" + entry.getKey() + " must be string");
            } else if (valuesAreNames && !value.asText().isEmpty() && !validName(value.asText())) {
                error(pointer, Code.INVALID_FIELD, "\"" + field + "." + entry.getKey() + "\" has an invalid value \""
                        + value.asText() + "\"");
            }
        }
    }

    private void checkSpec(EntityKind kind, JsonNode spec) {
        if (!spec.isObject()) {
            error(spec.isMissingNode() ? "" : "/spec", Code.MISSING_FIELD, "The " + kind.spelling()
                    + " has no spec object");
            return;
        }
        for (String field : kind.requiredSpec()) {
            if (spec.path(field).isMissingNode()) {
                error("/spec", Code.MISSING_FIELD, "/spec must have required property '" + field + "' - "
                        + "missingProperty: " + field);
            }
        }
        kind.fields().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            JsonNode value = spec.path(e.getKey());
            if (!value.isMissingNode()) {
                checkField("/spec/" + e.getKey(), value, e.getValue());
            }
        });
    }

    private void checkField(String pointer, JsonNode value, EntityKind.Field type) {
        switch (type) {
            case STRING -> {
                if (!value.isTextual()) {
                    error(pointer, Code.INVALID_FIELD, pointer + " must be string - type: string");
                } else if (value.asText().isEmpty()) {
                    error(pointer, Code.INVALID_FIELD, pointer + " must NOT have fewer than 1 characters");
                }
            }
            case STRING_LIST -> {
                if (!value.isArray()) {
                    error(pointer, Code.INVALID_FIELD, pointer + " must be array - type: array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkField(pointer + "/" + i, value.get(i), EntityKind.Field.STRING);
                }
            }
            case PROFILE -> {
                if (!value.isObject()) {
                    error(pointer, Code.INVALID_FIELD, pointer + " must be object - type: object");
                    return;
                }
                for (String field : List.of("displayName", "email", "picture")) {
                    JsonNode v = value.path(field);
                    if (!v.isMissingNode()) {
                        checkField(pointer + "/" + field, v, EntityKind.Field.STRING);
                    }
                }
            }
            case PRESENCE -> {
                if (!value.isTextual() || !value.asText().matches("required|optional")) {
                    error(pointer, Code.INVALID_FIELD, pointer + " must be equal to one of the allowed values: "
                            + "required, optional");
                }
            }
            case STEPS -> {
                if (!value.isArray()) {
                    error(pointer, Code.INVALID_FIELD, pointer + " must be array - type: array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    JsonNode step = value.get(i);
                    if (!step.isObject()) {
                        error(pointer + "/" + i, Code.INVALID_FIELD, pointer + "/" + i + " must be object");
                    } else if (!step.path("action").isTextual()) {
                        error(pointer + "/" + i, Code.MISSING_FIELD, pointer + "/" + i
                                + " must have required property 'action'");
                    }
                }
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private String requireString(JsonNode parent, String pointer, String label) {
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            error(pointer.substring(0, pointer.lastIndexOf('/')), Code.MISSING_FIELD, label + " must have a value");
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            error(pointer, Code.INVALID_FIELD, pointer + " must be string");
            return null;
        }
        return value.asText();
    }

    private static boolean validName(String name) {
        return name.length() <= 63 && NAME.matcher(name).matches();
    }

    private static boolean validKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return validName(key);
        }
        String prefix = key.substring(0, slash);
        return prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()
                && validName(key.substring(slash + 1));
    }

    private static boolean validApiVersion(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String suffix = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        boolean prefixOk = slash < 0 || (slash <= 253
                && DNS_SUBDOMAIN.matcher(apiVersion.substring(0, slash)).matches());
        return prefixOk && suffix.length() <= 63 && VERSION_SUFFIX.matcher(suffix).matches();
    }

    /** Backstage's check, {@code new URL(url)}: the WHATWG URL parser's. */
    private static boolean validUrl(String url) {
        return WebUrl.isValid(url);
    }

    private static String typeOf(JsonNode node) {
        if (node.isArray()) {
            return "object (array)";
        }
        return node.isTextual() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "object";
    }

    private void error(String pointer, Code code, String message) {
        valid = false;
        diagnostics.error(document.at(pointer), code, message);
    }
}
