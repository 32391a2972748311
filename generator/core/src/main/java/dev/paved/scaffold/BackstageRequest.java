package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityLink;
import dev.paved.catalog.Relation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code http:backstage:request} (Roadie's): a template asks Backstage's own API. Without a Backstage backend, Paved
 * sends {@code /proxy/<name>/…} through the app-config's proxy of that name ({@link ProxyRequest}) and answers the
 * catalog's read requests from the catalog it built ({@code GET /api/catalog/entities} with
 * {@code filter} and {@code fields}, {@code …/entities/by-query}, {@code …/entities/by-name/{kind}/{ns}/{name}}), in
 * the catalog API's shapes, and refuses every other method and path by name, before anything runs when the
 * template names them plainly. Outputs {@code code}, {@code headers} and {@code body}; an answer of 400 or more is an
 * error unless {@code continueOnBadResponse} (in a dry run, whose values may be samples, it is reported).
 */
final class BackstageRequest {

    private static final Pattern BY_NAME = Pattern.compile("catalog/entities/by-name/([^/]+)/([^/]+)/([^/]+)/?");

    private BackstageRequest() {
    }

    /** Why the step cannot run, when its method or path says so without rendering anything. */
    static Optional<String> refusal(Step step, Platform platform) {
        JsonNode method = step.input().path("method");
        JsonNode literalPath = step.input().path("path");
        if (literalPath.isTextual()) {
            String literal = normalise(literalPath.asText().split("\\$\\{\\{", 2)[0]);
            if (literal.startsWith("proxy/") && literal.length() > "proxy/".length()) {
                // Through a configured proxy; without one, refused below as any path but the catalog's.
                Optional<Map.Entry<String, Platform.Proxy>> proxy = ProxyRequest.find(platform, literal);
                if (proxy.isPresent()) {
                    return method.isTextual() && !method.asText().contains("${{")
                            && !ProxyRequest.allows(proxy.get().getValue(), method.asText())
                            ? Optional.of(step.label() + ": the proxy " + proxy.get().getKey() + " allows only "
                            + String.join(", ", proxy.get().getValue().allowedMethods()) + ", not "
                            + method.asText().toUpperCase(Locale.ROOT)) : Optional.empty();
                }
            }
        }
        if (method.isTextual() && !method.asText().contains("${{") && !method.asText().equalsIgnoreCase("GET")) {
            return Optional.of(step.label() + ": Paved answers only GET requests of the catalog API, not "
                    + method.asText().toUpperCase(Locale.ROOT) + " " + step.input().path("path").asText()
                    + " (there is no Backstage backend to send it to)");
        }
        JsonNode path = step.input().path("path");
        if (path.isTextual()) {
            String literal = path.asText().split("\\$\\{\\{", 2)[0];
            String normal = normalise(literal);
            if (!"catalog/".startsWith(normal) && !normal.startsWith("catalog/")) {
                return Optional.of(step.label() + ": Paved answers only the catalog API (/api/catalog/entities…), "
                        + "not " + path.asText() + " (there is no Backstage backend to send it to)");
            }
        }
        return Optional.empty();
    }

    /**
     * http:backstage:request — {@code method}, {@code path}, {@code params}, {@code headers}, {@code body},
     * {@code continueOnBadResponse}.
     */
    static Map<String, Object> request(StepRun run, Map<String, Object> input) throws java.io.IOException {
        String label = run.step().label();
        String method = StepRun.text(input, "method", "GET").toUpperCase(Locale.ROOT);
        String path = run.required(input, "path");
        Optional<Map.Entry<String, Platform.Proxy>> proxy = ProxyRequest.find(run.options().platform(),
                normalise(path));
        if (proxy.isPresent()) {
            return ProxyRequest.send(run, input, method, normalise(path), proxy.get());
        }
        if (!method.equals("GET")) {
            throw new TemplateException(label + ": Paved answers only GET requests of the catalog API, not " + method
                    + " " + path + " (there is no Backstage backend to send it to)");
        }
        String[] parts = path.split("\\?", 2);
        String route = normalise(parts[0]).replaceFirst("/$", "");
        Map<String, List<String>> query = query(parts.length > 1 ? parts[1] : "");
        if (input.get("params") instanceof Map<?, ?> params) {
            params.forEach((k, v) -> query.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>())
                    .addAll(v instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
                            : List.of(String.valueOf(v))));
        }
        Catalog catalog = run.options().catalog();
        List<Entity> entities = catalog == null ? List.of() : catalog.entities();
        int code;
        Object body;
        Matcher byName = BY_NAME.matcher(route);
        if (route.equals("catalog/entities") || route.equals("catalog/entities/by-query")) {
            List<Object> items = new ArrayList<>();
            for (Entity e : entities) {
                Map<String, Object> json = json(e, catalog);
                if (matches(json, query.getOrDefault("filter", List.of()))) {
                    items.add(project(json, query.getOrDefault("fields", List.of())));
                }
            }
            code = 200;
            if (route.endsWith("by-query")) {
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("items", items);
                page.put("totalItems", items.size());
                page.put("pageInfo", Map.of());
                body = page;
            } else {
                body = items;
            }
        } else if (byName.matches()) {
            Optional<Entity> found = entities.stream().filter(e -> e.kind().equalsIgnoreCase(decode(byName.group(1)))
                    && e.namespace().equalsIgnoreCase(decode(byName.group(2)))
                    && e.name().equalsIgnoreCase(decode(byName.group(3)))).findFirst();
            code = found.isPresent() ? 200 : 404;
            body = found.isPresent() ? project(json(found.get(), catalog), query.getOrDefault("fields", List.of()))
                    : Map.of("error", Map.of("name", "NotFoundError", "message", "No entity named '"
                    + decode(byName.group(1)) + ":" + decode(byName.group(2)) + "/" + decode(byName.group(3))
                    + "' found"), "response", Map.of("statusCode", 404));
        } else {
            throw new TemplateException(label + ": Paved answers only GET /api/catalog/entities, "
                    + "/api/catalog/entities/by-query and /api/catalog/entities/by-name/{kind}/{namespace}/{name}, "
                    + "not " + path);
        }
        run.log("  " + method + " /api/" + route + " → " + code + " (from the built catalog)");
        if (code >= 400 && !StepRun.flag(input, "continueOnBadResponse") && run.dryRun()) {
            run.log("  a run would stop here (" + code + ", without continueOnBadResponse)");
        } else if (code >= 400 && !StepRun.flag(input, "continueOnBadResponse")) {
            throw new TemplateException(label + ": " + method + " " + path + " answered " + code + ": "
                    + ((Map<?, ?>) ((Map<?, ?>) body).get("error")).get("message"));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("code", code);
        output.put("headers", Map.of("content-type", "application/json; charset=utf-8"));
        output.put("body", body);
        return output;
    }

