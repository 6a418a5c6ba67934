package dev.policyc.core.diag;

import java.util.Objects;

/**
 * A stretch of one line of a source file: where a node of a policy came from.
 *
 * <p>Lines and columns are 1-based; the column counts UTF-16 code units from the start of the
 * line, as editors and ANTLR do. {@code length} is the number of code units the caret line
 * underlines (at least one). A node that spans several lines is located by its first token.
 *
 * @param file   the file as the user named it (a path relative to the working directory, or
 *               {@code <stdin>}); never absolute unless the user wrote it so
 * @param line   1-based line
 * @param column 1-based column
 * @param length how many characters to underline, at least 1
 */
public record SourceSpan(String file, int line, int column, int length) {

    public SourceSpan {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
        length = Math.max(1, length);
    }

    /** A span of one character. */
    public static SourceSpan at(String file, int line, int column) {
        return new SourceSpan(file, line, column, 1);
    }

    /** {@code file:line:col}, the form used in diagnostics and in rule comments. */
    public String position() {
        return file + ":" + line + ":" + column;
    }

    /** {@code file:line}, the short form used when pointing at a rule. */
    public String fileAndLine() {
        return file + ":" + line;
    }

    /** A span starting here and running to the end of {@code other} when both are on one line. */
    public SourceSpan through(SourceSpan other) {
        if (!other.file.equals(file) || other.line != line || other.column < column) {
            return this;
        }
        return new SourceSpan(file, line, column, other.column + other.length - column);
    }

    @Override
    public String toString() {
        return position();
    }
}
