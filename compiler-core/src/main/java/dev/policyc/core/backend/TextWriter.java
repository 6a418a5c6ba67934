package dev.policyc.core.backend;

import java.util.regex.Pattern;

/**
 * The one writer of backend text: lines at the right indentation, and nothing else. User text
 * (comments, file names) goes in only through {@link Quoting#literal} or {@link #comment}, which
 * keep it on its line; {@link #line} refuses line breaks and other control characters, so a
 * slip in a backend fails loudly rather than emitting something that parses differently.
 *
 * <p>One writer makes one file; it is not shared.
 */
public final class TextWriter {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String indentUnit;
    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** @param indentUnit what one level of indentation is ({@code "\t"}, {@code "    "}) */
    public TextWriter(String indentUnit) {
        if (!indentUnit.chars().allMatch(c -> c == ' ' || c == '\t')) {
            throw new IllegalArgumentException("indentation is spaces or tabs");
        }
        this.indentUnit = indentUnit;
    }

    /**
     * One line of target syntax, built by the backend from its own tokens and literals.
     *
     * @throws IllegalArgumentException if {@code text} has a line break or another control character
     */
    public TextWriter line(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i)) && text.charAt(i) != '\t') {
                throw new IllegalArgumentException("a line of output holds a control character: " + text);
            }
        }
        out.append(indentUnit.repeat(depth)).append(text).append('\n');
        return this;
    }

    /** An empty line (never indented). */
    public TextWriter blank() {
        out.append('\n');
        return this;
    }

    /** A line that opens a block ({@code table inet x {}); what follows is indented one level more. */
    public TextWriter open(String text) {
        line(text);
        depth++;
        return this;
    }

    /** A line that closes the innermost open block ({@code }}). */
    public TextWriter close(String text) {
        if (depth == 0) {
            throw new IllegalStateException("no block is open");
        }
        depth--;
        return line(text);
    }

    /**
     * A comment line: {@code marker} (such as {@code #}), a space, then {@code text} kept on one line.
     */
    public TextWriter comment(String marker, String text) {
        return line(marker + " " + oneLine(text));
    }

    /** Everything written, every opened block closed. */
    public String text() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " block(s) still open");
        }
        return out.toString();
    }

    /**
     * {@code text} with every character that could end or bend a line replaced by a space: control
     * characters (line breaks, tabs, NUL), Unicode line and paragraph separators, format
     * characters (such as bidirectional overrides, which make text read differently from what it
     * is) and lone surrogates.
     */
    public static String oneLine(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> clean.appendCodePoint(isUnsafe(cp) ? ' ' : cp));
        return clean.toString();
    }

    /**
     * {@code text} when it is a plain name ({@code [A-Za-z_][A-Za-z0-9_-]*}), which every target
     * accepts unquoted as a table, chain or set name. Backends check user names first and report a
     * diagnostic; this is the last guard.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static String name(String text) {
        if (!isName(text)) {
            throw new IllegalArgumentException("not a plain name: '" + text + "'");
        }
        return text;
    }

    /** True when {@code text} is a plain name, see {@link #name}. */
    public static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    private static boolean isUnsafe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
