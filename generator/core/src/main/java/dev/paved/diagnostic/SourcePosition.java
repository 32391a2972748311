package dev.paved.diagnostic;

/**
 * A place in an input file, as shown to users.
 *
 * @param file   the display path of the file
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record SourcePosition(String file, int line, int column) {

    /** The position of a whole file, with no line. */
    public static SourcePosition of(String file) {
        return new SourcePosition(file, 0, 0);
    }

    /** {@code file:line:col}, leaving out what is unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
