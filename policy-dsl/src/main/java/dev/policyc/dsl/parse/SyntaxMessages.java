package dev.policyc.dsl.parse;

import static dev.policyc.dsl.internal.antlr.PolicyParser.*;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.internal.antlr.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Words the syntax errors for people: what was expected, in the terms of the language, and a
 * hint where the fix is clear. Never ANTLR's own "mismatched input ... expecting {...}".
 */
final class SyntaxMessages {

    private static final String AN_ENDPOINT = "an endpoint (host, cidr, dns, resolver, any, $name or an address)";
    private static final String A_PROTOCOL = "a protocol (tcp, udp, icmp or icmpv6)";
    private static final String A_PORT = "a port (a number, a range like 8000-8080, or $name)";

    private static final ImmutableList<String> FILE_STATEMENT_WORDS =
            ImmutableList.of("policy", "include", "define", "allow", "deny", "default");
    private static final ImmutableList<String> POLICY_STATEMENT_WORDS =
            ImmutableList.of("allow", "deny", "default", "define", "policy", "include");

    private static final ImmutableList<String> RULE_WORDS = ImmutableList.of("in", "out", "tcp", "udp", "icmp",
            "icmpv6", "to", "from", "host", "cidr", "dns", "resolver", "any", "port", "log", "comment");

    private static final Set<Integer> RULE_PARTS =
            Set.of(IN, OUT, TCP, UDP, ICMP, ICMPV6, LBRACE, TO, FROM, PORT, LOG, COMMENT);

    /** Where a statement was expected. */
    enum Scope { FILE, POLICY }

    /** A message and its hint (null when there is none). */
    record Message(String text, String hint) {}

    private final SourceText source;

    SyntaxMessages(SourceText source) {
        this.source = source;
    }

    /** Something required is missing or wrong inside a statement. */
    Message expected(IntervalSet expected, Token offending, Token previous, ParserRuleContext where) {
        Set<Integer> wanted = new LinkedHashSet<>(expected.toList());
        wanted.remove(Token.EPSILON);
        StringBuilder text = new StringBuilder("expected ").append(describe(wanted, previous));
        if (previous != null) {
            text.append(" after ").append(show(previous));
        }
        if (offending.getType() == Token.EOF) {
            text.append(", but the file ends here");
        }
        return new Message(text.toString(), expectedHint(wanted, offending, previous, where));
    }

    /** A token after a complete statement ({@code last}), on the same line. */
    Message unexpectedAfter(Token offending, Token previous, ParserRuleContext last) {
        String text = "unexpected " + show(offending) + " after " + show(previous);
        int type = offending.getType();
        int before = previous.getType();
        String hint = keywordHint(offending, continuations(last)).orElse(null);
        if (hint == null) {
            if (TokenKinds.PROTOCOLS.contains(type) && TokenKinds.PROTOCOLS.contains(before)) {
                hint = "list several protocols in braces, like {tcp, udp}";
            } else if ((type == NUMBER || type == REF) && endsWithPorts(last)) {
                hint = "list several ports in braces, like {80, 443}";
            } else if (TokenKinds.ENDPOINT_STARTS.contains(type)) {
                hint = "list several endpoints in braces, like {host 192.0.2.1, host 192.0.2.2}";
            } else if (TokenKinds.STRINGS.contains(type)) {
                hint = "text for the rule goes after 'comment', like comment \"database\"";
            } else if (last instanceof RuleStmtContext && RULE_PARTS.contains(type)) {
                hint = "the parts of a rule come in this order, each at most once: allow|deny, in|out, protocols,"
                        + " to|from endpoints, port ports, log, comment \"text\"";
            } else if (last instanceof DefaultStmtContext && RULE_PARTS.contains(type)) {
                hint = "a default is written default allow|deny [in|out] [log]";
            }
        }
        return new Message(text, hint);
    }

    /** A token after the '}' that closed a policy, on the same line. */
    Message unexpectedAfterPolicy(Token offending, String policyName) {
        return new Message("unexpected " + show(offending) + " after the '}' that closes " + policy(policyName),
                "if the policy goes on, remove that '}'");
    }

