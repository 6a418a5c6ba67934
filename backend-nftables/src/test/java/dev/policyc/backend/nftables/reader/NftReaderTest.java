package dev.policyc.backend.nftables.reader;

import static dev.policyc.backend.nftables.reader.NftScripts.errors;
import static dev.policyc.backend.nftables.reader.NftScripts.file;
import static dev.policyc.backend.nftables.reader.NftScripts.meaning;
import static dev.policyc.backend.nftables.reader.NftScripts.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.core.backend.Artifact;
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
import dev.policyc.core.verify.ReadResult;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader on hand-written files: what each construct means, and what it refuses. */
class NftReaderTest {

    private static final List<String> BASE_IN = List.of(
            "iif \"lo\" counter accept comment \"base: loopback\"",
            "ct state established,related counter accept",
            "ct state invalid counter drop",
            "icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } counter accept");

    @Test
    void isFoundByServiceLoaderForTheNftablesTarget() {
        ArtifactReaders readers = ArtifactReaders.discover();
        assertTrue(readers.find("nftables").orElseThrow() instanceof NftReader);
        assertEquals(Backends.discover().find("nftables").orElseThrow().id(), new NftReader().targetId());
    }

    @Test
    void baseRulesDecideNoFlowOfTheModel() {
        assertTrue(meaning(file(BASE_IN, List.of("oif \"lo\" accept", "ct state invalid drop"))).accepted().isEmpty());
        // With policy accept, the base rules' drop of invalid packets takes no new flow away.
        String open = file(BASE_IN, List.of()).replace("hook input priority 0; policy drop", "hook input priority 0; policy accept");
        assertEquals(every(Direction.IN), meaning(open).accepted());
    }

