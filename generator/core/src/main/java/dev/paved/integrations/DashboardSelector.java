package dev.paved.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The dashboard selectors of Backstage's Grafana plugin ({@code grafana/dashboard-selector}): a single word is a
 * tag, asked of Grafana's search; anything else is an expression over each dashboard of the search's answer:
 * {@code tags @> 'x'} (its tags hold x), {@code title == 'x'}, {@code folderTitle != 'x'} (any field of the answer),
 * combined with {@code &&}, {@code ||}, {@code !} and parentheses; strings in single or double quotes.
 *
 * <pre>
 * (tags @> 'my-service' || tags @> 'my-service-slo') &amp;&amp; !(title == 'Old')
 * </pre>
 */
final class DashboardSelector {

    private final List<String> tokens;
    private int at;

    private DashboardSelector(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Whether {@code selector} is a single tag, as the plugin asks it. */
    static boolean isTag(String selector) {
        return selector.matches("[\\w-]+");
    }

    /**
     * The dashboards {@code selector} picks.
     *
     * @throws IllegalArgumentException why it is not a selector
     */
    static Predicate<JsonNode> parse(String selector) {
        DashboardSelector p = new DashboardSelector(tokens(selector));
        Predicate<JsonNode> out = p.or();
        if (p.at < p.tokens.size()) {
            throw new IllegalArgumentException("unexpected " + p.tokens.get(p.at));
        }
        return out;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (next("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = unary();
        while (next("&&")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        if (next("!")) {
            return unary().negate();
        }
        if (next("(")) {
            Predicate<JsonNode> inner = or();
            if (!next(")")) {
                throw new IllegalArgumentException("a ( is not closed");
            }
            return inner;
        }
        String field = take();
        if (!field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("expected a field such as tags or title, not " + field);
        }
        String op = take();
        String value = take();
        if (!value.startsWith("\u0000")) {
            throw new IllegalArgumentException("expected a quoted string after " + op);
        }
        String text = value.substring(1);
        return switch (op) {
            case "@>" -> d -> {
                for (JsonNode v : d.path(field)) {
                    if (v.asText().equals(text)) {
                        return true;
                    }
                }
                return false;
            };
            case "==" -> d -> d.path(field).isValueNode() && d.path(field).asText().equals(text);
            case "!=" -> d -> !(d.path(field).isValueNode() && d.path(field).asText().equals(text));
            default -> throw new IllegalArgumentException("unknown operator " + op + " (@>, == or !=)");
        };
    }

    private boolean next(String token) {
        if (at < tokens.size() && tokens.get(at).equals(token)) {
            at++;
            return true;
        }
        return false;
    }

    private String take() {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("it ends too soon");
        }
        return tokens.get(at++);
    }

    /** The selector's tokens; a quoted string is its text after a NUL, so that no operator looks like one. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a quote is not closed");
                }
                out.add("\u0000" + s.substring(i + 1, end));
                i = end + 1;
            } else if (s.startsWith("||", i) || s.startsWith("&&", i) || s.startsWith("@>", i)
                    || s.startsWith("==", i) || s.startsWith("!=", i)) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else if (c == '!' || c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                out.add(s.substring(i, end));
                i = end;
            } else {
                throw new IllegalArgumentException("unexpected " + c);
            }
        }
        return out;
    }
}
