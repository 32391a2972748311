package dev.paved.scaffold;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roadie's data actions: {@code roadiehq:utils:jsonata} (and its {@code :yaml:transform} and {@code :json:transform}
 * forms, which read a file of the output folder) with JSONata, through the Java port of its reference
 * implementation (com.dashjoin:jsonata); {@code roadiehq:utils:serialize:yaml} and {@code :json}. An expression is
 * data, not code: it sees only the data it is given, runs at most {@link #TIME_LIMIT_MS} ms and
 * {@link #DEPTH_LIMIT} calls deep.
 */
final class DataActions {

    static final long TIME_LIMIT_MS = 5_000;
    static final int DEPTH_LIMIT = 500;

    private DataActions() {
    }

    /** roadiehq:utils:jsonata — {@code data}, {@code expression}; outputs {@code result}. */
    static Map<String, Object> jsonata(StepRun run, Map<String, Object> input) {
        String expression = run.required(input, "expression");
        return result(evaluate(run, expression, JsValues.unwrap(input.get("data"))));
    }

    /**
     * roadiehq:utils:jsonata:yaml:transform — {@code path}, {@code expression}, {@code loadAll}, {@code as}
     * ({@code string}, the default: the result as YAML; {@code object}); outputs {@code result}.
     */
    static Map<String, Object> yamlTransform(StepRun run, Map<String, Object> input) {
        String label = run.step().label();
        String path = run.required(input, "path");
        String expression = run.required(input, "expression");
        Optional<String> text = read(run, path);
        if (text.isEmpty()) {
            return result(null);
        }
        String where = label + ": " + path;
        Object data = StepRun.flag(input, "loadAll")
                ? StructuredText.yamlDocuments(text.get(), where).stream().map(StructuredText::plain).toList()
                : StructuredText.plain(StructuredText.yaml(text.get(), where));
        Object result = evaluate(run, expression, data);
        return result("object".equals(input.get("as")) ? result : StructuredText.toYaml(result));
    }

    /**
     * roadiehq:utils:jsonata:json:transform — {@code path}, {@code expression}, {@code space}, {@code as}
     * ({@code string}, the default: the result as JSON; {@code object}); outputs {@code result}.
     */
    static Map<String, Object> jsonTransform(StepRun run, Map<String, Object> input) {
        String label = run.step().label();
        String path = run.required(input, "path");
        String expression = run.required(input, "expression");
        Optional<String> text = read(run, path);
        if (text.isEmpty()) {
            return result(null);
        }
        Object data = StructuredText.plain(StructuredText.json(text.get(), label + ": " + path));
        Object result = evaluate(run, expression, data);
        return result("object".equals(input.get("as")) ? result
                : StructuredText.toJson(result, input.get("space") != null));
    }

    /** roadiehq:utils:serialize:yaml — {@code data}; outputs {@code serialized}. */
    static Map<String, Object> serializeYaml(StepRun run, Map<String, Object> input) {
        return Map.of("serialized", StructuredText.toYaml(input.get("data")));
    }

    /** roadiehq:utils:serialize:json — {@code data}, {@code space} (indented when given); outputs {@code serialized}. */
    static Map<String, Object> serializeJson(StepRun run, Map<String, Object> input) {
        return Map.of("serialized", StructuredText.toJson(input.get("data"), input.get("space") != null));
    }

    private static Optional<String> read(StepRun run, String path) {
        Optional<byte[]> bytes = run.workspace().read(path, run.step().label());
        if (bytes.isEmpty()) {
            if (run.dryRun()) {
                run.log("  would transform " + path + " (not among the files the dry run knows)");
                return Optional.empty();
            }
            throw new TemplateException(run.step().label() + ": '" + path + "' is not a file of the output folder");
        }
        return Optional.of(new String(bytes.get(), StandardCharsets.UTF_8));
    }

    static Object evaluate(StepRun run, String expression, Object data) {
        Jsonata compiled;
        try {
            compiled = Jsonata.jsonata(expression);
        } catch (JException e) {
            throw new TemplateException(run.step().label() + ": the expression is not JSONata: " + message(e));
        }
        Jsonata.Frame frame = compiled.createFrame();
        frame.setRuntimeBounds(TIME_LIMIT_MS, DEPTH_LIMIT);
        try {
            return plain(compiled.evaluate(data, frame));
        } catch (JException e) {
            throw new TemplateException(run.step().label() + ": the expression failed: " + message(e));
        } catch (RuntimeException | StackOverflowError e) {
            throw new TemplateException(run.step().label() + ": the expression failed: " + e);
        }
    }

    private static String message(JException e) {
        return e.getMessage() + (e.getLocation() > 0 ? " (at character " + e.getLocation() + ")" : "");
    }

    /** JSONata's result as plain JSON values: its null as null, a function (not data) refused. */
    private static Object plain(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        if (value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        throw new TemplateException("the expression's result is a " + value.getClass().getSimpleName()
                + ", not data");
    }

    private static Map<String, Object> result(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", value);
        return out;
    }
}
