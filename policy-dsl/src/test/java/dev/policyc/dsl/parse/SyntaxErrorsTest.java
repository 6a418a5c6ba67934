package dev.policyc.dsl.parse;

import static dev.policyc.dsl.parse.ParseTesting.assertDiagnostic;
import static dev.policyc.dsl.parse.ParseTesting.errors;
import static dev.policyc.dsl.parse.ParseTesting.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of syntax error: its words, where the caret goes, its hint, and no follow-on errors. */
class SyntaxErrorsTest {

    private static final String SYNTAX = DslParser.SYNTAX;
    private static final String ENDPOINT = "an endpoint (host, cidr, dns, resolver, any, $name or an address)";

    // ---------------------------------------------------------------- statements

    @Test
    void misspeltStatementKeyword() {
        assertDiagnostic(onlyError("policy w {\n  allwo out tcp\n}\n"), SYNTAX, 2, 3,
                "unknown statement 'allwo'", "did you mean 'allow'?");
        assertDiagnostic(onlyError("polcy w {\n  allow out tcp\n}\npolicy ok { }\n"), SYNTAX, 1, 1,
                "unknown statement 'polcy'", "did you mean 'policy'?");
    }

    @Test
    void upperCaseKeyword() {
        assertDiagnostic(onlyError("policy w {\n  ALLOW out tcp\n}\n"), SYNTAX, 2, 3,
                "unknown statement 'ALLOW'", "keywords are lower case: write 'allow'");
        assertDiagnostic(onlyError("policy w {\n  allow OUT tcp\n}\n"), SYNTAX, 2, 9,
                "unexpected 'OUT' after 'allow'", "keywords are lower case: write 'out'");
    }

    @Test
    void unknownWordWithoutALikelyKeyword() {
        assertDiagnostic(onlyError("policy w {\n  frobnicate\n}\n"), SYNTAX, 2, 3, "unknown statement 'frobnicate'",
                "a statement in a policy starts with allow, deny, default or define");
        assertDiagnostic(onlyError("to any\n"), SYNTAX, 1, 1, "unexpected 'to' where a statement should start",
                "a statement at file level starts with include, define or policy");
    }

    @Test
    void rulesAndDefaultsOutsideAPolicyGiveOneErrorForTheRun() {
        String text = "allow out tcp to any\ndeny in\ndefault deny\n}\npolicy ok { }\n";
        assertDiagnostic(onlyError(text), SYNTAX, 1, 1, "rules must be inside a policy",
                "put the rule inside 'policy NAME { ... }'");
        assertDiagnostic(onlyError("default allow\n"), SYNTAX, 1, 1, "'default' must be inside a policy",
                "put it inside 'policy NAME { ... }'");
        assertEquals(1, DslParser.parse("t", text).unit().policies().size());
    }

    @Test
    void strayClosingBrace() {
        assertDiagnostic(onlyError("policy p {\n}\n}\n"), SYNTAX, 3, 1, "unexpected '}': no policy is open here",
                "remove it, or check the braces of the policy above");
    }

    @Test
    void includeInsideAPolicy() {
        String text = "policy p {\n  include \"x.policy\"\n  allow in tcp\n}\n";
        assertDiagnostic(onlyError(text), SYNTAX, 2, 3, "'include' must be at file level, not inside policy 'p'",
                "move the include to the top of the file");
        assertEquals(1, ParseTesting.policy(DslParser.parse("t", text).unit()).items().size());
    }

    // ---------------------------------------------------------------- missing pieces

    @Test
    void missingEndpointAfterToAtTheEndOfTheLine() {
        assertDiagnostic(onlyError("policy w {\n  allow out tcp to\n  allow in tcp\n}\n"), SYNTAX, 2, 19,
                "expected " + ENDPOINT + " after 'to'", null);
    }

    @Test
    void wrongTokenAfterToOnTheSameLine() {
        assertDiagnostic(onlyError("policy w {\n  allow out tcp to port 80\n}\n"), SYNTAX, 2, 20,
                "expected " + ENDPOINT + " after 'to'", null);
    }

    @Test
    void endOfFileInsideAStatement() {
        assertDiagnostic(onlyError("define net x ="), SYNTAX, 1, 15,
                "expected " + ENDPOINT + " after '=', but the file ends here", null);
        assertDiagnostic(onlyError("define\n\n"), SYNTAX, 1, 7,
                "expected 'net' or 'ports' after 'define', but the file ends here", null);
    }

