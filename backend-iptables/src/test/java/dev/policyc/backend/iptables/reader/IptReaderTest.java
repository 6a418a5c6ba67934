package dev.policyc.backend.iptables.reader;

import static dev.policyc.backend.iptables.reader.IptFiles.CLOSED;
import static dev.policyc.backend.iptables.reader.IptFiles.errors;
import static dev.policyc.backend.iptables.reader.IptFiles.file;
import static dev.policyc.backend.iptables.reader.IptFiles.meaning;
import static dev.policyc.backend.iptables.reader.IptFiles.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ArtifactReaders;
import dev.policyc.core.verify.ArtifactRule;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader on hand-written files: what each construct means (the refusals are in {@link IptReaderRefusalsTest}). */
class IptReaderTest {

    private static final String EVERY_V4 = "0.0.0.0/0";

    @Test
    void isFoundByServiceLoaderForTheIptablesTarget() {
        ArtifactReaders readers = ArtifactReaders.discover();
        assertTrue(readers.find("iptables").orElseThrow() instanceof IptReader);
        assertEquals(Backends.discover().find("iptables").orElseThrow().id(), new IptReader().targetId());
    }

    @Test
    void baseRulesDecideNoFlowOfTheModel() {
        List<String> base = List.of(
                "-A INPUT -i lo -m comment --comment \"base: loopback\" -j ACCEPT",
                "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A INPUT -m conntrack --ctstate INVALID -j DROP",
                "-A OUTPUT -o lo -j ACCEPT",
                "-A OUTPUT -m conntrack --ctstate UNTRACKED -j ACCEPT");
        List<String> neighbourDiscovery = List.of(
                "-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 135 -j ACCEPT",
                "-A OUTPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-advertisement -j ACCEPT");
        assertTrue(meaning(file("DROP", "DROP", base), file("DROP", "DROP", neighbourDiscovery)).accepted().isEmpty());
        // With policy ACCEPT, the drop of invalid packets takes no new flow away.
        assertEquals(every(Direction.IN, EVERY_V4), meaning(file("ACCEPT", "DROP", base)).accepted());
    }

