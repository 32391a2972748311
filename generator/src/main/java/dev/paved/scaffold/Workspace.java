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

    /** {@code relative} inside the folder, or an error naming {@code what} when it leads out of it. */
    Path resolve(String relative, String what) {
        String p = relative.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            throw new TemplateException(what + ": '" + relative + "' is an absolute path; paths are relative to the "
                    + "output folder");
        }
        Path target = root.resolve(p).normalize();
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
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !replace) {
            return false;
        }
        files.add(new PlannedFile(root.relativize(target).toString().replace('\\', '/'), content.length, step));
        if (dryRun) {
            return true;
        }
        Files.createDirectories(target.getParent());
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
