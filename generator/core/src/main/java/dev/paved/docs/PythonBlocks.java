package dev.paved.docs;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Python-Markdown and flexmark disagree on which lines start a block, the page made to read as Python-Markdown
 * reads it, line for line, before flexmark parses it:
 * <ul>
 *   <li>pymdownx.superfences takes a fence only when it knows every option of its header: {@code title="…"},
 *       {@code hl_lines="1 3-4"}, {@code linenums="1"}, or the brace form {@code {.lang …}}. A header such as
 *       {@code ```yaml tab="Source"} (an option superfences dropped long ago) is text, and the fence that closes it
 *       opens the next block; flexmark would take both as code. The diagram fences of {@link Diagrams} keep their
 *       options, as their extensions read them first.</li>
 *   <li>A block-level HTML element opened at the start of a line (indented by at most three spaces) is raw HTML to
 *       its closing tag in Python-Markdown, blank lines and all, its content shown as written; flexmark ends it at
 *       the first blank line and reads the rest as Markdown. Blank lines inside such an element become empty
 *       comments, which keep flexmark's HTML block going and which the sanitiser then drops. Elements with a
 *       {@code markdown} attribute are left to {@link MarkdownInHtml}.</li>
 *   <li>An admonition whose body starts indented by eight or more (as code) has its body read one level less
 *       indented by Python-Markdown 3.4 (which also puts it inside the title's paragraph): those lines lose four
 *       spaces here, and a blank line after the title keeps flexmark from reading them as its paragraph.</li>
 * </ul>
 */
final class PythonBlocks {

    private static final Pattern FENCE = Pattern.compile("^([ \\t]*)(`{3,}|~{3,})(.*)$");
    private static final Pattern ADMONITION = Pattern.compile("^([ \\t]*)(?:!!!|\\?\\?\\?\\+?)[ \\t]+\\S.*$");
    /** A language name as superfences reads it, with nothing after it, or before options. */
    private static final Pattern LANGUAGE = Pattern.compile("[\\w#.+\\-]*");
    private static final Pattern OPTION = Pattern.compile("\\G[ \\t]+([\\w-]+)=\"([^\"\\n]*)\"");
    private static final Pattern HL_LINES = Pattern.compile("(?:\\d+(?:-\\d+)?)(?:[ ,]+\\d+(?:-\\d+)?)*");
    private static final Pattern LINENUMS = Pattern.compile("\\d+(?:[ ]+\\d+){0,2}");
    private static final Set<String> DIAGRAMS = Set.of("plantuml", "uml", "graphviz");
    private static final Pattern HTML_START = Pattern.compile("^ {0,3}<([A-Za-z][A-Za-z0-9-]*)(?=[\\s/>])([^>]*)>");
    private static final Set<String> VOID = Set.of("hr", "br", "img", "input", "link", "meta", "col", "area", "base",
            "embed", "source", "track", "wbr", "param");
    /** A line that keeps flexmark's HTML block open where the author left a blank line (dropped when sanitised). */
    static final String HTML_BLANK = "<!-- -->";

    private PythonBlocks() {
    }

    /** The page as Python-Markdown reads its blocks, or null when nothing in it reads differently. */
    static MappedText rewrite(String markdown) {
        if (!markdown.contains("```") && !markdown.contains("~~~") && !markdown.contains("!!!")
                && !markdown.contains("???") && !markdown.contains("<")) {
            return null;
        }
        String[] lines = markdown.split("\n", -1);
        MappedText.Lines out = new MappedText.Lines();
        boolean changed = false;
        String open = null; // the fence of the code block the scan is in
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (open != null) {
                if (fence.matches() && fence.group(2).charAt(0) == open.charAt(0)
                        && fence.group(2).length() >= open.length() && fence.group(3).isBlank()) {
                    open = null;
                }
                out.add(line, i);
                continue;
            }
            if (fence.matches() && !(fence.group(2).charAt(0) == '`' && fence.group(3).indexOf('`') >= 0)) {
                if (superFence(fence.group(3))) {
                    open = fence.group(2);
                    out.add(line, i);
                } else if (!fence.group(3).isBlank()) {
                    // Text, as Python-Markdown shows it; entities keep flexmark from reading a fence.
                    String mark = fence.group(2).charAt(0) == '`' ? "&#96;" : "&#126;";
                    out.add(fence.group(1) + mark.repeat(fence.group(2).length()) + fence.group(3), i);
                    changed = true;
                } else {
                    out.add(line, i);
                }
                continue;
            }
            Matcher html = HTML_START.matcher(line);
            if (html.find() && rawHtml(html)) {
                int end = closingLine(lines, i, html.group(1).toLowerCase(Locale.ROOT), html.end());
                boolean markdownInside = html.group(2).matches("(?is).*\\bmarkdown\\s*=.*|.*\\bmarkdown\\s*$");
                for (int k = i; k <= Math.max(i, end); k++) {
                    boolean blank = k > i && k < end && lines[k].isBlank() && !markdownInside;
                    out.add(blank ? HTML_BLANK : lines[k], k);
                    changed |= blank;
                }
                i = Math.max(i, end);
                continue;
            }
            out.add(line, i);
            if (!ADMONITION.matcher(line).matches()) {
                continue;
            }
            int first = i + 1;
            while (first < lines.length && lines[first].isBlank()) {
                first++;
            }
            int level = indent(line);
            if (first < lines.length && indent(lines[first]) >= level + 8) {
                out.add("", i);
                int k = i + 1;
                for (; k < lines.length && (lines[k].isBlank() || indent(lines[k]) >= level + 4); k++) {
                    out.add(indent(lines[k]) >= level + 8 ? dedented(lines[k], 4) : lines[k], k);
                }
                i = k - 1;
                changed = true;
            }
        }
        return changed ? out.text() : null;
    }

    /** Whether superfences takes a fence with this header (what follows the backticks). */
    static boolean superFence(String header) {
        String h = header.strip();
        if (h.isEmpty() || h.startsWith("{")) {
            return true;
        }
        int space = indexOfSpace(h);
        String language = space < 0 ? h : h.substring(0, space);
        if (DIAGRAMS.contains(language.toLowerCase(Locale.ROOT).replaceAll("^\\{?\\.?|}$", ""))) {
            return true;
        }
        if (!LANGUAGE.matcher(language).matches()) {
            return false;
        }
        String options = space < 0 ? "" : h.substring(space);
        Matcher option = OPTION.matcher(options);
        int end = 0;
        while (option.find()) {
            String value = option.group(2);
            boolean known = switch (option.group(1)) {
                case "title" -> true;
                case "hl_lines" -> HL_LINES.matcher(value).matches();
                case "linenums" -> LINENUMS.matcher(value).matches();
                default -> false;
            };
            if (!known) {
                return false;
            }
            end = option.end();
        }
        return options.substring(end).isBlank();
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether an opening tag starts a raw HTML block in Python-Markdown: a block-level element, not empty. */
    private static boolean rawHtml(Matcher start) {
        String tag = start.group(1).toLowerCase(Locale.ROOT);
        return MarkdownInHtml.BLOCK_ELEMENTS.contains(tag) && !VOID.contains(tag) && !start.group(2).endsWith("/");
    }

    /**
     * The line holding the tag that closes the element opened on line {@code from} (its opening tag ending at
     * {@code after}), counting elements of the same name inside it; -1 when it is never closed.
     */
    private static int closingLine(String[] lines, int from, String tag, int after) {
        Pattern tags = Pattern.compile("<(/?)" + Pattern.quote(tag) + "(?=[\\s/>])([^>]*)>", Pattern.CASE_INSENSITIVE);
        int depth = 1;
        for (int i = from; i < lines.length; i++) {
            Matcher m = tags.matcher(lines[i]);
            int start = i == from ? after : 0;
            while (m.find(start)) {
                start = m.end();
                if (!m.group(1).isEmpty()) {
                    depth--;
                } else if (!m.group(2).endsWith("/")) {
                    depth++;
                }
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The line without its first {@code columns} columns of indentation. */
    private static String dedented(String line, int columns) {
        int removed = 0;
        int i = 0;
        while (i < line.length() && removed < columns) {
            char c = line.charAt(i);
            if (c == ' ') {
                removed++;
            } else if (c == '\t') {
                removed += 4 - removed % 4;
            } else {
                break;
            }
            i++;
        }
        return " ".repeat(Math.max(0, removed - columns)) + line.substring(i);
    }

    private static int indent(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                n++;
            } else if (c == '\t') {
                n += 4 - n % 4;
            } else {
                break;
            }
        }
        return n;
    }
}