    @Test
    void theFirstRuleThatMatchesDecides() {
        String denyFirst = file("-A INPUT -s 10.0.0.0/8 -m conntrack --ctstate NEW -j DROP",
                "-A INPUT -p tcp -m conntrack --ctstate NEW -m tcp --dport 22 -j ACCEPT");
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/8").build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.TCP).ports(PortSet.of(22)).build())),
                meaning(denyFirst).accepted());
        String acceptFirst = file("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT", "-A INPUT -s 10.0.0.0/8 -j DROP");
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.TCP).ports(PortSet.of(22)).build())),
                meaning(acceptFirst).accepted());
    }

    @Test
    void logAndRulesWithoutATargetLetFlowsGoOn() {
        String text = file("-A OUTPUT -p tcp -m comment --comment \"x\" -j LOG --log-prefix \"p:3 \"", "-A OUTPUT -p udp",
                "-A OUTPUT -p tcp -j ACCEPT");
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.OUT).peer(EVERY_V4).protocols(Protocol.TCP).build())),
                meaning(text).accepted());
        assertTrue(meaning(file("-A OUTPUT -j LOG")).accepted().isEmpty());
    }

    @Test
    void jumpsReturnAndFallThroughAsNetfilterDoes() {
        String text = file("DROP", "DROP", List.of(
                ":A - [0:0]",
                ":B - [0:0]",
                "-A INPUT -j A",
                "-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT",
                "-A A -s 10.0.0.0/8 -j RETURN",
                "-A A -j B",
                "-A A -p tcp -j ACCEPT",
                "-A B -p udp -j DROP",
                "-A OUTPUT -j B",
                "-A OUTPUT -j RETURN",
                "-A OUTPUT -j ACCEPT"));
        // In: tcp from outside 10/8 is accepted in A, udp dropped in B; from 10/8 A returns and only tcp 22 is accepted.
        // Out: B drops udp, the rest returns to OUTPUT, whose RETURN hands it to the policy, drop.
        FlowSet outside10 = PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/8").build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.TCP).build()));
        FlowSet inside10 = PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer("10.0.0.0/8").protocols(Protocol.TCP).ports(PortSet.of(22)).build()));
        assertEquals(outside10.union(inside10), meaning(text).accepted());
    }

    @Test
    void aChainCalledTwiceDecidesForBothCallers() {
        String text = file("DROP", "DROP", List.of(":C - [0:0]", "-A C -p tcp -j ACCEPT", "-A C -j RETURN",
                "-A INPUT -j C", "-A OUTPUT -d 192.0.2.0/24 -j C"));
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.TCP).build(),
                TestIr.rule(Verdict.ALLOW, Direction.OUT).peer("192.0.2.0/24").protocols(Protocol.TCP).build())),
                meaning(text).accepted());
    }

    @Test
    void theRemoteAddressIsTheSourceComingInAndTheDestinationGoingOut() {
        String v4 = file("-A OUTPUT -d 192.0.2.1/32 -p udp -m multiport --dports 53,5353:5354 -j ACCEPT",
                "-A OUTPUT -d 198.51.100.0/24 -p udp -m udp --dport 53 -j ACCEPT");
        String v6 = file("-A INPUT -s 2001:db8::/32 -p tcp -j ACCEPT");
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("2001:db8::/32").build(),
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("192.0.2.1")
                        .ports(TestIr.ports(Range.singleton(53), Range.closed(5353, 5354))).build(),
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("198.51.100.0/24").ports(PortSet.of(53)).build())),
                meaning(v4, v6).accepted());
    }

    @Test
    void eachFileSpeaksForItsFamilyOnly() {
        ArtifactMeaning open = meaning(file("ACCEPT", "ACCEPT", List.of()), CLOSED);
        assertEquals(every(Direction.IN, EVERY_V4).union(every(Direction.OUT, EVERY_V4)), open.accepted());
        ArtifactMeaning openV6 = meaning(CLOSED, file("ACCEPT", "DROP", List.of()));
        assertEquals(every(Direction.IN, "::/0"), openV6.accepted());
    }

    @Test
    void portRangesOpenAtEitherEndAndPortZeroIsNoPortOfAFlow() {
        String text = file("-A INPUT -p tcp -m tcp --dport :10 -j ACCEPT", "-A INPUT -p udp -m udp --dport 60000: -j ACCEPT",
                "-A INPUT -p udp -m udp --dport 0 -j ACCEPT");
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.TCP).ports(PortSet.range(1, 10)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.UDP).ports(PortSet.range(60000, 65535)).build())),
                meaning(text).accepted());
    }

    @Test
    void protocolsByNameAndNumber() {
        String v4 = file("-A OUTPUT -p 47 -j ACCEPT", "-A OUTPUT -p ICMP -j ACCEPT");
        String v6 = file("-A OUTPUT -p icmp -j ACCEPT", "-A INPUT -p all -j ACCEPT");
        ArtifactMeaning m = meaning(v4, v6);
        assertTrue(m.accepted().contains(TestIr.flow(Direction.OUT, 47, "192.0.2.1")));
        assertFalse(m.accepted().contains(TestIr.flow(Direction.OUT, 47, "2001:db8::1")));
        assertTrue(m.accepted().contains(TestIr.flow(Direction.OUT, Protocol.ICMP, "192.0.2.1")));
        assertTrue(m.accepted().contains(TestIr.flow(Direction.OUT, 1, "2001:db8::1")), "ip6tables takes -p icmp as protocol 1");
        assertFalse(m.accepted().contains(TestIr.flow(Direction.OUT, Protocol.TCP, "192.0.2.1", 80)));
        assertEquals(every(Direction.IN, "::/0"), m.accepted().intersection(every(Direction.IN, "::/0").union(every(Direction.IN, EVERY_V4))));
    }

    @Test
    void echoRequestsAreTheIcmpFlowsOfTheModel() {
        String v4 = file("-A INPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT", "-A OUTPUT -p icmp -m icmp --icmp-type 0 -j ACCEPT");
        String v6 = file("-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT",
                "-A OUTPUT -p ipv6-icmp -m icmp6 --icmpv6-type 129 -j ACCEPT");
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.ICMP).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.ICMPV6).build())), meaning(v4, v6).accepted());
    }

    @Test
    void quotedTextIsOneArgumentWhateverItHolds() {
        String text = file("-A INPUT -p tcp -m comment --comment \"\\\" -j ACCEPT\\n-A INPUT -j ACCEPT\\\\\" -j DROP",
                "-A INPUT -p udp -m comment --comment \"# not a comment\" -j ACCEPT");
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.UDP).build())),
                meaning(text).accepted());
    }

    @Test
    void eachDecidingStatementKnowsWhatItDecides() {
        List<String> lines = List.of(":C - [0:0]", "-A OUTPUT -j C", "-A C -d 10.9.0.0/16 -j DROP",
                "-A OUTPUT -d 10.0.0.0/8 -p tcp -m tcp --dport 443 -j ACCEPT");
        ArtifactMeaning m = meaning(file("DROP", "DROP", lines));
        ArtifactRule drop = m.decidedBy(TestIr.flow(Direction.OUT, Protocol.TCP, "10.9.1.1", 443)).orElseThrow();
        assertEquals(IptFiles.FIRST_LINE + 2, drop.location().line());
        assertEquals("p.v4.rules", drop.location().file());
        assertEquals(lines.get(2), drop.text());
        assertEquals(Verdict.DENY, drop.verdict());
        assertEquals(lines.get(3), m.decidedBy(TestIr.flow(Direction.OUT, Protocol.TCP, "10.1.1.1", 443)).orElseThrow().text());
        Flow byPolicy = TestIr.flow(Direction.OUT, Protocol.UDP, "10.1.1.1", 443);
        assertEquals(":OUTPUT DROP [0:0]", m.decidedBy(byPolicy).orElseThrow().text());
        Flow inV6 = TestIr.flow(Direction.OUT, Protocol.UDP, "2001:db8::1", 443);
        assertEquals("p.v6.rules", m.decidedBy(inV6).orElseThrow().location().file());
    }

    @Test
    void aBuiltInPolicyMayStayUnsetWhereNoFlowReachesIt() {
        // As the emitted files have it: the jumped-to chain's last rule decides every flow.
        String text = "*filter\n:C - [0:0]\n-F INPUT\n-F OUTPUT\n-A INPUT -j C\n-A OUTPUT -j DROP\n"
                + "-A C -p tcp -m tcp --dport 22 -j ACCEPT\n-A C -j DROP\nCOMMIT\n";
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).peer(EVERY_V4).protocols(Protocol.TCP).ports(PortSet.of(22)).build())),
                meaning(text).accepted());
        assertEquals(List.of(IptReader.LAYOUT), errors(text.replace("-A C -j DROP\n", "")).stream().map(Diagnostic::code).toList(),
                "without the last rule, flows other than tcp/22 get INPUT's policy, which the file does not set");
        // Packets outside the flow model must not reach it either: every new flow is decided here,
        // but an ICMP error or a packet of an untracked connection would fall to INPUT's policy.
        List<Diagnostic> outside = errors(text.replace("-A C -j DROP\n", "-A C -m conntrack --ctstate NEW -j DROP\n"));
        assertEquals(List.of(IptReader.LAYOUT), outside.stream().map(Diagnostic::code).toList());
        assertTrue(outside.get(0).message().startsWith("packets can reach the end of chain INPUT"), outside.get(0).message());
        // A RETURN ahead of the last rule sends packets back to INPUT, past its jump.
        assertEquals(List.of(IptReader.LAYOUT), errors(text.replace("-A C -p tcp", "-A C -p udp -j RETURN\n-A C -p tcp"))
                .stream().map(Diagnostic::code).toList());
        // A chain jumped to that decides every packet decides them for its caller.
        assertEquals(PolicyMeaning.accepted(policy()), meaning(text.replace("-A C -p tcp -m tcp --dport 22 -j ACCEPT\n",
                ":D - [0:0]\n-A D -j DROP\n").replace("-A C -j DROP\n", "-A C -j D\n")).accepted());
    }

    @Test
    void aChainDeclaredAgainIsEmptied() {
        String text = file("DROP", "DROP", List.of(":C - [0:0]", "-A C -j ACCEPT", "-A INPUT -j C", ":C - [0:0]", "-F",
                ":INPUT ACCEPT", "-A INPUT -j C"));
        assertEquals(every(Direction.IN, EVERY_V4), meaning(text).accepted(), "C is empty, INPUT falls to its policy, accept");
    }

    private static FlowSet every(Direction direction, String addresses) {
        return FlowSet.box(Set.of(direction), ImmutableRangeSet.of(Range.closed(0, 255)),
                List.of(new IPAddressString(addresses).getAddress()), Optional.empty());
    }
}
