package dev.paved.scaffold;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Backstage's template dialect: Nunjucks with {@code ${{ }}} for output, {@code {% %}} for tags, no
 * autoescaping, and the scaffolder's filters. Built on Jinjava (Jinja, which Nunjucks follows), with a thin layer for
 * where Nunjucks and Jinja part: the delimiters, {@code ===}, and how values print. The choice and the cases where
 * it still differs from Nunjucks: docs/decisions/0005-template-engine.md.
 */
final class NunjucksTemplater {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\s*-?%}.*?\\{%-?\\s*endraw\\s*-?%}", Pattern.DOTALL);
    private static final Pattern FILTER = Pattern.compile("(?<!\\|)\\|(?!\\|)\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern JINJA_EXPRESSION = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("^\\$\\{\\{(.*)}}$", Pattern.DOTALL);

    private final Jinjava jinjava;

    NunjucksTemplater() {
        this(false);
    }

    /**
     * A templater; {@code strict}: a variable that is not defined is an error, as in cookiecutter's Jinja
     * ({@code StrictUndefined}), instead of printing nothing, as in Nunjucks.
     */
    NunjucksTemplater(boolean strict) {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(strict)
                .withNestedInterpretationEnabled(false)
                // Templates come from other repositories: no reading files or classpath resources from them.
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends")))
                .withMaxOutputSize(64L << 20)
                .build();
        jinjava = new Jinjava(config);
        ScaffolderFilters.all().forEach(f -> jinjava.getGlobalContext().registerFilter(f));
    }

    /** Renders a template text: skeleton file contents, file names, step inputs. */
    String render(String template, Map<String, ?> context) {
        if (!template.contains("{{") && !template.contains("{%") && !template.contains("{#")) {
            return template;
        }
        return renderJinja(toJinja(template, this::knownFilter), context);
    }

    /**
     * Renders as {@code fetch:template}'s {@code cookiecutterCompat} does: {@code {{ }}} is output (as in
     * cookiecutter's Jinja), and {@code ${{ }}} too.
     */
    String renderCookiecutter(String template, Map<String, ?> context) {
        if (!template.contains("{{") && !template.contains("{%") && !template.contains("{#")) {
            return template;
        }
        String jinja = template.replace("${{", "{{");
        checkAllFilters(RAW.matcher(jinja).replaceAll(""), this::knownFilter);
        return renderJinja(jinja, context);
    }

    private String renderJinja(String jinjaTemplate, Map<String, ?> context) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        context.forEach((k, v) -> bindings.put(k, JsValues.wrap(v)));
        RenderResult result = jinjava.renderForResult(jinjaTemplate, bindings);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL
                    || error.getReason() == TemplateError.ErrorReason.UNKNOWN
                    || error.getReason() == TemplateError.ErrorReason.DISABLED) {
                throw new TemplateException(describe(error));
            }
        }
        return result.getOutput();
    }

    /**
     * Renders a step input value as Backstage does: a string that is one {@code ${{ expression }}} keeps the
     * expression's type (a list stays a list, a number a number); any other string is rendered as text, and an
     * empty result is no value. Maps and lists are rendered item by item.
     */
    Object evaluate(Object value, Map<String, ?> context) {
        if (value instanceof String text) {
            Matcher single = SINGLE_EXPRESSION.matcher(text);
            if (single.matches() && !single.group(1).contains("}}") && !single.group(1).contains("${{")) {
                String dumped = render("${{ (" + single.group(1) + ") | dump }}", context);
                if (dumped.isEmpty()) {
                    return null;
                }
                try {
                    return JSON.readValue(dumped, Object.class);
                } catch (IOException e) {
                    return dumped;
                }
            }
            String rendered = render(text, context);
            return rendered.isEmpty() ? null : rendered;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), evaluate(v, context)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(v -> evaluate(v, context)).toList();
        }
        return value;
    }

    /** Whether a value counts as true for a step's {@code if:} (false, null, "", 0 and [] do not). */
    static boolean truthy(Object value) {
        if (value == null || Boolean.FALSE.equals(value) || "".equals(value)) {
            return false;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
        }
        if (value instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    private static String describe(TemplateError error) {
        String where = error.getLineno() > 0 ? "line " + error.getLineno() + ": " : "";
        String message = error.getMessage() == null ? String.valueOf(error.getReason()) : error.getMessage();
        return where + message.replace("\n", " ");
    }

    private boolean knownFilter(String name) {
        return jinjava.getGlobalContext().getFilter(name) != null;
    }

    /** Nunjucks' {@code ${{ }}} dialect to Jinja: {@code ${{} → {@code {{}, a literal {@code {{} quoted, {@code ===} → {@code ==}. */
    static String toJinja(String template, Predicate<String> knownFilter) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        Matcher raw = RAW.matcher(template);
        int at = 0;
        while (raw.find()) {
            convert(template.substring(at, raw.start()), out, knownFilter);
            out.append(raw.group());
            at = raw.end();
        }
        convert(template.substring(at), out, knownFilter);
        return out.toString();
    }

    private static void convert(String text, StringBuilder out, Predicate<String> knownFilter) {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("${{", i)) {
                int end = closing(text, i + 3, "}}");
                if (end < 0) {
                    throw new TemplateException("an expression opened with ${{ is never closed with }}");
                }
                String expression = text.substring(i + 3, end);
                checkFilters(expression, knownFilter);
                out.append("{{").append(strictEquality(expression)).append("}}");
                i = end + 2;
            } else if (text.startsWith("{%", i)) {
                int end = closing(text, i + 2, "%}");
                if (end < 0) {
                    throw new TemplateException("a tag opened with {% is never closed with %}");
                }
                String tag = text.substring(i + 2, end);
                checkFilters(tag, knownFilter);
                out.append("{%").append(strictEquality(tag)).append("%}");
                i = end + 2;
            } else if (text.startsWith("{#", i)) {
                int end = text.indexOf("#}", i + 2);
                int stop = end < 0 ? text.length() : end + 2;
                out.append(text, i, stop);
                i = stop;
            } else if (text.startsWith("{{", i)) {
                out.append("{{ '{{' }}");
                i += 2;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
    }

    /** As {@link #checkFilters(String, Predicate)}, for every {@code {{ }}} and {@code {% %}} of a Jinja text. */
    private static void checkAllFilters(String jinja, Predicate<String> knownFilter) {
        Matcher m = JINJA_EXPRESSION.matcher(jinja);
        while (m.find()) {
            checkFilters(m.group(1) != null ? m.group(1) : m.group(2), knownFilter);
        }
    }

    /** Jinjava prints nothing for an unknown filter; Nunjucks stops with an error, and so does Paved. */
    private static void checkFilters(String expression, Predicate<String> knownFilter) {
        Matcher m = FILTER.matcher(withoutStrings(expression));
        while (m.find()) {
            if (!knownFilter.test(m.group(1))) {
                throw new TemplateException("unknown filter '" + m.group(1) + "' in '" + expression.strip() + "'");
            }
        }
    }

    /** The expression with every string literal blanked out, character for character (same length). */
    private static String withoutStrings(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < expression.length()) {
                    out.append(' ');
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                out.append(' ');
            } else {
                if (c == '\'' || c == '"') {
                    quote = c;
                }
                out.append(quote != 0 ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** Where {@code close} ends an expression that starts at {@code from}, skipping string literals. */
    private static int closing(String text, int from, String close) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (text.startsWith(close, i)) {
                return i;
            }
        }
        return -1;
    }

    /** JavaScript's {@code ===} and {@code !==} as {@code ==} and {@code !=}, outside string literals. */
    private static String strictEquality(String expression) {
        if (!expression.contains("==")) {
            return expression;
        }
        String code = withoutStrings(expression); // same length: positions match
        StringBuilder out = new StringBuilder(expression.length());
        for (int i = 0; i < expression.length(); i++) {
            out.append(expression.charAt(i));
            if (code.startsWith("===", i) || code.startsWith("!==", i)) {
                out.append('=');
                i += 2;
            }
        }
        return out.toString();
    }
}
