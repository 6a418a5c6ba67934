package dev.policyc.dsl.parse;

import static dev.policyc.dsl.internal.antlr.PolicyLexer.*;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.policyc.dsl.internal.antlr.PolicyLexer;
import org.antlr.v4.runtime.Token;

/** Groups of token types that recovery and messages reason about. */
final class TokenKinds {

    /** Tokens that start a statement somewhere: recovery never skips past one. */
    static final ImmutableSet<Integer> STATEMENT_STARTS = ImmutableSet.of(ALLOW, DENY, DEFAULT, DEFINE, POLICY, INCLUDE);
    static final ImmutableSet<Integer> FILE_STARTS = ImmutableSet.of(INCLUDE, DEFINE, POLICY);
    static final ImmutableSet<Integer> POLICY_STARTS = ImmutableSet.of(ALLOW, DENY, DEFAULT, DEFINE);
    static final ImmutableSet<Integer> ENDPOINT_STARTS = ImmutableSet.of(HOST, CIDR, DNS, RESOLVER, ANY, REF, ADDRESS);
    static final ImmutableSet<Integer> PROTOCOLS = ImmutableSet.of(TCP, UDP, ICMP, ICMPV6);
    static final ImmutableSet<Integer> STRINGS = ImmutableSet.of(STRING, BAD_STRING, UNTERMINATED_STRING);
    /** Tokens that are errors in themselves; the lexical check reports them. */
    static final ImmutableSet<Integer> LEXICAL_ERRORS = ImmutableSet.of(BAD_STRING, UNTERMINATED_STRING, UNKNOWN_CHAR);

    /** Every keyword by its text. */
    static final ImmutableMap<String, Integer> KEYWORDS = keywords();

    private TokenKinds() {}

    static boolean isKeyword(int type) {
        return KEYWORDS.containsValue(type);
    }

    static boolean isLexicalError(Token token) {
        return LEXICAL_ERRORS.contains(token.getType());
    }

    /** The keyword's text, or null when {@code type} is no keyword. */
    static String keywordText(int type) {
        return KEYWORDS.entrySet().stream().filter(e -> e.getValue() == type).map(ImmutableMap.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static ImmutableMap<String, Integer> keywords() {
        ImmutableMap.Builder<String, Integer> b = ImmutableMap.builder();
        for (int type = POLICY; type <= INCLUDE; type++) {
            String literal = PolicyLexer.VOCABULARY.getLiteralName(type);
            b.put(literal.substring(1, literal.length() - 1), type);
        }
        return b.buildOrThrow();
    }
}
