package dev.paved.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RelationType;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.Severity;
import dev.paved.crawl.FileNeeds;
import dev.paved.crawl.RepositoryTree;
import dev.paved.docs.DocSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The facts rules test, computed once per entity and shared by every scorecard. A fact that cannot be known is
 * absent (branch protection, for one, needs the host's API and is never known offline).
 *
 * <p>Catalog facts: {@code kind}, {@code type}, {@code lifecycle}, {@code hasOwner}, {@code ownerIsGroup},
 * {@code hasDescription}, {@code hasTags}, {@code tagCount}, {@code hasSystem}, {@code hasTechdocs},
 * {@code docsBuilt}, {@code docsBrokenLinks}, {@code docsDaysSinceChange}, {@code hasApiDefinition},
 * {@code apiDefinitionParses}, {@code providesApis}, {@code dependsOnDeprecated}, {@code catalogProblems},
 * {@code catalogErrors}. Repository facts (the entity's folder, else its repository's root): {@code hasReadme},
 * {@code hasLicense}, {@code hasCodeowners}, {@code codeownersNamesOwner}, {@code hasCi}. Integration facts (the
 * build's CI snapshots, when an integration is asked): {@code hasCi} is also true when a workflow or pipeline ran,
 * {@code ciPassing} when the latest finished run of each passed (absent when no snapshot tells). GitOps and
 * Kubernetes facts: {@code deployedTo}, the environments Git deploys a component to and the clusters a snapshot shows
 * running it (absent when neither tells). Delivery facts (from Git, see {@code dev.paved.metrics}):
 * {@code deploysPerWeek}, {@code leadTimeHours}, {@code changeFailurePercent}, {@code timeToRestoreHours},
 * {@code deliveryBand} (absent for a component whose deployments Git does not show).
 */
final class Facts {

    static final List<String> NAMES = List.of("kind", "type", "lifecycle", "hasOwner", "ownerIsGroup",
            "hasDescription", "hasTags", "tagCount", "hasSystem", "hasTechdocs", "docsBuilt", "docsBrokenLinks",
            "docsDaysSinceChange", "hasApiDefinition", "apiDefinitionParses", "providesApis", "dependsOnDeprecated",
            "catalogProblems", "catalogErrors", "hasReadme", "hasLicense", "hasCodeowners", "codeownersNamesOwner",
            "hasCi", "ciPassing", "deployedTo", "argoSynced", "argoHealthy", "hasOnCall", "openIncidents",
            "hasDashboards", "alertsFiring", "qualityGatePassed", "deploysPerWeek", "leadTimeHours",
            "changeFailurePercent", "timeToRestoreHours", "deliveryBand");

    private final Catalog catalog;
    private final Map<EntityRef, DocSet> docs;
    private final LocalDate today;
    private final Map<String, Integer> problemsByFile = new HashMap<>();
    private final Map<String, Integer> errorsByFile = new HashMap<>();
    private final List<String> brokenLinkFiles;
    private final Map<Path, Map<String, Object>> folderFacts = new HashMap<>();
    private final Function<EntityRef, Map<String, Object>> more;

    Facts(Catalog catalog, Map<EntityRef, DocSet> docs, List<Diagnostic> problems, LocalDate today) {
        this(catalog, docs, problems, today, ref -> Map.of());
    }

    /** @param more each entity's facts from elsewhere (the integrations' snapshots); a true one wins */
    Facts(Catalog catalog, Map<EntityRef, DocSet> docs, List<Diagnostic> problems, LocalDate today,
          Function<EntityRef, Map<String, Object>> more) {
        this.more = more;
        this.catalog = catalog;
        this.docs = docs;
        this.today = today;
        for (Diagnostic d : problems) {
            problemsByFile.merge(d.file(), 1, Integer::sum);
            if (d.severity() == Severity.ERROR) {
                errorsByFile.merge(d.file(), 1, Integer::sum);
            }
        }
        this.brokenLinkFiles = problems.stream().filter(d -> d.code() == Code.BROKEN_LINK
                || d.code() == Code.BROKEN_ANCHOR).map(Diagnostic::file).toList();
    }

    Map<String, Object> of(Entity e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", e.kind());
        e.type().ifPresent(t -> f.put("type", t));
        e.lifecycle().ifPresent(l -> f.put("lifecycle", l));
        List<EntityRef> owners = catalog.related(e.ref(), RelationType.OWNED_BY);
        f.put("hasOwner", !owners.isEmpty());
        Optional<Entity> owner = owners.stream().findFirst().flatMap(catalog::find);
        f.put("ownerIsGroup", owner.map(o -> o.kind().equals("Group")).orElse(false));
        f.put("hasDescription", !e.description().isBlank());
        f.put("hasTags", !e.tags().isEmpty());
        f.put("tagCount", e.tags().size());
        f.put("hasSystem", catalog.related(e.ref(), RelationType.PART_OF).stream()
                .anyMatch(r -> r.kind().equals("system")));
        boolean techdocs = e.annotation("backstage.io/techdocs-ref").isPresent()
                || e.annotation("backstage.io/techdocs-entity").isPresent();
        f.put("hasTechdocs", techdocs);
        DocSet set = docs.get(e.ref());
        f.put("docsBuilt", set != null && !set.pages().isEmpty());
        String folder = DisplayPath.of(e.source().directory()) + "/";
        f.put("docsBrokenLinks", (int) brokenLinkFiles.stream().filter(p -> p.startsWith(folder)).count());
        if (set != null) {
            set.lastUpdated().values().stream().max(String::compareTo).ifPresent(d -> {
                try {
                    f.put("docsDaysSinceChange", (int) ChronoUnit.DAYS.between(LocalDate.parse(d), today));
                } catch (RuntimeException ignored) {
                    // not a date: unknown
                }
            });
        }
        if (e.kind().equals("API")) {
            JsonNode definition = e.specNode("definition");
            boolean present = definition.isTextual() && !definition.asText().isBlank();
            f.put("hasApiDefinition", present);
            f.put("apiDefinitionParses", present && parses(e.type().orElse(""), definition.asText()));
        }
        f.put("providesApis", catalog.related(e.ref(), RelationType.PROVIDES_API).size());
        f.put("dependsOnDeprecated", Stream.concat(catalog.related(e.ref(), RelationType.DEPENDS_ON).stream(),
                catalog.related(e.ref(), RelationType.CONSUMES_API).stream()).map(catalog::find)
                .flatMap(Optional::stream).anyMatch(d -> d.lifecycle().filter("deprecated"::equals).isPresent()));
        String file = DisplayPath.of(e.source().file());
        f.put("catalogProblems", problemsByFile.getOrDefault(file, 0));
        f.put("catalogErrors", errorsByFile.getOrDefault(file, 0));
        f.putAll(repositoryFacts(e, owners.isEmpty() ? "" : owners.get(0).name()));
        more.apply(e.ref()).forEach((name, value) -> f.merge(name, value, (was, now) ->
                Boolean.TRUE.equals(was) ? was : now));
        return f;
    }

    private static boolean parses(String type, String text) {
        if (!type.equals("openapi") && !type.equals("asyncapi")) {
            return true; // GraphQL, gRPC…: shown as source; present is all Paved can say
        }
        try {
            JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(text);
            return doc != null && (doc.has("openapi") || doc.has("swagger") || doc.has("asyncapi"));
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    /** README, LICENSE, CODEOWNERS and CI in the entity's folder, else at its repository's root. */
    private Map<String, Object> repositoryFacts(Entity e, String ownerName) {
        Map<String, Object> f = new LinkedHashMap<>();
        Path dir = e.source().directory();
        Path root = e.source().repositoryRoot();
        Map<String, Object> here = folder(dir);
        Map<String, Object> top = dir.equals(root) ? here : folder(root);
        for (String key : List.of("hasReadme", "hasLicense", "hasCodeowners", "hasCi")) {
            f.put(key, (Boolean) here.get(key) || (Boolean) top.get(key));
        }
        String codeowners = (String) here.getOrDefault("codeowners", top.getOrDefault("codeowners", ""));
        if (!codeowners.isEmpty()) {
            f.put("codeownersNamesOwner", !ownerName.isEmpty() && codeowners.toLowerCase(Locale.ROOT)
                    .matches("(?s).*[@/]" + java.util.regex.Pattern.quote(ownerName.toLowerCase(Locale.ROOT))
                            + "\\b.*"));
        } else {
            f.put("codeownersNamesOwner", false);
        }
        return f;
    }

    private Map<String, Object> folder(Path dir) {
        return folderFacts.computeIfAbsent(dir, d -> {
            Map<String, Object> f = new HashMap<>();
            List<String> names = List.of();
            try (Stream<Path> s = Files.list(d)) {
                names = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            } catch (IOException ex) {
                // an unreadable folder has none of the files
            }
            f.put("hasReadme", names.stream().anyMatch(n -> isReadme(RepositoryTree.fileName(n))));
            f.put("hasLicense", names.stream().anyMatch(n -> isLicense(RepositoryTree.fileName(n))));
            Optional<Path> codeowners = CODEOWNERS.stream().map(d::resolve).filter(Files::isRegularFile).findFirst();
            f.put("hasCodeowners", codeowners.isPresent());
            codeowners.ifPresent(p -> {
                try {
                    f.put("codeowners", Files.readString(p));
                } catch (IOException ex) {
                    f.put("codeowners", "");
                }
            });
            boolean ci = Stream.of(".gitlab-ci.yml", "Jenkinsfile").anyMatch(n -> Files.isRegularFile(d.resolve(n)));
            for (String folder : List.of(".circleci", ".github/workflows")) {
                if (!ci && Files.isDirectory(d.resolve(folder))) {
                    try (Stream<Path> s = Files.list(d.resolve(folder))) {
                        ci = s.anyMatch(p -> Files.isRegularFile(p) && isCi(folder + "/" + p.getFileName()));
                    } catch (IOException ex) {
                        ci = false;
                    }
                }
            }
            f.put("hasCi", ci);
            return f;
        });
    }

    /** Where a folder's code owners are, in the order GitHub and GitLab look. */
    static final List<String> CODEOWNERS = List.of("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS",
            ".gitlab/CODEOWNERS");

    /** A README file name (lower case): {@code README}, {@code README.md}, {@code readme.rst}… */
    static boolean isReadme(String name) {
        return name.startsWith("readme");
    }

    /** A licence file name (lower case): {@code LICENSE}, {@code LICENCE}, {@code COPYING}, with any extension. */
    static boolean isLicense(String name) {
        return name.startsWith("license") || name.startsWith("licence") || name.startsWith("copying");
    }

    /** A CI configuration, by its path relative to the folder it configures. */
    static boolean isCi(String path) {
        return path.equals(".gitlab-ci.yml") || path.equals("Jenkinsfile") || path.matches("\\.circleci/[^/]+")
                || path.matches("\\.github/workflows/[^/]+\\.ya?ml");
    }

    /** The files the facts are read from, in any folder of a repository (an entity's or the root). */
    static final FileNeeds NEEDS = new FileNeeds() {
        @Override
        public Set<String> select(RepositoryTree tree) {
            Set<String> out = new TreeSet<>();
            for (String path : tree.paths()) {
                if (RepositoryTree.isDependency(path)) {
                    continue;
                }
                String name = RepositoryTree.fileName(path);
                // Code owners and CI are named relative to the folder they are for: any folder above the file.
                if (isReadme(name) || isLicense(name) || RepositoryTree.relativeToEachFolder(path)
                        .anyMatch(p -> CODEOWNERS.contains(p) || isCi(p))) {
                    out.add(path);
                }
            }
            return out;
        }

        @Override
        public String id() {
            return "facts/2";
        }
    };

}
