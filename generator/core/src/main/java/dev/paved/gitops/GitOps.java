package dev.paved.gitops;

import dev.paved.catalog.Catalog;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.crawl.FileNeeds;
import dev.paved.crawl.RepositoryTree;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.integrations.Snapshots;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads what Git asks each component to run. Each repository (a catalog folder, a crawled checkout, a GitOps
 * repository) is searched for its GitOps files ({@link #NEEDS}); every environment found is built statically and
 * shared out among the catalog's components:
 * <ol>
 *   <li>a component annotated {@code backstage.io/kubernetes-id: X} owns the workloads labelled
 *       {@code backstage.io/kubernetes-id: X}, and one annotated {@code backstage.io/kubernetes-label-selector}
 *       those its selector picks (equality-based: {@code a=b}, {@code a!=b}, {@code a});</li>
 *   <li>a workload without such a label whose name (as written or prefixed) is a component's name is that
 *       component's;</li>
 *   <li>an environment whose folder path has a folder named as a component ({@code apps/<component>/overlays/prod})
 *       is wholly that component's;</li>
 *   <li>in a repository whose catalog holds exactly one component, every environment is that component's.</li>
 * </ol>
 * An Ingress goes with the workloads whose Services it routes to (or that it is named or labelled as).
 */
public final class GitOps {

    /** Folders whose YAML files are read as manifests (any level: {@code deploy/}, {@code apps/x/overlays/}). */
    static final Set<String> FOLDERS = Set.of("deploy", "deployment", "deployments", "k8s", "kube", "kubernetes",
            "manifests", "kustomize", "helm", "charts", "chart", "clusters", "apps", "gitops", "overlays", "base",
            "bases", "argocd", "argo-cd", "flux", "environments", "envs");
    /** At most this many files of one repository are read as GitOps files. */
    static final int MAX_FILES = 5_000;

    /**
     * The files GitOps reads of a repository: kustomization files, the YAML files under the folders of
     * {@link #FOLDERS}, Helm {@code Chart.yaml} and {@code values*.yaml} files (not a chart's {@code templates/}),
     * and, once kustomization files are at hand, the files and folders their {@code resources}, {@code bases} and
     * patches name inside the repository; at most {@link #MAX_FILES}, outside dependency folders.
     */
    public static final FileNeeds NEEDS = new FileNeeds() {
        @Override
        public Set<String> select(RepositoryTree tree) {
            Set<String> out = new TreeSet<>();
            Set<String> all = new LinkedHashSet<>(tree.paths());
            Set<String> charts = tree.paths().stream().filter(p -> RepositoryTree.fileName(p).equals("chart.yaml"))
                    .map(RepositoryTree::folderOf).collect(Collectors.toSet());
            for (String path : tree.paths()) {
                if (out.size() >= MAX_FILES) {
                    break;
                }
                if (!RepositoryTree.isDependency(path) && isGitOpsFile(path, charts)) {
                    out.add(path);
                }
            }
            for (String path : List.copyOf(out)) {
                if (!Kustomize.FILES.contains(path.substring(path.lastIndexOf('/') + 1))) {
                    continue;
                }
                String folder = RepositoryTree.folderOf(path);
                tree.read(path).ifPresent(text -> named(text).forEach(entry -> {
                    String target = normal(folder.isEmpty() ? entry : folder + "/" + entry);
                    if (target == null || out.size() >= MAX_FILES) {
                        return;
                    }
                    if (all.contains(target)) {
                        out.add(target);
                    } else {
                        tree.under(target).filter(p -> RepoFiles.isYaml(Path.of(p))).limit(MAX_FILES - out.size())
                                .forEach(out::add);
                    }
                }));
            }
            return out;
        }

        @Override
        public String id() {
            return "gitops/1";
        }
    };

    private GitOps() {
    }

    private static boolean isGitOpsFile(String path, Set<String> charts) {
        String name = RepositoryTree.fileName(path);
        if (Kustomize.FILES.contains(path.substring(path.lastIndexOf('/') + 1))) {
            return true;
        }
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return false;
        }
        String folder = RepositoryTree.folderOf(path);
        for (String chart : charts) {
            if (path.startsWith(chart.isEmpty() ? "templates/" : chart + "/templates/")) {
                return false; // Go templates, not YAML
            }
        }
        if (name.equals("chart.yaml") || name.startsWith("values")) {
            return true;
        }
        for (String segment : folder.toLowerCase(Locale.ROOT).split("/")) {
            if (FOLDERS.contains(segment)) {
                return true;
            }
        }
        return false;
    }

    /** The paths a kustomization's text names, read loosely (the reader checks them again). */
    private static List<String> named(String text) {
        List<String> out = new ArrayList<>();
        for (YamlDocument doc : YamlReader.read("kustomization", text, new Diagnostics())) {
            for (String field : List.of("resources", "bases", "components", "patchesStrategicMerge")) {
                doc.root().path(field).forEach(e -> out.add(e.asText("")));
            }
            doc.root().path("patches").forEach(p -> out.add(p.path("path").asText("")));
        }
        return out.stream().filter(e -> !e.isBlank() && !Kustomize.remote(e) && !e.contains("\n")).toList();
    }

    /** A relative path with {@code .} and {@code ..} resolved, or null when it leaves the repository. */
    private static String normal(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Reads the desired state of the catalog's components from the repositories' GitOps files, and marks the
     * containers whose running image (in {@code live}'s Kubernetes snapshots) differs from Git's.
     *
     * @param catalog      the catalog
     * @param repositories the folders to search: catalog source folders and crawled checkouts
     * @param live         the build's snapshots; {@link Snapshots#NONE} for none
     * @param diagnostics  receives a warning for each file that cannot be read or path refused
     */
    public static DesiredState read(Catalog catalog, List<Path> repositories, Snapshots live,
                                    Diagnostics diagnostics) {
        List<Entity> components = catalog.entities().stream().filter(e -> e.kind().equals("Component")).toList();
        Map<Path, Long> componentsPerRoot = components.stream().collect(Collectors.groupingBy(
                e -> e.source().repositoryRoot(), Collectors.counting()));
        Map<EntityRef, List<DesiredState.Environment>> out = new LinkedHashMap<>();
        for (Path root : repositories.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            RepoFiles files = new RepoFiles(root, diagnostics);
            List<String> selected = List.copyOf(NEEDS.select(RepositoryTree.of(root)));
            List<Finder.Found> found = new Finder(files).find(selected);
            for (Entity component : components) {
                boolean ownRepository = component.source().repositoryRoot().equals(root)
                        && componentsPerRoot.getOrDefault(root, 0L) == 1;
                for (Finder.Found env : found) {
                    Attribution.of(component, env, ownRepository, files).map(e -> Drift.mark(e,
                            live.of(component.ref()))).ifPresent(e -> out.computeIfAbsent(component.ref(),
                            k -> new ArrayList<>()).add(e));
                }
            }
        }
        out.replaceAll((ref, list) -> list.stream().sorted(ORDER).toList());
        return new DesiredState(out);
    }

    /** Environments from the first to the last stage: development, test, staging, production, then the others. */
    static final Comparator<DesiredState.Environment> ORDER = Comparator
            .comparingInt((DesiredState.Environment e) -> rank(e.name()))
            .thenComparing(DesiredState.Environment::name).thenComparing(DesiredState.Environment::path);

    /** Where an environment's name puts it among the stages. */
    public static int rank(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.matches(".*(local|dev|sandbox).*")) {
            return 0;
        }
        if (n.matches(".*(test|qa|int).*")) {
            return 1;
        }
        if (n.matches(".*(stag|stage|uat|preprod|pre-prod).*")) {
            return 2;
        }
        if (n.matches(".*(prod|live).*")) {
            return 3;
        }
        return 4;
    }

    /** The display path of a file, as diagnostics show it. */
    static String shown(Path file) {
        return DisplayPath.of(file);
    }
}
