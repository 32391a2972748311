package dev.paved.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The output folder of a run. Every path a template names is resolved here and refused when it would leave the
 * folder: {@code ../}, an absolute path, or a symbolic link (already in the folder) on the way out.
 *
 * <p>A dry run writes nothing, but keeps what it would have written in memory, so that later steps that read,
 * rename, merge or delete files ({@code fs:rename}, {@code roadiehq:utils:merge}, …) plan against the same files
 * a real run would see.
 */
final class Workspace {

    /** A file the run writes (or, in a dry run, would write). */
    record PlannedFile(String path, long bytes, String step) {
    }

    private final Path root;
    private final boolean dryRun;
    private final List<PlannedFile> files = new ArrayList<>();
    /** In a dry run: the contents of the files it would have written, by relative path. */
    private final Map<String, byte[]> planned = new LinkedHashMap<>();
    /** In a dry run: the files already in the folder that it would have deleted or renamed away. */
    private final Set<String> gone = new HashSet<>();

    Workspace(Path root, boolean dryRun) {
        this.root = root.toAbsolutePath().normalize();
        this.dryRun = dryRun;
    }

    Path root() {
        return root;
    }

    boolean dryRun() {
        return dryRun;
    }

    List<PlannedFile> files() {
        return List.copyOf(files);
    }

