package dev.policyc.core.eval;

import static dev.policyc.core.ir.Direction.IN;
import static dev.policyc.core.ir.Direction.OUT;
import static dev.policyc.core.ir.Protocol.ICMP;
import static dev.policyc.core.ir.Protocol.ICMPV6;
import static dev.policyc.core.ir.Protocol.TCP;
import static dev.policyc.core.ir.Protocol.UDP;
import static dev.policyc.core.ir.Verdict.ALLOW;
import static dev.policyc.core.ir.Verdict.DENY;
import static dev.policyc.core.testing.TestIr.address;
import static dev.policyc.core.testing.TestIr.block;
import static dev.policyc.core.testing.TestIr.defaultAction;
import static dev.policyc.core.testing.TestIr.flow;
import static dev.policyc.core.testing.TestIr.line;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.ports;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import com.google.common.collect.Range;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdicts of the language page's example policy, built as IR by hand, and the matching rules. */
class ReferenceEvaluatorTest {

    // The example "webapp" policy, with dns "api.github.com" and resolver already bound.
    private final Rule database = rule(ALLOW, OUT).protocols(TCP).peer("10.20.0.0/16").ports(PortSet.of(5432)).line(5).build();
    private final Rule github = rule(ALLOW, OUT).protocols(TCP)
            .peer(new Endpoint.Block(address("140.82.112.5").toPrefixBlock(32), "dns \"api.github.com\"", line(6)))
            .ports(ports(Range.singleton(80), Range.singleton(443))).line(6).build();
    private final Rule cloudflareDns = rule(ALLOW, OUT).protocols(TCP, UDP)
            .peer("1.1.1.1", "1.0.0.1", "2606:4700:4700::1111").ports(PortSet.of(53)).line(7).build();
    private final Rule resolverDns = rule(ALLOW, OUT).protocols(TCP, UDP).peer("192.0.2.53").ports(PortSet.of(53)).line(8).build();
    private final Rule web = rule(ALLOW, IN).protocols(TCP).ports(PortSet.of(8080)).line(9).build();
    private final Rule ssh = rule(ALLOW, IN).protocols(TCP).peer("192.168.1.0/24").ports(PortSet.of(22)).line(10).build();
    private final Rule denied = rule(DENY, OUT).peer("10.20.99.0/24").log().line(11).build();
    private final Rule ping = rule(ALLOW, OUT).protocols(ICMP).peer("192.0.2.0/24").line(12).build();
    private final PolicyIr webapp = policy(database, github, cloudflareDns, resolverDns, web, ssh, denied, ping);

    private Decision eval(Flow flow) {
        return ReferenceEvaluator.evaluate(webapp, flow);
    }

    @Test
    void allowRuleDecides() {
        Decision d = eval(flow(OUT, TCP, "10.20.1.1", 5432));
        assertEquals(ALLOW, d.verdict());
        assertEquals(List.of(database), d.deciding());
        assertFalse(d.isDefault());
        assertFalse(d.logged());
    }

    @Test
    void denyWinsOverAllowAndListsTheAllowItOverrides() {
        Decision d = eval(flow(OUT, TCP, "10.20.99.7", 5432));
        assertEquals(DENY, d.verdict());
        assertEquals(List.of(denied), d.deciding());
        assertEquals(List.of(database), d.overridden());
        assertTrue(d.logged());
    }

    @Test
    void denyWinsWhateverTheRuleOrder() {
        Flow flow = flow(OUT, TCP, "10.20.99.7", 5432);
        PolicyIr reversed = webapp.withRules(ImmutableList.copyOf(Lists.reverse(webapp.rules())));
        assertEquals(eval(flow), ReferenceEvaluator.evaluate(reversed, flow));
        PolicyIr denyFirst = policy(denied, database);
        PolicyIr denyLast = policy(database, denied);
        assertEquals(DENY, ReferenceEvaluator.verdict(denyFirst, flow));
        assertEquals(DENY, ReferenceEvaluator.verdict(denyLast, flow));
    }

    @Test
    void denyRuleWithoutProtocolCoversEveryProtocol() {
        assertEquals(DENY, eval(flow(OUT, ICMP, "10.20.99.1")).verdict());
        assertEquals(DENY, eval(flow(OUT, 47, "10.20.99.1")).verdict());
        assertEquals(DENY, eval(flow(OUT, UDP, "10.20.99.1", 53)).verdict());
        // The deny rule is out only.
        assertTrue(eval(flow(IN, TCP, "10.20.99.1", 8080)).deciding().contains(web));
    }

    @Test
    void noMatchingRuleFallsToTheImplicitDeny() {
        Decision d = eval(flow(OUT, TCP, "10.20.1.1", 5433));
        assertEquals(DENY, d.verdict());
        assertTrue(d.deciding().isEmpty());
        assertEquals(Optional.of(DefaultAction.implicitDeny()), d.byDefault());
        assertFalse(d.logged());
    }

