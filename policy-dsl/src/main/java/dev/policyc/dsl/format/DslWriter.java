package dev.policyc.dsl.format;

import java.util.Optional;

/**
 * Owns the layout rules that hold for every line {@link PolicyFormatter} writes: four-space
 * indentation per block, at most one blank line in a row and none at the start of the file or of
 * a block, comments as {@code #text}, no trailing whitespace, and one newline at the end.
 * The callers only say what comes next and where a blank line is wanted.
 */
final class DslWriter {

    private static final String INDENT = "    ";
    private static final String TRAILING_COMMENT_GAP = "  ";

    private final StringBuilder out = new StringBuilder();
    private int depth;
    /** True until the first line of the file or of the current block is written. */
    private boolean atBlockStart = true;
    private boolean blankLineWanted;

    /** Asks for one blank line before whatever is written next; ignored at the start of a block. */
    void blankLine() {
        blankLineWanted = true;
    }

    /** A whole-line comment at the current indentation. */
    void comment(String text) {
        line(commentText(text));
    }

    /** A statement, with the comment that followed it on its line. */
    void statement(String text, Optional<String> trailingComment) {
        line(trailingComment.map(c -> text + TRAILING_COMMENT_GAP + commentText(c)).orElse(text));
    }

    /** Writes {@code header} (ending in an opening brace) and indents what follows. */
    void open(String header) {
        line(header);
        depth++;
        atBlockStart = true;
    }

    /** Ends the innermost block with {@code footer} (a closing brace) on its own line. */
    void close(String footer, Optional<String> trailingComment) {
        depth--;
        blankLineWanted = false;
        statement(footer, trailingComment);
    }

    /** The text written, each line ending in a newline; empty when nothing was written. */
    String text() {
        return out.toString();
    }

    private void line(String text) {
        if (blankLineWanted && !atBlockStart) {
            out.append('\n');
        }
        blankLineWanted = false;
        atBlockStart = false;
        out.append(INDENT.repeat(depth)).append(text.stripTrailing()).append('\n');
    }

    /**
     * The text is kept as written, so {@code # x} stays {@code # x} and {@code #x} stays
     * {@code #x}; {@link #line} drops trailing blanks, which carry nothing.
     */
    private static String commentText(String text) {
        return "#" + text;
    }
}