    @Test
    void missingClosingBraceBeforeTheNextPolicy() {
        String text = "policy webapp {\n    allow out tcp to any\n\npolicy other {\n    allow in tcp\n}\n";
        assertDiagnostic(onlyError(text), SYNTAX, 4, 1, "missing '}' to close policy 'webapp' opened at line 1",
                "add '}' after the last statement of the policy");
        SourceUnit unit = DslParser.parse("t", text).unit();
        assertEquals(List.of("webapp", "other"), unit.policies().stream().map(p -> p.name().text()).toList());
        assertEquals(1, unit.policies().get(0).items().size());
    }

    @Test
    void missingClosingBraceAtTheEndOfTheFile() {
        assertDiagnostic(onlyError("policy p {\n  allow out tcp to any\n"), SYNTAX, 2, 23,
                "missing '}' to close policy 'p' opened at line 1", "add '}' after the last statement of the policy");
    }

    @Test
    void policyHeaderErrorsKeepTheBodyInsideThePolicy() {
        assertDiagnostic(onlyError("policy {\n  allow out tcp\n}\n"), SYNTAX, 1, 8,
                "expected a policy name after 'policy'", null);
        assertDiagnostic(onlyError("policy web app {\n  allow out tcp\n}\n"), SYNTAX, 1, 12,
                "expected '{' after 'web'", "a policy name is one word; write 'web-app'");
        assertDiagnostic(onlyError("policy q\n  allow in tcp\n}\n"), SYNTAX, 1, 9, "expected '{' after 'q'", null);
        assertDiagnostic(onlyError("policy 2fast { }\n"), SYNTAX, 1, 8, "expected a policy name after 'policy'",
                "a name starts with a letter");
    }

    @Test
    void defineErrors() {
        assertDiagnostic(onlyError("define port web = 80\n"), SYNTAX, 1, 8,
                "expected 'net' or 'ports' after 'define'", "did you mean 'ports'?");
        assertDiagnostic(onlyError("define net = any\n"), SYNTAX, 1, 12,
                "expected a name for the define after 'net'", null);
        assertDiagnostic(onlyError("define net a any\n"), SYNTAX, 1, 14, "expected '=' after 'a'", null);
    }

    @Test
    void defaultErrors() {
        assertDiagnostic(onlyError("policy p {\n  default\n}\n"), SYNTAX, 2, 10,
                "expected 'allow' or 'deny' after 'default'", null);
        assertDiagnostic(onlyError("policy p { default deny tcp }\n"), SYNTAX, 1, 25, "unexpected 'tcp' after 'deny'",
                "a default is written default allow|deny [in|out] [log]");
    }

    // ---------------------------------------------------------------- lists

    @Test
    void missingCommaInAList() {
        assertDiagnostic(onlyError("policy p { allow out {tcp udp} }\n"), SYNTAX, 1, 27,
                "expected ',' or '}' after 'tcp'", "separate the items of a list with ','");
    }

    @Test
    void unclosedListBeforeTheNextRule() {
        assertDiagnostic(onlyError("define ports web = { 80, 443\npolicy p { }\n"), SYNTAX, 1, 29,
                "expected ',' or '}' after '443'", "close the list opened at line 1 with '}'");
        assertDiagnostic(onlyError("policy p {\n  allow out {tcp, udp to any\n  allow in tcp\n}\n"), SYNTAX, 2, 23,
                "expected ',' or '}' after 'udp'", "close the list opened at line 2 with '}'");
    }

    @Test
    void unclosedListIsNotMistakenForTheMissingPolicyBrace() {
        // by its indentation the last '}' closes the policy, not the list
        assertDiagnostic(onlyError("policy p {\n    allow out {tcp, udp to any\n}\npolicy q { }\n"), SYNTAX, 2, 25,
                "expected ',' or '}' after 'udp'", "close the list opened at line 2 with '}'");
    }

    @Test
    void listThatLostItsOpeningBrace() {
        String text = "policy p {\n    allow out tcp, udp} to any port 53\n    allow in tcp\n}\n";
        assertDiagnostic(onlyError(text), SYNTAX, 2, 18, "unexpected ',' after 'tcp'", null);
        assertEquals(1, ParseTesting.policy(DslParser.parse("t", text).unit()).items().size());
    }

