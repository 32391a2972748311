package dev.paved.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown rewritten before it is parsed (tabs, {@code md_in_html}) and, for each of its lines (0-based), the 0-based
 * line of the source it came from, so that diagnostics name the line the author wrote.
 */
record MappedText(String markdown, int[] sourceLines) {

    /** This rewrite of an earlier rewrite's text (or of the source itself when null), mapped back to the source. */
    MappedText through(MappedText earlier) {
        if (earlier == null) {
            return this;
        }
        int[] lines = new int[sourceLines.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = earlier.sourceLines[Math.min(sourceLines[i], earlier.sourceLines.length - 1)];
        }
        return new MappedText(markdown, lines);
    }

    /** Lines being written, each with the source line it came from. */
    static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final List<Integer> sources = new ArrayList<>();

        void add(String line, int source) {
            lines.add(line);
            sources.add(Math.max(source, 0));
        }

        /** How many lines are written so far. */
        int size() {
            return lines.size();
        }

        /** Replaces a line written earlier (its source line stays). */
        void set(int index, String line) {
            lines.set(index, line);
        }

        MappedText text() {
            return new MappedText(String.join("\n", lines), sources.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