    /**
     * {@code relative} inside the folder, or an error naming {@code what} when it leads out of it or into a
     * {@code .git} folder (a template must not plant hooks or configuration that git would run).
     */
    Path resolve(String relative, String what) {
        String p = relative.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            throw new TemplateException(what + ": '" + relative + "' is an absolute path; paths are relative to the "
                    + "output folder");
        }
        for (String segment : p.split("/")) {
            String s = segment.replaceAll("[. ]+$", "").toLowerCase(java.util.Locale.ROOT);
            if (s.equals(".git") || s.equals("git~1")) {
                throw new TemplateException(what + ": '" + relative + "' is inside a .git folder, which a template "
                        + "may not write");
            }
        }
        Path target;
        try {
            target = root.resolve(p).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new TemplateException(what + ": '" + relative.replace("\0", "\\0") + "' is not a valid path: "
                    + e.getReason());
        }
        if (!target.startsWith(root)) {
            throw new TemplateException(what + ": '" + relative + "' leads out of the output folder");
        }
        // A link already in the folder must not carry a write outside it.
        for (Path at = target; at != null && at.startsWith(root) && !at.equals(root); at = at.getParent()) {
            if (Files.isSymbolicLink(at)) {
                try {
                    Path real = at.toRealPath();
                    if (!real.startsWith(root.toRealPath())) {
                        throw new TemplateException(what + ": '" + relative + "' goes through the symbolic link "
                                + root.relativize(at) + ", which points out of the output folder");
                    }
                } catch (IOException e) {
                    throw new TemplateException(what + ": '" + relative + "' goes through a broken symbolic link "
                            + root.relativize(at));
                }
            }
        }
        return target;
    }

    /** Writes a file (or records it in a dry run); false when it exists and {@code replace} is off. */
    boolean write(String relative, byte[] content, boolean executable, boolean replace, String step)
            throws IOException {
        Path target = resolve(relative, step);
        if (target.equals(root) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new TemplateException(step + ": '" + relative + "' is a folder, not a file");
        }
        String path = relative(target);
        boolean exists = dryRun ? planned.containsKey(path)
                || !gone.contains(path) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                : Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && !replace) {
            return false;
        }
        files.removeIf(f -> f.path().equals(path));
        files.add(new PlannedFile(path, content.length, step));
        if (dryRun) {
            planned.put(path, content.clone());
            gone.remove(path);
            return true;
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new TemplateException(step + ": cannot write '" + relative + "': " + root.relativize(
                    Path.of(e.getFile())) + " is a file, not a folder");
        }
        if (Files.isSymbolicLink(target)) {
            Files.delete(target);
        }
        Files.write(target, content);
        if (executable) {
            target.toFile().setExecutable(true, false);
        }
        return true;
    }

    /** Whether a file is at {@code relative} (in a dry run: would be). */
    boolean isFile(String relative, String what) {
        return read(relative, what).isPresent();
    }

    /** Whether a folder is at {@code relative}: one on disk, or (in a dry run) the parent of a planned file. */
    boolean isFolder(String relative, String what) {
        Path target = resolve(relative, what);
        if (Files.isDirectory(target) && !(dryRun && gone.contains(relative(target)))) {
            return true;
        }
        String prefix = target.equals(root) ? "" : relative(target) + "/";
        return dryRun && list().stream().anyMatch(f -> f.startsWith(prefix));
    }

    /** The content of the file at {@code relative}, or empty when there is none (in a dry run: none planned). */
    Optional<byte[]> read(String relative, String what) {
        Path target = resolve(relative, what);
        String path = relative(target);
        if (dryRun) {
            if (planned.containsKey(path)) {
                return Optional.of(planned.get(path).clone());
            }
            if (gone.contains(path)) {
                return Optional.empty();
            }
        }
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(target));
        } catch (IOException e) {
            throw new TemplateException(what + ": cannot read '" + relative + "': " + e.getMessage());
        }
    }

    /** Every file in the folder (in a dry run: as the run would leave it), relative, sorted; none under .git. */
    List<String> list() {
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(this::relative)
                        .filter(p -> !p.equals(".git") && !p.startsWith(".git/")).forEach(out::add);
            } catch (IOException e) {
                throw new TemplateException("cannot list the output folder: " + e.getMessage());
            }
        }
        if (dryRun) {
            out.removeAll(gone);
            out.addAll(planned.keySet());
        }
        return List.copyOf(out);
    }

    /** Deletes the file or folder at {@code relative} (in a dry run: records it); false when there is none. */
    boolean delete(String relative, String what) throws IOException {
        Path target = resolve(relative, what);
        if (target.equals(root)) {
            throw new TemplateException(what + ": '" + relative + "' is the whole output folder, which a step may "
                    + "not delete");
        }
        String path = relative(target);
        List<String> under = list().stream().filter(f -> f.equals(path) || f.startsWith(path + "/")).toList();
        boolean there = !under.isEmpty() || Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        files.removeIf(f -> under.contains(f.path()));
        if (dryRun) {
            under.forEach(planned::remove);
            gone.addAll(under);
            return there;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } else {
            Files.deleteIfExists(target);
        }
        return there;
    }

    /**
     * Moves the file or folder at {@code from} to {@code to}; an existing {@code to} is an error unless
     * {@code overwrite}.
     */
    void rename(String from, String to, boolean overwrite, String what) throws IOException {
        Path source = resolve(from, what);
        Path target = resolve(to, what);
        String fromPath = relative(source);
        String toPath = relative(target);
        List<String> moving = list().stream().filter(f -> f.equals(fromPath) || f.startsWith(fromPath + "/")).toList();
        if (moving.isEmpty() && !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new TemplateException(what + ": '" + from + "' does not exist in the output folder");
        }
        if (source.equals(root) || target.equals(root)) {
            throw new TemplateException(what + ": the output folder itself cannot be renamed");
        }
        if (target.startsWith(source) && !target.equals(source)) {
            throw new TemplateException(what + ": '" + to + "' is inside '" + from + "'");
        }
        boolean exists = isFile(to, what) || isFolder(to, what);
        if (exists && !overwrite) {
            throw new TemplateException(what + ": '" + to + "' already exists (set overwrite: true to replace it)");
        }
        if (exists) {
            delete(to, what);
        }
        for (String f : moving) {
            String moved = toPath + f.substring(fromPath.length());
            files.stream().filter(p -> p.path().equals(f)).findFirst().ifPresent(p -> {
                files.remove(p);
                files.add(new PlannedFile(moved, p.bytes(), p.step()));
            });
            if (dryRun) {
                byte[] content = read(f, what).orElse(new byte[0]);
                planned.remove(f);
                gone.add(f);
                planned.put(moved, content);
                gone.remove(moved);
            }
        }
        if (dryRun) {
            return;
        }
        Files.createDirectories(target.getParent());
        Files.move(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String relative(Path target) {
        return root.relativize(target).toString().replace('\\', '/');
    }
}