    @Test
    void theFirstRuleThatMatchesDecides() {
        String denyFirst = file(List.of("ct state new ip saddr 10.0.0.0/8 counter drop", "ct state new tcp dport 22 counter accept"), List.of());
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/8").build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(22)).build())),
                meaning(denyFirst).accepted());
        String acceptFirst = file(List.of("ct state new tcp dport 22 counter accept", "ct state new ip saddr 10.0.0.0/8 counter drop"), List.of());
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(22)).build())),
                meaning(acceptFirst).accepted());
    }

    @Test
    void rulesWithoutAVerdictDecideNothing() {
        String text = file(List.of("ct state new counter log prefix \"seen: \"", "counter comment \"default deny in\""), List.of());
        assertTrue(meaning(text).accepted().isEmpty());
    }

    @Test
    void ctStateMatchesNewFlowsOnlyWhenItSaysNew() {
        String text = file(List.of("ct state { new, established } tcp dport 80 accept", "ct state related udp dport 53 accept"), List.of());
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(80)).build())),
                meaning(text).accepted());
    }

    @Test
    void theRemoteAddressIsTheSourceComingInAndTheDestinationGoingOut() {
        String text = file(List.of("ip6 saddr 2001:db8::/32 meta l4proto tcp accept"),
                List.of("ip daddr { 192.0.2.1, 198.51.100.0/24 } udp dport { 53, 5353-5354 } accept"));
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("2001:db8::/32").build(),
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("192.0.2.1", "198.51.100.0/24")
                        .ports(TestIr.ports(Range.singleton(53), Range.closed(5353, 5354))).build())),
                meaning(text).accepted());
    }

    @Test
    void familiesAndProtocolsByNameAndNumber() {
        String text = file(List.of(), List.of("meta nfproto ipv4 meta l4proto icmp accept", "meta l4proto 47 accept",
                "meta nfproto ipv6 meta l4proto ipv6-icmp accept"));
        ArtifactMeaning m = meaning(text);
        assertTrue(m.accepted().contains(TestIr.flow(Direction.OUT, Protocol.ICMP, "192.0.2.1")));
        assertFalse(m.accepted().contains(TestIr.flow(Direction.OUT, 1, "2001:db8::1")), "icmp was kept to IPv4");
        assertTrue(m.accepted().contains(TestIr.flow(Direction.OUT, 47, "2001:db8::1")));
        assertTrue(m.accepted().contains(TestIr.flow(Direction.OUT, Protocol.ICMPV6, "2001:db8::1")));
        assertFalse(m.accepted().contains(TestIr.flow(Direction.OUT, Protocol.TCP, "192.0.2.1", 80)));
    }

    @Test
    void echoRequestsAreTheIcmpFlowsOfTheModel() {
        // In an inet table nft keeps icmpv6 type to IPv6 (it adds meta nfproto ipv6), as it does icmp type to IPv4.
        String text = file(List.of("icmpv6 type { echo-request, echo-reply } accept",
                "ip saddr 192.0.2.0/24 icmp type echo-reply accept"), List.of());
        assertEquals(FlowSet.box(Set.of(Direction.IN), ImmutableRangeSet.of(Range.singleton(58)),
                List.of(new IPAddressString("::/0").getAddress()), Optional.empty()), meaning(text).accepted());
    }

    @Test
    void namedSetsHoldTheAddressesOfARule() {
        String text = "table inet policyc_p {\n"
                + "  set r1_v4 { type ipv4_addr; flags interval; comment \"p.policy:3\"\n"
                + "    elements = {\n      10.0.0.0/8,\n      192.0.2.1\n    }\n  }\n"
                + "  set r2_v6 { type ipv6_addr; elements = { 2001:db8::1, 2001:db8::2 } }\n"
                + "  chain output { type filter hook output priority filter; policy drop;\n"
                + "    ct state new ip daddr @r1_v4 tcp dport 443 accept\n"
                + "    ct state new ip6 daddr @r2_v6 accept\n  }\n}\n";
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8", "192.0.2.1").ports(PortSet.of(443)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.OUT).peer("2001:db8::1", "2001:db8::2").build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).build())),
                meaning(text).accepted(), "no input chain: every incoming flow passes");
    }

    @Test
    void everyBaseChainOfAHookMustAccept() {
        String text = "table inet policyc_p {\n"
                + "  chain a { type filter hook input priority 0; policy drop; tcp dport 22 accept; }\n"
                + "  chain b { type filter hook input priority 10; policy accept; ip saddr 10.0.0.0/8 drop; }\n"
                + "  chain c { type filter hook output priority 0; policy drop; }\n"
                + "}\n";
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(22)).build(),
                TestIr.rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/8").build())),
                meaning(text).accepted());
    }

    @Test
    void portZeroIsNoPortOfAFlow() {
        String text = file(List.of("tcp dport 0-10 accept", "udp dport 0 accept"), List.of());
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP)
                .ports(PortSet.range(1, 10)).build())), meaning(text).accepted());
    }

    @Test
    void eachDecidingStatementKnowsWhatItDecides() {
        List<String> output = List.of("ct state new ip daddr 10.9.0.0/16 counter drop comment \"p.policy:4\"",
                "ct state new ip daddr 10.0.0.0/8 tcp dport 443 counter accept comment \"p.policy:3\"");
        ArtifactMeaning m = meaning(file(List.of(), output));
        Flow dropped = TestIr.flow(Direction.OUT, Protocol.TCP, "10.9.1.1", 443);
        ArtifactRule drop = m.decidedBy(dropped).orElseThrow();
        assertEquals(NftScripts.outputRuleLine(List.of(), 0), drop.location().line());
        assertEquals(output.get(0), drop.text());
        assertEquals(Verdict.DENY, drop.verdict());
        Flow accepted = TestIr.flow(Direction.OUT, Protocol.TCP, "10.1.1.1", 443);
        assertEquals(output.get(1), m.decidedBy(accepted).orElseThrow().text());
        Flow byPolicy = TestIr.flow(Direction.OUT, Protocol.UDP, "10.1.1.1", 443);
        assertEquals("type filter hook output priority 0; policy drop;", m.decidedBy(byPolicy).orElseThrow().text());
        assertEquals(Verdict.DENY, m.verdict(byPolicy));
    }

    @Test
    void whatTheReaderDoesNotKnowIsAnErrorAtItsLine() {
        List<String> input = List.of("ct state new ip dscp 10 accept", "tcp dport 22 accept", "ct state new tcp flags syn accept");
        List<Diagnostic> found = errors(file(input, List.of()));
        assertEquals(List.of(NftReader.UNSUPPORTED, NftReader.UNSUPPORTED), found.stream().map(Diagnostic::code).toList());
        assertEquals(List.of(NftScripts.FIRST_INPUT_RULE, NftScripts.FIRST_INPUT_RULE + 2), found.stream().map(d -> d.span().line()).toList());
        assertEquals("p.nft", found.get(0).span().file());
        assertEquals("the reader does not know 'ip dscp'", found.get(0).message());
        assertEquals(19, found.get(0).span().column(), "at 'dscp', after two tabs and 'ct state new ip '");
    }

    @Test
    void otherStatementsAreRefusedToo() {
        for (String rule : List.of("reject", "jump other", "ip saddr != 10.0.0.0/8 accept", "ct state new counter packets 1 bytes 2 accept",
                "log level warn accept", "tcp dport http accept", "meta mark 1 accept", "meta l4proto frobnicate accept",
                "icmp type bogus accept", "ct state bogus accept", "meta nfproto arp accept", "ip saddr 10.0.0.0/8 accept accept",
                "accept ip saddr 10.0.0.0/8", "accept comment \"a\" drop")) {
            errors(file(List.of(rule), List.of()));
        }
    }

    @Test
    void whatNftWouldRefuseIsAnError() {
        assertCodes(NftReader.UNSUPPORTED, file(List.of("ip saddr 10.0.0.1/8 accept"), List.of()));
        assertCodes(NftReader.INVALID, file(List.of("ip saddr 2001:db8::1 accept"), List.of()));
        assertCodes(NftReader.UNSUPPORTED, file(List.of("ip saddr 010.0.0.1 accept"), List.of()));
        assertCodes(NftReader.INVALID, file(List.of("tcp dport 70000 accept"), List.of()));
        assertCodes(NftReader.INVALID, file(List.of("ip saddr @nowhere accept"), List.of()));
        String withSet = "table inet policyc_p {\n  set s { type ipv4_addr; elements = { 10.0.0.0/8 } }\n"
                + "  set t { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 10.1.0.0/16 } }\n"
                + "  set u { type ipv4_addr; elements = { 10.0.0.1 } }\n"
                + "  chain input { type filter hook input priority 0; policy drop; ip6 saddr @u accept; }\n}\n";
        List<Diagnostic> found = errors(withSet);
        assertEquals(List.of(2, 3, 5), found.stream().map(d -> d.span().line()).toList(), found.toString());
        assertTrue(found.stream().allMatch(d -> d.code().equals(NftReader.INVALID)), found.toString());
        String deletesNothing = file(List.of(), List.of()).replace("table inet policyc_p {}\n", "");
        assertCodes(NftReader.INVALID, deletesNothing);
    }

    @Test
    void matchesOutsideTheFlowModelAreErrors() {
        assertCodes(NftReader.OUTSIDE_MODEL, file(List.of("ip daddr 10.0.0.1 accept"), List.of()));
        assertCodes(NftReader.OUTSIDE_MODEL, file(List.of(), List.of("ip6 saddr 2001:db8::1 accept")));
        assertCodes(NftReader.OUTSIDE_MODEL, file(List.of("tcp sport 22 accept"), List.of()));
        assertCodes(NftReader.OUTSIDE_MODEL, file(List.of("th dport 53 accept"), List.of()));
        assertCodes(NftReader.OUTSIDE_MODEL, file(List.of("meta l4proto { tcp, udp, icmp } th dport 53 accept"), List.of()));
        assertCodes(NftReader.OUTSIDE_MODEL, file(List.of(), List.of("oif \"eth0\" accept")));
        assertCodes(NftReader.UNSUPPORTED, file(List.of(), List.of("iif \"lo\" accept")));
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP, Protocol.UDP)
                .ports(PortSet.of(53)).build())), meaning(file(List.of("meta l4proto { tcp, udp } th dport 53 accept"), List.of())).accepted());
    }

    @Test
    void filesMustHoldOnePolicysTableEach() {
        assertCodes(NftReader.LAYOUT, file(List.of(), List.of()) + "table inet policyc_q {\n}\n");
        assertCodes(NftReader.LAYOUT, file(List.of(), List.of()).replace("policyc_p", "filter"));
        assertCodes(NftReader.LAYOUT, "# nothing\n");
        assertCodes(NftReader.UNSUPPORTED, file(List.of(), List.of()).replace("inet", "ip"));
        assertTrue(new NftReader().read(List.of(Artifact.file("p.rules", "table inet policyc_p {\n}\n")))
                .hasErrors());
        ReadResult twice = new NftReader().read(List.of(Artifact.file("a.nft", file(List.of(), List.of())),
                Artifact.file("b.nft", file(List.of(), List.of()))));
        assertEquals(List.of(NftReader.LAYOUT), twice.diagnostics().stream().map(Diagnostic::code).toList());
        assertFalse(twice.policies().containsKey("p"), "neither file is taken as the policy's");
    }

    @Test
    void brokenStructureIsASyntaxError() {
        assertCodes(NftReader.SYNTAX, file(List.of("tcp dport 22 accept comment \"unclosed"), List.of()));
        assertCodes(NftReader.SYNTAX, file(List.of(), List.of()) + "}\n");
        assertCodes(NftReader.SYNTAX, "table inet policyc_p {\n  chain input { type filter hook input priority 0; policy drop;\n");
        assertCodes(NftReader.SYNTAX, file(List.of("tcp dport { 22, 80 accept"), List.of()));
        assertCodes(NftReader.UNSUPPORTED, "table inet policyc_p {\n  chain helper {\n    accept\n  }\n}\n");
        assertCodes(NftReader.UNSUPPORTED, "table inet policyc_p {\n  chain f { type filter hook forward priority 0; }\n}\n");
        assertCodes(NftReader.UNSUPPORTED, "flush ruleset\n" + file(List.of(), List.of()));
    }

    @Test
    void aChainWithoutPolicyAcceptsWhatItDoesNotDecide() {
        String text = "table inet policyc_p {\n  chain input {\n    type filter hook input priority 0\n    tcp dport 22 drop\n  }\n}\n";
        assertEquals(FlowSet.all().difference(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(22)).build()))),
                meaning(text).accepted());
    }

    private static void assertCodes(String code, String text) {
        List<Diagnostic> found = errors(text);
        assertTrue(found.stream().anyMatch(d -> d.code().equals(code)), "expected " + code + " in " + found + " for:\n" + text);
    }

    private static FlowSet every(Direction direction) {
        return FlowSet.box(Set.of(direction), ImmutableRangeSet.of(Range.closed(0, 255)),
                List.of(new IPAddressString("0.0.0.0/0").getAddress(), new IPAddressString("::/0").getAddress()), Optional.empty());
    }
}
