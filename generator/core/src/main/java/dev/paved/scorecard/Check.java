package dev.paved.scorecard;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule's test over an entity's facts. The language is small on purpose:
 * <pre>
 * {fact: hasReadme, exists: true}          the fact is known (or, with false, unknown)
 * {fact: lifecycle, equals: production}    equal (numbers, booleans and strings compare as such)
 * {fact: lifecycle, in: [production, experimental]}
 * {fact: owner, matches: "^team-"}         a regular expression, found anywhere in the value
 * {fact: catalogProblems, "<=": 0}         also "<", ">", ">=" (or lt, lte, gt, gte)
 * {allOf: [check, …]}  {anyOf: [check, …]}  {not: check}
 * </pre>
 */
public sealed interface Check {

    /** Whether the facts pass the check. A fact that is not known fails every test but {@code exists: false}. */
    boolean test(Map<String, Object> facts);

    /** The check in words, for pages and messages. */
    String describe();

    /** The facts the check reads. */
    List<String> facts();

    record Exists(String fact, boolean expected) implements Check {
        public boolean test(Map<String, Object> facts) {
            return facts.get(fact) != null == expected;
        }

        public String describe() {
            return fact + (expected ? " is known" : " is unknown");
        }

        public List<String> facts() {
            return List.of(fact);
        }
    }

    record Equals(String fact, Object value) implements Check {
        public boolean test(Map<String, Object> facts) {
            return same(facts.get(fact), value);
        }

        public String describe() {
            return fact + " = " + value;
        }

        public List<String> facts() {
            return List.of(fact);
        }
    }

    record In(String fact, List<Object> values) implements Check {
        public boolean test(Map<String, Object> facts) {
            Object actual = facts.get(fact);
            return values.stream().anyMatch(v -> same(actual, v));
        }

        public String describe() {
            return fact + " in " + values;
        }

        public List<String> facts() {
            return List.of(fact);
        }
    }

    record Matches(String fact, Pattern pattern) implements Check {
        public boolean test(Map<String, Object> facts) {
            Object actual = facts.get(fact);
            return actual != null && pattern.matcher(String.valueOf(actual)).find();
        }

        public String describe() {
            return fact + " matches /" + pattern + "/";
        }

        public List<String> facts() {
            return List.of(fact);
        }
    }

    record Compare(String fact, String operator, double value) implements Check {
        public boolean test(Map<String, Object> facts) {
            if (!(facts.get(fact) instanceof Number n)) {
                return false;
            }
            double v = n.doubleValue();
            return switch (operator) {
                case "<" -> v < value;
                case "<=" -> v <= value;
                case ">" -> v > value;
                default -> v >= value;
            };
        }

        public String describe() {
            return fact + " " + operator + " " + (value == Math.rint(value) ? String.valueOf((long) value)
                    : String.valueOf(value));
        }

        public List<String> facts() {
            return List.of(fact);
        }
    }

    record AllOf(List<Check> checks) implements Check {
        public boolean test(Map<String, Object> facts) {
            return checks.stream().allMatch(c -> c.test(facts));
        }

        public String describe() {
            return checks.stream().map(Check::describe).collect(Collectors.joining(" and ", "(", ")"));
        }

        public List<String> facts() {
            return checks.stream().flatMap(c -> c.facts().stream()).toList();
        }
    }

    record AnyOf(List<Check> checks) implements Check {
        public boolean test(Map<String, Object> facts) {
            return checks.stream().anyMatch(c -> c.test(facts));
        }

        public String describe() {
            return checks.stream().map(Check::describe).collect(Collectors.joining(" or ", "(", ")"));
        }

        public List<String> facts() {
            return checks.stream().flatMap(c -> c.facts().stream()).toList();
        }
    }

    record Not(Check check) implements Check {
        public boolean test(Map<String, Object> facts) {
            return !check.test(facts);
        }

        public String describe() {
            return "not " + check.describe();
        }

        public List<String> facts() {
            return check.facts();
        }
    }

    private static boolean same(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.doubleValue() == e.doubleValue();
        }
        return Objects.equals(String.valueOf(actual), String.valueOf(expected));
    }
}
