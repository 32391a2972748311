package dev.paved.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import dev.paved.diagnostic.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds a Kustomize folder statically, with the fields most overlays use: {@code resources} (files and folders
 * inside the repository), {@code namespace}, {@code namePrefix}/{@code nameSuffix}, {@code commonLabels} and
 * {@code labels}, strategic-merge {@code patches} and {@code patchesStrategicMerge}, {@code replicas} and
 * {@code images}. What it does not apply (remote bases, generators, components, JSON 6902 patches, replacements)
 * becomes a note. A folder without a kustomization file is read as Flux reads one: every manifest below it.
 */
final class Kustomize {

    /** The names of a kustomization file. */
    static final List<String> FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    /** Fields whose effect is not applied, with what the note calls them. */
    private static final Map<String, String> NOT_APPLIED = new LinkedHashMap<>();
    /** How deep bases may nest. */
    private static final int MAX_DEPTH = 20;

    static {
        NOT_APPLIED.put("components", "components");
        NOT_APPLIED.put("configMapGenerator", "configMapGenerator");
        NOT_APPLIED.put("secretGenerator", "secretGenerator");
        NOT_APPLIED.put("generators", "generators");
        NOT_APPLIED.put("transformers", "transformers");
        NOT_APPLIED.put("helmCharts", "helmCharts (inflated by kustomize --enable-helm)");
        NOT_APPLIED.put("replacements", "replacements");
        NOT_APPLIED.put("vars", "vars");
        NOT_APPLIED.put("patchesJson6902", "patchesJson6902 (JSON 6902 patches)");
    }

    /**
     * What a folder builds to.
     *
     * @param resources its objects, transformed
     * @param notes     what was not resolved
     * @param files     every file read, the kustomization files included
     */
    record Built(List<Resource> resources, List<String> notes, List<Path> files) {
    }

    private final RepoFiles files;

    Kustomize(RepoFiles files) {
        this.files = files;
    }

