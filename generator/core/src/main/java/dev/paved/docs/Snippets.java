package dev.paved.docs;

import dev.paved.catalog.RepositoryFiles;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.DisplayPath;
import dev.paved.diagnostic.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pymdownx.snippets}, which TechDocs enables with {@code restrict_base_path}: a line
 * {@code --8<-- "file.md"} (or a block of file names between two {@code --8<--} lines) is replaced by the file's
 * text, indented as the line was, before the page is read as Markdown (so in code blocks too); a marker written
 * {@code ;--8<--} is left as written (as pymdown-extensions 9.5 leaves it). Files are named relative to the folder of {@code mkdocs.yml} and must be inside it and inside
 * the repository (no {@code ..} out, no symbolic link out). Included files may include others, to a depth of four,
 * and never themselves. A file that is missing or refused is a warning at the line naming it, and the line is left
 * out, as the extension leaves it out; every file named is recorded as an input of the doc set.
 */
final class Snippets {

    private static final String MARKER = "-+8<-+";
    private static final Pattern LINE = Pattern.compile(
            "^([ \\t]*)(;*)" + MARKER + "[ \\t]+(\"(?:\\\\\"|[^\"\\n\\r])+?\"|'(?:\\\\'|[^'\\n\\r])+?')[ \\t]*$");
    private static final Pattern BLOCK = Pattern.compile("^([ \\t]*)(;*)" + MARKER + "[ \\t]*$");
    private static final int DEPTH = 4;

    private final Path base;
    private final Path root;
    private final Consumer<Path> named;
    private final Diagnostics diagnostics;

    /**
     * @param base        the folder of {@code mkdocs.yml}, which names are relative to
     * @param root        the repository root
     * @param named       told of every file a page names, read or not
     * @param diagnostics where missing and refused files go
     */
    Snippets(Path base, Path root, Consumer<Path> named, Diagnostics diagnostics) {
        this.base = base;
        this.root = root;
        this.named = named;
        this.diagnostics = diagnostics;
    }

    /** A page's text with its snippets in; {@code display} names the page in warnings. */
    String expand(String text, String display) {
        if (!text.contains("8<")) {
            return text;
        }
        return expand(text, display, new ArrayDeque<>());
    }

    private String expand(String text, String display, Deque<Path> including) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        String blockIndent = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher single = LINE.matcher(line);
            Matcher block = BLOCK.matcher(line);
            String piece;
            if (blockIndent == null && single.matches()) {
                String name = single.group(3);
                piece = !single.group(2).isEmpty() ? line
                        : include(name.substring(1, name.length() - 1), single.group(1), display, i + 1, including);
            } else if (block.matches()) {
                if (!block.group(2).isEmpty()) {
                    piece = line;
                } else {
                    blockIndent = blockIndent == null ? block.group(1) : null;
                    continue;
                }
            } else if (blockIndent != null) {
                piece = line.isBlank() ? null : include(line.strip(), blockIndent, display, i + 1, including);
            } else {
                piece = line;
            }
            if (piece != null) {
                out.append(piece).append('\n');
            }
        }
        // Like the input, no newline after the last line.
        return out.length() > 0 && !text.endsWith("\n") ? out.substring(0, out.length() - 1) : out.toString();
    }

    /** A file's text, each line indented by {@code indent}, or null (the line left out) with a warning. */
    private String include(String name, String indent, String display, int line, Deque<Path> including) {
        SourcePosition at = new SourcePosition(display, line, indent.length() + 1);
        Optional<Path> file = RepositoryFiles.resolveInside(base, base, name)
                .filter(f -> RepositoryFiles.isInside(root, f));
        named.accept(base.resolve(name).normalize());
        if (file.isEmpty()) {
            diagnostics.warning(at, Code.BROKEN_LINK, "Snippet " + name + " is outside the folder of mkdocs.yml; "
                    + "not included");
            return null;
        }
        if (!Files.isRegularFile(file.get())) {
            diagnostics.warning(at, Code.BROKEN_LINK, "Snippet " + name + " does not exist; not included");
            return null;
        }
        if (including.contains(file.get()) || including.size() >= DEPTH) {
            diagnostics.warning(at, Code.BROKEN_LINK, "Snippet " + name + (including.contains(file.get())
                    ? " includes itself" : " is included " + DEPTH + " levels deep") + "; not included");
            return null;
        }
        String text;
        try {
            text = Files.readString(file.get(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            diagnostics.warning(at, Code.BROKEN_LINK, "Snippet " + name + " could not be read; not included");
            return null;
        }
        including.push(file.get());
        String expanded = expand(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text,
                DisplayPath.of(file.get()), including);
        including.pop();
        return indent.isEmpty() ? expanded : indent + expanded.replace("\n", "\n" + indent);
    }
}
