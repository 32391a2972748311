package dev.paved.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The built-in kinds Paved reads, with the apiVersions and required spec fields Backstage's schemas give them. */
enum EntityKind {
    COMPONENT("Component", List.of("type", "lifecycle", "owner")),
    API("API", List.of("type", "lifecycle", "owner", "definition")),
    RESOURCE("Resource", List.of("type", "owner")),
    SYSTEM("System", List.of("owner")),
    DOMAIN("Domain", List.of("owner")),
    GROUP("Group", List.of("type", "children")),
    USER("User", List.of("memberOf")),
    LOCATION("Location", List.of()),
    TEMPLATE("Template", List.of("type", "steps"));

    private static final Set<String> BACKSTAGE_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");
    private static final Set<String> SCAFFOLDER_VERSIONS = Set.of("scaffolder.backstage.io/v1beta3");

    private final String spelling;
    private final List<String> requiredSpec;

    EntityKind(String spelling, List<String> requiredSpec) {
        this.spelling = spelling;
        this.requiredSpec = requiredSpec;
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
