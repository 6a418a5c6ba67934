package dev.policyc.core.flowset;

import static dev.policyc.core.flowset.Fixtures.SPAN;
import static dev.policyc.core.flowset.Fixtures.flow;
import static dev.policyc.core.flowset.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyMeaningTest {

    private static final DefaultAction ALLOW = new DefaultAction(Verdict.ALLOW, false, Optional.of(SPAN));

    /** The spec's first example, with names already bound to addresses. */
    private static PolicyIr webapp() {
        return policy(DefaultAction.implicitDeny(), DefaultAction.implicitDeny(), List.of(
                rule(Verdict.ALLOW, Direction.OUT, Set.of(Protocol.TCP), List.of("10.20.0.0/16"), Optional.of(PortSet.of(5432))),
                rule(Verdict.ALLOW, Direction.OUT, Set.of(Protocol.TCP, Protocol.UDP),
                        List.of("1.1.1.1", "1.0.0.1", "2606:4700:4700::1111"), Optional.of(PortSet.of(53))),
                rule(Verdict.ALLOW, Direction.IN, Set.of(Protocol.TCP), List.of(), Optional.of(PortSet.of(8080))),
                rule(Verdict.ALLOW, Direction.IN, Set.of(Protocol.TCP), List.of("192.168.1.0/24"), Optional.of(PortSet.of(22))),
                rule(Verdict.DENY, Direction.OUT, Set.of(), List.of("10.20.99.0/24"), Optional.empty()),
                rule(Verdict.ALLOW, Direction.OUT, Set.of(Protocol.ICMP), List.of("192.0.2.0/24"), Optional.empty())));
    }

    private static PolicyIr policy(DefaultAction in, DefaultAction out, List<Rule> rules) {
        return new PolicyIr("webapp", SPAN, in, out, ImmutableList.copyOf(rules));
    }

    @Test
    void theSpecExampleMeansWhatTheSpecSays() {
        FlowSet accepted = PolicyMeaning.accepted(webapp());
        assertTrue(accepted.contains(flow("out tcp 10.20.1.2 5432")));
        assertFalse(accepted.contains(flow("out tcp 10.20.99.2 5432")), "deny wins over allow");
        assertFalse(accepted.contains(flow("out udp 10.20.1.2 5432")));
        assertTrue(accepted.contains(flow("out udp 2606:4700:4700::1111 53")));
        assertFalse(accepted.contains(flow("out udp 2606:4700:4700::1112 53")));
        assertTrue(accepted.contains(flow("in tcp 203.0.113.9 8080")));
        assertTrue(accepted.contains(flow("in tcp 2001:db8::9 8080")), "no peer: both families");
        assertFalse(accepted.contains(flow("in tcp 203.0.113.9 22")));
        assertTrue(accepted.contains(flow("in tcp 192.168.1.200 22")));
        assertTrue(accepted.contains(flow("out icmp 192.0.2.1")));
        assertFalse(accepted.contains(flow("out icmpv6 2001:db8::1")));
        assertFalse(accepted.contains(flow("out 47 192.0.2.1")), "default deny out");
    }

    @Test
    void icmpExistsOnlyInIpv4AndIcmpv6OnlyInIpv6() {
        FlowSet icmp = PolicyMeaning.matched(rule(Verdict.ALLOW, Direction.OUT, Set.of(Protocol.ICMP, Protocol.ICMPV6),
                List.of(), Optional.empty()));
        assertTrue(icmp.contains(flow("out icmp 198.51.100.1")));
        assertTrue(icmp.contains(flow("out icmpv6 2001:db8::1")));
        assertFalse(icmp.contains(flow("out icmp 2001:db8::1")));
        assertFalse(icmp.contains(flow("out icmpv6 198.51.100.1")));
    }

    @Test
    void aRuleWithoutProtocolsMatchesEveryProtocolNumber() {
        FlowSet any = PolicyMeaning.matched(rule(Verdict.DENY, Direction.IN, Set.of(), List.of("2001:db8::/32"), Optional.empty()));
        for (int p = 0; p <= 255; p++) {
            String port = p == 6 || p == 17 ? " 65535" : "";
            assertTrue(any.contains(flow("in " + p + " 2001:db8::1" + port)), "protocol " + p);
            assertFalse(any.contains(flow("out " + p + " 2001:db8::1" + port)), "protocol " + p);
        }
        assertEquals(1, any.boxes().size(), "one box, not 256: " + any.boxes());
    }

    @Test
    void defaultsDecideWhatNoRuleMatches() {
        PolicyIr openIn = policy(ALLOW, DefaultAction.implicitDeny(), List.of(
                rule(Verdict.DENY, Direction.IN, Set.of(Protocol.TCP), List.of(), Optional.of(PortSet.of(22)))));
        FlowSet accepted = PolicyMeaning.accepted(openIn);
        assertTrue(accepted.contains(flow("in udp 10.0.0.1 22")));
        assertTrue(accepted.contains(flow("in 132 ::1")));
        assertFalse(accepted.contains(flow("in tcp 10.0.0.1 22")));
        assertFalse(accepted.contains(flow("out tcp 10.0.0.1 80")));
        assertEquals(PolicyMeaning.matched(openIn.rules().get(0)).complement(),
                accepted.union(FlowSet.box(Set.of(Direction.OUT), ImmutableRangeSet.of(Range.closed(0, 255)),
                        List.of(Fixtures.ip("0.0.0.0/0"), Fixtures.ip("::/0")), Optional.empty())));
    }

    @Test
    void unboundPoliciesAreRejected() {
        Rule unbound = rule(Verdict.ALLOW, Direction.OUT, Set.of(Protocol.TCP), List.of(), Optional.empty())
                .withPeer(Optional.of(ImmutableList.of(new Endpoint.DnsName("example.com", SPAN))));
        assertThrows(IllegalArgumentException.class, () -> PolicyMeaning.matched(unbound));
        assertThrows(IllegalArgumentException.class,
                () -> PolicyMeaning.accepted(policy(ALLOW, ALLOW, List.of(unbound))));
    }

    @Test
    void aPolicyWithoutRulesIsItsDefaults() {
        assertTrue(PolicyMeaning.accepted(policy(DefaultAction.implicitDeny(), DefaultAction.implicitDeny(), List.of())).isEmpty());
        assertTrue(PolicyMeaning.accepted(policy(ALLOW, ALLOW, List.of())).isAll());
    }
}
