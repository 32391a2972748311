package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.scaffold.Platform;
import dev.paved.scaffold.Scaffolder;
import dev.paved.scaffold.ScaffoldUser;
import dev.paved.scaffold.SoftwareTemplate;
import dev.paved.scaffold.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved scaffold}: runs a Backstage software template from the catalog or a file. */
@Command(name = "scaffold", mixinStandardHelpOptions = true,
        description = {"Runs a software template (Backstage scaffolder.backstage.io/v1beta3): checks the values "
                + "against its parameter schemas, then runs its steps into the output folder.",
                "Actions: fetch:template, fetch:plain, fetch:plain:file, publish:git, publish:github, publish:gitlab, "
                        + "publish:gitea, publish:azure, catalog:register, catalog:write, catalog:fetch, debug:log, "
                        + "debug:wait, fs:rename, fs:delete, fs:readdir, fetch:cookiecutter, "
                        + "http:backstage:request (catalog GETs, configured proxies), pagerduty:service:create, "
                        + "rundeck:job:execute, terasky:spring-initializer, terasky:catalog-info-cleaner, "
                        + "github:actions:dispatch, github:pages:enable, argocd:create-resources (a manifest), "
                        + "notification:send (printed), github:repo:create, github:repo:push, "
                        + "github:environment:create (no secrets), github:issues:label, catalog:annotate, "
                        + "catalog:scaffolded-from, catalog:template:version, "
                        + "roadiehq:utils:fs:write|fs:append|fs:parse|merge|jsonata|jsonata:yaml:transform|"
                        + "jsonata:json:transform|serialize:yaml|serialize:json.",
                "With PAVED_GIT_TOKEN set, publish:github|gitlab|gitea|azure create the repository through the host's API "
                        + "and push with the token; without it the repository must exist, empty."})
