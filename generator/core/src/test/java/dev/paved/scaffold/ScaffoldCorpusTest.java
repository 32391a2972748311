package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.TestFiles;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.Entity;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real public Template document of the shared corpus that Backstage accepts is planned in a dry run with
 * values made from its own schemas: it plans cleanly (every step's input rendered), or it names the actions Paved
 * does not run, before doing anything.
 */
class ScaffoldCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many of the corpus's templates plan cleanly, at least. */
    private static final int PLANNED_AT_LEAST = 40;
    /** A problem that names a step's action: {@code step 'id' (action): …}. */
    private static final Pattern NAMES_ACTION = Pattern.compile("^step '[^']*' \\(([^)]+)\\): ");

    @Test
    void realTemplatesPlanOrNameWhatTheyNeed(@TempDir Path dir) throws Exception {
        List<Path> files = TestFiles.acceptedCorpusTemplates();
        List<Entity> templates = CatalogReader.read(files.stream().map(CatalogSource::of)
                .toList(), new Diagnostics()).entities().stream().filter(e -> e.kind().equals("Template")).toList();
        assertTrue(templates.size() > 40, "templates read: " + templates.size());

        Map<String, String> outcomes = new TreeMap<>();
        Map<String, Integer> byAction = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int planned = 0;
        int unsupported = 0;
        int refused = 0;
        int needsValues = 0;
        for (Entity entity : templates) {
            SoftwareTemplate template = SoftwareTemplate.of(entity);
            Map<String, Object> values = sampleValues(template);
            List<String> problems = Scaffolder.check(template, values);
            List<String> unknown = template.steps().stream().map(Step::action)
                    .filter(a -> !Scaffolder.ACTIONS.containsKey(a)).distinct().toList();
            for (String action : unknown) {
                assertTrue(problems.stream().anyMatch(p -> p.contains("the action " + action + " is not one")),
                        entity.ref() + " should name " + action + ": " + problems);
            }
            // Unknown actions, and known ones asked what Paved cannot do (http:backstage:request of a proxy),
            // are named before anything runs.
            List<String> named = problems.stream().map(NAMES_ACTION::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).distinct().toList();
            if (!named.isEmpty()) {
                unsupported++;
                named.forEach(a -> byAction.merge(a, 1, Integer::sum));
                outcomes.put(entity.ref().toString(), "names: " + String.join(", ", named));
                continue;
            }
            Path out = dir.resolve(entity.ref().name());
            try {
                Scaffolder.Result result = Scaffolder.run(template, values, new Scaffolder.Options(out, true,
                        Map.of(), null, Map.of(), null, line -> { }));
                planned++;
                outcomes.put(entity.ref().toString(), "planned: " + result.pushes());
            } catch (TemplateException e) {
                if (e.getMessage().contains("unknown filter '")) {
                    // A filter of a custom Backstage module (e.g. `now`): the run names it, as it names an action.
                    unsupported++;
                    outcomes.put(entity.ref().toString(), "unsupported filter: " + e.getMessage());
                } else if (e.getMessage().matches("(?s)step '[^']+' \\([a-z:]+\\): input '[A-Za-z]+' is required.*")) {
                    // Computed from the made-up values (a URL the test cannot know, through JSONata): the run stops
                    // at the step, naming the input, as Backstage's would with the same values.
                    needsValues++;
                    outcomes.put(entity.ref().toString(), "needs real values: " + e.getMessage());
                } else if (e.getMessage().contains("templateFileExtension cannot be used with")) {
                    // Backstage's fetch:template refuses this combination of inputs too: the template fails there.
                    refused++;
                    outcomes.put(entity.ref().toString(), "refused, as Backstage refuses it: " + e.getMessage());
                } else if (e.getMessage().contains("leads out of the template's repository")) {
                    // Its skeleton is beside it in its own repository, not in the corpus, which holds the file
                    // alone: refused, as any url out of the template's repository is.
                    refused++;
                    outcomes.put(entity.ref().toString(), "refused: " + e.getMessage());
                } else {
                    failures.add(entity.ref() + ": " + e.getMessage());
                }
            }
            assertTrue(!Files.exists(out), "a dry run wrote " + out);
        }
        System.out.println("Corpus templates in a dry run: " + planned + " planned, " + unsupported
                + " name an action Paved does not run (as asked): " + byAction + ", " + refused
                + " refused (a skeleton out of the template's repository, or inputs Backstage refuses too), " + needsValues
                + " stopped at a step for an input the made-up values leave empty");
        outcomes.forEach((k, v) -> System.out.println("  " + k + " → " + v));
        assertEquals(List.of(), failures, "templates that neither plan nor name an unsupported action");
        // A ratchet: raise it as actions are added, never lower it (issue 20 asks for 45 of the 55).
        assertTrue(planned >= PLANNED_AT_LEAST, "planned " + planned + " of " + templates.size()
                + ", fewer than the " + PLANNED_AT_LEAST + " that planned before");
    }

    /** Values a user could give: defaults, the first choice of enums, and a plain value per type otherwise. */
    static Map<String, Object> sampleValues(SoftwareTemplate template) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonNode page : template.parameters()) {
            Iterator<Map.Entry<String, JsonNode>> props = page.path("properties").properties().iterator();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> p = props.next();
                Object v = sample(p.getKey(), p.getValue());
                if (v != null) {
                    values.putIfAbsent(p.getKey(), v);
                }
            }
        }
        return values;
    }

    /** A repository location the picker allows. */
    private static String repoUrl(JsonNode options) {
        String host = options.path("allowedHosts").path(0).asText("github.com");
        String owner = options.path("allowedOwners").path(0).asText("acme");
        String repo = options.path("allowedRepos").path(0).asText("sample-service");
        return host + "?owner=" + owner + "&repo=" + repo;
    }

    private static Object sample(String key, JsonNode schema) {
        if (schema.has("default")) {
            return JSON.convertValue(schema.get("default"), Object.class);
        }
        if (schema.path("enum").size() > 0) {
            return JSON.convertValue(schema.path("enum").get(0), Object.class);
        }
        if (schema.has("const")) {
            return JSON.convertValue(schema.get("const"), Object.class);
        }
        String field = schema.path("ui:field").asText("");
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("string");
        return switch (type) {
            case "boolean" -> false;
            case "integer", "number" -> schema.has("minimum") ? schema.get("minimum").numberValue() : 1;
            case "array" -> List.of();
            case "object" -> {
                Map<String, Object> o = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").properties().iterator();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> p = props.next();
                    Object v = sample(p.getKey(), p.getValue());
                    if (v != null) {
                        o.put(p.getKey(), v);
                    }
                }
                yield o;
            }
            default -> field.equals("RepoUrlPicker") ? repoUrl(schema.path("ui:options"))
                    : field.matches("OwnerPicker|MyGroupsPicker") ? "group:default/team-a"
                    : field.matches("EntityPicker|OwnedEntityPicker") ? "component:default/sample-service"
                    : "sample" + key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        };
    }
}