    /** The kustomization file of a folder, if it has one. */
    static Optional<Path> fileIn(Path folder) {
        return FILES.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** Whether a {@code resources} entry is a URL or a remote repository rather than a path. */
    static boolean remote(String entry) {
        return entry.contains("://") || entry.startsWith("git@") || entry.contains("?ref=")
                || entry.matches("^(github\\.com|gitlab\\.com|bitbucket\\.org)/.*") || entry.contains("//");
    }

    Built build(Path folder) {
        Built out = new Built(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        build(folder, new ArrayDeque<>(), out);
        return out;
    }

    private void build(Path folder, Deque<Path> stack, Built out) {
        if (stack.contains(folder) || stack.size() > MAX_DEPTH) {
            out.notes().add("not resolved: " + files.relative(folder) + " includes itself, or bases nest deeper than "
                    + MAX_DEPTH);
            return;
        }
        stack.push(folder);
        try {
            Optional<Path> kustomization = fileIn(folder);
            if (kustomization.isEmpty()) {
                plain(folder, stack, out);
                return;
            }
            Path file = kustomization.get();
            out.files().add(file);
            List<YamlDocument> docs = files.yaml(file);
            if (docs.isEmpty()) {
                out.notes().add("not read: " + files.relative(file));
                return;
            }
            YamlDocument doc = docs.get(0);
            JsonNode k = doc.root();
            List<Resource> own = new ArrayList<>();
            for (String field : List.of("resources", "bases")) {
                int i = 0;
                for (JsonNode entry : k.path(field)) {
                    include(folder, entry.asText(""), doc.at("/" + field + "/" + i++), file, stack,
                            new Built(own, out.notes(), out.files()));
                }
            }
            transform(own, k, doc, folder, file, out.notes(), out.files());
            out.resources().addAll(own);
        } finally {
            stack.pop();
        }
    }

    /** A folder without a kustomization file: every manifest in it and below, as Flux generates one. */
    private void plain(Path folder, Deque<Path> stack, Built out) {
        for (Path p : files.list(folder)) {
            if (Files.isDirectory(p)) {
                build(p, stack, out);
            } else {
                out.files().add(p);
                out.resources().addAll(files.resources(p));
            }
        }
    }

    private void include(Path folder, String entry, SourcePosition at, Path from, Deque<Path> stack, Built out) {
        if (entry.isBlank()) {
            return;
        }
        if (remote(entry)) {
            out.notes().add("not resolved: remote base " + entry + " (in " + files.relative(from) + ")");
            return;
        }
        Optional<Path> target = files.resolve(folder, entry, at);
        if (target.isEmpty()) {
            out.notes().add("not resolved: " + entry + " is outside the repository (in " + files.relative(from)
                    + ")");
        } else if (Files.isDirectory(target.get())) {
            build(target.get(), stack, out);
        } else if (Files.isRegularFile(target.get())) {
            out.files().add(target.get());
            out.resources().addAll(files.resources(target.get()));
        } else {
            out.notes().add("not resolved: " + entry + " is not in the repository (in " + files.relative(from)
                    + ")");
        }
    }

    /**
     * Applies a kustomization's transformers to its resources, in Kustomize's order: patches, namespace, name
     * prefix and suffix, labels, replicas, images. A Flux {@code Kustomization}'s {@code spec} is given here too
     * (its {@code patches}, {@code images} and {@code targetNamespace}).
     *
     * @param read receives the patch files read
     */
    void transform(List<Resource> resources, JsonNode k, YamlDocument doc, Path folder, Path file,
                   List<String> notes, List<Path> read) {
        String where = " (in " + files.relative(file) + ")";
        NOT_APPLIED.forEach((field, words) -> {
            if (k.has(field) && !(k.get(field).isArray() && k.get(field).isEmpty())) {
                notes.add("not resolved: " + words + where);
            }
        });
        int i = 0;
        for (JsonNode entry : k.path("patchesStrategicMerge")) {
            patchEntry(resources, entry.isTextual() && !entry.asText().contains("\n") ? entry.asText() : null,
                    entry.isTextual() ? entry.asText() : null, null, doc.at("/patchesStrategicMerge/" + i++),
                    folder, where, notes, read);
        }
        i = 0;
        for (JsonNode entry : k.path("patches")) {
            patchEntry(resources, entry.path("path").isTextual() ? entry.path("path").asText() : null,
                    entry.path("patch").isTextual() ? entry.path("patch").asText() : null, entry.path("target"),
                    doc.at("/patches/" + i++), folder, where, notes, read);
        }
        String namespace = k.path("namespace").asText(k.path("targetNamespace").asText(""));
        if (!namespace.isBlank()) {
            resources.stream().filter(r -> !Manifests.CLUSTER_SCOPED.contains(r.kind()))
                    .forEach(r -> r.metadata().put("namespace", namespace));
        }
        String prefix = k.path("namePrefix").asText("");
        String suffix = k.path("nameSuffix").asText("");
        if (!prefix.isEmpty() || !suffix.isEmpty()) {
            resources.stream().filter(r -> !r.kind().equals("Namespace")
                    && !r.kind().equals("CustomResourceDefinition"))
                    .forEach(r -> r.metadata().put("name", prefix + r.name() + suffix));
        }
        if (k.path("commonLabels").isObject()) {
            resources.forEach(r -> label(r, k.path("commonLabels"), true, true));
        }
        for (JsonNode set : k.path("labels")) {
            resources.forEach(r -> label(r, set.path("pairs"), set.path("includeSelectors").asBoolean(false),
                    set.path("includeSelectors").asBoolean(false) || set.path("includeTemplates").asBoolean(false)));
        }
        for (JsonNode replicas : k.path("replicas")) {
            String name = replicas.path("name").asText("");
            resources.stream().filter(r -> r.named(name) && Manifests.isWorkload(r))
                    .forEach(r -> spec(r.node()).set("replicas", replicas.path("count").deepCopy()));
        }
        for (JsonNode image : k.path("images")) {
            resources.stream().filter(Manifests::isWorkload).forEach(r -> retag(r, image));
        }
    }

    private void patchEntry(List<Resource> resources, String path, String inline, JsonNode target,
                            SourcePosition at, Path folder, String where, List<String> notes, List<Path> read) {
        List<JsonNode> patches = new ArrayList<>();
        if (path != null) {
            Optional<Path> file = files.resolve(folder, path, at);
            if (file.isEmpty() || !Files.isRegularFile(file.get())) {
                notes.add("not resolved: patch " + path + where);
                return;
            }
            read.add(file.get());
            files.yaml(file.get()).forEach(d -> patches.add(d.root()));
        } else if (inline != null) {
            YamlReader.read(at.file(), inline, new Diagnostics()).forEach(d -> patches.add(d.root()));
        }
        for (JsonNode patch : patches) {
            if (patch.isArray()) {
                notes.add("not resolved: a JSON 6902 patch" + (path != null ? " " + path : "") + where);
                continue;
            }
            if (!patch.isObject()) {
                continue;
            }
            List<Resource> matched = resources.stream().filter(r -> matches(r, patch, target)).toList();
            if (matched.isEmpty()) {
                notes.add("not resolved: patch of " + patch.path("kind").asText("?") + " "
                        + patch.path("metadata").path("name").asText("?") + " matches nothing" + where);
            }
            if (containsDirective(patch)) {
                notes.add("not resolved: $patch directives" + where);
            }
            matched.forEach(r -> merge(r.node(), patch, true));
        }
    }

    private static boolean matches(Resource r, JsonNode patch, JsonNode target) {
        if (target != null && target.isObject()) {
            String kind = target.path("kind").asText("");
            String name = target.path("name").asText("");
            if (!kind.isEmpty() && !kind.equals(r.kind())) {
                return false;
            }
            if (!name.isEmpty()) {
                try {
                    Pattern p = Pattern.compile(name);
                    if (!p.matcher(r.name()).matches() && !p.matcher(r.baseName()).matches()) {
                        return false;
                    }
                } catch (PatternSyntaxException e) {
                    return false;
                }
            }
            return !kind.isEmpty() || !name.isEmpty();
        }
        return patch.path("kind").asText("").equals(r.kind())
                && r.named(patch.path("metadata").path("name").asText(""));
    }

    private static boolean containsDirective(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                if (it.next().startsWith("$")) {
                    return true;
                }
            }
        }
        for (JsonNode child : node) {
            if (containsDirective(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A strategic merge, simplified: objects merge field by field, lists of objects with a {@code name} (containers,
     * env, volumes) merge by name, other values and lists replace; {@code null} removes. Identity fields
     * ({@code kind}, {@code apiVersion}, {@code metadata.name}) of the patch are not copied.
     */
    static void merge(ObjectNode into, JsonNode patch, boolean top) {
        patch.fields().forEachRemaining(e -> {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (field.startsWith("$") || top && (field.equals("kind") || field.equals("apiVersion"))) {
                return;
            }
            JsonNode existing = into.get(field);
            if (value.isNull()) {
                into.remove(field);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                if (top && field.equals("metadata")) {
                    ObjectNode meta = ((ObjectNode) value).deepCopy();
                    meta.remove("name");
                    merge((ObjectNode) existing, meta, false);
                } else {
                    merge((ObjectNode) existing, value, false);
                }
            } else if (value.isArray() && existing != null && existing.isArray() && named(value)
                    && named(existing)) {
                ArrayNode list = (ArrayNode) existing;
                for (JsonNode item : value) {
                    ObjectNode same = null;
                    for (JsonNode old : list) {
                        if (old.path("name").asText().equals(item.path("name").asText())) {
                            same = (ObjectNode) old;
                        }
                    }
                    if (same != null) {
                        merge(same, item, false);
                    } else {
                        list.add(item.deepCopy());
                    }
                }
            } else {
                into.set(field, value.deepCopy());
            }
        });
    }

    private static boolean named(JsonNode list) {
        if (list.isEmpty()) {
            return false;
        }
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void label(Resource r, JsonNode pairs, boolean selectors, boolean templates) {
        if (!pairs.isObject()) {
            return;
        }
        ObjectNode labels = object(r.metadata(), "labels");
        pairs.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        if (Manifests.isWorkload(r)) {
            if (templates && !r.kind().equals("CronJob")) {
                ObjectNode template = object(spec(r.node()), "template");
                ObjectNode tl = object(object(template, "metadata"), "labels");
                pairs.fields().forEachRemaining(e -> tl.put(e.getKey(), e.getValue().asText()));
            }
            if (selectors && !r.kind().equals("CronJob") && !r.kind().equals("Job")) {
                ObjectNode match = object(object(spec(r.node()), "selector"), "matchLabels");
                pairs.fields().forEachRemaining(e -> match.put(e.getKey(), e.getValue().asText()));
            }
        } else if (selectors && r.kind().equals("Service")) {
            ObjectNode selector = object(spec(r.node()), "selector");
            pairs.fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
        }
    }

    /** Kustomize's {@code images} entry applied to a workload's containers whose image it names. */
    static void retag(Resource r, JsonNode entry) {
        String name = entry.path("name").asText("");
        JsonNode spec = Manifests.podTemplate(r.node()).path("spec");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : spec.path(list)) {
                Manifests.Image image = Manifests.Image.parse(c.path("image").asText(""));
                if (name.isEmpty() || !name.equals(image.repository())) {
                    continue;
                }
                String repository = entry.path("newName").asText(image.repository());
                String tag = entry.has("newTag") ? entry.path("newTag").asText() : image.tag();
                String digest = entry.path("digest").asText(image.digest());
                if (entry.has("digest")) {
                    tag = "";
                }
                ((ObjectNode) c).put("image", new Manifests.Image(repository, tag, digest).reference());
            }
        }
    }

    private static ObjectNode spec(ObjectNode node) {
        return object(node, "spec");
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing != null && existing.isObject() ? (ObjectNode) existing : parent.putObject(field);
    }
}