final class ScaffoldCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEMPLATE",
            description = "A template of the catalog (java-service, template:default/java-service) or a template "
                    + "YAML file (or its folder).")
    String template;

    @Option(names = "--values", paramLabel = "FILE", description = "A YAML file of values (as the portal's form gives).")
    Path valuesFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A value, over those of --values (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Check everything and print what would be written and pushed; change nothing.")
    boolean dryRun;

    @Option(names = "--git-url", paramLabel = "PREFIX=REPLACEMENT",
            description = "Push to REPLACEMENT… instead of PREFIX… (as git's url.<base>.insteadOf; repeatable).")
    Map<String, String> gitUrls = new LinkedHashMap<>();

    @Option(names = "--api-url", paramLabel = "HOST=URL",
            description = "The REST API root for a host, where it is not the default (repeatable).")
    Map<String, String> apiUrls = new LinkedHashMap<>();

    @Option(names = "--token-host", paramLabel = "HOST",
            description = "A host PAVED_GIT_TOKEN may be sent to (repeatable; also PAVED_GIT_TOKEN_HOSTS, comma-separated). "
                    + "Default: github.com, gitlab.com and the hosts of --api-url.")
    List<String> tokenHosts = List.of();

    @Option(names = "--no-register", description = "catalog:register does not add the repository to paved.yaml.")
    boolean noRegister;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where the new project is written. "
            + "Default: ./<the name value>, else ./scaffolded.")
    Path output;

    @Mixin
    ProjectFolder project;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Diagnostics diagnostics = new Diagnostics();
        PavedConfig config = project.load(diagnostics, List.of());
        Catalog catalog = CatalogReader.read(config.sources().stream().map(CatalogSource::of).toList(),
                new Diagnostics());
        SoftwareTemplate template;
        try {
            template = find(catalog);
        } catch (TemplateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        Map<String, Object> values;
        try {
            values = values(template);
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Platform platform = new Platform(config.services(), proxies(), System::getenv);
        List<String> problems = Scaffolder.check(template, values, platform);
        if (!problems.isEmpty()) {
            err.println("error: " + template.ref() + " cannot run; nothing was written:");
            problems.forEach(p -> err.println("  " + p));
            return 1;
        }
        Path target = output != null ? output
                : Path.of(values.get("name") instanceof String n && n.matches("[A-Za-z0-9._-]+") ? n : "scaffolded");
        if (!dryRun && Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    err.println("error: " + target + " is not empty; choose another --output");
                    return 1;
                }
            }
        }
        Path registerInto = noRegister ? null : configFile();
        Scaffolder.Options options = new Scaffolder.Options(target, dryRun, gitUrls, registerInto,
                ScaffoldUser.fromGitConfig(catalog), System.getenv("PAVED_GIT_TOKEN"), out::println, apiUrls,
                tokenHosts()).withCatalog(catalog)
                .withPlatform(platform);
        out.println((dryRun ? "Dry run of " : "Running ") + template.ref() + " into " + target);
        Scaffolder.Result result;
        try {
            result = Scaffolder.run(template, values, options);
        } catch (TemplateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        if (dryRun) {
            out.println("Would write " + result.files().size() + " file(s):");
            result.files().forEach(f -> out.println("  " + f));
            result.pushes().forEach(p -> out.println("Would push to " + p));
        } else {
            out.println("Wrote " + result.files().size() + " file(s) to " + target);
        }
        for (Map<String, Object> link : result.links()) {
            Object where = link.get("url") != null ? link.get("url") : link.get("entityRef");
            if (where == null) {
                continue;
            }
            out.println((link.get("title") == null ? "link" : link.get("title")) + ": " + where);
        }
        for (Map<String, Object> text : result.text()) {
            out.println(text.getOrDefault("title", "") + ":\n" + text.getOrDefault("content", ""));
        }
        out.flush();
        return 0;
    }

    private java.util.Set<String> tokenHosts() {
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>(tokenHosts);
        String env = System.getenv("PAVED_GIT_TOKEN_HOSTS");
        if (env != null) {
            for (String h : env.split(",")) {
                if (!h.isBlank()) {
                    hosts.add(h.trim());
                }
            }
        }
        return hosts;
    }

    /** The proxies of the app-config paved.yaml names ({@code appConfig}), for http:backstage:request. */
    private Map<String, Platform.Proxy> proxies() {
        Path file = configFile();
        if (file == null) {
            return Map.of();
        }
        try {
            YAMLMapper yaml = new YAMLMapper();
            JsonNode paved = yaml.readTree(file.toFile());
            if (paved == null || !paved.path("appConfig").isTextual()) {
                return Map.of();
            }
            Path appConfig = file.toAbsolutePath().getParent().resolve(paved.path("appConfig").asText());
            JsonNode root = Files.isRegularFile(appConfig) ? yaml.readTree(appConfig.toFile()) : null;
            return root == null ? Map.of() : Platform.proxies(root);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private Path configFile() {
        Path file = project.config != null ? project.config : project.project.resolve("paved.yaml");
        return Files.isRegularFile(file) ? file : null;
    }

    private SoftwareTemplate find(Catalog catalog) throws IOException {
        Path path = Path.of(template);
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("template.yaml"))) {
            path = path.resolve("template.yaml");
        }
        if (Files.isRegularFile(path)) {
            // A file of the catalog runs as it does by name; another as the catalog reads a file alone.
            Path file = path.toAbsolutePath().normalize();
            Optional<Entity> inCatalog = catalog.entities().stream().filter(e -> e.kind().equalsIgnoreCase(
                    "Template") && e.source().file().toAbsolutePath().normalize().equals(file)).findFirst();
            return inCatalog.isPresent() ? SoftwareTemplate.of(inCatalog.get()) : SoftwareTemplate.read(file);
        }
        EntityRef ref;
        try {
            ref = EntityRef.parse(template, "template", EntityRef.DEFAULT_NAMESPACE);
        } catch (IllegalArgumentException e) {
            throw new TemplateException("'" + template + "' is neither a file nor a template ref");
        }
        Optional<Entity> entity = catalog.find(ref);
        if (entity.isEmpty()) {
            List<String> known = catalog.entities().stream().filter(e -> e.kind().equalsIgnoreCase("Template"))
                    .map(e -> e.ref().toString()).sorted().toList();
            throw new TemplateException("no template " + ref + " in the catalog"
                    + (known.isEmpty() ? "" : " (it has: " + String.join(", ", known) + ")"));
        }
        return SoftwareTemplate.of(entity.get());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> values(SoftwareTemplate template) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        Map<String, Object> values = new LinkedHashMap<>();
        if (valuesFile != null) {
            Object read = yaml.readValue(valuesFile.toFile(), Object.class);
            if (read instanceof Map<?, ?> m) {
                values.putAll((Map<String, Object>) m);
            } else if (read != null) {
                throw new IllegalArgumentException(valuesFile + " is not a map of values");
            }
        }
        for (Map.Entry<String, String> e : set.entrySet()) {
            String value = e.getValue();
            values.put(e.getKey(), isString(template, e.getKey()) ? value
                    : yaml.readValue(value.isEmpty() ? "''" : value, Object.class));
        }
        return values;
    }

    /** Whether the schema says a value is a string (then --set keeps "21" a string). */
    private static boolean isString(SoftwareTemplate template, String key) {
        for (JsonNode page : template.parameters()) {
            JsonNode p = page.path("properties").path(key);
            if (!p.isMissingNode()) {
                return !p.has("type") || "string".equals(p.path("type").asText());
            }
        }
        return true;
    }
}