    /** Keywords that could have gone on the statement, for did-you-mean. */
    private static List<String> continuations(ParserRuleContext statement) {
        if (statement instanceof RuleStmtContext) {
            return RULE_WORDS;
        }
        if (statement instanceof DefaultStmtContext) {
            return List.of("in", "out", "log");
        }
        return List.of();
    }

    /** True when {@code statement} ends with a port list ('log' and 'comment' come after it). */
    private static boolean endsWithPorts(ParserRuleContext statement) {
        int last = statement.getStop() == null ? -1 : statement.getStop().getType();
        if (statement instanceof DefineStmtContext define) {
            return define.PORTS() != null;
        }
        return statement instanceof RuleStmtContext rule && rule.portSpec() != null && (last == NUMBER || last == REF);
    }

    /** A token where a statement should start. */
    Message unexpectedStatement(Token offending, Scope scope, String policyName) {
        int type = offending.getType();
        if (scope == Scope.FILE) {
            if (type == ALLOW || type == DENY) {
                return new Message("rules must be inside a policy", "put the rule inside 'policy NAME { ... }'");
            }
            if (type == DEFAULT) {
                return new Message("'default' must be inside a policy", "put it inside 'policy NAME { ... }'");
            }
            if (type == RBRACE) {
                return new Message("unexpected '}': no policy is open here",
                        "remove it, or check the braces of the policy above");
            }
        } else if (type == INCLUDE) {
            return new Message("'include' must be at file level, not inside " + policy(policyName),
                    "move the include to the top of the file");
        }
        List<String> words = scope == Scope.FILE ? FILE_STATEMENT_WORDS : POLICY_STATEMENT_WORDS;
        String starts = scope == Scope.FILE
                ? "a statement at file level starts with include, define or policy"
                : "a statement in a policy starts with allow, deny, default or define";
        if (type == IDENT) {
            return new Message("unknown statement " + show(offending), keywordHint(offending, words).orElse(starts));
        }
        return new Message("unexpected " + show(offending) + " where a statement should start", starts);
    }

    Message missingPolicyClose(String policyName, int openedAtLine) {
        return new Message("missing '}' to close " + policy(policyName) + " opened at line " + openedAtLine,
                "add '}' after the last statement of the policy");
    }

    /** How a token is shown in a message. */
    static String show(Token token) {
        if (token.getType() == Token.EOF) {
            return "the end of the file";
        }
        String text = token.getText();
        return "'" + (text.length() > 32 ? text.substring(0, 29) + "..." : text) + "'";
    }

    private static String policy(String name) {
        return name == null ? "the policy" : "policy '" + name + "'";
    }

    private static String describe(Set<Integer> wanted, Token previous) {
        Set<Integer> left = new LinkedHashSet<>(wanted);
        List<String> parts = new ArrayList<>();
        int before = previous == null ? -1 : previous.getType();
        if (left.remove(IDENT)) {
            parts.add(before == POLICY ? "a policy name" : before == NET || before == PORTS ? "a name for the define" : "a name");
            left.removeAll(TokenKinds.KEYWORDS.values());
        }
        if (left.containsAll(TokenKinds.ENDPOINT_STARTS)) {
            parts.add(AN_ENDPOINT);
            left.removeAll(TokenKinds.ENDPOINT_STARTS);
            left.remove(LBRACE);
        }
        if (left.containsAll(TokenKinds.PROTOCOLS)) {
            parts.add(A_PROTOCOL);
            left.removeAll(TokenKinds.PROTOCOLS);
            left.remove(LBRACE);
        }
        if (left.contains(NUMBER) && left.contains(REF)) {
            parts.add(A_PORT);
            left.removeAll(List.of(NUMBER, REF, LBRACE));
        }
        if (left.contains(STRING)) {
            parts.add(switch (before) {
                case DNS -> "a DNS name in double quotes";
                case COMMENT -> "the comment text in double quotes";
                case INCLUDE -> "a file path in double quotes";
                default -> "a string in double quotes";
            });
            left.removeAll(TokenKinds.STRINGS);
        }
        if (left.remove(ADDRESS)) {
            parts.add(before == CIDR ? "a prefix like 10.0.0.0/8" : "an address like 192.0.2.1 or 2001:db8::1");
        }
        if (left.remove(NUMBER)) {
            parts.add("a port number");
        }
        if (left.remove(COMMA)) {
            parts.add("','"); // before '}': "',' or '}'" reads as a list that goes on or ends
        }
        for (int type : left) {
            parts.add(type == Token.EOF ? "the end of the file" : PolicyParser.VOCABULARY.getDisplayName(type));
        }
        return joinAlternatives(parts);
    }

