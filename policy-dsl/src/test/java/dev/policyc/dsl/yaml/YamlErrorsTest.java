package dev.policyc.dsl.yaml;

import static dev.policyc.core.ir.Verdict.ALLOW;
import static dev.policyc.core.ir.Verdict.DENY;
import static dev.policyc.dsl.yaml.Ast.any;
import static dev.policyc.dsl.yaml.Ast.host;
import static dev.policyc.dsl.yaml.Ast.net;
import static dev.policyc.dsl.yaml.Ast.policy;
import static dev.policyc.dsl.yaml.Ast.rule;
import static dev.policyc.dsl.yaml.Ast.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.Severity;
import dev.policyc.dsl.parse.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of problem becomes a diagnostic with its code, place, message and hint. */
class YamlErrorsTest {

    private static final String F = "bad.yaml";

    private static ParseResult parse(String yaml) {
        return YamlPolicyReader.parse(F, yaml);
    }

    /** The one diagnostic of {@code yaml}. */
    private static Diagnostic only(String yaml) {
        List<Diagnostic> found = parse(yaml).diagnostics();
        assertEquals(1, found.size(), () -> yaml + "\n" + found);
        return found.get(0);
    }

    private static void assertDiagnostic(Diagnostic d, String code, int line, int column, String message,
            String hint) {
        assertEquals(Severity.ERROR, d.severity(), d::toString);
        assertEquals(code, d.code(), d::toString);
        assertEquals(message, d.message(), d::toString);
        assertEquals(F + ":" + line + ":" + column, d.span().position(), d::toString);
        assertEquals(hint, d.hint(), d::toString);
    }

    private static void assertSchema(String yaml, int line, int column, String message, String hint) {
        assertDiagnostic(only(yaml), "yaml-schema", line, column, message, hint);
    }

    @Test
    void syntaxErrorsAreLocatedWhereTheParserNoticedThem() {
        assertDiagnostic(only("include: [a.policy\npolicies: {}\n"), "yaml", 2, 9,
                "invalid YAML: expected ',' or ']', but got :",
                "look at the flow sequence that starts at line 1, column 10");
        assertDiagnostic(only("include: a: b\n"), "yaml", 1, 11, "invalid YAML: mapping values are not allowed here",
                "a value that contains \": \" must be quoted, for example comment: \"note: x\"");
        assertDiagnostic(only("policies:\n\tp: {}\n"), "yaml", 2, 1,
                "invalid YAML: found character 'tab' that cannot start any token",
                "indent with spaces; YAML does not allow tabs for indentation");
        assertDiagnostic(only("nets:\n  a: [host ::1, ::1]\n"), "yaml", 2, 17,
                "invalid YAML: expected the node content, but found ':'",
                "quote a value that starts with ':' such as \"::1\", or write host ::1");
        assertDiagnostic(only("nets: {a: \"unclosed}\n"), "yaml", 2, 1, "invalid YAML: found unexpected end of stream",
                "look at the quoted scalar that starts at line 1, column 11");
    }

    @Test
    void aForbiddenCharacterIsNamedAndLocated() {
        assertDiagnostic(only("include: \"ab\u0001\"\n"), "yaml", 1, 13,
                "invalid YAML: the character U+0001 is not allowed in a YAML file",
                "remove it; inside a double-quoted string it can be written as an escape such as \\x01");
    }

    @Test
    void parserLimitsAreSyntaxErrorsToo() {
        ParseResult deep = parse("include: " + "[".repeat(5000) + "\n");
        Diagnostic nesting = deep.diagnostics().get(deep.diagnostics().size() - 1);
        assertEquals("yaml", nesting.code());
        assertEquals("invalid YAML: lists and mappings nested too deeply, or a value too long", nesting.message());
        assertEquals(1, nesting.span().line());

        // SnakeYAML reads at most 3 MiB code points of a document.
        ParseResult huge = parse("include: x\n" + "  x\n".repeat(1_100_000));
        assertEquals(1, huge.diagnostics().size(), huge.diagnostics()::toString);
        assertEquals("invalid YAML: the file is larger than a YAML document may be", huge.diagnostics().get(0).message());
        assertEquals("split the policies over several files", huge.diagnostics().get(0).hint());
    }

