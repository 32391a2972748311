package dev.paved.scaffold;

import dev.paved.catalog.Catalog;
import dev.paved.credential.Redact;
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

    private static final Map<String, ScaffoldAction> BUILT_IN = builtIn();

    private static Map<String, ScaffoldAction> builtIn() {
        Map<String, ScaffoldAction> m = new LinkedHashMap<>(Map.of(
            "fetch:template", FetchActions::template,
            "fetch:plain", FetchActions::plain,
            "fetch:plain:file", FetchActions::plainFile,
            "publish:git", PublishActions.of(PublishActions.Provider.GIT),
            "publish:github", PublishActions.of(PublishActions.Provider.GITHUB),
            "publish:gitlab", PublishActions.of(PublishActions.Provider.GITLAB),
            "publish:gitea", PublishActions.of(PublishActions.Provider.GITEA),
            "catalog:register", CatalogActions::register,
            "catalog:write", CatalogActions::write,
            "debug:log", CatalogActions::log));
        // Issue 20, item 3: the file and utility actions real templates use (Backstage's and Roadie's names).
        m.put("fs:rename", FileActions::rename);
        m.put("fs:delete", FileActions::delete);
        m.put("fs:readdir", FileActions::readdir);
        m.put("debug:wait", FileActions::waitFor);
        m.put("roadiehq:utils:fs:write", FileActions::write);
        m.put("roadiehq:utils:fs:append", FileActions::append);
        m.put("roadiehq:utils:fs:parse", FileActions::parse);
        m.put("roadiehq:utils:merge", FileActions::merge);
        m.put("roadiehq:utils:jsonata", DataActions::jsonata);
        m.put("roadiehq:utils:jsonata:yaml:transform", DataActions::yamlTransform);
        m.put("roadiehq:utils:jsonata:json:transform", DataActions::jsonTransform);
        m.put("roadiehq:utils:serialize:yaml", DataActions::serializeYaml);
        m.put("roadiehq:utils:serialize:json", DataActions::serializeJson);
        m.put("http:backstage:request", BackstageRequest::request);
        m.put("argocd:create-resources", ArgoCdActions::createResources);
        m.put("github:actions:dispatch", GitHubActions::dispatch);
        m.put("github:pages:enable", GitHubActions::pagesEnable);
        m.put("catalog:fetch", CatalogActions::fetch);
        m.put("notification:send", CatalogActions::notify);
        // Pull and merge requests (issue 20)
        m.put("publish:github:pull-request", PullRequestActions.of(PublishActions.Provider.GITHUB));
        m.put("publish:gitlab:merge-request", PullRequestActions.of(PublishActions.Provider.GITLAB));
        m.put("publish:gitea:pull-request", PullRequestActions.of(PublishActions.Provider.GITEA));
        // Issue 20: more of the actions real templates name (Backstage's GitHub module, the annotator module).
        m.put("github:repo:create", PublishActions::repoCreate);
        m.put("github:repo:push", PublishActions::repoPush);
        m.put("github:environment:create", GitHubActions::environmentCreate);
        m.put("github:issues:label", GitHubActions::issuesLabel);
        m.put("catalog:annotate", AnnotatorActions::annotate);
        m.put("catalog:scaffolded-from", AnnotatorActions::scaffoldedFrom);
        m.put("catalog:template:version", AnnotatorActions::templateVersion);
        // Issue 20: services of the portal, and other generators.
        m.put("fetch:cookiecutter", Cookiecutter::fetch);
        m.put("publish:azure", PublishActions.of(PublishActions.Provider.AZURE));
        m.put("pagerduty:service:create", PagerDutyActions::serviceCreate);
        m.put("rundeck:job:execute", RundeckActions::execute);
        m.put("terasky:spring-initializer", SpringInitializer::generate);
        m.put("terasky:catalog-info-cleaner", CatalogInfoCleaner::clean);
        m.put("terasky:catalog-info:cleaner", CatalogInfoCleaner::clean);
        return Map.copyOf(m);
    }

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
     * @param tokenHosts    the hosts a template may send {@code gitToken} to; empty: github.com, gitlab.com and
     *                      the hosts of {@code apiUrls}. A template names its hosts, so the token never goes to one
     *                      the person running it did not choose.
     * @param catalog       the catalog {@code http:backstage:request} and {@code catalog:fetch} answer from (null:
     *                      an empty one; {@code paved scaffold} gives the one it read)
     * @param platform      the portal's services and proxies the service actions reach ({@code pagerduty:…},
     *                      {@code rundeck:…}, {@code http:backstage:request} of {@code /proxy/…})
     */
    public record Options(Path output, boolean dryRun, Map<String, String> gitUrls, Path registerInto,
                          Map<String, Object> user, String gitToken, Consumer<String> log,
                          Map<String, String> apiUrls, java.util.Set<String> tokenHosts, Catalog catalog,
                          Platform platform) {

        public Options {
            Objects.requireNonNull(output, "output");
            gitUrls = Map.copyOf(gitUrls);
            user = Map.copyOf(user);
            log = log == null ? s -> { } : log;
            apiUrls = Map.copyOf(apiUrls);
            tokenHosts = java.util.Set.copyOf(tokenHosts);
            platform = platform == null ? Platform.NONE : platform;
        }

        /** Options without a catalog. */
        public Options(Path output, boolean dryRun, Map<String, String> gitUrls, Path registerInto,
                       Map<String, Object> user, String gitToken, Consumer<String> log,
                       Map<String, String> apiUrls, java.util.Set<String> tokenHosts) {
            this(output, dryRun, gitUrls, registerInto, user, gitToken, log, apiUrls, tokenHosts, null, null);
        }

        /** These options, answering catalog requests from {@code catalog}. */
        public Options withCatalog(Catalog catalog) {
            return new Options(output, dryRun, gitUrls, registerInto, user, gitToken, log, apiUrls, tokenHosts,
                    catalog, platform);
        }

        /** These options, reaching the services and proxies of {@code platform}. */
        public Options withPlatform(Platform platform) {
            return new Options(output, dryRun, gitUrls, registerInto, user, gitToken, log, apiUrls, tokenHosts,
                    catalog, platform);
        }

        /** Options with the default REST API roots and token hosts. */
        public Options(Path output, boolean dryRun, Map<String, String> gitUrls, Path registerInto,
                       Map<String, Object> user, String gitToken, Consumer<String> log) {
            this(output, dryRun, gitUrls, registerInto, user, gitToken, log, Map.of(), java.util.Set.of());
        }

        /** Whether the token may go to {@code host}, a host the template named. */
        public boolean tokenAllowed(String host) {
            if (gitToken == null || gitToken.isEmpty() || host == null) {
                return false;
            }
            java.util.Set<String> allowed = new java.util.HashSet<>();
            if (tokenHosts.isEmpty()) {
                allowed.addAll(java.util.List.of("github.com", "gitlab.com"));
                allowed.addAll(apiUrls.keySet());
            } else {
                allowed.addAll(tokenHosts);
            }
            return allowed.stream().anyMatch(h -> h.equalsIgnoreCase(host));
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
        return check(template, values, Platform.NONE);
    }

    /**
     * Every problem that stops a run before it starts, for a run that reaches {@code platform} (its proxies answer
     * {@code http:backstage:request} of {@code /proxy/…}).
     */
    public static List<String> check(SoftwareTemplate template, Map<String, Object> values, Platform platform) {
        List<String> problems = new ArrayList<>();
        for (Step step : template.steps()) {
            if (!BUILT_IN.containsKey(step.action())) {
                problems.add(step.label() + ": the action " + step.action() + " is not one Paved runs (it runs: "
                        + String.join(", ", BUILT_IN.keySet().stream().sorted().toList()) + ")");
            } else if (step.action().equals("http:backstage:request")) {
                BackstageRequest.refusal(step, platform).ifPresent(problems::add);
            } else if (step.action().equals("github:environment:create") && step.input().isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> input = JSON.convertValue(step.input(), Map.class);
                GitHubActions.refuseEnvironmentInputs(step.label(), input).ifPresent(problems::add);
            }
        }
        try {
            problems.addAll(TemplateValues.problems(template, TemplateValues.withDefaults(template, values)));
        } catch (RuntimeException e) {
            problems.add("spec.parameters: the schema cannot be used: " + e.getMessage());
        }
        return problems;
    }

    /** Runs the template; a {@link TemplateException} names the step or file that failed. */
    @SuppressWarnings("unchecked")
    public static Result run(SoftwareTemplate template, Map<String, Object> values, Options options)
            throws IOException {
        List<String> problems = check(template, values, options.platform());
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
            ScaffoldAction action = BUILT_IN.get(step.action());
            Object output;
            if (!step.each().isMissingNode()) {
                Object each = evaluate(templater, step, step.each(), context);
                List<Map<String, Object>> items = items(each, step);
                // As Backstage: one output whose every key holds the list of the iterations' values.
                Map<String, Object> merged = new LinkedHashMap<>();
                boolean ran = false;
                for (Map<String, Object> item : items) {
                    Map<String, Object> itemContext = new LinkedHashMap<>(context);
                    itemContext.put("each", item);
                    if (!shouldRun(templater, step, itemContext)) {
                        options.log().accept("skip " + step.label() + " for " + item.get("value"));
                        continue;
                    }
                    if (!ran) {
                        options.log().accept((options.dryRun() ? "plan " : "run ") + step.label());
                        ran = true;
                    }
                    Map<String, Object> out = call(action, run, input(templater, step, itemContext));
                    out.forEach((k, v) -> ((List<Object>) merged.computeIfAbsent(k, x -> new ArrayList<>())).add(v));
                }
                output = merged;
            } else {
                if (!shouldRun(templater, step, context)) {
                    options.log().accept("skip " + step.label() + " (if: " + step.when().asText(step.when().toString())
                            + ")");
                    continue;
                }
                options.log().accept((options.dryRun() ? "plan " : "run ") + step.label());
                output = call(action, run, input(templater, step, context));
            }
            if (!step.id().isEmpty()) {
                steps.put(step.id(), Map.of("output", output));
            }
        }
        return new Result(workspace.files().stream().map(Workspace.PlannedFile::path).toList(), pushes,
                registrations, outputs(templater, template, "links", context),
                outputs(templater, template, "text", context));
    }

    /** Backstage's rule: {@code if: false}, or a string that renders false, null, "", 0 or [], skips. */
    private static boolean shouldRun(NunjucksTemplater templater, Step step, Map<String, Object> context) {
        if (step.when().isBoolean()) {
            return step.when().asBoolean();
        }
        if (!step.when().isTextual()) {
            return true;
        }
        return NunjucksTemplater.truthy(evaluate(templater, step, step.when(), context));
    }

    /** Runs an action; whatever goes wrong is reported with the step's name. */
    private static Map<String, Object> call(ScaffoldAction action, StepRun run, Map<String, Object> input) {
        try {
            Map<String, Object> out = action.run(run, input);
            return out == null ? Map.of() : out;
        } catch (TemplateException e) {
            throw e.getMessage().startsWith(run.step().label()) ? e
                    : new TemplateException(run.step().label() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new TemplateException(run.step().label() + ": " + Redact.message(e.getMessage()), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(NunjucksTemplater templater, Step step, Map<String, Object> context) {
        Object input = evaluate(templater, step, step.input(), context);
        if (input != null && !(input instanceof Map<?, ?>)) {
            throw new TemplateException(step.label() + ": input must be an object");
        }
        return input == null ? Map.of() : (Map<String, Object>) input;
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
            int i = 0;
            for (Object v : list) {
                out.add(Map.of("key", String.valueOf(i++), "value", v == null ? "" : v));
            }
        } else if (each instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.add(Map.of("key", String.valueOf(k), "value", v == null ? "" : v)));
        } else {
            throw new TemplateException(step.label() + ": each must render to a list or an object, not "
                    + (each == null ? "nothing" : "'" + each + "'"));
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
        // Pull and merge requests (issue 20)
        m.put("publish:github:pull-request", "pushes the output to a new branch of a repository and opens a pull "
                + "request");
        m.put("publish:gitlab:merge-request", "pushes the output to a new branch of a project and opens a merge "
                + "request");
        m.put("publish:gitea:pull-request", "pushes the output to a new branch of a Gitea repository and opens a pull "
                + "request (Paved's own name)");
        // Issue 20, item 3.
        m.put("fs:rename", "renames files or folders of the output folder (files: from, to, overwrite)");
        m.put("fs:delete", "deletes files or folders of the output folder, by path or glob");
        m.put("fs:readdir", "lists files and folders of the output folder (outputs files, folders)");
        m.put("debug:wait", "waits minutes, seconds and milliseconds, at most 10 minutes (not in a dry run)");
        m.put("roadiehq:utils:fs:write", "writes content to a file (outputs path)");
        m.put("roadiehq:utils:fs:append", "appends content to a file, making it if missing (outputs path)");
        m.put("roadiehq:utils:fs:parse", "reads a file, as text or parsed as yaml, json or multiyaml (outputs content)");
        m.put("roadiehq:utils:merge", "merges an object into a JSON or YAML file (outputs path)");
        m.put("roadiehq:utils:jsonata", "evaluates a JSONata expression on data (outputs result)");
        m.put("roadiehq:utils:jsonata:yaml:transform", "evaluates a JSONata expression on a YAML file (outputs result)");
        m.put("roadiehq:utils:jsonata:json:transform", "evaluates a JSONata expression on a JSON file (outputs result)");
        m.put("roadiehq:utils:serialize:yaml", "writes data as YAML text (outputs serialized)");
        m.put("roadiehq:utils:serialize:json", "writes data as JSON text (outputs serialized)");
        m.put("http:backstage:request", "answers GETs of the catalog API (/api/catalog/entities…) from the catalog, "
                + "and sends /proxy/<name>/… through the app-config's proxy of that name (outputs code, headers, body); "
                + "any other request is refused");
        m.put("argocd:create-resources", "writes an Argo CD AppProject and Application to propose to a GitOps "
                + "repository (argocd/<appName>.yaml)");
        m.put("github:actions:dispatch", "starts a GitHub Actions workflow (workflow_dispatch) through the REST API");
        m.put("github:pages:enable", "enables GitHub Pages of a repository through the REST API");
        m.put("catalog:fetch", "gives entities of the built catalog by reference (outputs entity, entities)");
        m.put("notification:send", "prints the notification (Paved has no notification service)");
        // Issue 20: Backstage's GitHub module and the community annotator module.
        m.put("github:repo:create", "creates a GitHub repository through the REST API (outputs remoteUrl, "
                + "repoContentsUrl)");
        m.put("github:repo:push", "commits the output and pushes it to a GitHub repository that exists, empty "
                + "(outputs remoteUrl, repoContentsUrl, commitHash)");
        m.put("github:environment:create", "creates a deployment environment of a GitHub repository, with branch "
                + "policies and variables, through the REST API (secrets and reviewers: no)");
        m.put("github:issues:label", "adds labels to an issue or pull request through the REST API");
        m.put("catalog:annotate", "adds labels, annotations and spec fields to an entity file (outputs "
                + "annotatedObject)");
        m.put("catalog:scaffolded-from", "sets spec.scaffoldedFrom of an entity file to the template's ref (outputs "
                + "annotatedObject)");
        m.put("catalog:template:version", "annotates an entity file with backstage.io/template-version, from the "
                + "input or the template (outputs annotatedObject)");
        m.put("fetch:cookiecutter", "renders a cookiecutter skeleton (cookiecutter.json and {{cookiecutter.x}}) with "
                + "values, as cookiecutter --no-input does (no hooks, no Jinja extensions)");
        m.put("publish:azure", "creates an Azure DevOps repository through its REST API and pushes the output to it "
                + "(outputs remoteUrl, repoContentsUrl, repositoryId, commitHash)");
        m.put("pagerduty:service:create", "creates a PagerDuty service with an Events API v2 integration through the "
                + "portal's PagerDuty (outputs serviceUrl, serviceId, integrationKey, account)");
        m.put("rundeck:job:execute", "runs a Rundeck job through the portal's Rundeck, and waits for it with "
                + "waitForJob (outputs executionId, status, executionUrl, logs)");
        m.put("terasky:spring-initializer", "downloads a project from a Spring Initializr (start.spring.io or "
                + "endpoint) and unpacks it safely into outputPath (outputs projectPath)");
        m.put("terasky:catalog-info-cleaner", "writes catalog-info.yaml from an entity of the catalog without what the "
                + "catalog adds (uid, etag, relations, status, location annotations) (outputs manifest, filePath)");
        m.put("terasky:catalog-info:cleaner", "terasky:catalog-info-cleaner, by its later name");
        return Map.copyOf(m);
    }
}
