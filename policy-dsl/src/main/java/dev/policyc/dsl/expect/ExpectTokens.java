package dev.policyc.dsl.expect;

import com.google.common.collect.ImmutableList;

/**
 * Splits the text of one expectation line into words and the punctuation {@code { } , -},
 * each with its column, dropping a {@code #} comment. The expectation syntax has no strings,
 * so the first {@code #} always starts the comment.
 */
final class ExpectTokens {

    private static final String PUNCTUATION = "{},-";

    private ExpectTokens() {}

    /**
     * A word or a punctuation mark.
     *
     * @param column 1-based, in UTF-16 code units, counted from the start of the text given to
     *               {@link #of(String, int)} plus its offset
     */
    record Token(String text, int column) {
        int end() {
            return column + text.length();
        }

        boolean is(String word) {
            return text.equals(word);
        }
    }

    /** The tokens of {@code text}; columns are shifted by {@code offset} (0 for a whole line). */
    static ImmutableList<Token> of(String text, int offset) {
        int comment = text.indexOf('#');
        String content = comment >= 0 ? text.substring(0, comment) : text;
        ImmutableList.Builder<Token> tokens = ImmutableList.builder();
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                tokens.add(new Token(String.valueOf(c), offset + i + 1));
                i++;
            } else {
                int start = i;
                while (i < content.length() && !Character.isWhitespace(content.charAt(i))
                        && PUNCTUATION.indexOf(content.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(content.substring(start, i), offset + start + 1));
            }
        }
        return tokens.build();
    }
}
