package dev.paved.scaffold;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Values that print as JavaScript prints them, as Nunjucks does: an array as its items joined by commas, an object
 * as {@code [object Object]}, a whole double without {@code .0}. Template values are wrapped in these before
 * rendering so that {@code ${{ parameters.tags }}} gives what a Backstage user expects.
 */
final class JsValues {

    private JsValues() {
    }

    static Object wrap(Object value) {
        if (value instanceof JsObject || value instanceof JsArray) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            JsObject object = new JsObject();
            map.forEach((k, v) -> object.put(String.valueOf(k), wrap(v)));
            return object;
        }
        if (value instanceof Collection<?> list) {
            JsArray array = new JsArray();
            list.forEach(v -> array.add(wrap(v)));
            return array;
        }
        if (value instanceof Object[] items) {
            return wrap(List.of(items));
        }
        return value;
    }

    /** Unwraps into plain maps and lists (for JSON and YAML output). */
    static Object unwrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), unwrap(v)));
            return plain;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(JsValues::unwrap).collect(Collectors.toCollection(ArrayList::new));
        }
        return value;
    }

    static String print(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    /** A map that prints as a JavaScript object does. */
    static final class JsObject extends LinkedHashMap<String, Object> {
        @Override
        public String toString() {
            return "[object Object]";
        }
    }

    /** A list that prints as a JavaScript array does. */
    static final class JsArray extends ArrayList<Object> {
        @Override
        public String toString() {
            return stream().map(JsValues::print).collect(Collectors.joining(","));
        }
    }
}
