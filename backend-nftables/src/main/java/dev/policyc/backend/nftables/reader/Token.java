package dev.policyc.backend.nftables.reader;

import dev.policyc.core.diag.SourceSpan;
import java.util.Objects;

/**
 * One token of an nft script.
 *
 * @param text the word; a string's content without its quotes; the character of punctuation
 * @param span where it is, the quotes of a string included
 */
record Token(Kind kind, String text, SourceSpan span) {

    enum Kind {
        WORD, STRING, LBRACE, RBRACE, COMMA, SEMICOLON, EQUALS, NEWLINE, END
    }

    Token {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** True for what ends a statement: a line break, {@code ;} or the end of the script. */
    boolean endsStatement() {
        return kind == Kind.NEWLINE || kind == Kind.SEMICOLON || kind == Kind.END;
    }

    /** How the token reads in a message. */
    String shown() {
        return switch (kind) {
            case STRING -> "\"" + text + "\"";
            case NEWLINE -> "the end of the line";
            case END -> "the end of the file";
            default -> "'" + text + "'";
        };
    }
}
