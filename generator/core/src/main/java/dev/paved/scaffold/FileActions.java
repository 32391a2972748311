package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The file actions of Backstage ({@code fs:rename}, {@code fs:delete}, {@code fs:readdir}, {@code debug:wait}) and
 * of Roadie's utils module ({@code roadiehq:utils:fs:write}, {@code …:fs:append}, {@code …:fs:parse},
 * {@code …:merge}), with their inputs and outputs. Every path goes through the {@link Workspace}: it stays in the
 * output folder. A dry run plans against the files the run would have written; a file it cannot know (from a
 * remote skeleton, which a dry run does not fetch) is reported, not an error.
 */
final class FileActions {

    /** The longest {@code debug:wait}, as Backstage's. */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private FileActions() {
    }

    /** fs:rename — {@code files: [{from, to, overwrite}]}. */
    static Map<String, Object> rename(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        for (Object item : list(run, input, "files")) {
            if (!(item instanceof Map<?, ?> file) || file.get("from") == null || file.get("to") == null) {
                throw new TemplateException(label + ": each of files needs from and to, not " + item);
            }
            String from = String.valueOf(file.get("from"));
            String to = String.valueOf(file.get("to"));
            boolean overwrite = Boolean.TRUE.equals(file.get("overwrite")) || "true".equals(file.get("overwrite"));
            if (run.dryRun() && !run.workspace().isFile(from, label) && !run.workspace().isFolder(from, label)) {
                run.workspace().resolve(to, label);
                run.log("  would rename " + from + " to " + to + " (" + from + " is not among the files the dry run "
                        + "knows)");
                continue;
            }
            run.workspace().rename(from, to, overwrite, label);
            run.log("  " + (run.dryRun() ? "would rename " : "renamed ") + from + " to " + to);
        }
        return Map.of();
    }