    @Test
    void peerListMatchesEachOfItsEndpointsAndNothingElse() {
        assertEquals(ALLOW, eval(flow(OUT, UDP, "1.1.1.1", 53)).verdict());
        assertEquals(ALLOW, eval(flow(OUT, TCP, "1.0.0.1", 53)).verdict());
        assertEquals(ALLOW, eval(flow(OUT, UDP, "2606:4700:4700::1111", 53)).verdict());
        assertEquals(DENY, eval(flow(OUT, UDP, "1.1.1.2", 53)).verdict());
        assertEquals(DENY, eval(flow(OUT, UDP, "2606:4700:4700::1112", 53)).verdict());
        assertEquals(DENY, eval(flow(OUT, UDP, "1.1.1.1", 54)).verdict());
    }

    @Test
    void boundDnsAddressesMatchLikeHosts() {
        assertEquals(List.of(github), eval(flow(OUT, TCP, "140.82.112.5", 443)).deciding());
        assertEquals(DENY, eval(flow(OUT, TCP, "140.82.112.5", 22)).verdict());
        assertEquals(DENY, eval(flow(OUT, UDP, "140.82.112.5", 443)).verdict());
    }

    @Test
    void ruleWithoutPeerMatchesEveryAddressOfBothFamilies() {
        assertEquals(List.of(web), eval(flow(IN, TCP, "203.0.113.9", 8080)).deciding());
        assertEquals(List.of(web), eval(flow(IN, TCP, "2001:db8::9", 8080)).deciding());
        assertEquals(DENY, eval(flow(IN, UDP, "203.0.113.9", 8080)).verdict());
    }

    @Test
    void directionMustBeEqual() {
        assertEquals(DENY, eval(flow(IN, TCP, "10.20.1.1", 5432)).verdict());
        assertEquals(DENY, eval(flow(OUT, TCP, "203.0.113.9", 8080)).verdict());
    }

    @Test
    void cidrMatchesFromItsFirstToItsLastAddress() {
        assertEquals(ALLOW, eval(flow(IN, TCP, "192.168.1.0", 22)).verdict());
        assertEquals(ALLOW, eval(flow(IN, TCP, "192.168.1.255", 22)).verdict());
        assertEquals(DENY, eval(flow(IN, TCP, "192.168.0.255", 22)).verdict());
        assertEquals(DENY, eval(flow(IN, TCP, "192.168.2.0", 22)).verdict());
    }

