package dev.policyc.dsl.yaml;

import static dev.policyc.core.ir.Protocol.ICMP;
import static dev.policyc.core.ir.Protocol.ICMPV6;
import static dev.policyc.core.ir.Protocol.TCP;
import static dev.policyc.core.ir.Protocol.UDP;
import static dev.policyc.core.ir.Verdict.ALLOW;
import static dev.policyc.core.ir.Verdict.DENY;
import static dev.policyc.dsl.yaml.Ast.any;
import static dev.policyc.dsl.yaml.Ast.cidr;
import static dev.policyc.dsl.yaml.Ast.defaults;
import static dev.policyc.dsl.yaml.Ast.dns;
import static dev.policyc.dsl.yaml.Ast.host;
import static dev.policyc.dsl.yaml.Ast.include;
import static dev.policyc.dsl.yaml.Ast.net;
import static dev.policyc.dsl.yaml.Ast.netRef;
import static dev.policyc.dsl.yaml.Ast.policy;
import static dev.policyc.dsl.yaml.Ast.port;
import static dev.policyc.dsl.yaml.Ast.portRef;
import static dev.policyc.dsl.yaml.Ast.ports;
import static dev.policyc.dsl.yaml.Ast.range;
import static dev.policyc.dsl.yaml.Ast.resolver;
import static dev.policyc.dsl.yaml.Ast.rule;
import static dev.policyc.dsl.yaml.Ast.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.parse.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every key and every value form of the format, read into the AST. */
class YamlKeysTest {

    private static final String F = "t.yaml";

    private static SourceUnit read(String yaml) {
        ParseResult result = YamlPolicyReader.parse(F, yaml);
        assertEquals(List.of(), result.diagnostics(), yaml);
        return result.unit();
    }

    private static SourceUnit readErased(String yaml) {
        return SpanEraser.erase(read(yaml));
    }

    private static RuleDecl onlyRule(SourceUnit unit) {
        return (RuleDecl) ((PolicyDecl) unit.items().get(unit.items().size() - 1)).items().get(0);
    }

    @Test
    void includeTakesOnePathOrAList() {
        assertEquals(unit(include("common.policy")), readErased("include: common.policy\n"));
        SourceUnit two = read("include: [a.policy, \"b c.yaml\"]\n");
        assertEquals(unit(include("a.policy"), include("b c.yaml")), SpanEraser.erase(two));
        Include second = (Include) two.items().get(1);
        assertEquals(new SourceSpan(F, 1, 21, 10), second.pathSpan());
        assertEquals(second.pathSpan(), second.span());
    }

    @Test
    void itemsComeInTheOrderTheirKeysAreWritten() {
        String yaml = """
                policies:
                  p: {}
                ports:
                  b: 1
                nets:
                  a: any
                include: x
                """;
        assertEquals(unit(policy("p"), ports("b", port("1")), net("a", any()), include("x")), readErased(yaml));
    }

    @Test
    void policiesHoldLocalDefinesDefaultsAndRulesInKeyOrder() {
        String yaml = """
                policies:
                  web:
                    default: [deny out log, allow in]
                    nets:
                      db: cidr 10.0.0.0/8
                    ports:
                      pg: [5432, 5433]
                    rules:
                      - allow: out
                        to: $db
                        proto: tcp
                        port: $pg
                  empty:
                  braces: {}
                  one-default:
                    default: deny
                """;
        assertEquals(unit(
                policy("web",
                        defaults(DENY, Direction.OUT, true), defaults(ALLOW, Direction.IN, false),
                        net("db", cidr("10.0.0.0/8")),
                        ports("pg", port("5432"), port("5433")),
                        rule(ALLOW).out().to(netRef("db")).proto(TCP).port(portRef("pg")).build()),
                policy("empty"),
                policy("braces"),
                policy("one-default", defaults(DENY, null, false))), readErased(yaml));
    }

    @Test
    void defaultSpansAreTheirScalars() {
        SourceUnit unit = read("policies:\n  p:\n    default: [deny out log, allow]\n");
        PolicyDecl p = (PolicyDecl) unit.items().get(0);
        assertEquals(new SourceSpan(F, 3, 15, 12), p.items().get(0).span());
        assertEquals(new SourceSpan(F, 3, 29, 5), p.items().get(1).span());
    }

    @Test
    void allowOrDenyWithoutDirectionLeavesItToThePeer() {
        String yaml = """
                policies:
                  p:
                    rules:
                      - allow:
                        to: any
                      - deny: ~
                        from: resolver
                      - {deny: in, proto: [tcp, udp, icmp, icmpv6]}
                      - {allow: "", to: any}
                """;
        assertEquals(unit(policy("p",
                rule(ALLOW).to(any()).build(),
                rule(DENY).from(resolver()).build(),
                rule(DENY).in().proto(TCP, UDP, ICMP, ICMPV6).build(),
                rule(ALLOW).to(any()).build())), readErased(yaml));
    }

    @Test
    void endpointWordsAndBareAddresses() {
        String yaml = """
                nets:
                  all:
                    - host 1.1.1.1
                    - cidr 10.0.0.0/8
                    - dns api.github.com
                    - dns "quoted.example"
                    - 'dns "a \\\\ b \\" c"'
                    - resolver
                    - any
                    - $other
                    - 192.0.2.1
                    - 2001:db8::1
                    - "::1"
                    - 10.0.0.0/8
                    - fe80::1%eth0
                    - 010.0.0.1
                    - host   1.0.0.1
                """;
        assertEquals(unit(net("all", host("1.1.1.1"), cidr("10.0.0.0/8"), dns("api.github.com"),
                dns("quoted.example"), dns("a \\ b \" c"), resolver(), any(), netRef("other"), host("192.0.2.1"),
                host("2001:db8::1"), host("::1"), cidr("10.0.0.0/8"), host("fe80::1%eth0"), host("010.0.0.1"),
                host("1.0.0.1"))), readErased(yaml));
    }

