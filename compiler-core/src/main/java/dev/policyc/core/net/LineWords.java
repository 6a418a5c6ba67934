package dev.policyc.core.net;

import com.google.common.collect.ImmutableList;

/**
 * Splits one line of a line-oriented input (a hosts file, {@code policyc eval}'s flows) into
 * whitespace-separated words, dropping a {@code #} comment to the end of the line, and keeps the
 * column of every word so that diagnostics can point at it.
 */
public final class LineWords {

    private LineWords() {}

    /**
     * A word and where it starts.
     *
     * @param column 1-based, in UTF-16 code units like {@link dev.policyc.core.diag.SourceSpan}
     */
    public record Word(String text, int column) {
        /** The column just past the word's last character. */
        public int end() {
            return column + text.length();
        }
    }

    /** The words of {@code line} before any {@code #}; empty for a blank or comment-only line. */
    public static ImmutableList<Word> of(String line) {
        int comment = line.indexOf('#');
        String content = comment >= 0 ? line.substring(0, comment) : line;
        ImmutableList.Builder<Word> words = ImmutableList.builder();
        int i = 0;
        while (i < content.length()) {
            if (Character.isWhitespace(content.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < content.length() && !Character.isWhitespace(content.charAt(i))) {
                i++;
            }
            words.add(new Word(content.substring(start, i), start + 1));
        }
        return words.build();
    }
}