    /** fs:delete — {@code files}: paths or globs, relative to the output folder. */
    static Map<String, Object> delete(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        TreeSet<String> targets = new TreeSet<>();
        for (Object item : list(run, input, "files")) {
            String pattern = String.valueOf(item).replaceFirst("^\\./", "");
            run.workspace().resolve(pattern.replaceAll("[*?\\[\\]{}]", "x"), label);
            if (!isGlob(pattern)) {
                if (run.workspace().isFile(pattern, label) || run.workspace().isFolder(pattern, label)) {
                    targets.add(pattern);
                }
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            run.workspace().list().stream().filter(f -> matcher.matches(Path.of(f))).forEach(targets::add);
        }
        for (String target : targets) {
            run.workspace().delete(target, label);
        }
        run.log("  " + (run.dryRun() ? "would delete " : "deleted ") + (targets.isEmpty() ? "nothing"
                : String.join(", ", targets)));
        return Map.of();
    }

    /** fs:readdir — {@code paths}, {@code recursive}; outputs {@code files} and {@code folders}. */
    static Map<String, Object> readdir(StepRun run, Map<String, Object> input) {
        String label = run.step().label();
        boolean recursive = StepRun.flag(input, "recursive");
        List<Map<String, Object>> files = new ArrayList<>();
        List<Map<String, Object>> folders = new ArrayList<>();
        List<String> all = run.workspace().list();
        for (Object item : list(run, input, "paths")) {
            Path dir = run.workspace().resolve(String.valueOf(item), label);
            if (!run.dryRun() && !run.workspace().isFolder(String.valueOf(item), label)) {
                throw new TemplateException(label + ": '" + item + "' is not a folder of the output folder");
            }
            String prefix = dir.equals(run.workspace().root()) ? ""
                    : run.workspace().root().relativize(dir).toString().replace('\\', '/') + "/";
            TreeSet<String> seenFolders = new TreeSet<>();
            for (String file : all) {
                if (!file.startsWith(prefix)) {
                    continue;
                }
                String[] parts = file.substring(prefix.length()).split("/");
                int depth = recursive ? parts.length : 1;
                for (int i = 0; i < Math.min(depth, parts.length - 1); i++) {
                    String folder = prefix + String.join("/", Arrays.copyOfRange(parts, 0, i + 1));
                    if (seenFolders.add(folder)) {
                        folders.add(entry(run, folder));
                    }
                }
                if (parts.length == 1 || recursive) {
                    files.add(entry(run, file));
                }
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("files", files);
        output.put("folders", folders);
        return output;
    }

    private static Map<String, Object> entry(StepRun run, String relative) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", relative.substring(relative.lastIndexOf('/') + 1));
        e.put("path", relative);
        e.put("fullPath", run.workspace().root().resolve(relative).toString());
        return e;
    }

    /** debug:wait — {@code minutes}, {@code seconds}, {@code milliseconds}, together at most 10 minutes. */
    static Map<String, Object> waitFor(StepRun run, Map<String, Object> input) {
        Duration wait = Duration.ofMillis(Math.round(number(run, input, "milliseconds")))
                .plusMillis(Math.round(number(run, input, "seconds") * 1000))
                .plusMillis(Math.round(number(run, input, "minutes") * 60_000));
        if (wait.isNegative()) {
            throw new TemplateException(run.step().label() + ": a wait cannot be negative");
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            throw new TemplateException(run.step().label() + ": waiting " + wait.toSeconds() + " s is longer than the "
                    + "longest wait, " + MAX_WAIT.toMinutes() + " minutes");
        }
        if (run.dryRun()) {
            run.log("  would wait " + wait.toMillis() + " ms");
            return Map.of();
        }
        run.log("  waiting " + wait.toMillis() + " ms");
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException(run.step().label() + ": interrupted while waiting");
        }
        return Map.of();
    }

    /** roadiehq:utils:fs:write — {@code path}, {@code content}, {@code preserveFormatting}; outputs {@code path}. */
    static Map<String, Object> write(StepRun run, Map<String, Object> input) throws IOException {
        String path = run.required(input, "path");
        String content = text(input.get("content"));
        if (StepRun.flag(input, "preserveFormatting")) {
            try {
                content = StructuredText.toJson(StructuredText.JSON.readTree(content), true);
            } catch (IOException e) {
                // not JSON: written as it is, as Roadie's
            }
        }
        run.workspace().write(path, content.getBytes(StandardCharsets.UTF_8), false, true, run.step().label());
        run.log("  " + (run.dryRun() ? "would write " : "wrote ") + path);
        return Map.of("path", path);
    }

    /** roadiehq:utils:fs:append — {@code path}, {@code content}: added at the end (the file made if missing). */
    static Map<String, Object> append(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        String path = run.required(input, "path");
        Optional<byte[]> before = run.workspace().read(path, label);
        if (before.isEmpty() && run.workspace().isFolder(path, label)) {
            throw new TemplateException(label + ": '" + path + "' is a folder, not a file");
        }
        if (before.isEmpty() && run.dryRun()) {
            run.log("  would append to " + path + " (not among the files the dry run knows)");
            return Map.of("path", path);
        }
        byte[] add = text(input.get("content")).getBytes(StandardCharsets.UTF_8);
        byte[] old = before.orElse(new byte[0]);
        byte[] all = new byte[old.length + add.length];
        System.arraycopy(old, 0, all, 0, old.length);
        System.arraycopy(add, 0, all, old.length, add.length);
        run.workspace().write(path, all, false, true, label);
        run.log("  " + (run.dryRun() ? "would append to " : "appended to ") + path);
        return Map.of("path", path);
    }

    /** roadiehq:utils:fs:parse — {@code path}, {@code parser} (yaml, json, multiyaml); outputs {@code content}. */
    static Map<String, Object> parse(StepRun run, Map<String, Object> input) {
        String label = run.step().label();
        String path = run.required(input, "path");
        String parser = StepRun.text(input, "parser", null);
        if (parser != null && !List.of("yaml", "json", "multiyaml").contains(parser)) {
            throw new TemplateException(label + ": parser '" + parser + "' is not yaml, json or multiyaml");
        }
        Optional<byte[]> bytes = run.workspace().read(path, label);
        if (bytes.isEmpty()) {
            if (run.dryRun()) {
                run.log("  would read " + path + " (not among the files the dry run knows: its content is empty)");
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("content", null);
                return output;
            }
            throw new TemplateException(label + ": '" + path + "' is not a file of the output folder");
        }
        String text = new String(bytes.get(), StandardCharsets.UTF_8);
        String where = label + ": " + path;
        Object content = parser == null ? text : switch (parser) {
            case "json" -> StructuredText.plain(StructuredText.json(text, where));
            case "multiyaml" -> StructuredText.yamlDocuments(text, where).stream().map(StructuredText::plain).toList();
            default -> StructuredText.plain(StructuredText.yaml(text, where));
        };
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("content", content);
        return output;
    }

    /**
     * roadiehq:utils:merge — {@code path} (a .json, .yaml or .yml file), {@code content} (an object, or its text),
     * {@code mergeArrays}, {@code useDocumentIncludingField} ({@code {key, value}}: the document of a multi-document
     * YAML file to merge into); outputs {@code path}. Objects are merged deeply; arrays item by item, or appended
     * with {@code mergeArrays}, as lodash's merge.
     */
    static Map<String, Object> merge(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        String path = run.required(input, "path");
        run.workspace().resolve(path, label);
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean json = extension.equals("json");
        if (!json && !extension.equals("yaml") && !extension.equals("yml")) {
            throw new TemplateException(label + ": '" + path + "' is neither .json nor .yaml/.yml, so Paved cannot "
                    + "tell how to merge into it");
        }
        Object raw = input.get("content");
        String where = label + ": content";
        JsonNode content = raw instanceof String s ? (json ? StructuredText.json(s, where)
                : StructuredText.yaml(s, where)) : StructuredText.JSON.valueToTree(JsValues.unwrap(raw));
        if (content == null || !content.isObject()) {
            throw new TemplateException(label + ": content must be an object (or its JSON/YAML text)");
        }
        Optional<byte[]> bytes = run.workspace().read(path, label);
        if (bytes.isEmpty()) {
            if (run.dryRun()) {
                run.log("  would merge into " + path + " (not among the files the dry run knows)");
                return Map.of("path", path);
            }
            throw new TemplateException(label + ": '" + path + "' does not exist in the output folder");
        }
        boolean appendArrays = StepRun.flag(input, "mergeArrays");
        String text = new String(bytes.get(), StandardCharsets.UTF_8);
        String merged;
        if (json) {
            merged = StructuredText.toJson(StructuredText.plain(
                    mergeNodes(StructuredText.json(text, label + ": " + path), content, appendArrays)), true) + "\n";
        } else {
            List<JsonNode> docs = new ArrayList<>(StructuredText.yamlDocuments(text, label + ": " + path));
            int at = document(run, input, docs, path);
            docs.set(at, mergeNodes(docs.isEmpty() ? null : docs.get(at), content, appendArrays));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < docs.size(); i++) {
                out.append(i > 0 ? "---\n" : "").append(StructuredText.toYaml(StructuredText.plain(docs.get(i))));
            }
            merged = out.toString();
            if (StepRun.flag(input, "preserveYamlComments") && text.contains("#")) {
                run.log("  note: the comments of " + path + " are not kept (preserveYamlComments is not supported)");
            }
        }
        run.workspace().write(path, merged.getBytes(StandardCharsets.UTF_8), false, true, label);
        run.log("  " + (run.dryRun() ? "would merge into " : "merged into ") + path);
        return Map.of("path", path);
    }