    @Test
    void portFormsAndTheirSpans() {
        SourceUnit unit = read("ports:\n  p: [22, \"443\", 8000-8080, \"9000 - 9001\", $web, ' $x']\n");
        assertEquals(unit(ports("p", port("22"), port("443"), range("8000", "8080"), range("9000", "9001"),
                portRef("web"), portRef("x"))), SpanEraser.erase(unit));
        List<PortItem> items = ((dev.policyc.dsl.ast.PortsDefine) unit.items().get(0)).ports();
        assertEquals(new SourceSpan(F, 2, 7, 2), items.get(0).span());
        assertEquals(new SourceSpan(F, 2, 12, 3), items.get(1).span(), "the digits, not the quotes");
        PortItem.Range plain = (PortItem.Range) items.get(2);
        assertEquals(new SourceSpan(F, 2, 18, 9), plain.span());
        assertEquals(new SourceSpan(F, 2, 18, 4), plain.firstSpan());
        assertEquals(new SourceSpan(F, 2, 23, 4), plain.lastSpan());
        PortItem.Range spaced = (PortItem.Range) items.get(3);
        assertEquals(new SourceSpan(F, 2, 30, 4), spaced.firstSpan());
        assertEquals(new SourceSpan(F, 2, 37, 4), spaced.lastSpan());
        assertEquals(new SourceSpan(F, 2, 44, 4), items.get(4).span());
        assertEquals(new SourceSpan(F, 2, 52, 2), items.get(5).span());
    }

    @Test
    void portRangeSpansFallBackToTheScalarWhenTheSourceIsNotVerbatim() {
        SourceUnit unit = read("ports:\n  p: \"80\\x30-81\"\n");
        PortItem.Range r = (PortItem.Range) ((dev.policyc.dsl.ast.PortsDefine) unit.items().get(0)).ports().get(0);
        assertEquals("800", r.first());
        assertEquals(new SourceSpan(F, 2, 6, 11), r.firstSpan());
    }

    @Test
    void logAndComment() {
        String yaml = """
                policies:
                  p:
                    rules:
                      - {deny: out, log: true, comment: "note: #1"}
                      - {deny: out, log: false, comment: yes}
                      - {deny: out, log: yes, comment: 42}
                      - {deny: out, comment: ""}
                      - deny: out
                        comment: ''
                """;
        assertEquals(unit(policy("p",
                rule(DENY).out().log().comment("note: #1").build(),
                rule(DENY).out().comment("yes").build(),
                rule(DENY).out().log().comment("42").build(),
                rule(DENY).out().comment("").build(),
                rule(DENY).out().comment("").build())), readErased(yaml));
    }

    @Test
    void emptyDocumentsAreEmptyUnits() {
        for (String empty : List.of("", "# only a comment\n", "---\n", "{}\n", "~\n", "\n\n")) {
            ParseResult result = YamlPolicyReader.parse(F, empty);
            assertEquals(List.of(), result.diagnostics(), empty);
            assertEquals(List.of(), result.unit().items(), empty);
            assertEquals(F, result.unit().file());
        }
    }

    @Test
    void columnsCountUtf16UnitsAfterAnEmoji() {
        RuleDecl rule = onlyRule(read("policies:\n  p:\n    rules:\n      - deny: out\n"
                + "        to: [dns \"\uD83D\uDE00.x\", host 1.1.1.1]\n"));
        assertEquals(new SourceSpan(F, 5, 14, 10), rule.peer().orElseThrow().endpoints().get(0).span());
        assertEquals(new SourceSpan(F, 5, 26, 12), rule.peer().orElseThrow().endpoints().get(1).span());
    }

    @Test
    void crlfLineEndingsAndUnicodeLineSeparatorsDoNotShiftLines() {
        // SnakeYAML counts U+2028 as a line break; policyc's lines end at \n, \r\n and \r only.
        RuleDecl rule = onlyRule(read("policies:\r\n  p:\r\n    rules:\r\n      - deny: out\r\n"
                + "        to: 'dns \"a\u2028b\"'\r\n        log: true\r\n"));
        assertEquals(new SourceSpan(F, 4, 9, 4), rule.verdict().span());
        assertEquals(List.of(dns("a\u2028b")), rule.peer().orElseThrow().endpoints().stream()
                .map(SpanEraser::endpoint).toList());
        assertEquals(new SourceSpan(F, 5, 13, 11), rule.peer().orElseThrow().endpoints().get(0).span());
        assertEquals(new SourceSpan(F, 6, 9, 3), rule.log().orElseThrow());
    }

    @Test
    void aFlowRuleIsLocatedAtItsVerdict() {
        RuleDecl rule = onlyRule(read("policies:\n  p:\n    rules:\n      - {proto: tcp, allow: in}\n"));
        assertEquals(new SourceSpan(F, 4, 22, 5), rule.span());
        assertEquals(new SourceSpan(F, 4, 29, 2), rule.direction().orElseThrow().span());
    }
}
