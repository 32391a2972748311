package dev.paved.scaffold;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a software template: checks the values and the actions, then runs the steps in order into the output
 * folder. Nothing is written before every step's action is known and the values are valid; a dry run writes
 * nothing and pushes nothing, and reports what it would do.
 *
 * <pre>{@code
 * ScaffoldResult result = Scaffolder.run(SoftwareTemplate.read(file), values,
 *         new Scaffolder.Options(Path.of("parcel-notifier"), false, Map.of(), null, Map.of(), null, System.out::println));
 * }</pre>
 */
public final class Scaffolder {

    /** The built-in actions Paved runs, by id. */
    public static final Map<String, String> ACTIONS = actionDescriptions();

    private static final Map<String, ScaffoldAction> BUILT_IN = Map.of(
            "fetch:template", FetchActions::template,
            "fetch:plain", FetchActions::plain,
            "fetch:plain:file", FetchActions::plainFile,
            "publish:git", PublishActions.of(PublishActions.Provider.GIT),
            "publish:github", PublishActions.of(PublishActions.Provider.GITHUB),
            "publish:gitlab", PublishActions.of(PublishActions.Provider.GITLAB),
            "publish:gitea", PublishActions.of(PublishActions.Provider.GITEA),
            "catalog:register", CatalogActions::register,
            "catalog:write", CatalogActions::write,
            "debug:log", CatalogActions::log);

    /**
     * How to run.
     *
     * @param output        the output folder (the workspace of the steps)
     * @param dryRun        write and push nothing; report what would be done
     * @param gitUrls       URL prefix → replacement for pushes and registrations, as git's {@code insteadOf}
     * @param registerInto  the paved.yaml whose {@code repositories} {@code catalog:register} adds to (null: none)
     * @param user          {@code user.*}: {@code entity} and {@code ref} of the person running the template
     * @param gitToken      a token for pushing over HTTPS and creating repositories (null: none, and
     *                      {@code publish:github|gitlab|gitea} push to a repository that must exist)
     * @param log           where progress lines go
     * @param apiUrls       host → REST API root, where it is not the default (api.github.com, /api/v3 on GitHub
     *                      Enterprise, /api/v4 on GitLab, /api/v1 on Gitea)
     */
    public record Options(Path output, boolean dryRun, Map<String, String> gitUrls, Path registerInto,
                          Map<String, Object> user, String gitToken, Consumer<String> log,
                          Map<String, String> apiUrls) {

        public Options {
            Objects.requireNonNull(output, "output");
            gitUrls = Map.copyOf(gitUrls);
            user = Map.copyOf(user);
            log = log == null ? s -> { } : log;
            apiUrls = Map.copyOf(apiUrls);
        }

        /** Options with the default REST API roots. */
        public Options(Path output, boolean dryRun, Map<String, String> gitUrls, Path registerInto,
                       Map<String, Object> user, String gitToken, Consumer<String> log) {
            this(output, dryRun, gitUrls, registerInto, user, gitToken, log, Map.of());
        }

        /** {@code url} with the longest matching prefix of {@link #gitUrls} replaced. */
        public String rewrite(String url) {
            return gitUrls.keySet().stream().filter(url::startsWith).max(Comparator.comparingInt(String::length))
                    .map(prefix -> gitUrls.get(prefix) + url.substring(prefix.length())).orElse(url);
        }
    }

    /**
     * What a run did (or would do).
     *
     * @param files  the files written, relative to the output folder
     * @param pushes the remotes pushed to, as {@code url#branch}
     * @param registrations the repositories added to the crawl list
     * @param links  {@code spec.output.links}, rendered: title and url or entityRef
     * @param text   {@code spec.output.text}, rendered: title and content
     */
    public record Result(List<String> files, List<String> pushes, List<String> registrations,
                         List<Map<String, Object>> links, List<Map<String, Object>> text) {
    }

    private Scaffolder() {
    }

    /** Every problem that stops a run before it starts: unknown actions and invalid values. */
    public static List<String> check(SoftwareTemplate template, Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        for (Step step : template.steps()) {
            if (!BUILT_IN.containsKey(step.action())) {
                problems.add(step.label() + ": the action " + step.action() + " is not one Paved runs (it runs: "
                        + String.join(", ", BUILT_IN.keySet().stream().sorted().toList()) + ")");
            }
        }
        problems.addAll(TemplateValues.problems(template, TemplateValues.withDefaults(template, values)));
        return problems;
    }

