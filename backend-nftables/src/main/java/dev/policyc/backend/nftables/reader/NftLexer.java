package dev.policyc.backend.nftables.reader;

import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits nft script text into tokens as nft's scanner does for the syntax read here: {@code #}
 * outside a string starts a comment to the end of the line; a string runs from {@code "} to the
 * next {@code "} on the same line, nft having no escapes inside strings; line breaks are tokens
 * because they end statements.
 */
final class NftLexer {

    /** Characters that end a word. */
    private static final String PUNCTUATION = "{},;=\"#";

    private final String text;
    private final String file;
    private final Diagnostics diagnostics;
    private final List<Token> tokens = new ArrayList<>();
    private int at;
    private int line = 1;
    private int lineStart;

    private NftLexer(String text, String file, Diagnostics diagnostics) {
        this.text = text;
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /**
     * The tokens of {@code text}, ending with one {@link Token.Kind#END}. An unterminated string
     * is an error, and the tokens stop there.
     */
    static List<Token> tokens(String text, String file, Diagnostics diagnostics) {
        return new NftLexer(text, file, diagnostics).run();
    }

    private List<Token> run() {
        while (at < text.length()) {
            char c = text.charAt(at);
            int start = at;
            if (c == '\n') {
                add(Token.Kind.NEWLINE, "\n", start, 1);
                at++;
                line++;
                lineStart = at;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                at++;
            } else if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '"') {
                if (!string()) {
                    break;
                }
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                add(punctuation(c), Character.toString(c), start, 1);
                at++;
            } else {
                while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && PUNCTUATION.indexOf(text.charAt(at)) < 0) {
                    at++;
                }
                add(Token.Kind.WORD, text.substring(start, at), start, at - start);
            }
        }
        add(Token.Kind.END, "", at, 1);
        return tokens;
    }

    /** Reads a string at {@code at}; false when it does not end on its line. */
    private boolean string() {
        int start = at;
        int close = at + 1;
        while (close < text.length() && text.charAt(close) != '"' && text.charAt(close) != '\n') {
            close++;
        }
        if (close >= text.length() || text.charAt(close) != '"') {
            diagnostics.error(NftReader.SYNTAX, span(start, close - start), "this string does not end on its line",
                    "close it with '\"'; nft strings cannot hold '\"' or a line break");
            return false;
        }
        add(Token.Kind.STRING, text.substring(start + 1, close), start, close + 1 - start);
        at = close + 1;
        return true;
    }

    private static Token.Kind punctuation(char c) {
        return switch (c) {
            case '{' -> Token.Kind.LBRACE;
            case '}' -> Token.Kind.RBRACE;
            case ',' -> Token.Kind.COMMA;
            case ';' -> Token.Kind.SEMICOLON;
            case '=' -> Token.Kind.EQUALS;
            default -> throw new IllegalArgumentException("not punctuation: " + c);
        };
    }

    private void add(Token.Kind kind, String tokenText, int start, int length) {
        tokens.add(new Token(kind, tokenText, span(start, length)));
    }

    private SourceSpan span(int start, int length) {
        return new SourceSpan(file, line, start - lineStart + 1, length);
    }
}