    @Test
    void strayBraceInsideAListOfAPolicyRule() {
        String text = "policy p {\n    allow out {tcp, }udp, icmp} to any\n    allow in tcp\n}\n";
        assertDiagnostic(onlyError(text), SYNTAX, 2, 21, "expected a protocol (tcp, udp, icmp or icmpv6) after ','",
                "remove the ',' before '}'");
        assertEquals(1, ParseTesting.policy(DslParser.parse("t", text).unit()).items().size());
    }

    @Test
    void strayBraceInsideAFileLevelList() {
        assertDiagnostic(onlyError("define net x = {}\n    host 192.0.2.1,\n    any\n}\npolicy p { }\n"), SYNTAX, 1, 17,
                "expected " + ENDPOINT + " after '{'", null);
    }

    @Test
    void braceThatClosesAPolicyTooEarly() {
        String text = "policy p {\n    allow out to cidr 192.}168.0.0/16\n    allow in tcp\n}\npolicy q { }\n";
        assertDiagnostic(onlyError(text), SYNTAX, 2, 28, "unexpected '168.0.0/16' after the '}' that closes policy 'p'",
                "if the policy goes on, remove that '}'");
        assertEquals(2, DslParser.parse("t", text).unit().policies().size());
    }

    @Test
    void trailingCommaInAList() {
        assertDiagnostic(onlyError("define net x = { any, }\n"), SYNTAX, 1, 23,
                "expected " + ENDPOINT + " after ','", "remove the ',' before '}'");
    }

    @Test
    void severalItemsWithoutBraces() {
        assertDiagnostic(onlyError("policy p { allow out tcp udp }\n"), SYNTAX, 1, 26, "unexpected 'udp' after 'tcp'",
                "list several protocols in braces, like {tcp, udp}");
        assertDiagnostic(onlyError("policy p { allow out to host 192.0.2.1 host 192.0.2.2 }\n"), SYNTAX, 1, 40,
                "unexpected 'host' after '192.0.2.1'",
                "list several endpoints in braces, like {host 192.0.2.1, host 192.0.2.2}");
        assertDiagnostic(onlyError("policy p { allow in tcp port 80 443 }\n"), SYNTAX, 1, 33,
                "unexpected '443' after '80'", "list several ports in braces, like {80, 443}");
    }

    @Test
    void misspeltKeywordInsideARule() {
        assertDiagnostic(onlyError("policy p { allow out tcp to any prot 80 }\n"), SYNTAX, 1, 33,
                "unexpected 'prot' after 'any'", "did you mean 'port'?");
        assertDiagnostic(onlyError("policy p { allow out tcp to hots 192.0.2.1 }\n"), SYNTAX, 1, 29,
                "expected " + ENDPOINT + " after 'to'", "did you mean 'host'?");
    }

    @Test
    void rulePartsOutOfOrder() {
        assertDiagnostic(onlyError("policy p { allow tcp out }\n"), SYNTAX, 1, 22, "unexpected 'out' after 'tcp'",
                "the parts of a rule come in this order, each at most once: allow|deny, in|out, protocols,"
                        + " to|from endpoints, port ports, log, comment \"text\"");
    }

    @Test
    void portRangeWithoutItsEnd() {
        assertDiagnostic(onlyError("policy p {\n  allow in tcp port 80-\n}\n"), SYNTAX, 2, 24,
                "expected a port number after '-'", null);
        assertDiagnostic(onlyError("policy p { allow in tcp port -5 }\n"), SYNTAX, 1, 30,
                "expected a port (a number, a range like 8000-8080, or $name) after 'port'", null);
    }

    // ---------------------------------------------------------------- strings and names as words

    @Test
    void dnsNameWithoutQuotes() {
        assertDiagnostic(onlyError("policy p { allow out to dns example.com }\n"), SYNTAX, 1, 29,
                "expected a DNS name in double quotes after 'dns'",
                "write the name in double quotes, like dns \"example.com\"");
        assertDiagnostic(onlyError("policy p { allow out to example.com }\n"), SYNTAX, 1, 25,
                "expected " + ENDPOINT + " after 'to'", "for a DNS name write dns \"example.com\"");
        assertDiagnostic(onlyError("policy p { allow out to host \"192.0.2.1\" }\n"), SYNTAX, 1, 30,
                "expected an address like 192.0.2.1 or 2001:db8::1 after 'host'", "write the address without quotes");
    }

