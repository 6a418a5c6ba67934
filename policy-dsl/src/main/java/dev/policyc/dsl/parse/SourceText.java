package dev.policyc.dsl.parse;

import dev.policyc.core.diag.SourceSpan;
import java.util.Arrays;
import org.antlr.v4.runtime.Token;

/**
 * Turns token positions into {@link SourceSpan}s. ANTLR counts code points, spans count UTF-16
 * units (as editors do), so the two differ after a character outside the BMP; this class maps
 * between them. Lines end at {@code '\n'}.
 */
final class SourceText {

    private final String file;
    private final String text;
    /** UTF-16 offset of the first character of each line. */
    private final int[] lineStarts;
    /** UTF-16 offset of each code point, or null when every code point is one unit. */
    private final int[] codePointOffsets;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        this.lineStarts = lineStarts(text);
        this.codePointOffsets = text.codePointCount(0, text.length()) == text.length() ? null : codePointOffsets(text);
    }

    String file() {
        return file;
    }

    /** Where {@code token} is; its length is cut at the end of its line. */
    SourceSpan span(Token token) {
        int start = utf16(token.getStartIndex());
        int end = Math.max(start, utf16(token.getStopIndex() + 1));
        return spanOf(start, end - start);
    }

    /** The span from the start of {@code first} to the end of {@code last} when on one line. */
    SourceSpan span(Token first, Token last) {
        return span(first).through(span(last));
    }

    /** The position just after {@code token}: where something that is missing would go. */
    SourceSpan after(Token token) {
        return spanOf(utf16(token.getStopIndex() + 1), 1);
    }

    /** 1-based line of {@code token}. */
    int line(Token token) {
        return lineOf(utf16(token.getStartIndex()));
    }

    /** 1-based column of {@code token}. */
    int column(Token token) {
        int offset = utf16(token.getStartIndex());
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** True when nothing but blanks precedes {@code token} on its line. */
    boolean firstOnLine(Token token) {
        int offset = utf16(token.getStartIndex());
        for (int i = lineStarts[lineOf(offset) - 1]; i < offset; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The column of the first non-blank character on the line of {@code token}. */
    int indentOfLine(Token token) {
        int offset = utf16(token.getStartIndex());
        int start = lineStarts[lineOf(offset) - 1];
        int i = start;
        while (i < offset && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i - start + 1;
    }

    /** The text from the start of {@code token} up to the next blank or line end. */
    String wordAt(Token token) {
        int start = utf16(token.getStartIndex());
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private SourceSpan spanOf(int start, int length) {
        int line = lineOf(start);
        int lineStart = lineStarts[line - 1];
        int lineEnd = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        int onLine = Math.min(length, Math.max(1, lineEnd - start));
        return new SourceSpan(file, line, start - lineStart + 1, onLine);
    }

    private int lineOf(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private int utf16(int codePointIndex) {
        if (codePointIndex <= 0) {
            return 0;
        }
        if (codePointOffsets == null) {
            return Math.min(codePointIndex, text.length());
        }
        return codePointIndex >= codePointOffsets.length ? text.length() : codePointOffsets[codePointIndex];
    }

    private static int[] lineStarts(String text) {
        // String.indexOf rather than a loop over charAt: it is intrinsic, so fast even before
        // this method is compiled, and it runs once over files of 100,000 lines.
        int count = 1;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            count++;
        }
        int[] starts = new int[count];
        int line = 1;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            starts[line++] = at + 1;
        }
        return starts;
    }

    private static int[] codePointOffsets(String text) {
        int[] offsets = new int[text.codePointCount(0, text.length())];
        int index = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            offsets[index++] = i;
        }
        return offsets;
    }
}
