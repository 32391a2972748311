package dev.paved.scaffold;

import java.util.List;
import java.util.Map;

/** What an action sees of the run: the template, the output folder, the options, and where to report. */
record StepRun(Step step, SoftwareTemplate template, Workspace workspace, NunjucksTemplater templater,
               Scaffolder.Options options, List<String> pushes, List<String> registrations) {

    boolean dryRun() {
        return workspace.dryRun();
    }

    void log(String message) {
        options.log().accept(message);
    }

    /** A required string input, or an error naming the step and the input. */
    String required(Map<String, Object> input, String key) {
        Object v = input.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new TemplateException(step.label() + ": input '" + key + "' is required");
        }
        return String.valueOf(v);
    }

    static String text(Map<String, Object> input, String key, String fallback) {
        Object v = input.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    static boolean flag(Map<String, Object> input, String key) {
        Object v = input.get(key);
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }
}
