package dev.paved.site;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.RpcElement;
import com.squareup.wire.schema.internal.parser.ServiceElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code .proto} file, with Square Wire's protobuf schema parser, into what a gRPC API page lists: its
 * services and their methods, its messages (nested ones by dotted name, fields in the order written) and its enums.
 * The file is parsed, not linked: the files it imports are not read, so their types are named but not linked, and
 * types are resolved within the file as protobuf resolves names (innermost scope first).
 */
final class ProtoFiles {

    private ProtoFiles() {
    }

    /**
     * The services, messages and enums {@code source} defines.
     *
     * @throws IllegalArgumentException when it is not a file the parser reads, saying why
     */
    static ApiViews.ProtoFile read(String source) {
        ProtoFileElement file;
        try {
            file = ProtoParser.Companion.parse(Location.get("definition.proto"), source);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        String pkg = file.getPackageName() == null ? "" : file.getPackageName();
        Map<String, TypeElement> types = new LinkedHashMap<>();
        collect(file.getTypes(), "", types);
        Names names = new Names(pkg, types.keySet());

        List<ApiViews.ProtoService> services = new ArrayList<>();
        for (ServiceElement service : file.getServices()) {
            List<ApiViews.ProtoMethod> methods = new ArrayList<>();
            for (RpcElement rpc : service.getRpcs()) {
                methods.add(new ApiViews.ProtoMethod(rpc.getName(), names.ref(rpc.getRequestType(), ""),
                        rpc.getRequestStreaming(), names.ref(rpc.getResponseType(), ""), rpc.getResponseStreaming(),
                        rpc.getDocumentation().strip()));
            }
            services.add(new ApiViews.ProtoService(service.getName(), anchor(service.getName()),
                    service.getDocumentation().strip(), List.copyOf(methods)));
        }
        List<ApiViews.ProtoMessage> messages = new ArrayList<>();
        List<ApiViews.ProtoEnum> enums = new ArrayList<>();
        types.forEach((name, type) -> {
            if (type instanceof MessageElement message) {
                messages.add(new ApiViews.ProtoMessage(name, anchor(name), message.getDocumentation().strip(),
                        fields(message, name, names)));
            } else if (type instanceof EnumElement enumType) {
                List<ApiViews.ProtoValue> values = new ArrayList<>();
                for (EnumConstantElement constant : enumType.getConstants()) {
                    values.add(new ApiViews.ProtoValue(constant.getName(), constant.getTag(),
                            constant.getDocumentation().strip()));
                }
                enums.add(new ApiViews.ProtoEnum(name, anchor(name), enumType.getDocumentation().strip(),
                        List.copyOf(values)));
            }
        });
        return new ApiViews.ProtoFile(pkg, file.getSyntax() == null ? "" : file.getSyntax().toString(),
                List.copyOf(file.getImports()), List.copyOf(services), List.copyOf(messages), List.copyOf(enums));
    }

    /** The page anchor of a service's, message's or enum's definition. */
    static String anchor(String name) {
        return "grpc-" + name;
    }

    /** Every message and enum, nested ones after their parent under dotted names. */
    private static void collect(List<TypeElement> types, String prefix, Map<String, TypeElement> out) {
        for (TypeElement type : types) {
            String name = prefix + type.getName();
            out.put(name, type);
            collect(type.getNestedTypes(), name + ".", out);
        }
    }

    /** A message's fields, those of its oneofs among them, in the order the file writes them. */
    private static List<ApiViews.ProtoField> fields(MessageElement message, String scope, Names names) {
        record Written(FieldElement field, String oneOf) {
        }
        List<Written> all = new ArrayList<>();
        message.getFields().forEach(f -> all.add(new Written(f, null)));
        for (OneOfElement oneOf : message.getOneOfs()) {
            oneOf.getFields().forEach(f -> all.add(new Written(f, oneOf.getName())));
        }
        all.sort(Comparator.comparingInt((Written w) -> w.field().getLocation().getLine())
                .thenComparingInt(w -> w.field().getLocation().getColumn()));
        return all.stream().map(w -> new ApiViews.ProtoField(w.field().getTag(), w.field().getName(),
                w.oneOf() != null ? "oneof " + w.oneOf() : label(w.field().getLabel()),
                names.ref(w.field().getType(), scope), w.field().getDocumentation().strip())).toList();
    }

    private static String label(Field.Label label) {
        return label == null || label == Field.Label.ONE_OF ? "" : label.name().toLowerCase(Locale.ROOT);
    }

    /** Resolves type names as written in a scope of the file to the file's own types. */
    private record Names(String pkg, Set<String> defined) {

        ApiViews.TypeRef ref(String written, String scope) {
            if (written.startsWith("map<") && written.endsWith(">") && written.contains(",")) {
                int comma = written.indexOf(',');
                String value = written.substring(comma + 1, written.length() - 1).strip();
                return new ApiViews.TypeRef(written.substring(0, comma + 1) + " ", value, ">",
                        resolve(value, scope));
            }
            return new ApiViews.TypeRef("", written, "", resolve(written, scope));
        }

        /** The anchor of the type a name means in a scope (innermost first), or null when the file does not define it. */
        private String resolve(String name, String scope) {
            String relative = name;
            if (relative.startsWith(".")) {
                relative = relative.substring(1);
                if (pkg.isEmpty()) {
                    return defined.contains(relative) ? anchor(relative) : null;
                }
                return relative.startsWith(pkg + ".") && defined.contains(relative.substring(pkg.length() + 1))
                        ? anchor(relative.substring(pkg.length() + 1)) : null;
            }
            String outer = scope;
            while (true) {
                String candidate = outer.isEmpty() ? relative : outer + "." + relative;
                if (defined.contains(candidate)) {
                    return anchor(candidate);
                }
                if (outer.isEmpty()) {
                    break;
                }
                int dot = outer.lastIndexOf('.');
                outer = dot < 0 ? "" : outer.substring(0, dot);
            }
            if (!pkg.isEmpty() && relative.startsWith(pkg + ".") && defined.contains(relative.substring(pkg.length()
                    + 1))) {
                return anchor(relative.substring(pkg.length() + 1));
            }
            return null;
        }
    }
}
