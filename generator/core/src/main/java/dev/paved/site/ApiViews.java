package dev.paved.site;

import java.util.List;

/**
 * What API pages show of a definition beyond its operations table: AsyncAPI messages with their payloads, a GraphQL
 * schema's types and a {@code .proto} file's services, messages and enums. Public only because Pebble reads them
 * reflectively.
 */
public final class ApiViews {

    private ApiViews() {
    }

    /**
     * A type as a definition writes it, e.g. {@code [Parcel!]!}: the text before and after the named type, and the
     * page anchor of that type's definition, or null when the definition does not define it (a built-in scalar, an
     * imported message).
     */
    public record TypeRef(String before, String name, String after, String anchor) {

        /** The type as written. */
        public String text() {
            return before + name + after;
        }
    }

    /** A message an AsyncAPI operation sends or receives, with the fields of its payload. */
    public record Message(String name, String title, String summary, String contentType, String payloadType,
                          List<SchemaField> payload) {
    }

    /**
     * A property of a payload schema; {@code depth} is how deep it is nested (0 for the payload's own properties),
     * {@code type} is readable ("string (uuid)", "array of object", "one of: a, b").
     */
    public record SchemaField(String name, int depth, String type, boolean required, String description) {
    }

    /** A GraphQL schema read from its SDL: the schema's description and its types, the operation types first. */
    public record GraphQlSchema(String description, List<GraphQlType> types) {
    }

    /**
     * A type of a GraphQL schema. {@code kind} is the SDL keyword ({@code type}, {@code interface}, {@code union},
     * {@code enum}, {@code input}, {@code scalar}); {@code operation} is {@code query}, {@code mutation} or
     * {@code subscription} for the schema's operation types, else empty.
     */
    public record GraphQlType(String name, String kind, String anchor, String operation, String description,
                              List<TypeRef> interfaces, List<GraphQlField> fields, List<GraphQlValue> values,
                              List<TypeRef> members, String deprecation) {
    }

    /**
     * A field of a GraphQL object, interface or input type, or an argument of a field ({@code arguments} then
     * empty). {@code deprecation} is null unless it is deprecated, then the reason (possibly empty).
     */
    public record GraphQlField(String name, List<GraphQlField> arguments, TypeRef type, String defaultValue,
                               String description, String deprecation) {
    }

    /** A value of a GraphQL enum. */
    public record GraphQlValue(String name, String description, String deprecation) {
    }

    /** A {@code .proto} file: its package, syntax, imports, services, messages (nested ones by dotted name) and enums. */
    public record ProtoFile(String packageName, String syntax, List<String> imports, List<ProtoService> services,
                            List<ProtoMessage> messages, List<ProtoEnum> enums) {
    }

    /** A gRPC service. */
    public record ProtoService(String name, String anchor, String description, List<ProtoMethod> methods) {
    }

    /** A method of a gRPC service, with its request and response and whether each is a stream. */
    public record ProtoMethod(String name, TypeRef request, boolean requestStreaming, TypeRef response,
                              boolean responseStreaming, String description) {
    }

    /** A protobuf message. */
    public record ProtoMessage(String name, String anchor, String description, List<ProtoField> fields) {
    }

    /**
     * A field of a protobuf message. {@code label} is {@code repeated}, {@code optional}, {@code required},
     * {@code oneof <name>} or empty (a proto3 field without one).
     */
    public record ProtoField(int number, String name, String label, TypeRef type, String description) {
    }

    /** A protobuf enum. */
    public record ProtoEnum(String name, String anchor, String description, List<ProtoValue> values) {
    }

    /** A value of a protobuf enum. */
    public record ProtoValue(String name, int number, String description) {
    }
}
