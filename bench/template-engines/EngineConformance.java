// Renders every conformance template with Jinjava and with Pebble, both set up as Backstage sets up Nunjucks
// (variables between ${{ and }}, no autoescape, the scaffolder's filters), and counts how many outputs equal
// Nunjucks' own. Input: the JSON written by run.sh ({context, templates, expected}). See README.md.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.lexer.Syntax;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.File;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class EngineConformance {
    static final ObjectMapper JSON = new ObjectMapper();

    // The scaffolder's own filters, shared by both engines.
    static Map<String, Object> parseRepoUrl(Object url) {
        URI uri = URI.create("https://" + url);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                if (List.of("owner", "organization", "workspace", "project", "repo").contains(k)) {
                    out.put(k, URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
    static Map<String, Object> parseEntityRef(Object ref) {
        Matcher m = Pattern.compile("^(?:([^:/]+):)?(?:([^:/]+)/)?([^:/]+)$").matcher(String.valueOf(ref).trim());
        if (!m.matches() || m.group(1) == null) throw new IllegalArgumentException("Invalid entity ref " + ref);
        return Map.of("kind", m.group(1), "namespace", m.group(2) == null ? "default" : m.group(2), "name", m.group(3));
    }
    static Object pick(Object obj, Object path) {
        Object o = obj;
        for (String k : String.valueOf(path).split("\\.")) o = o instanceof Map<?, ?> map ? map.get(k) : null;
        return o;
    }
    static String dump(Object value) {
        try { return JSON.writeValueAsString(value); } catch (Exception e) { throw new RuntimeException(e); }
    }
    static final Map<String, BiFunction<Object, List<Object>, Object>> FILTERS = Map.of(
            "parseRepoUrl", (v, a) -> parseRepoUrl(v),
            "parseEntityRef", (v, a) -> parseEntityRef(v),
            "pick", (v, a) -> pick(v, a.get(0)),
            "projectSlug", (v, a) -> { var p = parseRepoUrl(v); return p.get("owner") + "/" + p.get("repo"); },
            "dump", (v, a) -> dump(v));

    // Jinjava: its scanner takes one-character delimiters, so ${{ becomes {{ and a literal {{ is quoted first.
    static String toJinja(String template) {
        StringBuilder out = new StringBuilder();
        Matcher raw = Pattern.compile("\\{%-?\\s*raw\\s*-?%\\}.*?\\{%-?\\s*endraw\\s*-?%\\}", Pattern.DOTALL).matcher(template);
        int at = 0;
        while (raw.find()) { out.append(quoteBraces(template.substring(at, raw.start()))).append(raw.group()); at = raw.end(); }
        return out.append(quoteBraces(template.substring(at))).toString();
    }
    static String quoteBraces(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("${{", i)) { out.append("{{"); i += 2; }
            else if (s.startsWith("{{", i)) { out.append("{{ '{{' }}"); i += 1; }
            else out.append(s.charAt(i));
        }
        return out.toString();
    }
    static Jinjava jinjava() {
        Jinjava j = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(false).build());
        FILTERS.forEach((name, f) -> j.getGlobalContext().registerFilter(new Filter() {
            public String getName() { return name; }
            public Object filter(Object v, JinjavaInterpreter i, String... args) { return f.apply(v, Arrays.asList((Object[]) args)); }
        }));
        return j;
    }
    static PebbleEngine pebble() {
        return new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(false).newLineTrimming(false)
                .strictVariables(false)
                .syntax(new Syntax.Builder().setPrintOpenDelimiter("${{").setPrintCloseDelimiter("}}").build())
                .extension(new AbstractExtension() {
                    @Override public Map<String, io.pebbletemplates.pebble.extension.Filter> getFilters() {
                        Map<String, io.pebbletemplates.pebble.extension.Filter> m = new HashMap<>();
                        FILTERS.forEach((name, f) -> m.put(name, new io.pebbletemplates.pebble.extension.Filter() {
                            public List<String> getArgumentNames() { return List.of("a0"); }
                            public Object apply(Object v, Map<String, Object> args, PebbleTemplate t, EvaluationContext c, int line) {
                                return f.apply(v, args.containsKey("a0") ? List.of(args.get("a0")) : List.of());
                            }
                        }));
                        return m;
                    }
                }).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> in = JSON.readValue(new File(args[0]), Map.class);
        @SuppressWarnings("unchecked") Map<String, Object> context = (Map<String, Object>) in.get("context");
        List<String> templates = (List<String>) in.get("templates");
        List<Map<String, String>> expected = (List<Map<String, String>>) in.get("expected");
        Jinjava j = jinjava();
        PebbleEngine p = pebble();
        int jOk = 0, pOk = 0, n = 0;
        StringBuilder misses = new StringBuilder();
        for (int i = 0; i < templates.size(); i++) {
            String want = expected.get(i).get("output");
            if (want == null) continue; // Nunjucks itself refuses it: not a conformance case
            n++;
            String t = templates.get(i);
            String jo, po;
            try { jo = j.render(toJinja(t), context); } catch (Exception e) { jo = "ERROR " + e; }
            try { StringWriter w = new StringWriter(); p.getTemplate(t).evaluate(w, context); po = w.toString(); }
            catch (Exception e) { po = "ERROR " + e.getMessage(); }
            if (jo.equals(want)) jOk++; else misses.append("jinjava ").append(JSON.writeValueAsString(t)).append("\n  want ").append(JSON.writeValueAsString(want)).append("\n  got  ").append(JSON.writeValueAsString(jo)).append('\n');
            if (po.equals(want)) pOk++; else misses.append("pebble  ").append(JSON.writeValueAsString(t)).append("\n  want ").append(JSON.writeValueAsString(want)).append("\n  got  ").append(JSON.writeValueAsString(po)).append('\n');
        }
        System.out.print(misses);
        System.out.printf("%nNunjucks-rendered cases: %d%nJinjava 2.8.2: %d equal (%.1f%%)%nPebble 4.1.2:  %d equal (%.1f%%)%n",
                n, jOk, 100.0 * jOk / n, pOk, 100.0 * pOk / n);
    }
}