    /** Runs the template; a {@link TemplateException} names the step or file that failed. */
    public static Result run(SoftwareTemplate template, Map<String, Object> values, Options options)
            throws IOException {
        List<String> problems = check(template, values);
        if (!problems.isEmpty()) {
            throw new TemplateException(template.ref() + " cannot run:\n  " + String.join("\n  ", problems));
        }
        NunjucksTemplater templater = new NunjucksTemplater();
        Workspace workspace = new Workspace(options.output(), options.dryRun());
        Map<String, Object> parameters = TemplateValues.withDefaults(template, values);
        Map<String, Object> steps = new LinkedHashMap<>();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("parameters", parameters);
        context.put("steps", steps);
        context.put("user", options.user());
        context.put("secrets", Map.of());
        List<String> pushes = new ArrayList<>();
        List<String> registrations = new ArrayList<>();
        for (Step step : template.steps()) {
            StepRun run = new StepRun(step, template, workspace, templater, options, pushes, registrations);
            Object when = step.when().isMissingNode() ? null : evaluate(templater, step, step.when(), context);
            if (!step.when().isMissingNode() && !NunjucksTemplater.truthy(when)) {
                options.log().accept("skip " + step.label() + " (if: " + step.when().asText(step.when().toString()) + ")");
                continue;
            }
            options.log().accept((options.dryRun() ? "plan " : "run ") + step.label());
            ScaffoldAction action = BUILT_IN.get(step.action());
            Object output;
            if (!step.each().isMissingNode()) {
                List<Object> outputs = new ArrayList<>();
                for (Map<String, Object> each : items(evaluate(templater, step, step.each(), context), step)) {
                    Map<String, Object> itemContext = new LinkedHashMap<>(context);
                    itemContext.put("each", each);
                    outputs.add(action.run(run, input(templater, step, itemContext)));
                }
                output = outputs;
            } else {
                output = action.run(run, input(templater, step, context));
            }
            if (!step.id().isEmpty()) {
                steps.put(step.id(), Map.of("output", output));
            }
        }
        return new Result(workspace.files().stream().map(Workspace.PlannedFile::path).toList(), pushes,
                registrations, outputs(templater, template, "links", context),
                outputs(templater, template, "text", context));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(NunjucksTemplater templater, Step step, Map<String, Object> context) {
        Object input = evaluate(templater, step, step.input(), context);
        return input instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Object evaluate(NunjucksTemplater templater, Step step, com.fasterxml.jackson.databind.JsonNode node,
                                   Map<String, Object> context) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        Object raw = JSON.convertValue(node, Object.class);
        try {
            return templater.evaluate(raw, context);
        } catch (TemplateException e) {
            throw new TemplateException(step.label() + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> items(Object each, Step step) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (each instanceof Collection<?> list) {
            for (Object v : list) {
                out.add(Map.of("value", v == null ? "" : v));
            }
        } else if (each instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.add(Map.of("key", String.valueOf(k), "value", v == null ? "" : v)));
        } else if (each != null) {
            throw new TemplateException(step.label() + ": each must be a list or an object, not " + each);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outputs(NunjucksTemplater templater, SoftwareTemplate template,
                                                     String field, Map<String, Object> context) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode item : template.output().path(field)) {
            Object rendered;
            try {
                rendered = templater.evaluate(JSON.convertValue(item, Object.class), context);
            } catch (TemplateException e) {
                throw new TemplateException("spec.output." + field + ": " + e.getMessage(), e);
            }
            if (rendered instanceof Map<?, ?> m) {
                Map<String, Object> link = (Map<String, Object>) m;
                if (!link.containsKey("if") || NunjucksTemplater.truthy(link.get("if"))) {
                    Map<String, Object> copy = new LinkedHashMap<>(link);
                    copy.remove("if");
                    out.add(copy);
                }
            }
        }
        return out;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static Map<String, String> actionDescriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fetch:template", "copies a skeleton of the template's repository, rendering contents and names");
        m.put("fetch:plain", "copies a folder of the template's repository as it is");
        m.put("fetch:plain:file", "copies one file of the template's repository");
        m.put("publish:git", "commits the output and pushes it to remoteUrl (or repoUrl)");
        m.put("publish:github", "commits and pushes to https://<host>/<owner>/<repo>.git");
        m.put("publish:gitlab", "commits and pushes to https://<host>/<owner>/<repo>.git");
        m.put("publish:gitea", "commits and pushes to https://<host>/<owner>/<repo>.git");
        m.put("catalog:register", "adds the repository to the repositories of paved.yaml");
        m.put("catalog:write", "writes an entity as YAML");
        m.put("debug:log", "prints a message or the files written so far");
        return Map.copyOf(m);
    }
}
