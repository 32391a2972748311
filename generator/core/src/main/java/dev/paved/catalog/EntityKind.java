package dev.paved.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in kinds Paved reads, with the apiVersions and required spec fields Backstage's schemas give them. */
enum EntityKind {
    COMPONENT("Component", List.of("type", "lifecycle", "owner"), Map.of(
            "type", Field.STRING, "lifecycle", Field.STRING, "owner", Field.STRING, "system", Field.STRING,
            "subcomponentOf", Field.STRING, "providesApis", Field.STRING_LIST, "consumesApis", Field.STRING_LIST,
            "dependsOn", Field.STRING_LIST)),
    API("API", List.of("type", "lifecycle", "owner", "definition"), Map.of(
            "type", Field.STRING, "lifecycle", Field.STRING, "owner", Field.STRING, "definition", Field.STRING,
            "system", Field.STRING)),
    RESOURCE("Resource", List.of("type", "owner"), Map.of(
            "type", Field.STRING, "owner", Field.STRING, "system", Field.STRING, "dependsOn", Field.STRING_LIST)),
    SYSTEM("System", List.of("owner"), Map.of(
            "owner", Field.STRING, "domain", Field.STRING, "type", Field.STRING)),
    DOMAIN("Domain", List.of("owner"), Map.of(
            "owner", Field.STRING, "subdomainOf", Field.STRING, "type", Field.STRING)),
    GROUP("Group", List.of("type", "children"), Map.of(
            "type", Field.STRING, "parent", Field.STRING, "children", Field.STRING_LIST,
            "members", Field.STRING_LIST, "profile", Field.PROFILE)),
    USER("User", List.of("memberOf"), Map.of(
            "memberOf", Field.STRING_LIST, "profile", Field.PROFILE)),
    LOCATION("Location", List.of(), Map.of(
            "type", Field.STRING, "target", Field.STRING, "targets", Field.STRING_LIST, "presence", Field.PRESENCE)),
    TEMPLATE("Template", List.of("type", "steps"), Map.of(
            "type", Field.STRING, "owner", Field.STRING, "lifecycle", Field.STRING, "steps", Field.STEPS));

    /** The JSON types of spec fields as the kind schemas give them. */
    enum Field {
        /** A non-empty string. */
        STRING,
        /** An array of non-empty strings. */
        STRING_LIST,
        /** {@code profile}: an object whose displayName, email and picture are strings. */
        PROFILE,
        /** {@code required} or {@code optional}. */
        PRESENCE,
        /** Template steps: an array of objects, each with an {@code action}. */
        STEPS
    }

    private static final Set<String> BACKSTAGE_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");
    private static final Set<String> SCAFFOLDER_VERSIONS = Set.of("scaffolder.backstage.io/v1beta3");

    private final String spelling;
    private final List<String> requiredSpec;
    private final Map<String, Field> fields;

    EntityKind(String spelling, List<String> requiredSpec, Map<String, Field> fields) {
        this.spelling = spelling;
        this.requiredSpec = requiredSpec;
        this.fields = fields;
    }

    /** The spec fields the kind's schema types, and their types; other fields are allowed and unchecked. */
    Map<String, Field> fields() {
        return fields;
    }

    /** The kind as Backstage spells it. */
    String spelling() {
        return spelling;
    }

    /** Spec fields the kind's schema requires. */
    List<String> requiredSpec() {
        return requiredSpec;
    }

    /** Whether the apiVersion is one this kind is defined for. */
    boolean accepts(String apiVersion) {
        return this == TEMPLATE ? SCAFFOLDER_VERSIONS.contains(apiVersion) : BACKSTAGE_VERSIONS.contains(apiVersion);
    }

    /** The kind of this spelling; Backstage's kind schemas match the spelling exactly. */
    static Optional<EntityKind> of(String kind) {
        for (EntityKind k : values()) {
            if (k.spelling.equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The lower-case form used in references and URLs. */
    String lower() {
        return spelling.toLowerCase(Locale.ROOT);
    }
}