    @Test
    void includeWithoutQuotes() {
        assertDiagnostic(onlyError("include common.policy\n"), SYNTAX, 1, 9,
                "expected a file path in double quotes after 'include'",
                "write the path in double quotes, like include \"common.policy\"");
    }

    @Test
    void commentTextWithoutQuotes() {
        assertDiagnostic(onlyError("policy p { allow in tcp comment ssh }\n"), SYNTAX, 1, 33,
                "expected the comment text in double quotes after 'comment'",
                "write the text in double quotes, like comment \"database\"");
    }

    // ---------------------------------------------------------------- lexical errors

    @Test
    void unterminatedString() {
        Diagnostic d = onlyError("policy p {\n  allow in tcp comment \"ssh\n}\n");
        assertDiagnostic(d, SYNTAX, 2, 24, "unterminated string: a string must end with '\"' on the same line",
                "add the closing '\"'");
        assertEquals(4, d.span().length());
    }

    @Test
    void badEscapeIsLocatedOnTheEscape() {
        Diagnostic d = onlyError("include \"a\\tb\"\n");
        assertDiagnostic(d, SYNTAX, 1, 11, "invalid escape '\\t' in a string: only \\\" and \\\\ are escapes",
                "write a backslash as \\\\");
        assertEquals(2, d.span().length());
    }

    @Test
    void statementsWithBadStringsAreLeftOutOfTheAst() {
        SourceUnit unit = DslParser.parse("t", "include \"a\\tb\"\ninclude \"ok\"\n").unit();
        assertEquals(List.of("ok"), unit.includes().stream().map(i -> i.path()).toList());
    }

    @Test
    void unknownCharacters() {
        assertDiagnostic(onlyError("policy p { allow out tcp to any; }\n"), SYNTAX, 1, 32,
                "unexpected character ';'", "statements need no terminator; remove the ';'");
        assertDiagnostic(onlyError("policy p { allow out to dns \u201cx.example\u201d }\n"), SYNTAX, 1, 29,
                "unexpected character '\u201c'", "write strings with straight double quotes (\")");
        assertDiagnostic(onlyError("policy p { allow out to $ web }\n"), SYNTAX, 1, 25,
                "unexpected character '$'", "write a reference as $name, with no space after '$'");
        Diagnostic run = onlyError("@@@\n");
        assertDiagnostic(run, SYNTAX, 1, 1, "unexpected characters '@@@'", null);
        assertEquals(3, run.span().length());
        assertDiagnostic(onlyError("\u0007"), SYNTAX, 1, 1, "unexpected character 'U+0007'", null);
    }

    // ---------------------------------------------------------------- the whole file in one run

    @Test
    void allErrorsOfAFileInOneRunOnePerBrokenStatementGoodOnesKept() {
        String text = """
                define net cloud = { host 1.1.1.1 host 1.0.0.1 }
                define ports web = { 80, 443 }
                policy webapp {
                    allow out tcp to $cloud port $web
                    allwo out udp to any port 53
                    allow out tcp to port 443 log
                    allow in tcp port 22
                    deny out to cidr 10.0.0.0/8 log log
                    allow out icmp
                }
                policy second {
                    allow in
                """;
        List<Diagnostic> found = errors(text);
        assertEquals(List.of("1:35", "5:5", "6:22", "8:37", "12:13"),
                found.stream().map(d -> d.span().line() + ":" + d.span().column()).toList(),
                ParseTesting.describe(found));
        assertTrue(found.stream().allMatch(d -> d.code().equals(SYNTAX)));

        SourceUnit unit = DslParser.parse("t", text).unit();
        assertEquals(List.of("web"), unit.defines().stream().map(d -> d.name().text()).toList());
        PolicyDecl webapp = unit.policies().get(0);
        assertEquals(3, webapp.items().size());
        assertEquals(List.of(4, 7, 9), webapp.items().stream().map(i -> i.span().line()).toList());
        assertEquals(1, unit.policies().get(1).items().size());
        assertTrue(webapp.items().stream().allMatch(RuleDecl.class::isInstance));
    }

    @Test
    void diagnosticsComeInSourceOrder() {
        List<Diagnostic> found = errors("policy p { allow out to dns x }\ninclude \"\\q\"\n@\n");
        assertEquals(List.of(1, 2, 3), found.stream().map(d -> d.span().line()).toList());
    }
}