    /** {@code /api/catalog/x}, {@code /catalog/x} and {@code catalog/x} alike, as {@code catalog/x}. */
    private static String normalise(String path) {
        return path.trim().replaceFirst("^/+", "").replaceFirst("^api/", "");
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            out.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The catalog API's filter: each {@code filter} is a comma-separated list of {@code key=value} (or {@code key},
     * the key exists) that must all hold; several filters are alternatives. Keys and values compare without case;
     * keys are dotted paths, with arrays matching any item and relations as {@code relations.<type>}.
     */
    static boolean matches(Map<String, Object> entity, List<String> filters) {
        if (filters.isEmpty()) {
            return true;
        }
        Map<String, List<String>> flat = new TreeMap<>();
        flatten("", entity, flat);
        if (entity.get("relations") instanceof Collection<?> relations) {
            for (Object r : relations) {
                if (r instanceof Map<?, ?> relation) {
                    flatten("relations." + relation.get("type"), relation.get("targetRef"), flat);
                }
            }
        }
        for (String filter : filters) {
            boolean all = true;
            for (String condition : filter.split(",")) {
                String[] kv = condition.split("=", 2);
                List<String> values = flat.get(kv[0].trim().toLowerCase(Locale.ROOT));
                if (values == null || kv.length > 1 && !values.contains(kv[1].trim().toLowerCase(Locale.ROOT))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static void flatten(String prefix, Object value, Map<String, List<String>> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof Collection<?> list) {
            list.forEach(v -> flatten(prefix, v, out));
        } else if (value != null) {
            out.computeIfAbsent(prefix.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(String.valueOf(value).toLowerCase(Locale.ROOT));
        }
    }

    /** Only the {@code fields} asked for (comma-separated dotted paths), or the whole entity. */
    @SuppressWarnings("unchecked")
    private static Object project(Map<String, Object> entity, List<String> fields) {
        if (fields.isEmpty()) {
            return entity;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String list : fields) {
            for (String field : list.split(",")) {
                String[] path = field.trim().split("\\.", 2);
                Object v = entity.get(path[0]);
                if (path.length == 1) {
                    if (v != null) {
                        out.put(path[0], v);
                    }
                } else if (v instanceof Map<?, ?> inner) {
                    Object sub = project((Map<String, Object>) inner, List.of(path[1]));
                    if (sub instanceof Map<?, ?> m && !m.isEmpty()) {
                        ((Map<String, Object>) out.computeIfAbsent(path[0], k -> new LinkedHashMap<>()))
                                .putAll((Map<String, Object>) m);
                    }
                }
            }
        }
        return out;
    }

    /** An entity as the catalog API returns it. */
    static Map<String, Object> json(Entity e, Catalog catalog) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("namespace", e.namespace());
        metadata.put("name", e.name());
        if (!e.title().isEmpty()) {
            metadata.put("title", e.title());
        }
        if (!e.description().isEmpty()) {
            metadata.put("description", e.description());
        }
        metadata.put("labels", new TreeMap<>(e.labels()));
        metadata.put("annotations", new TreeMap<>(e.annotations()));
        metadata.put("tags", e.tags());
        List<Map<String, Object>> links = new ArrayList<>();
        for (EntityLink l : e.links()) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("url", l.url());
            if (!l.title().isEmpty()) {
                link.put("title", l.title());
            }
            links.add(link);
        }
        metadata.put("links", links);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("apiVersion", e.apiVersion());
        json.put("kind", e.kind());
        json.put("metadata", metadata);
        json.put("spec", StructuredText.plain(e.spec()));
        List<Map<String, Object>> relations = new ArrayList<>();
        for (Relation r : catalog.relationsFrom(e.ref())) {
            relations.add(Map.of("type", r.type().id(), "targetRef", r.target().toString()));
        }
        json.put("relations", relations);
        return json;
    }
}
