package dev.paved.site;

import graphql.language.AstPrinter;
import graphql.language.DescribedNode;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.Node;
import graphql.language.NonNullType;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.parser.ParserOptions;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GraphQL schema's SDL, with graphql-java's SDL parser, into the types its API page lists: the operation types
 * (query, mutation, subscription) first, then every other type in the order the SDL defines it, each type extension
 * folded into its type. Built-in scalars are not listed; types the schema defines are linked where they are used.
 */
final class GraphQlSchemas {

    private static final List<String> OPERATIONS = List.of("query", "mutation", "subscription");
    /** The parser's defaults for SDL, with nesting bounded so that no schema can exhaust the stack. */
    private static final ParserOptions OPTIONS = ParserOptions.getDefaultSdlParserOptions()
            .transform(b -> b.maxRuleDepth(500).captureSourceLocation(true));

    private GraphQlSchemas() {
    }

    /**
     * The schema {@code sdl} defines.
     *
     * @throws IllegalArgumentException when it is not a schema the parser reads, saying why
     */
    static ApiViews.GraphQlSchema read(String sdl) {
        TypeDefinitionRegistry registry;
        try {
            registry = new SchemaParser().parse(new StringReader(sdl), OPTIONS);
        } catch (SchemaProblem e) {
            throw new IllegalArgumentException(e.getErrors().isEmpty() ? e.getMessage()
                    : e.getErrors().get(0).getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        Map<String, List<TypeDefinition<?>>> byName = new LinkedHashMap<>();
        registry.types().values().forEach(t -> byName.computeIfAbsent(t.getName(), k -> new ArrayList<>()).add(t));
        registry.scalars().values().stream().filter(s -> !ScalarInfo.isGraphqlSpecifiedScalar(s.getName()))
                .forEach(s -> byName.computeIfAbsent(s.getName(), k -> new ArrayList<>()).add(s));
        List<Map<String, ? extends List<? extends TypeDefinition<?>>>> extensions = List.of(
                registry.objectTypeExtensions(), registry.interfaceTypeExtensions(), registry.unionTypeExtensions(),
                registry.enumTypeExtensions(), registry.inputObjectTypeExtensions(), registry.scalarTypeExtensions());
        for (Map<String, ? extends List<? extends TypeDefinition<?>>> kind : extensions) {
            for (List<? extends TypeDefinition<?>> list : kind.values()) {
                for (TypeDefinition<?> t : list) {
                    byName.computeIfAbsent(t.getName(), k -> new ArrayList<>()).add(t);
                }
            }
        }
        Map<String, String> roots = roots(registry);
        Set<String> defined = byName.keySet();

        List<ApiViews.GraphQlType> types = new ArrayList<>();
        byName.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<TypeDefinition<?>>> e) -> {
                    int root = OPERATIONS.indexOf(roots.getOrDefault(e.getKey(), ""));
                    return root < 0 ? OPERATIONS.size() : root;
                }).thenComparingInt(e -> line(e.getValue().get(0))))
                .forEach(e -> types.add(type(e.getKey(), e.getValue(), roots.getOrDefault(e.getKey(), ""), defined)));
        String description = registry.schemaDefinition().map(SchemaDefinition::getDescription)
                .map(GraphQlSchemas::text).orElse("");
        return new ApiViews.GraphQlSchema(description, List.copyOf(types));
    }

    /** The page anchor of a type's definition. */
    static String anchor(String type) {
        return "graphql-" + type;
    }

    /** Which type is each operation's: as the schema definition says, else the types named Query, Mutation, … */
    private static Map<String, String> roots(TypeDefinitionRegistry registry) {
        Map<String, String> roots = new LinkedHashMap<>();
        List<OperationTypeDefinition> declared = new ArrayList<>();
        registry.schemaDefinition().ifPresent(s -> declared.addAll(s.getOperationTypeDefinitions()));
        registry.getSchemaExtensionDefinitions().forEach(s -> declared.addAll(s.getOperationTypeDefinitions()));
        if (declared.isEmpty()) {
            for (String operation : OPERATIONS) {
                String name = Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
                roots.put(name, operation);
            }
        }
        declared.forEach(d -> roots.put(d.getTypeName().getName(), d.getName()));
        return roots;
    }

    private static ApiViews.GraphQlType type(String name, List<TypeDefinition<?>> parts, String operation,
                                             Set<String> defined) {
        TypeDefinition<?> first = parts.get(0);
        String kind = first instanceof InterfaceTypeDefinition ? "interface"
                : first instanceof UnionTypeDefinition ? "union"
                : first instanceof EnumTypeDefinition ? "enum"
                : first instanceof InputObjectTypeDefinition ? "input"
                : first instanceof ScalarTypeDefinition ? "scalar" : "type";
        String description = "";
        List<ApiViews.TypeRef> interfaces = new ArrayList<>();
        List<ApiViews.GraphQlField> fields = new ArrayList<>();
        List<ApiViews.GraphQlValue> values = new ArrayList<>();
        List<ApiViews.TypeRef> members = new ArrayList<>();
        String deprecation = null;
        for (TypeDefinition<?> part : parts) {
            if (description.isEmpty()) {
                description = description(part);
            }
            if (deprecation == null) {
                deprecation = deprecation(part);
            }
            if (part instanceof ImplementingTypeDefinition<?> implementing) {
                implementing.getImplements().forEach(t -> interfaces.add(ref(t, defined)));
                implementing.getFieldDefinitions().forEach(f -> fields.add(field(f, defined)));
            }
            if (part instanceof UnionTypeDefinition union) {
                union.getMemberTypes().forEach(t -> members.add(ref(t, defined)));
            }
            if (part instanceof EnumTypeDefinition enumType) {
                for (EnumValueDefinition v : enumType.getEnumValueDefinitions()) {
                    values.add(new ApiViews.GraphQlValue(v.getName(), text(v.getDescription()), deprecation(v)));
                }
            }
            if (part instanceof InputObjectTypeDefinition input) {
                input.getInputValueDefinitions().forEach(v -> fields.add(input(v, defined)));
            }
        }
        return new ApiViews.GraphQlType(name, kind, anchor(name), operation, description, List.copyOf(interfaces),
                List.copyOf(fields), List.copyOf(values), List.copyOf(members), deprecation);
    }

    private static ApiViews.GraphQlField field(FieldDefinition f, Set<String> defined) {
        List<ApiViews.GraphQlField> arguments = f.getInputValueDefinitions().stream().map(a -> input(a, defined))
                .toList();
        return new ApiViews.GraphQlField(f.getName(), arguments, ref(f.getType(), defined), "",
                text(f.getDescription()), deprecation(f));
    }

    private static ApiViews.GraphQlField input(InputValueDefinition v, Set<String> defined) {
        return new ApiViews.GraphQlField(v.getName(), List.of(), ref(v.getType(), defined),
                v.getDefaultValue() == null ? "" : AstPrinter.printAst(v.getDefaultValue()),
                text(v.getDescription()), deprecation(v));
    }

    /** A type as written, its named type linked when the schema defines it. */
    static ApiViews.TypeRef ref(Type<?> type, Set<String> defined) {
        if (type instanceof NonNullType nonNull) {
            ApiViews.TypeRef inner = ref(nonNull.getType(), defined);
            return new ApiViews.TypeRef(inner.before(), inner.name(), inner.after() + "!", inner.anchor());
        }
        if (type instanceof ListType list) {
            ApiViews.TypeRef inner = ref(list.getType(), defined);
            return new ApiViews.TypeRef("[" + inner.before(), inner.name(), inner.after() + "]", inner.anchor());
        }
        String name = ((TypeName) type).getName();
        return new ApiViews.TypeRef("", name, "", defined.contains(name) ? anchor(name) : null);
    }

    /** Null unless the node carries {@code @deprecated}; then its reason, or empty. */
    private static String deprecation(Object node) {
        if (!(node instanceof DirectivesContainer<?> container) || !container.hasDirective("deprecated")) {
            return null;
        }
        Directive directive = container.getDirectives("deprecated").get(0);
        return directive.getArgument("reason") != null
                && directive.getArgument("reason").getValue() instanceof StringValue reason ? reason.getValue() : "";
    }

    /** A node's description, or empty when it has none or cannot have one. */
    private static String description(Object node) {
        return node instanceof DescribedNode<?> described ? text(described.getDescription()) : "";
    }

    private static String text(Description description) {
        return description == null || description.getContent() == null ? "" : description.getContent().strip();
    }

    private static int line(Node<?> node) {
        SourceLocation location = node.getSourceLocation();
        return location == null ? Integer.MAX_VALUE : location.getLine();
    }
}
