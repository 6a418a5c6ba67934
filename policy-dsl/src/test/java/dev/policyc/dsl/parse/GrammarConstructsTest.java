package dev.policyc.dsl.parse;

import static dev.policyc.dsl.parse.ParseTesting.assertSpan;
import static dev.policyc.dsl.parse.ParseTesting.parseClean;
import static dev.policyc.dsl.parse.ParseTesting.policy;
import static dev.policyc.dsl.parse.ParseTesting.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PeerKeyword;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each construct of the grammar, on its own. */
class GrammarConstructsTest {

    @Test
    void emptyAndBlankFilesAreEmptyUnits() {
        assertEquals(List.of(), parseClean("").items());
        assertEquals(List.of(), parseClean("  \n\t\r\n\n").items());
        assertEquals(List.of(" only a comment"), parseClean("# only a comment\n").endComments());
    }

    @Test
    void includeKeepsThePathUnescapedAndItsSpan() {
        SourceUnit unit = parseClean("include \"a \\\"b\\\" \\\\c.policy\"\n");
        Include include = unit.includes().get(0);
        assertEquals("a \"b\" \\c.policy", include.path());
        assertSpan(include.span(), 1, 1, 7);
        assertSpan(include.pathSpan(), 1, 9, 20);
    }

    @Test
    void netDefineWithOneEndpointOrAList() {
        SourceUnit unit = parseClean("""
                define net one = any
                define net many = { resolver, $one, dns "x.example" }
                """);
        NetDefine one = (NetDefine) unit.defines().get(0);
        assertEquals(List.of(new EndpointNode.Any(one.endpoints().get(0).span())), one.endpoints());
        assertSpan(one.endpoints().get(0).span(), 1, 18, 3);
        NetDefine many = (NetDefine) unit.defines().get(1);
        assertInstanceOf(EndpointNode.Resolver.class, many.endpoints().get(0));
        assertEquals("one", ((EndpointNode.Ref) many.endpoints().get(1)).name());
        assertSpan(many.endpoints().get(1).span(), 2, 31, 4);
        assertEquals("x.example", ((EndpointNode.Dns) many.endpoints().get(2)).name());
    }

    @Test
    void portsDefineWithSinglesRangesAndReferences() {
        PortsDefine ports = (PortsDefine) parseClean("define ports p = { 22, 8000-8080, 9000 - 9100, $web }\n")
                .defines().get(0);
        assertEquals(4, ports.ports().size());
        assertEquals("22", ((PortItem.Single) ports.ports().get(0)).number());
        PortItem.Range tight = (PortItem.Range) ports.ports().get(1);
        assertEquals(List.of("8000", "8080"), List.of(tight.first(), tight.last()));
        assertSpan(tight.span(), 1, 24, 9);
        assertSpan(tight.firstSpan(), 1, 24, 4);
        assertSpan(tight.lastSpan(), 1, 29, 4);
        PortItem.Range spaced = (PortItem.Range) ports.ports().get(2);
        assertEquals(List.of("9000", "9100"), List.of(spaced.first(), spaced.last()));
        assertSpan(spaced.span(), 1, 35, 11);
        assertEquals("web", ((PortItem.Ref) ports.ports().get(3)).name());
    }

    @Test
    void rangeOverTwoLinesIsLocatedByItsFirstNumber() {
        PortsDefine ports = (PortsDefine) parseClean("define ports p = { 8000 -\n 8080 }\n").defines().get(0);
        PortItem.Range range = (PortItem.Range) ports.ports().get(0);
        assertSpan(range.span(), 1, 20, 4);
        assertSpan(range.lastSpan(), 2, 2, 4);
    }

    @Test
    void hugeNumbersStayText() {
        String huge = "999999999999999999999999999999999999";
        RuleDecl r = rule("allow in tcp port { " + huge + ", 0-" + huge + " }");
        assertEquals(huge, ((PortItem.Single) r.ports().get(0)).number());
        assertEquals(huge, ((PortItem.Range) r.ports().get(1)).last());
    }

    @Test
    void defaultsInAllForms() {
        PolicyDecl p = policy(parseClean("""
                policy p {
                    default allow
                    default deny in
                    default allow out log
                    default deny log
                }
                """));
        List<DefaultDecl> defaults = p.items().stream().map(DefaultDecl.class::cast).toList();
        assertEquals(List.of(Verdict.ALLOW, Verdict.DENY, Verdict.ALLOW, Verdict.DENY),
                defaults.stream().map(DefaultDecl::verdict).toList());
        assertEquals(List.of(Optional.empty(), Optional.of(Direction.IN), Optional.of(Direction.OUT), Optional.empty()),
                defaults.stream().map(DefaultDecl::direction).toList());
        assertEquals(List.of(false, false, true, true), defaults.stream().map(DefaultDecl::log).toList());
        assertSpan(defaults.get(2).span(), 4, 5, 7);
    }

