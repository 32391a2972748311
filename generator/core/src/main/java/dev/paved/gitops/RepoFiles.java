package dev.paved.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one repository (or catalog folder) as GitOps reads them: nothing outside its root, by path or by
 * symbolic link; each YAML file read once; a file that cannot be read is one warning and no documents.
 */
final class RepoFiles {

    /** Files larger than this are not read as manifests. */
    static final long MAX_BYTES = 2L * 1024 * 1024;

    private final Path root;
    private final Path realRoot;
    private final Diagnostics diagnostics;
    private final Map<Path, List<YamlDocument>> read = new HashMap<>();

    RepoFiles(Path root, Diagnostics diagnostics) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
        this.diagnostics = diagnostics;
    }

    Path root() {
        return root;
    }

    /** A file's path relative to the root, with {@code /}. */
    String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * What a relative path written in a file names, from {@code folder}: empty, after a warning at {@code at}, when
     * it is absolute or leads outside the root, by {@code ..} or by a symbolic link.
     */
    Optional<Path> resolve(Path folder, String relative, SourcePosition at) {
        String written = relative.strip();
        if (written.startsWith("/") || written.startsWith("\\") || written.matches("^[A-Za-z]:.*")) {
            refuse(at, written, "is absolute");
            return Optional.empty();
        }
        Path target = folder.resolve(written).normalize();
        if (!target.startsWith(root)) {
            refuse(at, written, "leads outside the repository");
            return Optional.empty();
        }
        if (Files.exists(target)) {
            try {
                if (!target.toRealPath().startsWith(realRoot)) {
                    refuse(at, written, "is a symbolic link out of the repository");
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.of(target);
            }
        }
        return Optional.of(target);
    }

    private void refuse(SourcePosition at, String written, String why) {
        diagnostics.warning(at, Code.GITOPS_UNRESOLVED, "GitOps: " + written + " " + why + "; not read");
    }

    /** The documents of a YAML file; none, after a warning, when it cannot be read. */
    List<YamlDocument> yaml(Path file) {
        return read.computeIfAbsent(file, this::load);
    }

    private List<YamlDocument> load(Path file) {
        String shown = DisplayPath.of(file);
        try {
            if (!file.toRealPath().startsWith(realRoot) || Files.size(file) > MAX_BYTES) {
                diagnostics.warning(SourcePosition.of(shown), Code.GITOPS_UNRESOLVED, "GitOps: not read: "
                        + (Files.size(file) > MAX_BYTES ? "larger than " + MAX_BYTES + " bytes"
                        : "a symbolic link out of the repository"));
                return List.of();
            }
            Diagnostics found = new Diagnostics();
            List<YamlDocument> docs = YamlReader.read(shown, Files.readString(file, StandardCharsets.UTF_8), found);
            for (Diagnostic d : found.unsummed()) {
                diagnostics.warning(new SourcePosition(d.file(), d.line(), d.column()), Code.GITOPS_UNRESOLVED,
                        "GitOps file not fully read: " + d.message());
            }
            return docs;
        } catch (IOException | RuntimeException e) {
            diagnostics.warning(SourcePosition.of(shown), Code.GITOPS_UNRESOLVED, "GitOps file not read: "
                    + e.getMessage());
            return List.of();
        }
    }

    /** The Kubernetes objects of a YAML file ({@code kind: List} unpacked), each a fresh copy. */
    List<Resource> resources(Path file) {
        List<Resource> out = new ArrayList<>();
        for (YamlDocument doc : yaml(file)) {
            JsonNode root = doc.root();
            if (root.path("kind").asText("").equals("List") || root.path("kind").asText("").endsWith("List")
                    && root.has("items")) {
                root.path("items").forEach(i -> addObject(out, i, file));
            } else {
                addObject(out, root, file);
            }
        }
        return out;
    }

    private static void addObject(List<Resource> out, JsonNode node, Path file) {
        if (node.isObject() && node.path("kind").isTextual() && node.path("apiVersion").isTextual()) {
            out.add(Resource.of(node, file));
        }
    }

    /** The YAML files and folders of a folder, sorted; symbolic links and hidden entries are left out. */
    List<Path> list(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                            || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isYaml(p))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static boolean isYaml(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
