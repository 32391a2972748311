package dev.paved.scaffold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.paved.scaffold.JsValues.JsObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters Backstage's scaffolder adds to Nunjucks ({@code parseRepoUrl}, {@code parseEntityRef}, {@code pick},
 * {@code projectSlug}), and Nunjucks' own where Jinjava's differ ({@code dump}, {@code truncate}, {@code reverse},
 * {@code urlencode}).
 */
final class ScaffolderFilters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REPO_URL_KEYS = List.of("owner", "organization", "workspace", "project", "repo");
    private static final Pattern ENTITY_REF = Pattern.compile("^(?:([^:/]+):)?(?:([^:/]+)/)?([^:/]+)$");

    private ScaffolderFilters() {
    }

    static List<Filter> all() {
        return List.of(
                filter("parseRepoUrl", (value, args) -> {
                    if (value == null) {
                        throw new TemplateException("parseRepoUrl: no repository location (the value is undefined)");
                    }
                    return parseRepoUrl(String.valueOf(value));
                }),
                filter("parseEntityRef", (value, args) -> parseEntityRef(value, args.isEmpty() ? null : args.get(0))),
                filter("pick", (value, args) -> pick(value, args.isEmpty() ? "" : String.valueOf(args.get(0)))),
                filter("projectSlug", (value, args) -> {
                    Map<String, Object> repo = parseRepoUrl(String.valueOf(value));
                    return repo.get("owner") + "/" + repo.get("repo");
                }),
                filter("dump", (value, args) -> dump(value)),
                // cookiecutter's name for it, for cookiecutterCompat skeletons
                filter("jsonify", (value, args) -> dump(value)),
                filter("truncate", ScaffolderFilters::truncate),
                filter("reverse", (value, args) -> reverse(value)),
                filter("urlencode", (value, args) -> urlencode(value)));
    }

    /** {@code github.com?owner=o&repo=r} → {host, owner, repo, …}, as RepoUrlPicker values are read. */
    static Map<String, Object> parseRepoUrl(String repoUrl) {
        URI uri;
        try {
            uri = URI.create("https://" + repoUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new TemplateException("parseRepoUrl: '" + repoUrl + "' is not a repository location like "
                    + "github.com?owner=acme&repo=service");
        }
        if (uri.getHost() == null) {
            throw new TemplateException("parseRepoUrl: '" + repoUrl + "' has no host");
        }
        JsObject out = new JsObject();
        out.put("host", uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (REPO_URL_KEYS.contains(key)) {
                    out.put(key, URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    static Map<String, Object> parseEntityRef(Object ref, Object context) {
        Matcher m = ENTITY_REF.matcher(String.valueOf(ref).trim());
        if (!m.matches()) {
            throw new TemplateException("parseEntityRef: '" + ref + "' is not an entity ref like group:default/team-a");
        }
        Map<?, ?> defaults = context instanceof Map<?, ?> map ? map : Map.of();
        Object kind = m.group(1) != null ? m.group(1) : defaults.get("defaultKind");
        if (kind == null) {
            throw new TemplateException("parseEntityRef: '" + ref + "' has no kind and no defaultKind was given");
        }
        Object namespace = m.group(2) != null ? m.group(2)
                : defaults.get("defaultNamespace") != null ? defaults.get("defaultNamespace") : "default";
        JsObject out = new JsObject();
        out.put("kind", String.valueOf(kind));
        out.put("namespace", String.valueOf(namespace));
        out.put("name", m.group(3));
        return out;
    }

    /** Lodash's {@code get}: a dotted path into nested objects. */
    static Object pick(Object value, String path) {
        Object at = value;
        for (String key : path.split("\\.")) {
            if (at instanceof Map<?, ?> map) {
                at = map.get(key);
            } else if (at instanceof List<?> list && key.matches("\\d+") && Integer.parseInt(key) < list.size()) {
                at = list.get(Integer.parseInt(key));
            } else {
                return null;
            }
        }
        return at;
    }

    /** JSON.stringify: an undefined value prints nothing. */
    static String dump(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(JsValues.unwrap(value));
        } catch (JsonProcessingException e) {
            throw new TemplateException("dump: " + e.getOriginalMessage());
        }
    }

    private static Object truncate(Object value, List<Object> args) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        int length = args.size() > 0 && args.get(0) != null ? ((Number) number(args.get(0))).intValue() : 255;
        boolean killWords = args.size() > 1 && Boolean.TRUE.equals(args.get(1));
        String end = args.size() > 2 && args.get(2) != null ? String.valueOf(args.get(2)) : "...";
        if (text.length() <= length) {
            return text;
        }
        if (killWords) {
            return text.substring(0, length) + end;
        }
        int cut = text.lastIndexOf(' ', length);
        return text.substring(0, cut < 0 ? length : cut) + end;
    }

    private static Object reverse(Object value) {
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items);
            Collections.reverse(copy);
            return JsValues.wrap(copy);
        }
        return value == null ? null : new StringBuilder(String.valueOf(value)).reverse().toString();
    }

    private static Object urlencode(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> pairs = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pairs.add(encodeComponent(String.valueOf(e.getKey())) + "=" + encodeComponent(JsValues.print(e.getValue())));
            }
            return String.join("&", pairs);
        }
        return value == null ? "" : encodeComponent(JsValues.print(value));
    }

    /** JavaScript's encodeURIComponent. */
    private static String encodeComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    private static Object number(Object o) {
        return o instanceof Number n ? n : Double.valueOf(String.valueOf(o));
    }

    private static Filter filter(String name, BiFunction<Object, List<Object>, Object> body) {
        return new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return JsValues.wrap(body.apply(var, List.of((Object[]) args)));
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                return JsValues.wrap(body.apply(var, java.util.Arrays.asList(args)));
            }
        };
    }
}