    @Test
    void policyLocalDefines() {
        PolicyDecl p = policy(parseClean("""
                policy p {
                    define net mine = host 192.0.2.1
                    define ports mine_ports = 443
                }
                """));
        assertEquals("mine", ((NetDefine) p.items().get(0)).name().text());
        assertSpan(p.items().get(0).span(), 2, 5, 6);
        assertEquals("443", ((PortItem.Single) ((PortsDefine) p.items().get(1)).ports().get(0)).number());
    }

    @Test
    void bareVerdictIsARuleWithNothingElse() {
        RuleDecl r = rule("deny");
        assertEquals(Verdict.DENY, r.verdict().value());
        assertEquals(Optional.empty(), r.direction());
        assertEquals(List.of(), r.protocols());
        assertEquals(Optional.empty(), r.peer());
        assertEquals(List.of(), r.ports());
        assertEquals(Optional.empty(), r.log());
        assertEquals(Optional.empty(), r.comment());
    }

    @Test
    void everyProtocol() {
        RuleDecl r = rule("allow out {tcp, udp, icmp, icmpv6}");
        assertEquals(List.of(Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ICMPV6),
                r.protocols().stream().map(Located::value).toList());
        assertSpan(r.protocols().get(3).span(), 2, 32, 6);
    }

    @Test
    void fullRuleWithEveryPart() {
        RuleDecl r = rule("deny in udp from {host 192.0.2.1, cidr 10.0.0.0/8} port {53, 5353} log comment \"why \\\"not\\\"\"");
        assertEquals(Verdict.DENY, r.verdict().value());
        assertEquals(Direction.IN, r.direction().orElseThrow().value());
        assertEquals(PeerKeyword.FROM, r.peer().orElseThrow().keyword().value());
        assertEquals(2, r.peer().orElseThrow().endpoints().size());
        assertEquals(2, r.ports().size());
        assertTrue(r.log().isPresent());
        assertEquals("why \"not\"", r.comment().orElseThrow().value());
    }

    @Test
    void ruleWithoutDirectionKeepsPeerKeywordForTheChecker() {
        RuleDecl r = rule("allow tcp to any");
        assertEquals(Optional.empty(), r.direction());
        assertEquals(PeerKeyword.TO, r.peer().orElseThrow().keyword().value());
        assertSpan(r.peer().orElseThrow().keyword().span(), 2, 15, 2);
    }

    @Test
    void semanticMistakesAreNotTheParsersBusiness() {
        // undefined names, 'in ... to', port without tcp/udp, bad addresses, duplicates: all parse
        SourceUnit unit = parseClean("""
                policy p {
                    allow in tcp to $nowhere port 0
                    allow out icmp port 99999
                    allow out to host 999.1.1.1
                    allow out to cidr 10.0.0.1/8
                    allow
                }
                policy p { }
                define ports x = 9000-80
                define ports x = 1
                """);
        assertEquals(2, unit.policies().size());
        assertEquals(5, unit.policies().get(0).items().size());
    }

    @Test
    void keywordsNeedNoSeparatingNewlinesOrTerminators() {
        PolicyDecl p = policy(parseClean("policy p{allow out tcp to any deny in default deny}"));
        assertEquals(3, p.items().size());
    }

    @Test
    void severalPoliciesAndEverythingTogether() {
        SourceUnit unit = parseClean(Samples.ALL_CONSTRUCTS);
        assertEquals(2, unit.includes().size());
        assertEquals(4, unit.defines().size());
        assertEquals(List.of("all-things", "second"), unit.policies().stream().map(p -> p.name().text()).toList());
        assertEquals(14, unit.policies().get(0).items().size());
        assertTrue(unit.policies().get(1).trivia().blankLineBefore());
        for (var span : SpanChecks.spans(unit)) {
            SpanChecks.assertInside(ParseTesting.FILE, Samples.ALL_CONSTRUCTS, span);
        }
    }

    @Test
    void commentsAreNotTokens() {
        RuleDecl r = rule("allow # in the middle\n out # more\n tcp");
        assertEquals(Direction.OUT, r.direction().orElseThrow().value());
        assertEquals(Protocol.TCP, r.protocols().get(0).value());
    }

    @Test
    void columnsCountUtf16UnitsAfterCharactersOutsideTheBmp() {
        RuleDecl r = rule("allow out to dns \"\uD83D\uDE00\" port 80");
        EndpointNode.Dns dns = (EndpointNode.Dns) r.peer().orElseThrow().endpoints().get(0);
        assertEquals("\uD83D\uDE00", dns.name());
        assertSpan(dns.span(), 2, 22, 4);
        assertSpan(r.portKeyword().orElseThrow(), 2, 27, 4);
    }
}