    private String expectedHint(Set<Integer> wanted, Token offending, Token previous, ParserRuleContext where) {
        int type = offending.getType();
        List<String> keywords = wanted.contains(IDENT) ? List.of()
                : wanted.stream().map(TokenKinds::keywordText).filter(k -> k != null).toList();
        Optional<String> spelling = keywordHint(offending, keywords);
        if (spelling.isPresent()) {
            return spelling.get();
        }
        int before = previous == null ? -1 : previous.getType();
        if (type == RBRACE && before == COMMA) {
            return "remove the ',' before '}'";
        }
        if (wanted.contains(STRING) && !TokenKinds.STRINGS.contains(type) && type != Token.EOF) {
            return switch (before) {
                case DNS -> "write the name in double quotes, like dns \"example.com\"";
                case COMMENT -> "write the text in double quotes, like comment \"database\"";
                case INCLUDE -> "write the path in double quotes, like include \"common.policy\"";
                default -> null;
            };
        }
        if (wanted.contains(ADDRESS) && type == STRING) {
            return wanted.contains(DNS) ? "for a DNS name write dns " + offending.getText()
                    : "write the address without quotes";
        }
        if (wanted.contains(ADDRESS) && type == IDENT) {
            String word = source.wordAt(offending).replaceAll("[,}{]+$", "");
            return "for a DNS name write dns \"" + word + "\"";
        }
        if (wanted.contains(RBRACE) && wanted.contains(COMMA)) {
            Optional<ParserRuleContext> list = openList(where);
            if (list.isPresent() && itemsOf(list.get()).contains(type)) {
                return "separate the items of a list with ','";
            }
            return list.map(l -> "close the list opened at line " + l.getStart().getLine() + " with '}'")
                    .orElse("close the list with '}'");
        }
        if (wanted.contains(IDENT) && type == NUMBER) {
            return "a name starts with a letter";
        }
        if (wanted.contains(IDENT) && TokenKinds.isKeyword(type) && previous != null
                && source.line(previous) == source.line(offending)) {
            return "'" + offending.getText() + "' is a reserved keyword; choose another name";
        }
        if (wanted.contains(LBRACE) && before != -1 && previous.getType() == IDENT && type == IDENT) {
            return "a policy name is one word; write '" + previous.getText() + "-" + offending.getText() + "'";
        }
        return null;
    }

    /** "keywords are lower case" or "did you mean", when the token looks like one of {@code keywords}. */
    private static Optional<String> keywordHint(Token offending, Iterable<String> keywords) {
        if (offending.getType() == Token.EOF || keywords == null) {
            return Optional.empty();
        }
        String text = offending.getText();
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> candidates = new ArrayList<>();
        keywords.forEach(candidates::add);
        if (!lower.equals(text) && candidates.contains(lower)) {
            return Optional.of("keywords are lower case: write '" + lower + "'");
        }
        if (offending.getType() != IDENT && !TokenKinds.isKeyword(offending.getType())) {
            return Optional.empty();
        }
        return Spelling.closest(text, candidates).map(k -> "did you mean '" + k + "'?");
    }

    /** The innermost list in braces around {@code where}. */
    private static Optional<ParserRuleContext> openList(ParserRuleContext where) {
        for (ParserRuleContext c = where; c != null; c = c.getParent()) {
            if ((c instanceof ProtocolsContext || c instanceof EndpointsContext || c instanceof PortsContext)
                    && c.getStart().getType() == LBRACE) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Set<Integer> itemsOf(ParserRuleContext list) {
        if (list instanceof ProtocolsContext) {
            return TokenKinds.PROTOCOLS;
        }
        return list instanceof EndpointsContext ? TokenKinds.ENDPOINT_STARTS : Set.of(NUMBER, REF);
    }

    private static String joinAlternatives(List<String> parts) {
        if (parts.isEmpty()) {
            return "something else";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }
}
