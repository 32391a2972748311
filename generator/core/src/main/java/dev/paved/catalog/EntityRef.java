package dev.paved.catalog;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * A reference to an entity, {@code kind:namespace/name}. References compare case-insensitively, as Backstage's do,
 * so every part is stored in lower case; an {@link Entity} keeps the spelling of its own name for display.
 */
public record EntityRef(String kind, String namespace, String name) implements Comparable<EntityRef> {

    /** The namespace used when a reference and its referrer name none. */
    public static final String DEFAULT_NAMESPACE = "default";

    private static final Comparator<EntityRef> ORDER = Comparator.comparing(EntityRef::kind)
            .thenComparing(EntityRef::namespace).thenComparing(EntityRef::name);

    public EntityRef {
        kind = Objects.requireNonNull(kind, "kind").toLowerCase(Locale.ROOT);
        namespace = Objects.requireNonNull(namespace, "namespace").toLowerCase(Locale.ROOT);
        name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code [kind:][namespace/]name}. A {@code :} counts only before the first {@code /}.
     *
     * @param text             the reference as written
     * @param defaultKind      the kind when the text has none, or {@code null} when a kind is required
     * @param defaultNamespace the namespace when the text has none (the referring entity's namespace)
     * @throws IllegalArgumentException with Backstage's wording when the text is not a reference
     */
    public static EntityRef parse(String text, String defaultKind, String defaultNamespace) {
        String rest = text == null ? "" : text;
        String kind = null;
        String namespace = null;
        int colon = rest.indexOf(':');
        int slash = rest.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            kind = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
            slash = rest.indexOf('/');
        }
        if (slash >= 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        // As Backstage's parser: the name is everything after the first slash, further slashes included.
        if ((kind != null && kind.isEmpty()) || (namespace != null && namespace.isEmpty()) || rest.isEmpty()) {
            throw new IllegalArgumentException("Entity reference \"" + text
                    + "\" was not on the form [<kind>:][<namespace>/]<name>");
        }
        if (kind == null) {
            if (defaultKind == null) {
                throw new IllegalArgumentException("Entity reference \"" + text + "\" had missing or empty kind");
            }
            kind = defaultKind;
        }
        return new EntityRef(kind, namespace == null ? defaultNamespace : namespace, rest);
    }

    /** {@code kind:namespace/name} in lower case, as Backstage's {@code stringifyEntityRef}. */
    @Override
    public String toString() {
        return kind + ":" + namespace + "/" + name;
    }

    /** The shortest form a reader needs: the namespace is left out when it is the default one. */
    public String toShortString() {
        return DEFAULT_NAMESPACE.equals(namespace) ? kind + ":" + name : toString();
    }

    @Override
    public int compareTo(EntityRef other) {
        return ORDER.compare(this, other);
    }
}
