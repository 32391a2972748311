package dev.paved.catalog;

/** The relation types Backstage defines, each with the type its reverse carries. */
public enum RelationType {
    OWNED_BY("ownedBy", "ownerOf"),
    OWNER_OF("ownerOf", "ownedBy"),
    PART_OF("partOf", "hasPart"),
    HAS_PART("hasPart", "partOf"),
    PROVIDES_API("providesApi", "apiProvidedBy"),
    API_PROVIDED_BY("apiProvidedBy", "providesApi"),
    CONSUMES_API("consumesApi", "apiConsumedBy"),
    API_CONSUMED_BY("apiConsumedBy", "consumesApi"),
    DEPENDS_ON("dependsOn", "dependencyOf"),
    DEPENDENCY_OF("dependencyOf", "dependsOn"),
    MEMBER_OF("memberOf", "hasMember"),
    HAS_MEMBER("hasMember", "memberOf"),
    PARENT_OF("parentOf", "childOf"),
    CHILD_OF("childOf", "parentOf");

    private final String id;
    private final String reverseId;

    RelationType(String id, String reverseId) {
        this.id = id;
        this.reverseId = reverseId;
    }

    /** The relation's name as Backstage spells it, e.g. {@code ownedBy}. */
    public String id() {
        return id;
    }

    /** The type of the same relation seen from its target. */
    public RelationType reverse() {
        for (RelationType t : values()) {
            if (t.id.equals(reverseId)) {
                return t;
            }
        }
        throw new IllegalStateException(reverseId);
    }

    /** A short human label, e.g. "owned by". */
    public String label() {
        return id.replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT)
                .replace("api ", "API ").replace(" api", " API");
    }
}
