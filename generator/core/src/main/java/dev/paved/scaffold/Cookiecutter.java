package dev.paved.scaffold;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code fetch:cookiecutter} (Backstage's cookiecutter module) without Python: renders a cookiecutter skeleton
 * ({@code url}, beside the template or a GitHub, GitLab or Gitea tree URL, as {@code fetch:template}'s) into
 * {@code targetPath}, as Backstage runs {@code cookiecutter --no-input} on it. Like Backstage, the skeleton's
 * {@code cookiecutter.json} is merged with {@code values} (theirs win), {@code copyWithoutRender} becomes
 * {@code _copy_without_render}; then, as cookiecutter does: each variable is rendered in order with those before it
 * (a list is its first choice, anything else its text, {@code True} for true), the folder whose name holds
 * {@code cookiecutter} and {@code {{ }}} is the project, its file and folder names and text contents are rendered
 * with {@code {{ cookiecutter.x }}} (an undefined variable is an error), binary files and those
 * {@code _copy_without_render} matches ({@code fnmatch}, where {@code *} also crosses {@code /}) are copied, and the
 * project's contents go to {@code targetPath}. Not done, with a note: {@code extensions} (Jinja extensions are
 * Python), {@code imageName} (no container is run), {@code hooks/} (they are Python or shell scripts).
 */
final class Cookiecutter {

    private static final NunjucksTemplater STRICT = new NunjucksTemplater(true);

    private Cookiecutter() {
    }

    /** fetch:cookiecutter — {@code url}, {@code targetPath}, {@code values}, {@code copyWithoutRender}, … */
    static Map<String, Object> fetch(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        String url = run.required(input, "url");
        String target = StepRun.text(input, "targetPath", "./");
        run.workspace().resolve(target, label + " targetPath");
        Object values = input.getOrDefault("values", Map.of());
        if (values != null && !(values instanceof Map<?, ?>)) {
            throw new TemplateException(label + ": input 'values' must be an object");
        }
        List<String> copyWithoutRender = strings(label, input, "copyWithoutRender");
        if (!strings(label, input, "extensions").isEmpty()) {
            run.log("  note: extensions " + strings(label, input, "extensions") + " are not loaded: Jinja extensions "
                    + "are Python; a filter or tag they add stops the run by name");
        }
        if (input.get("imageName") != null) {
            run.log("  note: imageName is not used: Paved renders the skeleton itself, without a container");
        }
        try (RemoteSkeleton remote = new RemoteSkeleton()) {
            Path skeleton = FetchActions.skeleton(run, url, remote);
            if (skeleton == null) {
                return Map.of();
            }
            Map<String, Object> json = new LinkedHashMap<>(cookiecutterJson(label, url, skeleton));
            if (values != null) {
                ((Map<?, ?>) JsValues.unwrap(values)).forEach((k, v) -> json.put(String.valueOf(k), v));
            }
            if (input.get("copyWithoutRender") != null) {
                json.put("_copy_without_render", copyWithoutRender);
            }
            Map<String, Object> cookiecutter = context(label, json);
            cookiecutter.put("_template", url);
            Map<String, Object> context = Map.of("cookiecutter", cookiecutter);
            List<Pattern> raw = new ArrayList<>();
            if (cookiecutter.get("_copy_without_render") instanceof Collection<?> globs) {
                globs.forEach(g -> raw.add(fnmatch(String.valueOf(g))));
            }
            if (Files.isDirectory(skeleton.resolve("hooks"))) {
                run.log("  note: the skeleton's hooks/ are not run (pre_gen_project, post_gen_project)");
            }
            Path project = project(label, url, skeleton);
            String projectName = render(label, url, project.getFileName().toString(), context);
            int written = 0;
            for (Path file : FetchActions.files(run, project)) {
                String relative = project.relativize(file).toString().replace('\\', '/');
                int matched = copyOnly(relative, raw);
                boolean copy = matched > 0;
                boolean folderCopied = matched > 0 && matched < relative.split("/").length;
                // As cookiecutter 1.7 (the oracle): a folder it matches is copied with its path as written.
                String out = (folderCopied ? relative : render(label, url + "/" + relative, relative, context))
                        .replaceAll("/+", "/").replaceFirst("^/", "");
                if (out.isEmpty() || out.endsWith("/")) {
                    throw new TemplateException(label + ": " + url + "/" + project.getFileName() + "/" + relative
                            + ": its name renders empty");
                }
                byte[] bytes = Files.readAllBytes(file);
                if (!copy && FetchActions.isText(bytes)) {
                    bytes = render(label, url + "/" + relative, new String(bytes, StandardCharsets.UTF_8), context)
                            .getBytes(StandardCharsets.UTF_8);
                }
                if (run.workspace().write(join(target, out), bytes, Files.isExecutable(file), true, label)) {
                    written++;
                }
            }
            run.log("  " + (run.dryRun() ? "would write " : "wrote ") + written + " file(s) of " + projectName
                    + " from " + url);
            return Map.of();
        }
    }

    /** The skeleton's cookiecutter.json, in its order; none is an empty one, as Backstage writes then. */
    private static Map<String, Object> cookiecutterJson(String label, String url, Path skeleton) {
        Path file = skeleton.resolve("cookiecutter.json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> read = StructuredText.JSON.readValue(file.toFile(),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            return read == null ? Map.of() : read;
        } catch (IOException e) {
            throw new TemplateException(label + ": " + url + "/cookiecutter.json is not a JSON object: "
                    + e.getMessage());
        }
    }

    /**
     * Cookiecutter's context without prompts: {@code _} keys as written; lists as their first choice, rendered;
     * anything else but objects rendered as text in order, with the variables before it; then objects, rendered
     * through.
     */
    private static Map<String, Object> context(String label, Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            String key = e.getKey();
            Object raw = e.getValue();
            if (key.startsWith("_")) {
                out.put(key, raw);
            } else if (raw instanceof List<?> choices) {
                out.put(key, choices.isEmpty() ? null : variable(label, key, choices.get(0), out));
            } else if (!(raw instanceof Map<?, ?>)) {
                out.put(key, variable(label, key, raw, out));
            }
        }
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (!e.getKey().startsWith("_") && e.getValue() instanceof Map<?, ?>) {
                out.put(e.getKey(), variable(label, e.getKey(), e.getValue(), out));
            }
        }
        return out;
    }

    /** A variable rendered as cookiecutter's {@code render_variable}: text, with {@code True}/{@code False}. */
    private static Object variable(String label, String key, Object raw, Map<String, Object> sofar) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(variable(label, key, k, sofar)), variable(label, key, v,
                    sofar)));
            return out;
        }
        if (raw instanceof List<?> list) {
            return list.stream().map(v -> variable(label, key, v, sofar)).toList();
        }
        String text = raw instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(raw);
        return render(label, "cookiecutter.json " + key, text, Map.of("cookiecutter", new LinkedHashMap<>(sofar)));
    }

    private static String render(String label, String where, String text, Map<String, Object> context) {
        try {
            return STRICT.renderCookiecutter(text, context);
        } catch (TemplateException e) {
            throw new TemplateException(label + ": " + where + ": " + e.getMessage());
        }
    }

    /** The project folder: the first folder, by name, whose name holds {@code cookiecutter}, {@code {{} and {@code }}}. */
    private static Path project(String label, String url, Path skeleton) throws IOException {
        try (Stream<Path> list = Files.list(skeleton)) {
            return list.filter(Files::isDirectory).filter(p -> {
                String n = p.getFileName().toString();
                return n.contains("cookiecutter") && n.contains("{{") && n.contains("}}");
            }).sorted().findFirst().orElseThrow(() -> new TemplateException(label + ": " + url + " has no project "
                    + "folder: cookiecutter renders the folder whose name holds cookiecutter and {{ }}, e.g. "
                    + "{{cookiecutter.project_slug}}"));
        }
    }

    /**
     * How many leading segments of a project path end at the first folder or file {@code _copy_without_render}
     * matches (0: none). Cookiecutter 1.7 copies a matched folder as it is, its path not rendered.
     */
    private static int copyOnly(String relative, List<Pattern> globs) {
        String[] segments = relative.split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/").append(segments[i]);
            String p = path.toString();
            if (globs.stream().anyMatch(g -> g.matcher(p).matches())) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Python's {@code fnmatch}: {@code *} any text (also {@code /}), {@code ?} one character, {@code [...]} a set. */
    static Pattern fnmatch(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, end);
                String negated = set.startsWith("!") ? "^" : "";
                re.append('[').append(negated).append(set.substring(negated.length()).replace("\\", "\\\\")
                        .replace("[", "\\[")).append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static List<String> strings(String label, Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof Collection<?> c)) {
            throw new TemplateException(label + ": input '" + key + "' must be a list");
        }
        return c.stream().map(String::valueOf).toList();
    }

    private static String join(String target, String relative) {
        String t = target.replace('\\', '/').replaceFirst("^\\./?", "");
        return t.isEmpty() ? relative : (t.endsWith("/") ? t : t + "/") + relative;
    }
}
