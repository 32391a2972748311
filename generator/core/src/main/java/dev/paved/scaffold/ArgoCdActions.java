package dev.paved.scaffold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code argocd:create-resources} (Roadie's): where Roadie's action calls an Argo CD instance to create an
 * AppProject and an Application, Paved, for a GitOps portal, writes the same two objects as a manifest into the
 * output folder ({@code argocd/<appName>.yaml}), for a following pull-request step ({@code publish:github:pull-request}
 * and the like) to propose to the GitOps repository that Argo CD watches. Merged, Argo CD creates them; the next
 * build reads the Application as an environment of the component (decision 9).
 */
final class ArgoCdActions {

    /** The label Roadie's Argo CD plugin finds applications by ({@code argocd/app-selector: backstage-name=…}). */
    static final String LABEL = "backstage-name";

    private ArgoCdActions() {
    }

    /**
     * argocd:create-resources — {@code appName}, {@code argoInstance}, {@code namespace}, {@code repoUrl},
     * {@code path}, {@code projectName} (default appName), {@code labelValue} (default appName); Paved's own
     * {@code filePath} (default {@code argocd/<appName>.yaml}); outputs {@code filePath}.
     */
    static Map<String, Object> createResources(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        String app = name(run, input, "appName");
        String instance = run.required(input, "argoInstance");
        String namespace = name(run, input, "namespace");
        String repoUrl = run.required(input, "repoUrl");
        String path = run.required(input, "path");
        String project = input.get("projectName") == null ? app : name(run, input, "projectName");
        String labelValue = StepRun.text(input, "labelValue", app);
        String file = StepRun.text(input, "filePath", "argocd/" + app + ".yaml");

        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("server", "https://kubernetes.default.svc");
        destination.put("namespace", namespace);

        Map<String, Object> appProject = new LinkedHashMap<>();
        appProject.put("apiVersion", "argoproj.io/v1alpha1");
        appProject.put("kind", "AppProject");
        appProject.put("metadata", metadata(project, instance, labelValue));
        appProject.put("spec", Map.of("sourceRepos", List.of(repoUrl), "destinations", List.of(destination)));

        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", repoUrl);
        source.put("path", path);
        source.put("targetRevision", "HEAD");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", project);
        spec.put("source", source);
        spec.put("destination", destination);
        spec.put("syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true),
                "syncOptions", List.of("CreateNamespace=true")));
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("apiVersion", "argoproj.io/v1alpha1");
        application.put("kind", "Application");
        application.put("metadata", metadata(app, instance, labelValue));
        application.put("spec", spec);

        String yaml = StructuredText.toYaml(appProject) + "---\n" + StructuredText.toYaml(application);
        run.workspace().write(file, yaml.getBytes(StandardCharsets.UTF_8), false, true, label);
        run.log("  " + (run.dryRun() ? "would write " : "wrote ") + file + ": Argo CD Application " + app + " for "
                + instance + " (propose it with a pull-request step)");
        return Map.of("filePath", file);
    }

    private static Map<String, Object> metadata(String name, String instance, String labelValue) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", "argocd");
        metadata.put("labels", Map.of(LABEL, labelValue));
        metadata.put("annotations", Map.of("argocd/instance-name", instance));
        return metadata;
    }

    /** A Kubernetes name (RFC 1123 label): what Argo CD would refuse is refused here, naming the input. */
    private static String name(StepRun run, Map<String, Object> input, String key) {
        String value = run.required(input, key);
        if (!value.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw new TemplateException(run.step().label() + ": input '" + key + "' is '" + value + "', not a "
                    + "Kubernetes name (lower-case letters, digits, '-' and '.')");
        }
        return value;
    }
}
