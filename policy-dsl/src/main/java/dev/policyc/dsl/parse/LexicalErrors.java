package dev.policyc.dsl.parse;

import static dev.policyc.dsl.internal.antlr.PolicyLexer.BAD_STRING;
import static dev.policyc.dsl.internal.antlr.PolicyLexer.UNKNOWN_CHAR;
import static dev.policyc.dsl.internal.antlr.PolicyLexer.UNTERMINATED_STRING;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Errors in single tokens: unterminated strings, bad escapes and characters the language does
 * not use. Each is reported once; a run of unknown characters is one error.
 */
final class LexicalErrors {

    private final List<Token> tokens;
    private final SourceText source;
    private final BitSet reported = new BitSet();

    LexicalErrors(List<Token> tokens, SourceText source) {
        this.tokens = tokens;
        this.source = source;
    }

    /** The error of the token at {@code index}, unless it (or its run) was reported already. */
    Optional<Diagnostic> diagnose(int index) {
        Token token = tokens.get(index);
        if (reported.get(index) || !TokenKinds.isLexicalError(token)) {
            return Optional.empty();
        }
        reported.set(index);
        return Optional.of(switch (token.getType()) {
            case UNTERMINATED_STRING -> Diagnostic.error(DslParser.SYNTAX, source.span(token),
                            "unterminated string: a string must end with '\"' on the same line")
                    .withHint("add the closing '\"'");
            case BAD_STRING -> badEscape(token);
            default -> unknownCharacters(index);
        });
    }

    /** Every lexical error not reported yet, except in tokens that recovery skipped. */
    List<Diagnostic> remaining(BitSet skipped) {
        List<Diagnostic> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!skipped.get(i)) {
                diagnose(i).ifPresent(found::add);
            }
        }
        return found;
    }

    private Diagnostic badEscape(Token token) {
        String text = token.getText();
        int at = 1;
        while (at < text.length() - 1) {
            if (text.charAt(at) == '\\') {
                char next = text.charAt(at + 1);
                if (next != '"' && next != '\\') {
                    break;
                }
                at += 2;
            } else {
                at++;
            }
        }
        SourceSpan start = source.span(token);
        int width = Character.charCount(text.codePointAt(Math.min(at + 1, text.length() - 1))) + 1;
        SourceSpan span = new SourceSpan(start.file(), start.line(), start.column() + at, width);
        String escape = text.substring(at, Math.min(text.length(), at + width));
        return Diagnostic.error(DslParser.SYNTAX, span,
                        "invalid escape '" + escape + "' in a string: only \\\" and \\\\ are escapes")
                .withHint("write a backslash as \\\\");
    }

    private Diagnostic unknownCharacters(int index) {
        int first = index;
        while (first > 0 && adjacentUnknown(first - 1, first)) {
            first--;
        }
        int last = index;
        while (last + 1 < tokens.size() && adjacentUnknown(last, last + 1)) {
            last++;
        }
        StringBuilder shown = new StringBuilder();
        for (int i = first; i <= last; i++) {
            reported.set(i);
            if (i - first < 16) {
                shown.append(printable(tokens.get(i).getText()));
            }
        }
        if (last - first >= 16) {
            shown.append("...");
        }
        String text = (first == last ? "unexpected character '" : "unexpected characters '") + shown + "'";
        return Diagnostic.error(DslParser.SYNTAX, source.span(tokens.get(first), tokens.get(last)), text)
                .withHint(hintFor(tokens.get(first).getText()));
    }

    private boolean adjacentUnknown(int before, int after) {
        Token a = tokens.get(before);
        Token b = tokens.get(after);
        return a.getType() == UNKNOWN_CHAR && b.getType() == UNKNOWN_CHAR && a.getStopIndex() + 1 == b.getStartIndex();
    }

    private static String printable(String text) {
        int cp = text.isEmpty() ? 0 : text.codePointAt(0);
        int kind = Character.getType(cp);
        boolean invisible = Character.isISOControl(cp) || kind == Character.FORMAT || kind == Character.UNASSIGNED
                || kind == Character.SURROGATE || kind == Character.PRIVATE_USE || Character.isWhitespace(cp)
                || Character.isSpaceChar(cp);
        return invisible ? String.format("U+%04X", cp) : text;
    }

    private static String hintFor(String character) {
        return switch (character) {
            case ";" -> "statements need no terminator; remove the ';'";
            case "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb" -> "write strings with straight double quotes (\")";
            case "'" -> "write strings with double quotes (\")";
            case "$" -> "write a reference as $name, with no space after '$'";
            case "(", ")", "[", "]" -> "write lists in braces, like {tcp, udp}";
            case "/" -> "write a prefix as one word, like 10.0.0.0/8";
            case "." -> "write a DNS name in double quotes, like dns \"example.com\"";
            default -> null;
        };
    }
}
