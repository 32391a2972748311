package dev.paved.scaffold;

import dev.paved.credential.Redact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Adds a repository to the {@code repositories} list of a paved.yaml as text, so that its comments and layout
 * stay as the team wrote them.
 */
final class RepositoryList {

    private static final Pattern KEY = Pattern.compile("^repositories:\\s*(#.*)?$");
    private static final Pattern EMPTY_FLOW = Pattern.compile("^repositories:\\s*\\[\\s*]\\s*(#.*)?$");

    private static final Pattern SAFE_URL = Pattern.compile("^(https?|ssh|git|file)://[A-Za-z0-9._~%:@/+-]+$");
    /** User info with a password: {@code https://user:secret@host/…} (a user alone, {@code ssh://git@…}, is fine). */
    private static final Pattern PASSWORD = Pattern.compile("^[a-z]+://[^/]*:[^/]*@");
    private static final Pattern SAFE_BRANCH = Pattern.compile("^[A-Za-z0-9._/-]+$");
    private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9._/*-]+$");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private RepositoryList() {
    }

    /** A JSON string, which is a YAML double-quoted scalar. */
    private static String quote(String value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /** The URLs the file's repositories list already has. */
    private static java.util.Set<String> listed(Path config) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (!Files.exists(config)) {
            return out;
        }
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(config.toFile());
        if (root != null) {
            for (com.fasterxml.jackson.databind.JsonNode item : root.path("repositories")) {
                out.add(item.isTextual() ? item.asText() : item.path("url").asText());
            }
        }
        return out;
    }

    /**
     * Adds {@code url}; false when the file already lists it. The values come from a template, so they are
     * checked (a URL, a branch name, a path) and written quoted: a template cannot add keys such as {@code token}.
     */
    static boolean add(Path config, String url, String branch, String catalogPath) throws IOException {
        if (!SAFE_URL.matcher(url).matches()) {
            throw new TemplateException("'" + Redact.url(url) + "' is not a repository URL Paved registers");
        }
        if (PASSWORD.matcher(url).find()) {
            throw new TemplateException("'" + Redact.url(url) + "' holds a password; Paved registers URLs without "
                    + "credentials (a token is given by name: token: VARIABLE)");
        }
        if (!SAFE_BRANCH.matcher(branch).matches() || branch.contains("..")) {
            throw new TemplateException("'" + branch + "' is not a branch name");
        }
        if (!catalogPath.isEmpty() && (!SAFE_PATH.matcher(catalogPath).matches() || catalogPath.contains(".."))) {
            throw new TemplateException("'" + catalogPath + "' is not a catalog file path");
        }
        List<String> lines = Files.exists(config)
                ? new ArrayList<>(Files.readAllLines(config, StandardCharsets.UTF_8)) : new ArrayList<>();
        if (listed(config).contains(url)) {
            return false;
        }
        String entry = "{url: " + quote(url) + ", branch: " + quote(branch)
                + (catalogPath.isEmpty() || catalogPath.equals("catalog-info.yaml") ? ""
                : ", catalogPath: " + quote(catalogPath)) + "}";
        int key = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (KEY.matcher(lines.get(i)).matches() || EMPTY_FLOW.matcher(lines.get(i)).matches()) {
                key = i;
                break;
            }
            if (lines.get(i).startsWith("repositories:")) {
                throw new IOException(config + ": its repositories are written in a form Paved does not edit; "
                        + "add " + Redact.url(url) + " by hand");
            }
        }
        if (key < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add("repositories:");
            lines.add("  - " + entry);
        } else if (EMPTY_FLOW.matcher(lines.get(key)).matches()) {
            lines.set(key, "repositories:");
            lines.add(key + 1, "  - " + entry);
        } else {
            int last = key;
            String indent = "  ";
            boolean first = true;
            for (int i = key + 1; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isBlank() || l.stripLeading().startsWith("#")) {
                    continue;
                }
                if (!l.startsWith(" ") && !l.startsWith("-")) {
                    break;
                }
                if (first && l.stripLeading().startsWith("- ")) {
                    indent = l.substring(0, l.indexOf('-'));
                    first = false;
                }
                last = i;
            }
            lines.add(last + 1, indent + "- " + entry);
        }
        Files.write(config, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
