package dev.policyc.dsl.yaml;

import dev.policyc.core.diag.SourceSpan;
import java.util.Arrays;

/**
 * Turns the code-point offsets that SnakeYAML reports into {@link SourceSpan}s.
 *
 * <p>SnakeYAML counts columns in code points and also breaks lines at U+0085, U+2028 and
 * U+2029; the rest of policyc counts UTF-16 units and breaks lines at {@code \n}, {@code \r\n}
 * and {@code \r} only. Working from the absolute offset keeps the two in step, so a caret
 * lands under the right character even after an emoji in a comment.
 */
final class SourcePositions {

    private final String file;
    private final String text;
    /** UTF-16 index of each code point (one extra entry for the end); null when they coincide. */
    private final int[] utf16Index;
    private final int codePoints;
    /** UTF-16 index where each line starts. */
    private final int[] lineStarts;

    SourcePositions(String file, String text) {
        this.file = file;
        this.text = text;
        this.codePoints = text.codePointCount(0, text.length());
        this.utf16Index = codePoints == text.length() ? null : indexCodePoints(text, codePoints);
        this.lineStarts = findLineStarts(text);
    }

    String file() {
        return file;
    }

    /** The span from code point {@code start} to code point {@code end}, cut at the end of its line. */
    SourceSpan span(long start, long end) {
        int from = utf16(start);
        int to = Math.max(from, utf16(end));
        int line = lineOf(from);
        int lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        int length = Math.min(to, lineEndWithoutBreak(lineEnd, from)) - from;
        return new SourceSpan(file, line + 1, from - lineStarts[line] + 1, length);
    }

    /** A one-character span at code point {@code offset}. */
    SourceSpan at(long offset) {
        return span(offset, offset + 1);
    }

    /** The source text from code point {@code start} to {@code end} when both lie on one line. */
    String rawOnOneLine(long start, long end) {
        int from = utf16(start);
        int to = utf16(end);
        if (to < from || lineOf(from) != lineOf(Math.max(from, to - 1))) {
            return null;
        }
        return text.substring(from, to);
    }

    private int lineEndWithoutBreak(int nextLineStart, int from) {
        int end = nextLineStart;
        while (end > from && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    private int utf16(long codePoint) {
        int cp = (int) Math.max(0, Math.min(codePoint, codePoints));
        return utf16Index == null ? cp : utf16Index[cp];
    }

    private int lineOf(int utf16) {
        int found = Arrays.binarySearch(lineStarts, utf16);
        return found >= 0 ? found : -found - 2;
    }

    private static int[] indexCodePoints(String text, int count) {
        int[] index = new int[count + 1];
        int at = 0;
        for (int i = 0; i < count; i++) {
            index[i] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        index[count] = at;
        return index;
    }

    private static int[] findLineStarts(String text) {
        int[] starts = new int[16];
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (lines == starts.length) {
                    starts = Arrays.copyOf(starts, lines * 2);
                }
                starts[lines++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, lines);
    }
}
