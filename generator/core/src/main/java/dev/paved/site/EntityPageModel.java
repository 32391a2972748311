package dev.paved.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.catalog.RelationType;
import dev.paved.gitops.DesiredState;
import dev.paved.gitops.GitOps;
import dev.paved.integrations.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds what an entity page shows from the catalog. */
final class EntityPageModel {

    /** Relation groups in the order pages show them, with the heading each gets. */
    private static final Map<RelationType, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put(RelationType.OWNED_BY, "Owned by");
        HEADINGS.put(RelationType.PART_OF, "Part of");
        HEADINGS.put(RelationType.CHILD_OF, "Parent group");
        HEADINGS.put(RelationType.MEMBER_OF, "Member of");
        HEADINGS.put(RelationType.HAS_PART, "Has parts");
        HEADINGS.put(RelationType.PARENT_OF, "Child groups");
        HEADINGS.put(RelationType.HAS_MEMBER, "Members");
        HEADINGS.put(RelationType.OWNER_OF, "Owns");
        HEADINGS.put(RelationType.PROVIDES_API, "Provides APIs");
        HEADINGS.put(RelationType.CONSUMES_API, "Consumes APIs");
        HEADINGS.put(RelationType.API_PROVIDED_BY, "Provided by");
        HEADINGS.put(RelationType.API_CONSUMED_BY, "Consumed by");
        HEADINGS.put(RelationType.DEPENDS_ON, "Depends on");
        HEADINGS.put(RelationType.DEPENDENCY_OF, "Dependency of");
    }

    /** Kinds in the order pages list them. */
    static final List<String> KIND_ORDER = List.of("Domain", "System", "Component", "API", "Resource", "Group",
            "User", "Template", "Location");

    private EntityPageModel() {
    }

    /**
     * @param docsOf the entity whose docs this entity shows: itself, or the one its
     *               {@code backstage.io/techdocs-entity} names; empty when there are none
     */
    static Map<String, Object> build(Entity entity, Catalog catalog, Optional<EntityRef> docsOf) {
        EntityRef self = entity.ref();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("entity", entity);
        model.put("ref", self.toString());
        model.put("kind", entity.kind());
        model.put("type", entity.type().orElse(""));
        model.put("lifecycle", entity.lifecycle().orElse(""));
        model.put("owner", first(catalog, self, RelationType.OWNED_BY));
        model.put("system", system(catalog, self));
        model.put("domain", domainOf(entity, catalog).orElse(null));
        // Only web and mail links become links: a javascript: URL is a valid URL to Backstage, but not to click.
        model.put("links", entity.links().stream().map(l -> new Views.Link(l.title().isEmpty() ? l.url() : l.title(),
                dev.paved.docs.UrlPaths.isWebLink(l.url()) ? l.url() : null)).toList());
        model.put("annotations", annotations(entity));
        List<Views.RefGroup> groups = new ArrayList<>();
        HEADINGS.forEach((type, heading) -> {
            List<Views.Ref> refs = catalog.related(self, type).stream().map(r -> ref(catalog, r)).toList();
            if (!refs.isEmpty()) {
                groups.add(new Views.RefGroup(heading, type.id(), refs));
            }
        });
        model.put("relations", groups);
        model.put("docsUrl", docsOf.map(r -> SitePaths.docsRoot(r) + "index.html").orElse(null));
        JsonNode profile = entity.specNode("profile");
        model.put("profileName", profile.path("displayName").asText(""));
        model.put("profileEmail", profile.path("email").asText(""));
        if (entity.kind().equals("API")) {
            model.put("api", ApiDefinitions.read(entity));
        }
        model.put("apisProvided", rows(catalog, self, RelationType.PROVIDES_API));
        model.put("apisConsumed", rows(catalog, self, RelationType.CONSUMES_API));
        model.put("providers", rows(catalog, self, RelationType.API_PROVIDED_BY));
        model.put("consumers", rows(catalog, self, RelationType.API_CONSUMED_BY));
        model.put("dependsOn", rows(catalog, self, RelationType.DEPENDS_ON));
        model.put("dependencyOf", rows(catalog, self, RelationType.DEPENDENCY_OF));
        model.put("parts", byKind(rows(catalog, self, RelationType.HAS_PART)));
        if (entity.kind().equals("Group")) {
            model.put("members", catalog.related(self, RelationType.HAS_MEMBER).stream()
                    .map(r -> new Views.Member(ref(catalog, r), catalog.find(r)
                            .map(u -> u.specNode("profile").path("email").asText("")).orElse("")))
                    .sorted(Comparator.comparing(m -> m.user().label().toLowerCase(Locale.ROOT))).toList());
            model.put("childGroups", rows(catalog, self, RelationType.PARENT_OF));
        }
        if (entity.kind().equals("User") || entity.kind().equals("Group")) {
            model.put("ownership", ownership(entity, catalog));
        }
        if (entity.kind().equals("Location")) {
            List<String> targets = new ArrayList<>(entity.specList("targets"));
            entity.specText("target").ifPresent(t -> targets.add(0, t));
            model.put("targets", targets);
        }
        if (entity.kind().equals("Template")) {
            model.put("parameters", templateParameters(entity.specNode("parameters")));
            List<Views.Link> steps = new ArrayList<>();
            for (JsonNode step : entity.specNode("steps")) {
                steps.add(new Views.Link(step.path("name").asText(step.path("id").asText("")),
                        step.path("action").asText("")));
            }
            model.put("steps", steps);
            model.put("templateNeeds", templateNeeds(steps));
            model.put("templateForm", scriptJson(entity.specNode("parameters")));
            model.put("templateRef", self.toString());
        }
        return model;
    }

    /**
     * The tabs of an entity page, as Backstage's entity pages have them: Overview always, the others when the page
     * has something to put in them.
     */
    @SuppressWarnings("unchecked")
    static List<Views.Tab> tabs(Map<String, Object> model) {
        List<Views.Tab> tabs = new ArrayList<>();
        if (model.get("parameters") != null) {
            tabs.add(new Views.Tab("create", "Create"));
        }
        tabs.add(new Views.Tab("overview", "Overview"));
        if (model.get("docsUrl") != null) {
            tabs.add(new Views.Tab("docs", "Docs"));
        }
        if (model.get("api") != null) {
            tabs.add(new Views.Tab("definition", "Definition"));
        }
        if (!((List<?>) model.get("apisProvided")).isEmpty() || !((List<?>) model.get("apisConsumed")).isEmpty()
                || !((List<?>) model.get("providers")).isEmpty() || !((List<?>) model.get("consumers")).isEmpty()) {
            tabs.add(new Views.Tab("api", model.get("api") != null ? "Providers and consumers" : "API"));
        }
        if (!((List<?>) model.get("dependsOn")).isEmpty() || !((List<?>) model.get("dependencyOf")).isEmpty()) {
            tabs.add(new Views.Tab("dependencies", "Dependencies"));
        }
        for (Views.CardTab t : (List<Views.CardTab>) model.getOrDefault("cardTabs", List.of())) {
            tabs.add(new Views.Tab(t.id(), t.label()));
        }
        if (model.get("delivery") != null) {
            tabs.add(new Views.Tab("delivery", "Delivery"));
        }
        Object scorecards = model.get("scorecards");
        if (scorecards instanceof List<?> list && !list.isEmpty()) {
            tabs.add(new Views.Tab("scorecards", "Scorecards"));
        }
        return tabs;
    }

    /** The tab each kind of card is on, in the order the tabs come. */
    private static final Map<String, Views.Tab> CARD_TABS = Map.of(
            "ci", new Views.Tab("ci", "CI/CD"),
            "argocd", new Views.Tab("deployments", "Deployments"),
            "kubernetes", new Views.Tab("deployments", "Deployments"),
            "deployments", new Views.Tab("deployments", "Deployments"),
            "grafana", new Views.Tab("operations", "Operations"),
            "oncall", new Views.Tab("operations", "Operations"),
            "quality", new Views.Tab("quality", "Code quality"));
    private static final List<String> CARD_TAB_ORDER = List.of("ci", "deployments", "operations", "quality");

    /**
     * An entity's snapshots on their tabs: CI runs on CI/CD; Argo CD applications and Kubernetes workloads on
     * Deployments; dashboards and on-call on Operations; quality gates on Code quality. A card of a kind no tab
     * knows goes to Operations.
     */
    static List<Views.CardTab> cardTabs(List<Snapshot> snapshots) {
        return cardTabs(snapshots, false);
    }

    /**
     * An entity's snapshots on their tabs, as {@link #cardTabs(List)}; with {@code environments}, the Deployments
     * tab is there even without a snapshot, for the environments Git asks for.
     */
    static List<Views.CardTab> cardTabs(List<Snapshot> snapshots, boolean environments) {
        Map<String, List<Snapshot>> by = new LinkedHashMap<>();
        if (environments) {
            by.put("deployments", new ArrayList<>());
        }
        for (Snapshot s : snapshots) {
            Views.Tab tab = CARD_TABS.getOrDefault(s.kind(), new Views.Tab("operations", "Operations"));
            by.computeIfAbsent(tab.id(), k -> new ArrayList<>()).add(s);
        }
        List<Views.CardTab> out = new ArrayList<>();
        for (String id : CARD_TAB_ORDER) {
            List<Snapshot> cards = by.get(id);
            if (cards != null) {
                String label = CARD_TABS.values().stream().filter(t -> t.id().equals(id)).findFirst()
                        .map(Views.Tab::label).orElse(id);
                out.add(new Views.CardTab(id, label, cards));
            }
        }
        return out;
    }

    /**
     * A System's environments: each of its components with environments (a row) by each environment's name (a
     * column, from the first stage to the last), the tags and replicas Git asks for in each cell; null when none
     * of its components has any.
     */
    static Views.EnvironmentMatrix environmentMatrix(EntityRef system, Catalog catalog, DesiredState desired) {
        List<EntityRef> parts = catalog.related(system, RelationType.HAS_PART).stream()
                .filter(r -> !desired.of(r).isEmpty())
                .sorted(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT))).toList();
        if (parts.isEmpty()) {
            return null;
        }
        List<String> names = parts.stream().flatMap(r -> desired.of(r).stream()).map(DesiredState.Environment::name)
                .distinct().sorted(Comparator.comparingInt(GitOps::rank).thenComparing(n -> n)).toList();
        List<Views.MatrixRow> rows = new ArrayList<>();
        for (EntityRef part : parts) {
            List<Views.MatrixCell> cells = new ArrayList<>();
            for (String name : names) {
                List<String> lines = new ArrayList<>();
                boolean drifted = false;
                for (DesiredState.Environment env : desired.of(part)) {
                    if (!env.name().equals(name)) {
                        continue;
                    }
                    drifted |= env.drifted();
                    for (DesiredState.Workload w : env.workloads()) {
                        for (DesiredState.Container c : w.containers()) {
                            String tag = c.tag().isEmpty() ? "(no tag)" : c.tag();
                            lines.add((w.containers().size() > 1 ? c.name() + ": " : "") + tag
                                    + (w.replicas().isEmpty() ? "" : " ×" + w.replicas()));
                        }
                    }
                    if (env.workloads().isEmpty()) {
                        lines.add("not resolved");
                    }
                }
                cells.add(new Views.MatrixCell(lines, drifted));
            }
            rows.add(new Views.MatrixRow(ref(catalog, part), cells));
        }
        return new Views.EnvironmentMatrix(names, rows);
    }

    /** What {@code template} created, and its share of the catalog's components. */
    static Views.Adoption adoption(Catalog catalog, EntityRef template, Map<EntityRef, List<EntityRef>> created) {
        List<Views.EntityRow> rows = created.getOrDefault(template, List.of()).stream().map(r -> row(catalog, r))
                .sorted(Comparator.comparing(r -> r.entity().label().toLowerCase(Locale.ROOT))).toList();
        int components = (int) catalog.entities().stream().filter(e -> e.kind().equals("Component")).count();
        long mine = created.getOrDefault(template, List.of()).stream().filter(r -> r.kind().equals("component"))
                .count();
        return new Views.Adoption(rows, components, components == 0 ? 0 : (int) Math.round(100.0 * mine
                / components));
    }

    /** What a developer needs on their machine to run a template, from the actions of its steps. */
    static List<String> templateNeeds(List<Views.Link> steps) {
        List<String> needs = new ArrayList<>();
        needs.add("Java 17 or newer, and Paved's command line (paved, or java -jar paved.jar).");
        List<String> actions = steps.stream().map(Views.Link::url).toList();
        if (actions.stream().anyMatch(a -> a.startsWith("publish:"))) {
            needs.add("git, and push access to the repository it creates; to have Paved create the repository, a "
                    + "token that may create it in PAVED_GIT_TOKEN (otherwise the repository must exist, empty).");
        }
        if (actions.stream().anyMatch(a -> a.startsWith("fetch:") || a.startsWith("http:"))) {
            needs.add("Network access to the hosts its skeletons and requests name.");
        }
        return needs;
    }

    /** The entities related to {@code self} by {@code type}, as table rows, by name. */
    static List<Views.EntityRow> rows(Catalog catalog, EntityRef self, RelationType type) {
        return catalog.related(self, type).stream().map(r -> row(catalog, r))
                .sorted(Comparator.comparing(r -> r.entity().label().toLowerCase(Locale.ROOT))).toList();
    }

    static Views.EntityRow row(Catalog catalog, EntityRef ref) {
        Optional<Entity> target = catalog.find(ref);
        return new Views.EntityRow(ref(catalog, ref), target.flatMap(Entity::type).orElse(""),
                target.flatMap(Entity::lifecycle).orElse(""), first(catalog, ref, RelationType.OWNED_BY),
                target.map(Entity::description).orElse(""));
    }

    /** Rows grouped by kind, in the catalog's order of kinds. */
    static List<Views.KindGroup> byKind(List<Views.EntityRow> rows) {
        Map<String, List<Views.EntityRow>> groups = new LinkedHashMap<>();
        for (String kind : KIND_ORDER) {
            rows.stream().filter(r -> r.entity().kind().equalsIgnoreCase(kind))
                    .forEach(r -> groups.computeIfAbsent(kind, k -> new ArrayList<>()).add(r));
        }
        rows.stream().filter(r -> KIND_ORDER.stream().noneMatch(k -> k.equalsIgnoreCase(r.entity().kind())))
                .forEach(r -> groups.computeIfAbsent(r.entity().kind(), k -> new ArrayList<>()).add(r));
        return groups.entrySet().stream().map(e -> new Views.KindGroup(e.getKey(), e.getValue())).toList();
    }

    /**
     * What a user or group owns, as Backstage's ownership card counts it: a group's own entities; a user's, and
     * those of every group the user is a member of.
     */
    private static List<Views.KindGroup> ownership(Entity entity, Catalog catalog) {
        Set<EntityRef> owners = new LinkedHashSet<>();
        owners.add(entity.ref());
        if (entity.kind().equals("User")) {
            owners.addAll(catalog.related(entity.ref(), RelationType.MEMBER_OF));
        }
        Set<EntityRef> owned = new LinkedHashSet<>();
        owners.forEach(o -> owned.addAll(catalog.related(o, RelationType.OWNER_OF)));
        return byKind(owned.stream().map(r -> row(catalog, r))
                .sorted(Comparator.comparing(r -> r.entity().label().toLowerCase(Locale.ROOT))).toList());
    }

    /**
     * JSON to embed in a {@code <script type="application/json">}: {@code <}, {@code >} and {@code &} escaped as
     * JSON unicode escapes, so no text in it can close the script element.
     */
    static String scriptJson(JsonNode node) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(node.isMissingNode()
                    ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A link to {@code ref}, or a marked plain label when it is not in the catalog. */
    static Views.Ref ref(Catalog catalog, EntityRef ref) {
        Optional<Entity> target = catalog.find(ref);
        String label = target.map(Entity::displayName).orElse(ref.name());
        if (!ref.namespace().equals(EntityRef.DEFAULT_NAMESPACE)) {
            label = ref.namespace() + "/" + label;
        }
        return new Views.Ref(label, target.map(Entity::kind).orElse(ref.kind()),
                target.isPresent() ? SitePaths.entity(ref) : null, target.isEmpty(), ref.toString());
    }

    /** A link to the system {@code ref} is part of, or null. */
    static Views.Ref system(Catalog catalog, EntityRef ref) {
        return catalog.related(ref, RelationType.PART_OF).stream().filter(r -> r.kind().equals("system"))
                .findFirst().map(r -> ref(catalog, r)).orElse(null);
    }

    static Views.Ref first(Catalog catalog, EntityRef self, RelationType type) {
        return catalog.related(self, type).stream().findFirst().map(r -> ref(catalog, r)).orElse(null);
    }

    private static Optional<Views.Ref> domainOf(Entity entity, Catalog catalog) {
        EntityRef start = entity.ref();
        if (!entity.kind().equals("System")) {
            Optional<EntityRef> system = catalog.related(start, RelationType.PART_OF).stream()
                    .filter(r -> r.kind().equals("system")).findFirst();
            if (system.isEmpty()) {
                return Optional.empty();
            }
            start = system.get();
        }
        return catalog.related(start, RelationType.PART_OF).stream().filter(r -> r.kind().equals("domain"))
                .findFirst().map(r -> ref(catalog, r));
    }

    private static List<Views.Annotation> annotations(Entity entity) {
        List<Views.Annotation> out = new ArrayList<>();
        entity.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String value = e.getValue();
            String url = null;
            if (value.matches("^https?://\\S+$")) {
                url = value;
            } else if (value.matches("^url:https?://\\S+$")) {
                url = value.substring(4);
            } else if (e.getKey().equals("github.com/project-slug") && value.matches("^[\\w.-]+/[\\w.-]+$")) {
                url = "https://github.com/" + value;
            }
            out.add(new Views.Annotation(e.getKey(), value, url));
        });
        return out;
    }

    private static List<Views.Param> templateParameters(JsonNode parameters) {
        List<Views.Param> out = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        if (parameters.isArray()) {
            parameters.forEach(pages::add);
        } else if (parameters.isObject()) {
            pages.add(parameters);
        }
        for (JsonNode page : pages) {
            List<String> required = new ArrayList<>();
            page.path("required").forEach(r -> required.add(r.asText()));
            page.path("properties").fields().forEachRemaining(p -> out.add(new Views.Param(p.getKey(),
                    page.path("title").asText(""), required.contains(p.getKey()),
                    p.getValue().path("title").asText("") + (p.getValue().has("description") ? " — "
                            + p.getValue().path("description").asText() : ""))));
        }
        return out;
    }
}
