package dev.paved.diagnostic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The forms diagnostics are written in, for people and for CI systems.
 *
 * <ul>
 *   <li>{@link #TEXT}: compiler style, with the offending line and a caret under the column, and a hint;</li>
 *   <li>{@link #GITHUB}: GitHub Actions workflow commands, which annotate the pull request's diff;</li>
 *   <li>{@link #SARIF}: SARIF 2.1.0, for code scanning;</li>
 *   <li>{@link #JUNIT}: JUnit XML, one test case per file checked, which any CI shows;</li>
 *   <li>{@link #JSON}: a plain JSON document for other tools.</li>
 * </ul>
 */
public enum DiagnosticFormat {
    TEXT, GITHUB, SARIF, JUNIT, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Writes {@code diagnostics} in this format.
     *
     * @param diagnostics the problems, in the order to print them
     * @param files       the display paths of every file checked (JUnit lists clean files as passing cases)
     */
    public String format(List<Diagnostic> diagnostics, List<String> files) {
        return switch (this) {
            case TEXT -> text(diagnostics);
            case GITHUB -> github(diagnostics);
            case SARIF -> sarif(diagnostics);
            case JUNIT -> junit(diagnostics, files);
            case JSON -> json(diagnostics);
        };
    }

    private static String text(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        Map<String, List<String>> sources = new HashMap<>();
        for (Diagnostic d : diagnostics) {
            out.append(d).append('\n');
            List<String> lines = d.line() > 0 ? sources.computeIfAbsent(d.file(), DiagnosticFormat::readLines)
                    : List.of();
            if (d.line() > 0 && d.line() <= lines.size()) {
                String number = String.valueOf(d.line());
                String gutter = " ".repeat(number.length());
                String line = lines.get(d.line() - 1).replace('\t', ' ');
                // A long line is shown around the column only: a minified or hostile file can have a line of
                // megabytes, quoted by every one of its problems.
                int column = Math.min(Math.max(d.column() - 1, 0), line.length());
                int from = line.length() <= QUOTED ? 0 : Math.max(0, Math.min(column - QUOTED / 2, line.length() - QUOTED));
                int to = Math.min(line.length(), from + QUOTED);
                String source = (from > 0 ? "…" : "") + Diagnostic.printable(line.substring(from, to), QUOTED)
                        + (to < line.length() ? "…" : "");
                out.append(' ').append(number).append(" | ").append(source).append('\n');
                if (d.column() > 0) {
                    out.append(' ').append(gutter).append(" | ")
                            .append(" ".repeat(column - from + (from > 0 ? 1 : 0))).append("^\n");
                }
            }
            out.append(' ').append("= hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
    }

    /** The most characters of a source line quoted under a problem. */
    private static final int QUOTED = 160;

    private static List<String> readLines(String file) {
        try {
            Path path = Path.of(file);
            return Files.isRegularFile(path) && Files.size(path) < 8_000_000
                    ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String github(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            String command = switch (d.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.append("::").append(command);
            StringBuilder props = new StringBuilder();
            if (!d.file().isEmpty()) {
                props.append("file=").append(property(d.file()));
                if (d.line() > 0) {
                    props.append(",line=").append(d.line());
                    if (d.column() > 0) {
                        props.append(",col=").append(d.column());
                    }
                }
                props.append(',');
            }
            props.append("title=").append(property(d.code().id() + " " + d.code().slug()));
            out.append(' ').append(props).append("::").append(data(d.message() + "\n" + d.hint())).append('\n');
        }
        return out.toString();
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String sarif(List<Diagnostic> diagnostics) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "paved");
        driver.put("informationUri", "https://github.com/paved-dev/paved");
        ArrayNode rules = driver.putArray("rules");
        Set<Code> used = EnumSet.noneOf(Code.class);
        diagnostics.forEach(d -> used.add(d.code()));
        List<Code> ruleOrder = List.copyOf(used);
        for (Code code : ruleOrder) {
            ObjectNode rule = rules.addObject();
            rule.put("id", code.id());
            rule.put("name", code.slug());
            rule.putObject("shortDescription").put("text", code.slug().replace('-', ' '));
            rule.putObject("help").put("text", code.hint());
            rule.putObject("defaultConfiguration").put("level", level(code.defaultSeverity()));
        }
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : diagnostics) {
            ObjectNode result = results.addObject();
            result.put("ruleId", d.code().id());
            result.put("ruleIndex", ruleOrder.indexOf(d.code()));
            result.put("level", level(d.severity()));
            result.putObject("message").put("text", d.message());
            if (!d.file().isEmpty()) {
                ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", d.file().replace('\\', '/'));
                if (d.line() > 0) {
                    ObjectNode region = physical.putObject("region");
                    region.put("startLine", d.line());
                    if (d.column() > 0) {
                        region.put("startColumn", d.column());
                    }
                }
            }
        }
        return write(root);
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String junit(List<Diagnostic> diagnostics, List<String> files) {
        Set<String> all = new TreeSet<>(files);
        diagnostics.forEach(d -> all.add(d.file().isEmpty() ? "(no file)" : d.file()));
        long failures = all.stream().filter(f -> diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR
                && fileOf(d).equals(f))).count();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"paved validate\" tests=\"").append(all.size()).append("\" failures=\"")
                .append(failures).append("\">\n");
        out.append("  <testsuite name=\"catalog\" tests=\"").append(all.size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (String file : all) {
            List<Diagnostic> mine = diagnostics.stream().filter(d -> fileOf(d).equals(file)).toList();
            out.append("    <testcase classname=\"catalog\" name=\"").append(xml(file)).append("\">\n");
            List<Diagnostic> errors = mine.stream().filter(d -> d.severity() == Severity.ERROR).toList();
            if (!errors.isEmpty()) {
                out.append("      <failure type=\"").append(errors.get(0).code().id()).append("\" message=\"")
                        .append(xml(errors.size() + " error(s): " + errors.get(0).message())).append("\">");
                errors.forEach(d -> out.append(xml(d.toString())).append('\n'));
                out.append("</failure>\n");
            }
            List<Diagnostic> others = mine.stream().filter(d -> d.severity() != Severity.ERROR).toList();
            if (!others.isEmpty()) {
                out.append("      <system-out>");
                others.forEach(d -> out.append(xml(d.toString())).append('\n'));
                out.append("</system-out>\n");
            }
            out.append("    </testcase>\n");
        }
        return out.append("  </testsuite>\n</testsuites>\n").toString();
    }

    private static String fileOf(Diagnostic d) {
        return d.file().isEmpty() ? "(no file)" : d.file();
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String json(List<Diagnostic> diagnostics) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("errors", diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count());
        root.put("warnings", diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count());
        ArrayNode list = root.putArray("diagnostics");
        for (Diagnostic d : diagnostics) {
            ObjectNode item = list.addObject();
            item.put("file", d.file());
            item.put("line", d.line());
            item.put("column", d.column());
            item.put("severity", d.severity().label());
            item.put("code", d.code().id());
            item.put("name", d.code().slug());
            item.put("message", d.message());
            item.put("hint", d.hint());
        }
        return write(root);
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format named by {@code name}, case-insensitively. */
    public static DiagnosticFormat of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
