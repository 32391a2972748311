package dev.paved.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.catalog.Entity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which of an environment's workloads and hosts are a component's (the rules of {@link GitOps}). */
final class Attribution {

    static final String KUBERNETES_ID = "backstage.io/kubernetes-id";
    static final String LABEL_SELECTOR = "backstage.io/kubernetes-label-selector";

    private Attribution() {
    }

    /**
     * The component's part of an environment, or empty when none of it is the component's.
     *
     * @param ownRepository whether the environment is in the component's own repository, where it is the only
     *                      component
     */
    static Optional<DesiredState.Environment> of(Entity component, Finder.Found env, boolean ownRepository,
                                                 RepoFiles files) {
        boolean whole = ownRepository || namedFolder(files.relative(env.folder()), component.name());
        List<Resource> workloads = env.resources().stream().filter(Manifests::isWorkload)
                .filter(w -> whole || owns(component, w)).toList();
        if (workloads.isEmpty() && !whole) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        for (Resource w : workloads) {
            names.add(w.name());
            names.add(w.baseName());
            Map<String, String> labels = w.labels();
            env.resources().stream().filter(s -> s.kind().equals("Service") && selects(s, labels))
                    .forEach(s -> {
                        names.add(s.name());
                        names.add(s.baseName());
                    });
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (Resource r : env.resources()) {
            Set<String> its = Manifests.hosts(r);
            if (its.isEmpty()) {
                continue;
            }
            if (whole || labelled(component, r.labels()) || names.contains(r.name()) || names.contains(r.baseName())
                    || Manifests.backends(r).stream().anyMatch(names::contains)) {
                hosts.addAll(its);
            }
        }
        if (workloads.isEmpty() && hosts.isEmpty() && env.notes().isEmpty()) {
            return Optional.empty();
        }
        List<DesiredState.Workload> shown = workloads.stream().map(w -> Manifests.workload(w, "")).toList();
        Set<String> namespaces = new LinkedHashSet<>();
        shown.forEach(w -> {
            if (!w.namespace().isEmpty()) {
                namespaces.add(w.namespace());
            }
        });
        return Optional.of(new DesiredState.Environment(env.name(), env.file(), GitOps.shown(env.file()),
                files.relative(env.file()), files.relative(env.folder()), String.join(", ", namespaces), shown,
                List.copyOf(hosts),
                env.notes()));
    }

    /** Whether a folder path (relative, with {@code /}) has a folder named {@code name}. */
    private static boolean namedFolder(String relative, String name) {
        for (String segment : relative.split("/")) {
            if (segment.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Rules 1 and 2: by label, by selector, else by name when the workload carries no one's label. */
    static boolean owns(Entity component, Resource workload) {
        Map<String, String> labels = workload.labels();
        if (labelled(component, labels)) {
            return true;
        }
        return !labels.containsKey(KUBERNETES_ID) && workload.named(component.name());
    }

    private static boolean labelled(Entity component, Map<String, String> labels) {
        Optional<String> id = component.annotation(KUBERNETES_ID);
        if (id.isPresent() && id.get().equals(labels.get(KUBERNETES_ID))) {
            return true;
        }
        Optional<String> selector = component.annotation(LABEL_SELECTOR);
        return selector.isPresent() && matches(selector.get(), labels);
    }

    /**
     * Whether labels match an equality-based label selector: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a},
     * {@code !a}, joined by commas. A set-based term ({@code a in (b, c)}) matches nothing.
     */
    static boolean matches(String selector, Map<String, String> labels) {
        List<String> terms = new ArrayList<>();
        for (String t : selector.split(",")) {
            if (!t.isBlank()) {
                terms.add(t.strip());
            }
        }
        if (terms.isEmpty()) {
            return false;
        }
        for (String term : terms) {
            if (term.contains(" in ") || term.contains("notin") || term.contains("(")) {
                return false;
            }
            boolean ok;
            if (term.contains("!=")) {
                String[] kv = term.split("!=", 2);
                ok = !kv[1].strip().equals(labels.get(kv[0].strip()));
            } else if (term.contains("=")) {
                String[] kv = term.split("==?", 2);
                ok = kv[1].strip().equals(labels.get(kv[0].strip()));
            } else if (term.startsWith("!")) {
                ok = !labels.containsKey(term.substring(1).strip());
            } else {
                ok = labels.containsKey(term);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether a Service's selector picks pods with these labels. */
    private static boolean selects(Resource service, Map<String, String> labels) {
        JsonNode selector = service.node().path("spec").path("selector");
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