    @Test
    void blocksMatchOnlyTheirOwnFamily() {
        PolicyIr p = policy(rule(ALLOW, OUT).peer("0.0.0.0/0").build(), rule(DENY, IN).peer("::/0").build());
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(OUT, 47, "255.255.255.255")));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(OUT, 47, "::")));
        PolicyIr allIn = policy(defaultAction(ALLOW, false), DefaultAction.implicitDeny(), rule(DENY, IN).peer("::/0").build());
        assertEquals(ALLOW, ReferenceEvaluator.verdict(allIn, flow(IN, TCP, "0.0.0.0", 1)));
        assertEquals(DENY, ReferenceEvaluator.verdict(allIn, flow(IN, TCP, "::", 1)));
    }

    @Test
    void icmpIsIpv4OnlyAndIcmpv6Ipv6Only() {
        PolicyIr p = policy(rule(ALLOW, OUT).protocols(ICMP).build(), rule(ALLOW, IN).protocols(ICMPV6).build());
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(OUT, ICMP, "192.0.2.1")));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(OUT, ICMP, "2001:db8::1")));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(OUT, ICMPV6, "2001:db8::1")));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(IN, ICMPV6, "2001:db8::1")));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(IN, ICMPV6, "192.0.2.1")));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(IN, ICMP, "192.0.2.1")));
        // The example's ping rule: IPv4 echo to 192.0.2.0/24 only.
        assertEquals(List.of(ping), eval(flow(OUT, ICMP, "192.0.2.77")).deciding());
        assertEquals(DENY, eval(flow(OUT, ICMP, "198.51.100.1")).verdict());
    }

    @Test
    void unnamedProtocolIsMatchedOnlyByRulesWithoutProtocol() {
        PolicyIr named = policy(rule(ALLOW, OUT).protocols(TCP, UDP, ICMP, ICMPV6).peer("10.0.0.0/8").build());
        PolicyIr anyProtocol = policy(rule(ALLOW, OUT).peer("10.0.0.0/8").build());
        Flow gre = flow(OUT, 47, "10.1.2.3");
        assertEquals(DENY, ReferenceEvaluator.verdict(named, gre));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(anyProtocol, gre));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(anyProtocol, flow(OUT, 0, "10.1.2.3")));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(anyProtocol, flow(OUT, 255, "10.1.2.3")));
    }

    @Test
    void portRangeIncludesBothEnds() {
        PolicyIr p = policy(rule(ALLOW, OUT).protocols(TCP).ports(PortSet.range(1000, 2000)).build());
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(OUT, TCP, "192.0.2.1", 999)));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(OUT, TCP, "192.0.2.1", 1000)));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(OUT, TCP, "192.0.2.1", 2000)));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(OUT, TCP, "192.0.2.1", 2001)));
    }

    @Test
    void extremePorts() {
        PolicyIr p = policy(rule(ALLOW, IN).protocols(UDP).ports(ports(Range.singleton(1), Range.singleton(65535))).build());
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(IN, UDP, "192.0.2.1", 1)));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(IN, UDP, "192.0.2.1", 2)));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(IN, UDP, "192.0.2.1", 65534)));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(IN, UDP, "192.0.2.1", 65535)));
    }

    @Test
    void ruleWithPortsNeverMatchesAFlowWithoutPort() {
        PolicyIr p = policy(rule(DENY, OUT).protocols(TCP, UDP).ports(PortSet.range(1, 65535)).build());
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(OUT, TCP, "192.0.2.1", 7)));
        PolicyIr allowByDefault = policy(DefaultAction.implicitDeny(), defaultAction(ALLOW, false), p.rules().get(0));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(allowByDefault, flow(OUT, ICMP, "192.0.2.1")));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(allowByDefault, flow(OUT, 47, "192.0.2.1")));
    }

    @Test
    void defaultsApplyPerDirection() {
        DefaultAction allowOut = defaultAction(ALLOW, false);
        PolicyIr p = policy(DefaultAction.implicitDeny(), allowOut, rule(DENY, OUT).protocols(UDP).build());
        Decision out = ReferenceEvaluator.evaluate(p, flow(OUT, TCP, "8.8.8.8", 443));
        assertEquals(ALLOW, out.verdict());
        assertEquals(Optional.of(allowOut), out.byDefault());
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(OUT, UDP, "8.8.8.8", 53)));
        assertEquals(DENY, ReferenceEvaluator.verdict(p, flow(IN, TCP, "8.8.8.8", 443)));
    }

    @Test
    void defaultAllowInBothDirections() {
        PolicyIr p = policy(defaultAction(ALLOW, false), defaultAction(ALLOW, false));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(IN, TCP, "2001:db8::1", 22)));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(OUT, 47, "192.0.2.1")));
    }

    @Test
    void loggingDefaultIsReported() {
        DefaultAction denyLogged = defaultAction(DENY, true);
        PolicyIr p = policy(DefaultAction.implicitDeny(), denyLogged);
        Decision d = ReferenceEvaluator.evaluate(p, flow(OUT, TCP, "192.0.2.1", 80));
        assertTrue(d.logged());
        assertTrue(d.isDefault());
        assertFalse(ReferenceEvaluator.evaluate(p, flow(IN, TCP, "192.0.2.1", 80)).logged());
    }

    @Test
    void everyMatchingRuleOfTheWinningVerdictIsListedInPolicyOrder() {
        Rule a = rule(ALLOW, OUT).protocols(TCP).line(3).build();
        Rule b = rule(ALLOW, OUT).peer("192.0.2.0/24").line(4).build();
        Rule c = rule(ALLOW, OUT).peer("198.51.100.0/24").line(5).build();
        Decision d = ReferenceEvaluator.evaluate(policy(a, b, c), flow(OUT, TCP, "192.0.2.1", 80));
        assertEquals(List.of(a, b), d.deciding());
        assertTrue(d.overridden().isEmpty());
    }

    @Test
    void unboundPolicyIsAProgrammingError() {
        Rule dns = rule(ALLOW, OUT).peer(new Endpoint.DnsName("example.com", line(3))).build();
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceEvaluator.evaluate(policy(dns), flow(OUT, TCP, "192.0.2.1", 80)));
        Rule resolver = rule(ALLOW, OUT).peer(block("0.0.0.0/0"), new Endpoint.Resolver(line(4))).build();
        assertThrows(IllegalArgumentException.class, () -> ReferenceEvaluator.matches(resolver, flow(OUT, TCP, "192.0.2.1", 80)));
    }

    @Test
    void decisionRejectsInconsistentReasons() {
        Rule allow = rule(ALLOW, OUT).build();
        Rule deny = rule(DENY, OUT).build();
        Optional<DefaultAction> none = Optional.empty();
        assertThrows(IllegalArgumentException.class, () -> new Decision(DENY, ImmutableList.of(), ImmutableList.of(), none));
        assertThrows(IllegalArgumentException.class, () -> new Decision(DENY, ImmutableList.of(allow), ImmutableList.of(), none));
        assertThrows(IllegalArgumentException.class,
                () -> new Decision(ALLOW, ImmutableList.of(allow), ImmutableList.of(allow), none));
        assertThrows(IllegalArgumentException.class,
                () -> new Decision(DENY, ImmutableList.of(deny), ImmutableList.of(), Optional.of(DefaultAction.implicitDeny())));
        assertThrows(IllegalArgumentException.class,
                () -> new Decision(ALLOW, ImmutableList.of(), ImmutableList.of(), Optional.of(DefaultAction.implicitDeny())));
    }
}
