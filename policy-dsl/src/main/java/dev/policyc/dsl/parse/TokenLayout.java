package dev.policyc.dsl.parse;

import static dev.policyc.dsl.internal.antlr.PolicyParser.LBRACE;
import static dev.policyc.dsl.internal.antlr.PolicyParser.RBRACE;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * What error recovery reads from the layout of the text: neighbouring tokens, brace depth, and
 * lines and indentation, which tell a '}' that closes a policy from one that closes a list
 * when the braces themselves no longer match.
 */
final class TokenLayout {

    private final TokenStream tokens;
    private final SourceText source;

    TokenLayout(TokenStream tokens, SourceText source) {
        this.tokens = tokens;
        this.source = source;
    }

    /** The token before {@code token} that the parser sees (comments are on another channel). */
    Token previous(Token token) {
        for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    /** The token after {@code token} that the parser sees. */
    Token next(Token token) {
        int i = token.getTokenIndex() + 1;
        while (tokens.get(i).getChannel() != Token.DEFAULT_CHANNEL) {
            i++;
        }
        return tokens.get(i);
    }

    /**
     * Whether a '}' met while skipping broken text that begins at {@code from} closes the
     * policy, rather than a list of the broken text: it does when it starts a line left of
     * the broken text, or when no list is open, it is not on the line of broken text that
     * began the line, and it ends its line or is followed by another statement.
     */
    boolean closesPolicy(Token brace, int depth, Token from, Token policyOpen) {
        if (source.firstOnLine(brace) && source.column(brace) < source.indentOfLine(from)) {
            return true;
        }
        if (depth > 0) {
            return false;
        }
        boolean openedOnThisLine = policyOpen != null && policyOpen.getTokenIndex() >= 0
                && source.line(policyOpen) == source.line(brace);
        if (source.line(brace) == source.line(from) && !openedOnThisLine) {
            return false; // as in 'allow out tcp, udp} to any': the list lost its '{'
        }
        Token next = next(brace);
        return next.getType() == Token.EOF || source.line(next) > source.line(brace)
                || next.getType() == RBRACE || TokenKinds.STATEMENT_STARTS.contains(next.getType());
    }

    /** The brace depth after a token of {@code type}; never below zero. */
    static int nextDepth(int depth, int type) {
        return Math.max(0, depth + (type == LBRACE ? 1 : type == RBRACE ? -1 : 0));
    }

    /** The brace depth after the tokens from index {@code from} up to {@code to} (exclusive). */
    int braceBalance(int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            depth = nextDepth(depth, tokens.get(i).getType());
        }
        return depth;
    }
}
