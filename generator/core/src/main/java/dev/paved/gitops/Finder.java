package dev.paved.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the environments of one repository: each Flux {@code Kustomization} and {@code HelmRelease}, each Argo CD
 * {@code Application} (and each element of an {@code ApplicationSet}'s list generator), each Kustomize folder no
 * other one includes, each Helm {@code values-<env>.yaml} and each folder of plain manifests, built into the objects
 * they deploy.
 */
final class Finder {

    /** A Helm values file for one environment: {@code values-prod.yaml}, {@code values.staging.yml}. */
    private static final Pattern ENV_VALUES = Pattern.compile("values[-.](.+)\\.ya?ml");

    /**
     * An environment as found, before it is shared out among components.
     *
     * @param name      its name
     * @param file      the file that defines it
     * @param folder    the folder it deploys (for a values file, the chart's)
     * @param resources the objects it deploys
     * @param notes     what was not resolved
     */
    record Found(String name, Path file, Path folder, List<Resource> resources, List<String> notes) {
    }

    private final RepoFiles files;
    private final Kustomize kustomize;
    private final Set<Path> consumed = new LinkedHashSet<>();
    private final Set<Path> deployed = new LinkedHashSet<>();

    Finder(RepoFiles files) {
        this.files = files;
        this.kustomize = new Kustomize(files);
    }

    /** The environments of the repository, from its GitOps files ({@link GitOps#NEEDS}), in the files' order. */
    List<Found> find(List<String> selected) {
        List<Path> paths = selected.stream().map(p -> files.root().resolve(p)).toList();
        List<Found> out = new ArrayList<>();
        List<Path> manifests = paths.stream().filter(p -> !isKustomization(p) && !isValues(p) && !isChart(p))
                .toList();
        for (Path file : manifests) {
            for (YamlDocument doc : files.yaml(file)) {
                JsonNode o = doc.root();
                String api = o.path("apiVersion").asText("");
                String kind = o.path("kind").asText("");
                if (api.startsWith("kustomize.toolkit.fluxcd.io/") && kind.equals("Kustomization")) {
                    out.add(flux(o, doc, file));
                } else if (api.startsWith("argoproj.io/") && kind.equals("Application")) {
                    out.add(argo(o, doc, file));
                } else if (api.startsWith("argoproj.io/") && kind.equals("ApplicationSet")) {
                    out.addAll(applicationSet(o, doc, file));
                }
            }
        }
        List<Path> kustomizations = paths.stream().filter(Finder::isKustomization).map(Path::getParent).distinct()
                .toList();
        Set<Path> included = new LinkedHashSet<>();
        kustomizations.forEach(folder -> included.addAll(includes(folder)));
        for (Path folder : kustomizations) {
            if (!included.contains(folder) && !deployed.contains(folder)) {
                deployed.add(folder);
                out.add(built(envName(folder, folder.getFileName().toString()), Kustomize.fileIn(folder)
                        .orElse(folder), folder, kustomize.build(folder)));
            }
        }
        for (Path file : manifests) {
            if (consumed.contains(file)) {
                continue;
            }
            for (YamlDocument doc : files.yaml(file)) {
                if (doc.root().path("kind").asText("").equals("HelmRelease")
                        && doc.root().path("apiVersion").asText("").startsWith("helm.toolkit.fluxcd.io/")) {
                    List<String> notes = new ArrayList<>();
                    List<Resource> objects = helmRelease(Resource.of(doc.root(), file), notes);
                    out.add(new Found(envName(file.getParent(), doc.root().path("metadata").path("name").asText()),
                            file, file.getParent(), objects, notes));
                }
            }
        }
        for (Path file : paths) {
            Matcher m = ENV_VALUES.matcher(file.getFileName().toString());
            if (m.matches() && !consumed.contains(file)) {
                out.add(values(file, m.group(1)));
            }
        }
        Map<Path, List<Resource>> plain = new LinkedHashMap<>();
        for (Path file : manifests) {
            if (!consumed.contains(file) && Kustomize.fileIn(file.getParent()).isEmpty()) {
                List<Resource> objects = files.resources(file).stream().filter(r -> Manifests.isWorkload(r)
                        || !Manifests.hosts(r).isEmpty() || r.kind().equals("Service")).toList();
                if (objects.stream().anyMatch(Manifests::isWorkload)) {
                    plain.computeIfAbsent(file.getParent(), k -> new ArrayList<>()).addAll(objects);
                }
            }
        }
        plain.forEach((folder, objects) -> out.add(new Found(envName(folder, folder.getFileName().toString()),
                folder, folder, objects, List.of())));
        return out.stream().map(this::expandHelmReleases).toList();
    }

    private Found built(String name, Path file, Path folder, Kustomize.Built built) {
        consumed.addAll(built.files());
        return new Found(name, file, folder, built.resources(), dedupe(built.notes()));
    }

    private static List<String> dedupe(List<String> notes) {
        return List.copyOf(new LinkedHashSet<>(notes));
    }

    /** A Flux {@code Kustomization}: its {@code spec.path} built, with its own images, patches and namespace. */
    private Found flux(JsonNode o, YamlDocument doc, Path file) {
        JsonNode spec = o.path("spec");
        String name = o.path("metadata").path("name").asText("");
        String path = spec.path("path").asText("./");
        List<String> notes = new ArrayList<>();
        String sourceKind = spec.path("sourceRef").path("kind").asText("GitRepository");
        if (!sourceKind.equals("GitRepository")) {
            notes.add("not resolved: the source is a " + sourceKind + " (" + spec.path("sourceRef").path("name")
                    .asText("") + "), read as this repository");
        }
        Optional<Path> folder = repositoryPath(file, path, doc.at("/spec/path"));
        if (folder.isEmpty() || !Files.isDirectory(folder.get())) {
            notes.add("not resolved: spec.path " + path + " is not a folder of this repository");
            return new Found(envName(folder.orElse(file.getParent()), name), file, file.getParent(), List.of(),
                    notes);
        }
        deployed.add(folder.get());
        Kustomize.Built built = kustomize.build(folder.get());
        List<Resource> resources = new ArrayList<>(built.resources());
        notes.addAll(built.notes());
        kustomize.transform(resources, spec, doc, folder.get(), file, notes, built.files());
        if (spec.path("postBuild").has("substitute") || spec.path("postBuild").has("substituteFrom")) {
            if (resources.stream().anyMatch(r -> r.node().toString().contains("${"))) {
                notes.add("not resolved: postBuild variable substitution (${…})");
            }
        }
        consumed.addAll(built.files());
        return new Found(envName(folder.get(), name), file, folder.get(), resources, dedupe(notes));
    }

    /** An Argo CD {@code Application}: its sources built (Kustomize, plain folders, Helm charts by values). */
    private Found argo(JsonNode o, YamlDocument doc, Path file) {
        JsonNode spec = o.path("spec");
        String app = o.path("metadata").path("name").asText("");
        List<JsonNode> sources = new ArrayList<>();
        if (spec.has("source")) {
            sources.add(spec.get("source"));
        }
        spec.path("sources").forEach(sources::add);
        List<Resource> resources = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String name = app;
        Path folder = file.getParent();
        int i = 0;
        for (JsonNode source : sources) {
            String at = spec.has("source") ? "/spec/source" : "/spec/sources/" + i;
            i++;
            JsonNode helm = source.path("helm");
            String release = helm.path("releaseName").asText(app);
            if (source.path("chart").isTextual()) {
                List<JsonNode> values = new ArrayList<>();
                values.add(inlineValues(helm, doc));
                notes.add("not resolved: chart " + source.path("chart").asText() + " of "
                        + source.path("repoURL").asText("") + " is not read; " + Helm.NOTE);
                resources.addAll(Helm.objects(release, "", Helm.merge(values), file, notes));
                continue;
            }
            if (!source.path("path").isTextual()) {
                continue;
            }
            String path = source.path("path").asText();
            Optional<Path> dir = repositoryPath(file, path, doc.at(at + "/path"));
            if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
                notes.add("not resolved: " + source.path("repoURL").asText("") + " " + path
                        + " is not a folder of this repository");
                continue;
            }
            folder = dir.get();
            deployed.add(folder);
            if (Files.isRegularFile(folder.resolve("Chart.yaml"))) {
                List<JsonNode> values = new ArrayList<>();
                valuesFile(folder.resolve("values.yaml")).ifPresent(values::add);
                int j = 0;
                for (JsonNode vf : helm.path("valueFiles")) {
                    Optional<Path> v = files.resolve(folder, vf.asText(""), doc.at(at + "/helm/valueFiles/" + j++));
                    v.flatMap(this::valuesFile).ifPresent(values::add);
                    Matcher m = ENV_VALUES.matcher(v.map(p -> p.getFileName().toString()).orElse(""));
                    if (m.matches()) {
                        name = m.group(1);
                    }
                }
                values.add(inlineValues(helm, doc));
                notes.add(Helm.NOTE);
                Chart chart = chart(folder);
                resources.addAll(Helm.objects(helm.path("releaseName").asText(chart.name()), chart.appVersion(),
                        Helm.merge(values), file, notes));
            } else {
                Kustomize.Built built = kustomize.build(folder);
                consumed.addAll(built.files());
                resources.addAll(built.resources());
                notes.addAll(built.notes());
                for (JsonNode image : source.path("kustomize").path("images")) {
                    ObjectNode entry = argoImage(image.asText(""));
                    resources.stream().filter(Manifests::isWorkload).forEach(r -> Kustomize.retag(r, entry));
                }
                name = envName(folder, app);
            }
        }
        String namespace = spec.path("destination").path("namespace").asText("");
        if (!namespace.isBlank()) {
            resources.stream().filter(r -> r.namespace().isEmpty() && !Manifests.CLUSTER_SCOPED.contains(r.kind()))
                    .forEach(r -> r.metadata().put("namespace", namespace));
        }
        return new Found(name, file, folder, resources, dedupe(notes));
    }

    /**
     * A path a Flux or Argo CD object names in its Git repository: from the repository's root or, for a GitOps
     * layout kept in a folder of a larger repository, from the folder above its {@code clusters/} folder (where
     * {@code flux bootstrap} puts them).
     */
    private Optional<Path> repositoryPath(Path definedIn, String path, SourcePosition at) {
        for (Path folder = definedIn.getParent(); folder != null && folder.startsWith(files.root())
                && !folder.equals(files.root()); folder = folder.getParent()) {
            if (folder.getFileName().toString().equals("clusters")) {
                Path nested = folder.getParent().resolve(path).normalize();
                if (nested.startsWith(files.root()) && Files.isDirectory(nested)) {
                    return files.resolve(folder.getParent(), path, at);
                }
            }
        }
        return files.resolve(files.root(), path, at);
    }

    /** An Argo CD {@code kustomize.images} entry ({@code name=newName:tag} or {@code newName:tag}) as Kustomize's. */
    private static ObjectNode argoImage(String text) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        String target = text.contains("=") ? text.substring(text.indexOf('=') + 1) : text;
        Manifests.Image image = Manifests.Image.parse(target);
        entry.put("name", text.contains("=") ? text.substring(0, text.indexOf('=')) : image.repository());
        entry.put("newName", image.repository());
        if (!image.tag().isEmpty()) {
            entry.put("newTag", image.tag());
        }
        if (!image.digest().isEmpty()) {
            entry.put("digest", image.digest());
        }
        return entry;
    }

    private static JsonNode inlineValues(JsonNode helm, YamlDocument doc) {
        if (helm.path("valuesObject").isObject()) {
            return helm.get("valuesObject");
        }
        if (helm.path("values").isTextual()) {
            List<YamlDocument> docs = YamlReader.read(doc.start().file(), helm.get("values").asText(),
                    new Diagnostics());
            return docs.isEmpty() ? null : docs.get(0).root();
        }
        return helm.path("values").isObject() ? helm.get("values") : null;
    }

    /** An {@code ApplicationSet}: each element of its list generators an Application; other generators a note. */
    private List<Found> applicationSet(JsonNode o, YamlDocument doc, Path file) {
        List<Found> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (JsonNode generator : o.path("spec").path("generators")) {
            if (!generator.has("list")) {
                notes.add("not resolved: ApplicationSet generator " + (generator.fieldNames().hasNext()
                        ? generator.fieldNames().next() : "?") + " (only list generators are read)");
                continue;
            }
            for (JsonNode element : generator.path("list").path("elements")) {
                JsonNode app = substitute(o.path("spec").path("template"), element);
                ObjectNode application = ((ObjectNode) app.deepCopy());
                application.put("apiVersion", "argoproj.io/v1alpha1");
                application.put("kind", "Application");
                out.add(argo(application, doc, file));
            }
        }
        if (!notes.isEmpty()) {
            out.add(new Found(o.path("metadata").path("name").asText(""), file, file.getParent(), List.of(),
                    notes));
        }
        return out;
    }

    /** A template with {@code {{key}}}, {@code {{.key}}} and {@code {{ .key }}} replaced by an element's values. */
    private static JsonNode substitute(JsonNode template, JsonNode element) {
        if (template.isTextual()) {
            String text = template.asText();
            for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                text = text.replaceAll("\\{\\{\\s*\\.?" + Pattern.quote(e.getKey()) + "\\s*}}",
                        Matcher.quoteReplacement(e.getValue().asText()));
            }
            return TextNode.valueOf(text);
        }
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            template.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue(), element)));
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            template.forEach(v -> out.add(substitute(v, element)));
            return out;
        }
        return template;
    }

    /** A Helm {@code values-<env>.yaml}: the chart's {@code values.yaml} and it, merged. */
    private Found values(Path file, String env) {
        Path folder = file.getParent();
        List<JsonNode> values = new ArrayList<>();
        valuesFile(folder.resolve("values.yaml")).ifPresent(values::add);
        valuesFile(file).ifPresent(values::add);
        List<String> notes = new ArrayList<>();
        notes.add(Helm.NOTE);
        Chart chart = chart(folder);
        return new Found(env, file, folder, Helm.objects(chart.name(), chart.appVersion(), Helm.merge(values), file,
                notes), notes);
    }

    /** A Flux {@code HelmRelease}: a chart of the repository by its values and the release's, else the release's. */
    private List<Resource> helmRelease(Resource release, List<String> notes) {
        JsonNode spec = release.node().path("spec");
        String name = spec.path("releaseName").asText(release.name());
        String chartRef = spec.path("chart").path("spec").path("chart").asText("");
        List<JsonNode> values = new ArrayList<>();
        Chart chart = new Chart(name, "");
        if (chartRef.startsWith("./") || chartRef.startsWith("charts/")) {
            Path folder = files.root().resolve(chartRef).normalize();
            if (folder.startsWith(files.root()) && Files.isRegularFile(folder.resolve("Chart.yaml"))) {
                valuesFile(folder.resolve("values.yaml")).ifPresent(values::add);
                chart = chart(folder);
            }
        } else {
            notes.add("not resolved: chart " + (chartRef.isEmpty() ? "?" : chartRef) + " of HelmRelease " + name
                    + " is not read");
        }
        if (spec.has("valuesFrom")) {
            notes.add("not resolved: valuesFrom of HelmRelease " + name + " (ConfigMaps and Secrets)");
        }
        values.add(spec.path("values"));
        notes.add(Helm.NOTE);
        List<Resource> objects = Helm.objects(name, chart.appVersion(), Helm.merge(values), release.file(), notes);
        String namespace = spec.path("targetNamespace").asText(release.namespace());
        if (!namespace.isBlank()) {
            objects.forEach(r -> r.metadata().put("namespace", namespace));
        }
        return objects;
    }

    /** An environment with each Flux {@code HelmRelease} it deploys replaced by what its values describe. */
    private Found expandHelmReleases(Found found) {
        if (found.resources().stream().noneMatch(Finder::isHelmRelease)) {
            return found;
        }
        List<Resource> resources = new ArrayList<>();
        List<String> notes = new ArrayList<>(found.notes());
        for (Resource r : found.resources()) {
            if (isHelmRelease(r)) {
                resources.addAll(helmRelease(r, notes));
            } else {
                resources.add(r);
            }
        }
        return new Found(found.name(), found.file(), found.folder(), resources, dedupe(notes));
    }

    private static boolean isHelmRelease(Resource r) {
        return r.kind().equals("HelmRelease") && r.apiVersion().startsWith("helm.toolkit.fluxcd.io/");
    }

    /** A chart's name and {@code appVersion}, from its {@code Chart.yaml}; else the folder's name. */
    private record Chart(String name, String appVersion) {
    }

    private Chart chart(Path folder) {
        Path file = folder.resolve("Chart.yaml");
        if (Files.isRegularFile(file)) {
            List<YamlDocument> docs = files.yaml(file);
            if (!docs.isEmpty()) {
                consumed.add(file);
                return new Chart(docs.get(0).root().path("name").asText(folder.getFileName().toString()),
                        docs.get(0).root().path("appVersion").asText(""));
            }
        }
        return new Chart(folder.getFileName().toString(), "");
    }

    private Optional<JsonNode> valuesFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        consumed.add(file);
        List<YamlDocument> docs = files.yaml(file);
        return docs.isEmpty() ? Optional.empty() : Optional.of(docs.get(0).root());
    }

    /** The folders a kustomization's {@code resources} and {@code bases} include. */
    private Set<Path> includes(Path folder) {
        Set<Path> out = new LinkedHashSet<>();
        Kustomize.fileIn(folder).ifPresent(file -> {
            List<YamlDocument> docs = files.yaml(file);
            if (docs.isEmpty()) {
                return;
            }
            for (String field : List.of("resources", "bases", "components")) {
                for (JsonNode entry : docs.get(0).root().path(field)) {
                    String text = entry.asText("");
                    if (!text.isBlank() && !Kustomize.remote(text)) {
                        Path target = folder.resolve(text).normalize();
                        if (Files.isDirectory(target)) {
                            out.add(target);
                        }
                    }
                }
            }
        });
        return out;
    }

    /** An environment's name: its folder's ({@code overlays/staging} is {@code staging}), else {@code fallback}. */
    private String envName(Path folder, String fallback) {
        String relative = files.relative(folder);
        if (relative.isEmpty() || relative.equals(".")) {
            return fallback;
        }
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    static boolean isKustomization(Path p) {
        return Kustomize.FILES.contains(p.getFileName().toString());
    }

    private static boolean isValues(Path p) {
        String name = p.getFileName().toString();
        return name.equals("values.yaml") || name.equals("values.yml") || ENV_VALUES.matcher(name).matches()
                || name.startsWith("values") && RepoFiles.isYaml(p);
    }

    private static boolean isChart(Path p) {
        return p.getFileName().toString().equals("Chart.yaml");
    }
}
