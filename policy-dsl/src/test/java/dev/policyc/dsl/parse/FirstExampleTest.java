package dev.policyc.dsl.parse;

import static dev.policyc.dsl.parse.ParseTesting.assertSpan;
import static dev.policyc.dsl.parse.ParseTesting.parseClean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.EndpointNode;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first example of the language spec reads into exactly the AST it describes. */
class FirstExampleTest {

    private static SourceUnit unit;
    private static PolicyDecl webapp;

    @BeforeAll
    static void parse() {
        unit = parseClean(Samples.FIRST_EXAMPLE);
        webapp = unit.policies().get(0);
    }

    @Test
    void fileHoldsTwoDefinesAndOnePolicyInOrder() {
        assertEquals(3, unit.items().size());
        assertInstanceOf(NetDefine.class, unit.items().get(0));
        assertInstanceOf(PortsDefine.class, unit.items().get(1));
        assertInstanceOf(PolicyDecl.class, unit.items().get(2));
        assertEquals(List.of(), unit.includes());
        assertEquals(List.of(), unit.endComments());
        assertEquals(ParseTesting.FILE, unit.file());
    }

    @Test
    void netDefineKeepsItsHostsAsWritten() {
        NetDefine cloudflare = (NetDefine) unit.items().get(0);
        assertEquals("cloudflare", cloudflare.name().text());
        assertEquals("net", cloudflare.kind());
        assertSpan(cloudflare.span(), 2, 1, 6);
        assertSpan(cloudflare.name().span(), 2, 12, 10);
        assertEquals(List.of(
                        new EndpointNode.Host("1.1.1.1", new dev.policyc.core.diag.SourceSpan(ParseTesting.FILE, 2, 32, 7)),
                        new EndpointNode.Host("1.0.0.1", new dev.policyc.core.diag.SourceSpan(ParseTesting.FILE, 2, 46, 7)),
                        new EndpointNode.Host("2606:4700:4700::1111",
                                new dev.policyc.core.diag.SourceSpan(ParseTesting.FILE, 2, 60, 20))),
                cloudflare.endpoints());
        assertEquals(List.of(" webapp.policy"), cloudflare.trivia().leading());
        assertFalse(cloudflare.trivia().blankLineBefore());
    }

    @Test
    void portsDefineKeepsNumbersAsText() {
        PortsDefine web = (PortsDefine) unit.items().get(1);
        assertEquals("web", web.name().text());
        assertEquals("ports", web.kind());
        assertEquals(2, web.ports().size());
        PortItem.Single first = (PortItem.Single) web.ports().get(0);
        assertEquals("80", first.number());
        assertSpan(first.span(), 3, 22, 2);
        assertEquals("443", ((PortItem.Single) web.ports().get(1)).number());
    }

    @Test
    void policyHasItsNameSpansAndEightRules() {
        assertEquals("webapp", webapp.name().text());
        assertSpan(webapp.span(), 5, 1, 6);
        assertSpan(webapp.name().span(), 5, 8, 6);
        assertTrue(webapp.trivia().blankLineBefore());
        assertEquals(8, webapp.items().size());
        assertTrue(webapp.items().stream().allMatch(RuleDecl.class::isInstance));
        assertEquals(List.of(), webapp.closingComments());
    }

    @Test
    void databaseRule() {
        RuleDecl r = rule(0);
        assertEquals(Verdict.ALLOW, r.verdict().value());
        assertSpan(r.span(), 6, 5, 5);
        assertEquals(Direction.OUT, r.direction().orElseThrow().value());
        assertSpan(r.direction().orElseThrow().span(), 6, 11, 3);
        assertEquals(List.of(Protocol.TCP), values(r.protocols()));
        assertEquals(PeerKeyword.TO, r.peer().orElseThrow().keyword().value());
        EndpointNode.Cidr cidr = (EndpointNode.Cidr) r.peer().orElseThrow().endpoints().get(0);
        assertEquals("10.20.0.0/16", cidr.prefix());
        assertSpan(cidr.span(), 6, 27, 12);
        assertSpan(r.portKeyword().orElseThrow(), 6, 40, 4);
        assertEquals("5432", ((PortItem.Single) r.ports().get(0)).number());
        assertEquals("database", r.comment().orElseThrow().value());
        assertSpan(r.comment().orElseThrow().span(), 6, 65, 10);
        assertEquals(Optional.empty(), r.log());
        assertEquals(Optional.empty(), r.trivia().trailing());
    }

    @Test
    void dnsRuleWithPortReference() {
        RuleDecl r = rule(1);
        EndpointNode.Dns dns = (EndpointNode.Dns) r.peer().orElseThrow().endpoints().get(0);
        assertEquals("api.github.com", dns.name());
        assertSpan(dns.span(), 7, 26, 16);
        PortItem.Ref web = (PortItem.Ref) r.ports().get(0);
        assertEquals("web", web.name());
        assertSpan(web.span(), 7, 48, 4);
    }

    @Test
    void protocolListAndNetReference() {
        RuleDecl r = rule(2);
        assertEquals(List.of(Protocol.TCP, Protocol.UDP), values(r.protocols()));
        assertSpan(r.protocols().get(1).span(), 8, 21, 3);
        EndpointNode.Ref ref = (EndpointNode.Ref) r.peer().orElseThrow().endpoints().get(0);
        assertEquals("cloudflare", ref.name());
        assertSpan(ref.span(), 8, 29, 11);
    }

    @Test
    void resolverRuleKeepsItsTrailingComment() {
        RuleDecl r = rule(3);
        assertInstanceOf(EndpointNode.Resolver.class, r.peer().orElseThrow().endpoints().get(0));
        assertEquals(Optional.of(" the container's own nameservers"), r.trivia().trailing());
    }

    @Test
    void inboundRules() {
        RuleDecl anywhere = rule(4);
        assertEquals(Direction.IN, anywhere.direction().orElseThrow().value());
        assertEquals(Optional.empty(), anywhere.peer());
        assertEquals("8080", ((PortItem.Single) anywhere.ports().get(0)).number());
        assertEquals(Optional.of(" from anywhere"), anywhere.trivia().trailing());

        RuleDecl ssh = rule(5);
        assertEquals(PeerKeyword.FROM, ssh.peer().orElseThrow().keyword().value());
        assertSpan(ssh.peer().orElseThrow().keyword().span(), 11, 18, 4);
        assertEquals("192.168.1.0/24", ((EndpointNode.Cidr) ssh.peer().orElseThrow().endpoints().get(0)).prefix());
    }

    @Test
    void denyRuleWithLogAndNoProtocol() {
        RuleDecl r = rule(6);
        assertEquals(Verdict.DENY, r.verdict().value());
        assertEquals(List.of(), r.protocols());
        assertSpan(r.log().orElseThrow(), 12, 36, 3);
        assertEquals(List.of(), r.ports());
        assertEquals(Optional.empty(), r.portKeyword());
        assertEquals(Optional.of(" deny wins over allow"), r.trivia().trailing());
    }

    @Test
    void icmpRule() {
        RuleDecl r = rule(7);
        assertEquals(List.of(Protocol.ICMP), values(r.protocols()));
        assertEquals("192.0.2.0/24", ((EndpointNode.Cidr) r.peer().orElseThrow().endpoints().get(0)).prefix());
    }

    private static RuleDecl rule(int index) {
        return (RuleDecl) webapp.items().get(index);
    }

    private static <T> List<T> values(List<Located<T>> located) {
        return located.stream().map(Located::value).toList();
    }
}