    private static int document(StepRun run, Map<String, Object> input, List<JsonNode> docs, String path) {
        if (docs.isEmpty()) {
            docs.add(StructuredText.JSON.createObjectNode());
            return 0;
        }
        if (!(input.get("useDocumentIncludingField") instanceof Map<?, ?> field)) {
            if (docs.size() > 1) {
                throw new TemplateException(run.step().label() + ": '" + path + "' has " + docs.size() + " YAML "
                        + "documents: name the one to merge into with useDocumentIncludingField {key, value}");
            }
            return 0;
        }
        String key = String.valueOf(field.get("key"));
        String value = String.valueOf(field.get("value"));
        for (int i = 0; i < docs.size(); i++) {
            JsonNode at = docs.get(i).at("/" + key.replace(".", "/"));
            if (at.isValueNode() && at.asText().equals(value)) {
                return i;
            }
        }
        throw new TemplateException(run.step().label() + ": no document of '" + path + "' has " + key + ": " + value);
    }

    /** lodash's merge: objects deeply, arrays by index (or appended), everything else replaced. */
    static JsonNode mergeNodes(JsonNode into, JsonNode from, boolean appendArrays) {
        if (into instanceof ObjectNode target && from instanceof ObjectNode source) {
            ObjectNode out = target.deepCopy();
            source.properties().forEach(e -> out.set(e.getKey(), out.has(e.getKey())
                    ? mergeNodes(out.get(e.getKey()), e.getValue(), appendArrays) : e.getValue().deepCopy()));
            return out;
        }
        if (into instanceof ArrayNode target && from instanceof ArrayNode source) {
            ArrayNode out = target.deepCopy();
            if (appendArrays) {
                source.forEach(v -> out.add(v.deepCopy()));
                return out;
            }
            for (int i = 0; i < source.size(); i++) {
                if (i < out.size()) {
                    out.set(i, mergeNodes(out.get(i), source.get(i), false));
                } else {
                    out.add(source.get(i).deepCopy());
                }
            }
            return out;
        }
        return from == null || from.isNull() && into != null ? into : from.deepCopy();
    }

    private static List<?> list(StepRun run, Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (!(v instanceof Collection<?> c)) {
            throw new TemplateException(run.step().label() + ": input '" + key + "' must be a list");
        }
        return new ArrayList<>(c);
    }

    private static boolean isGlob(String pattern) {
        return pattern.matches(".*[*?\\[{].*");
    }

    private static double number(StepRun run, Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new TemplateException(run.step().label() + ": input '" + key + "' must be a number, not '" + v + "'");
        }
    }

    /** A content input as text: a string as it is, an object or a list as JSON, a number or flag as printed. */
    private static String text(Object content) {
        if (content == null) {
            return "";
        }
        return content instanceof String s ? s : content instanceof Map<?, ?> || content instanceof Collection<?>
                ? StructuredText.toJson(content, false) : JsValues.print(content);
    }
}
