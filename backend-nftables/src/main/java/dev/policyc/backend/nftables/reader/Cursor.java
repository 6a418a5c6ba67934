package dev.policyc.backend.nftables.reader;

import dev.policyc.core.verify.ReadFailure;
import dev.policyc.core.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/** A position in a token list that ends with {@link Token.Kind#END}, with the steps both parsers take. */
final class Cursor {

    private final List<Token> tokens;
    private int at;

    Cursor(List<Token> tokens) {
        if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).is(Token.Kind.END)) {
            throw new IllegalArgumentException("a token list ends with END");
        }
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token next() {
        Token t = tokens.get(at);
        if (!t.is(Token.Kind.END)) {
            at++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().is(Token.Kind.END);
    }

    /** Skips line breaks and {@code ;}. */
    void skipSeparators() {
        while (peek().is(Token.Kind.NEWLINE) || peek().is(Token.Kind.SEMICOLON)) {
            at++;
        }
    }

    /** The next token, which must be a word; {@code what} names it in the error. */
    Token word(String what) {
        return expect(Token.Kind.WORD, what);
    }

    /** The next token, which must be {@code word}. */
    Token expectWord(String word) {
        if (!peek().isWord(word)) {
            throw new ReadFailure(NftReader.SYNTAX, peek().span(), "expected '" + word + "', found " + peek().shown(), null);
        }
        return next();
    }

    /**
     * The next token, which must be of {@code kind}; {@code what} names it in the error. A token
     * of another kind is left in place, so that recovery skips from there to the statement's end.
     */
    Token expect(Token.Kind kind, String what) {
        if (!peek().is(kind)) {
            throw new ReadFailure(NftReader.SYNTAX, peek().span(), "expected " + what + ", found " + peek().shown(), null);
        }
        return next();
    }

    /**
     * The tokens of the statement that starts here, followed by an END token of their own: up to a
     * line break or {@code ;} outside braces, or up to (not including) a {@code }} that closes
     * the enclosing block. Line breaks inside braces are dropped: element lists span lines.
     *
     * @throws ReadFailure if the script ends inside braces
     */
    List<Token> statement() {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        Token first = peek();
        while (true) {
            Token t = peek();
            if (t.is(Token.Kind.END)) {
                if (depth > 0) {
                    throw new ReadFailure(NftReader.SYNTAX, first.span(), "a '{' in this statement is never closed", null);
                }
                break;
            }
            if (depth == 0 && (t.endsStatement() || t.is(Token.Kind.RBRACE))) {
                break;
            }
            at++;
            if (t.is(Token.Kind.LBRACE)) {
                depth++;
            } else if (t.is(Token.Kind.RBRACE)) {
                depth--;
            }
            if (!(depth > 0 && t.is(Token.Kind.NEWLINE))) {
                out.add(t);
            }
        }
        SourceSpan endAt = out.isEmpty() ? first.span() : out.get(out.size() - 1).span();
        out.add(new Token(Token.Kind.END, "", endAt));
        return out;
    }

    /** Skips the rest of the statement (see {@link #statement}), for recovery after an error. */
    void skipStatement() {
        try {
            statement();
        } catch (ReadFailure unclosed) {
            at = tokens.size() - 1;
        }
    }
}