    @Test
    void whatWasReadBeforeASyntaxErrorIsKeptWithoutFollowUpErrors() {
        String yaml = """
                nets:
                  db: host 10.0.0.1
                policies:
                  p:
                    rules:
                      - allow: out
                        to: any
                      - deny: in
                        proto: [tcp
                        port: 80
                """;
        ParseResult result = parse(yaml);
        assertEquals(1, result.diagnostics().size(), result.diagnostics()::toString);
        assertDiagnostic(result.diagnostics().get(0), "yaml", 10, 13,
                "invalid YAML: expected ',' or ']', but got :",
                "look at the flow sequence that starts at line 9, column 16");
        // The cut-off rule is left out (it may miss parts); the complete one is kept.
        assertEquals(unit(net("db", host("10.0.0.1")), policy("p", rule(ALLOW).out().to(any()).build())),
                SpanEraser.erase(result.unit()));
    }

    @Test
    void unknownKeysGetADidYouMeanOrTheListOfKeys() {
        assertSchema("polices: {}\n", 1, 1, "unknown key \"polices\" at the top of the file",
                "did you mean \"policies\"?");
        assertSchema("policy: {}\n", 1, 1, "unknown key \"policy\" at the top of the file", "did you mean \"policies\"?");
        assertSchema("policies:\n  p:\n    rule: []\n", 3, 5, "unknown key \"rule\" in policy p",
                "did you mean \"rules\"?");
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: out, protocol: tcp}\n", 4, 22,
                "unknown key \"protocol\" in a rule", "did you mean \"proto\"?");
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: out, form: any}\n", 4, 22,
                "unknown key \"form\" in a rule", "did you mean \"from\"?");
        assertSchema("version: 1\n", 1, 1, "unknown key \"version\" at the top of the file",
                "the keys here are include, nets, ports, policies");
    }

    @Test
    void valuesOfTheWrongKind() {
        assertSchema("[a, b]\n", 1, 1,
                "a policy file takes a mapping with the keys include, nets, ports, policies, not a list",
                "start with policies: and the policy names under it");
        assertSchema("nets: [a]\n", 1, 7, "nets takes a mapping from names to endpoints, not a list", null);
        assertSchema("include: {a: b}\n", 1, 10, "include takes a path or a list of paths, not a mapping",
                "include: [common.policy]");
        assertSchema("policies:\n  p: [a]\n", 2, 6,
                "policy p takes a mapping with the keys nets, ports, default, rules, not a list", null);
        assertSchema("policies:\n  p:\n    rules:\n      allow: out\n", 4, 7, "rules takes a list of rules, not a mapping",
                "start each rule with \"- \", as in - allow: out");
        assertSchema("policies:\n  p:\n    rules:\n      - allow out\n", 4, 9,
                "a rule takes a mapping such as {allow: out, proto: tcp, port: 443}, not text",
                "rules are written as keys, for example - allow: out");
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: out, proto: {tcp: 1}}\n", 4, 29,
                "proto takes a protocol or a list of protocols, not a mapping", null);
        assertSchema("policies:\n  p:\n    rules:\n      - {deny: out, log: maybe}\n", 4, 26,
                "log takes true or false, not text", "write log: true");
        assertSchema("policies:\n  p:\n    rules:\n      - {deny: out, comment: [a]}\n", 4, 30,
                "comment takes text, not a list", null);
        assertSchema("policies:\n  p:\n    rules:\n      - {deny: out, comment: ~}\n", 4, 30,
                "comment takes text, not nothing", "write \"\" for an empty text, or leave the key out");
        assertSchema("nets:\n  a: [[host 1.1.1.1]]\n", 2, 7, "each item of net a takes an endpoint, not a list",
                "a list of endpoints is flat: [a, b, c]");
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: [in, out]}\n", 4, 17,
                "allow takes in, out, or nothing, not a list",
                "start the rule with allow: or deny:, followed by in, out, or nothing when to: or from: says it");
    }

    @Test
    void aRuleHasOneVerdictAndOnePeer() {
        assertSchema("policies:\n  p:\n    rules:\n      - allow: out\n        deny: in\n", 5, 9,
                "a rule has either allow or deny, not both", "split it into two rules");
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: out, to: any, from: any}\n", 4, 31,
                "a rule has either to or from, not both",
                "to names where an outgoing flow goes, from where an incoming one comes from; split it into two rules");
        assertSchema("policies:\n  p:\n    rules:\n      - proto: tcp\n        to: any\n", 4, 9,
                "a rule needs allow or deny",
                "start the rule with allow: or deny:, followed by in, out, or nothing when to: or from: says it");
        assertSchema("policies:\n  p:\n    rules:\n      - allow: sideways\n", 4, 16,
                "allow takes in, out, or nothing, not \"sideways\"",
                "start the rule with allow: or deny:, followed by in, out, or nothing when to: or from: says it");
    }

    @Test
    void duplicateKeysKeepTheFirstValue() {
        ParseResult result = parse("nets:\n  a: host 1.1.1.1\n  a: host 2.2.2.2\n");
        assertEquals(1, result.diagnostics().size());
        assertDiagnostic(result.diagnostics().get(0), "yaml-schema", 3, 3,
                "duplicate key \"a\": it is already on line 2",
                "keep one of them; a second value would silently replace the first in other YAML tools");
        assertEquals(unit(net("a", host("1.1.1.1"))), SpanEraser.erase(result.unit()));

        assertSchema("policies:\n  p: {}\n  p: {}\n", 3, 3, "duplicate key \"p\": it is already on line 2",
                "keep one of them; a second value would silently replace the first in other YAML tools");
        assertSchema("policies:\n  p:\n    rules:\n      - {deny: out, to: any, to: resolver}\n", 4, 30,
                "duplicate key \"to\": it is already on line 4",
                "keep one of them; a second value would silently replace the first in other YAML tools");
    }

    @Test
    void badEndpointWords() {
        assertSchema("nets:\n  a: reslover\n", 2, 6, "unknown endpoint \"reslover\"", "did you mean \"resolver\"?");
        assertSchema("nets:\n  a: hots 1.1.1.1\n", 2, 6, "unknown endpoint \"hots 1.1.1.1\"",
                "did you mean \"host 1.1.1.1\"?");
        assertSchema("nets:\n  a: api.github.com\n", 2, 6, "unknown endpoint \"api.github.com\"",
                "write \"dns api.github.com\" for a DNS name");
        assertSchema("nets:\n  a: localhost\n", 2, 6, "unknown endpoint \"localhost\"",
                "an endpoint is host ADDRESS, cidr PREFIX, dns NAME, resolver, any, $name, or a bare address or prefix");
        assertSchema("nets:\n  a: host 1.1.1.1 1.0.0.1\n", 2, 6, "host takes one address, found \"host 1.1.1.1 1.0.0.1\"",
                "write one endpoint per list item, for example [host 1.1.1.1, host 1.0.0.1]");
        assertSchema("nets:\n  a: cidr\n", 2, 6, "cidr takes one prefix, found \"cidr\"",
                "write one endpoint per list item, for example [host 1.1.1.1, host 1.0.0.1]");
        assertSchema("nets:\n  a: any 1.1.1.1\n", 2, 6, "any takes nothing after it, found \"any 1.1.1.1\"",
                "write one endpoint per list item");
        assertSchema("nets:\n  a: dns\n", 2, 6, "dns needs a name", "for example dns api.github.com");
        assertSchema("nets:\n  a: dns a.example b.example\n", 2, 6, "dns takes one name, found \"a.example b.example\"",
                "write one endpoint per list item");
        assertSchema("nets:\n  a: 'dns \"a.example'\n", 2, 6, "the quoted dns name has no closing quote",
                "end it with \"");
        assertSchema("nets:\n  a: 'dns \"a\\n\"'\n", 2, 6, "unknown escape in the dns name",
                "inside quotes only \\\" and \\\\ are escapes");
        assertSchema("nets:\n  a: $Web\n", 2, 6, "\"$Web\" is not a valid reference",
                "a reference is $ and a define name: a lower-case letter, then up to 31 lower-case letters,"
                        + " digits or _ ($web)");
        assertSchema("nets:\n  a: []\n", 2, 6, "net a needs at least one endpoint, found an empty list", null);
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: out, to: }\n", 4, 25,
                "to needs at least one endpoint, found nothing", null);
    }

    @Test
    void badPortsProtocolsAndDefaults() {
        String hint = "a port is a number such as 443, a range such as \"8000-8080\", or $name";
        assertSchema("ports:\n  p: 0x1F\n", 2, 6, "port 0x1F is not a decimal number", hint);
        assertSchema("ports:\n  p: [80, http]\n", 2, 11, "not a port: \"http\"", hint);
        assertSchema("ports:\n  p: 1.5\n", 2, 6, "not a port: \"1.5\"", hint);
        assertSchema("ports:\n  p: 80-\n", 2, 6, "not a port: \"80-\"", hint);
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: out, proto: tcpp}\n", 4, 29,
                "unknown protocol \"tcpp\"", "did you mean \"tcp\"?");
        assertSchema("policies:\n  p:\n    rules:\n      - {allow: out, proto: 6}\n", 4, 29,
                "unknown protocol \"6\"", "the protocols are tcp, udp, icmp and icmpv6");
        assertSchema("policies:\n  p:\n    default: alow in\n", 3, 14, "a default starts with allow or deny, found \"alow\"",
                "did you mean \"allow\"?");
        assertSchema("policies:\n  p:\n    default: deny log out\n", 3, 14,
                "unexpected \"out\" in default \"deny log out\"",
                "a default is allow|deny [in|out] [log], for example deny out log");
    }

    @Test
    void badNamesAreReportedAndKept() {
        ParseResult result = parse("policies:\n  Web App: {}\nnets:\n  2net: any\n");
        assertEquals(2, result.diagnostics().size(), result.diagnostics()::toString);
        assertDiagnostic(result.diagnostics().get(0), "yaml-schema", 2, 3, "\"Web App\" is not a valid policy name",
                "a policy name is a lower-case letter, then up to 23 lower-case letters, digits or -,"
                        + " for example \"web-app\"");
        assertDiagnostic(result.diagnostics().get(1), "yaml-schema", 4, 3, "\"2net\" is not a valid define name",
                "a define name is a lower-case letter, then up to 31 lower-case letters, digits or _,"
                        + " for example \"net\"");
        assertEquals(unit(policy("Web App"), net("2net", any())), SpanEraser.erase(result.unit()));
        assertSchema("policies:\n  a-very-long-policy-name-xyz: {}\n", 2, 3,
                "\"a-very-long-policy-name-xyz\" is not a valid policy name",
                "a policy name is a lower-case letter, then up to 23 lower-case letters, digits or -,"
                        + " for example \"a-very-long-policy-name-\"");
    }

    @Test
    void aliasesAndSecondDocumentsAreRejected() {
        assertSchema("nets:\n  a: &x any\n  b: *x\n", 3, 6, "aliases (*x) are not supported in policy files",
                "define the shared endpoints or ports once under nets: or ports: and use $name");
        assertSchema("nets: {}\n---\nports: {}\n", 3, 1, "a policy file holds one YAML document",
                "remove the `---` line and everything after it, or move it to a file of its own");
    }

    @Test
    void loneSurrogateEscapesAreRejected() {
        assertSchema("policies:\n  p:\n    rules:\n      - {deny: out, comment: \"\\ud800x\"}\n", 4, 30,
                "the text holds a lone UTF-16 surrogate escape",
                "escape a character outside the BMP as one \\U0001F600 escape, not as two \\u escapes");
        assertSchema("policies:\n  \"\\udc00\": {}\n", 2, 3, "the text holds a lone UTF-16 surrogate escape",
                "escape a character outside the BMP as one \\U0001F600 escape, not as two \\u escapes");
        ParseResult pair = parse("policies:\n  p:\n    rules:\n      - {deny: out, comment: \"\\U0001F600\"}\n");
        assertEquals(List.of(), pair.diagnostics());
    }

    @Test
    void aLineBreakInACommentIsReportedButTheRuleKept() {
        ParseResult result = parse("policies:\n  p:\n    rules:\n      - {deny: out, comment: \"a\\nb\"}\n");
        assertEquals(1, result.diagnostics().size());
        assertDiagnostic(result.diagnostics().get(0), "yaml-schema", 4, 30, "comment must be a single line of text",
                "remove the line breaks; strings of the policy language cannot hold them");
        assertEquals(unit(policy("p", rule(DENY).out().comment("a\nb").build())), SpanEraser.erase(result.unit()));
    }

    @Test
    void allProblemsOfAFileAreReportedInSourceOrderAndBrokenRulesAreLeftOut() {
        String yaml = """
                policies:
                  p:
                    rules:
                      - allow: out
                        proto: [tcpp, udp]
                        to: reslover
                      - deny: out
                        to: any
                      - allow: in
                        port: abc
                nets:
                  x: []
                """;
        ParseResult result = parse(yaml);
        List<String> where = result.diagnostics().stream().map(d -> d.span().line() + ":" + d.message()).toList();
        assertEquals(List.of("5:unknown protocol \"tcpp\"", "6:unknown endpoint \"reslover\"",
                "10:not a port: \"abc\"", "12:net x needs at least one endpoint, found an empty list"), where);
        assertTrue(Diagnostics.anyErrors(result.diagnostics()));
        assertEquals(unit(policy("p", rule(DENY).out().to(any()).build())), SpanEraser.erase(result.unit()));
    }
}
