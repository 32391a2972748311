package dev.paved.catalog;

import dev.paved.diagnostic.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule of the organisation's own, from {@code paved.yaml}, checked like Backstage's built-in ones.
 *
 * <pre>
 * rules:
 *   - name: services-are-on-call
 *     match: {kind: Component, type: service}     # kind, type, lifecycle, namespace: a value or a list
 *     requireAnnotations: [pagerduty.com/service-id]
 *     requireTags: [tier-1]                        # or true: at least one tag
 *     requireFields: [metadata.description, spec.system]
 *     allowedLifecycles: [production, experimental, deprecated]
 *     allowedTypes: [service, website, library]
 *     ownerKind: Group
 *     namePattern: "^[a-z][a-z0-9-]*$"
 *     severity: warning                            # error by default
 * </pre>
 *
 * @param name               shown in messages
 * @param kinds              kinds it applies to (any when empty), compared case-insensitively
 * @param types              spec.type values it applies to (any when empty)
 * @param lifecycles         spec.lifecycle values it applies to (any when empty)
 * @param namespaces         namespaces it applies to (any when empty)
 * @param requireAnnotations annotation keys every matching entity must have
 * @param requireTags        tags every matching entity must have
 * @param requireSomeTag     whether a matching entity needs at least one tag
 * @param requireFields      dotted paths ({@code metadata.description}, {@code spec.system}) that must be set
 * @param allowedLifecycles  the lifecycles allowed (any when empty)
 * @param allowedTypes       the types allowed (any when empty)
 * @param ownerKind          the kind the owner must be, e.g. {@code Group}, if set
 * @param namePattern        a regular expression names must match, if set
 * @param severity           the severity of a violation
 * @param source             where the rule was written, for its own diagnostics
 */
public record CatalogRule(String name, List<String> kinds, List<String> types, List<String> lifecycles,
                          List<String> namespaces, List<String> requireAnnotations, List<String> requireTags,
                          boolean requireSomeTag, List<String> requireFields, List<String> allowedLifecycles,
                          List<String> allowedTypes, Optional<String> ownerKind, Optional<Pattern> namePattern,
                          Severity severity, dev.paved.diagnostic.SourcePosition source) {

    public CatalogRule {
        kinds = List.copyOf(kinds);
        types = List.copyOf(types);
        lifecycles = List.copyOf(lifecycles);
        namespaces = List.copyOf(namespaces);
        requireAnnotations = List.copyOf(requireAnnotations);
        requireTags = List.copyOf(requireTags);
        requireFields = List.copyOf(requireFields);
        allowedLifecycles = List.copyOf(allowedLifecycles);
        allowedTypes = List.copyOf(allowedTypes);
    }

    /** Whether the rule applies to an entity. */
    public boolean matches(Entity e) {
        return in(kinds, e.kind()) && in(types, e.type().orElse(null)) && in(lifecycles, e.lifecycle().orElse(null))
                && in(namespaces, e.namespace());
    }

    private static boolean in(List<String> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value)));
    }
}
