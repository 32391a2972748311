package dev.paved.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output folder of a run. Every path a template names is resolved here and refused when it would leave the
 * folder: {@code ../}, an absolute path, or a symbolic link (already in the folder) on the way out.
 */
final class Workspace {

    /** A file the run writes (or, in a dry run, would write). */
    record PlannedFile(String path, long bytes, String step) {
    }

    private final Path root;
    private final boolean dryRun;
    private final List<PlannedFile> files = new ArrayList<>();

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
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !replace) {
            return false;
        }
        files.add(new PlannedFile(root.relativize(target).toString().replace('\\', '/'), content.length, step));
        if (dryRun) {
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
}
