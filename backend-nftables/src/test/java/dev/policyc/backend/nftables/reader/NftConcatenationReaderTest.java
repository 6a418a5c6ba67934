package dev.policyc.backend.nftables.reader;

import static dev.policyc.backend.nftables.reader.NftScripts.errors;
import static dev.policyc.backend.nftables.reader.NftScripts.file;
import static dev.policyc.backend.nftables.reader.NftScripts.meaning;
import static dev.policyc.backend.nftables.reader.NftScripts.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader on concatenations: {@code ip daddr . meta l4proto . th dport @set} and the sets they look up. */
class NftConcatenationReaderTest {

    private static final String TABLE = "table inet policyc_p {\n";

    /** A table with {@code sets} and an output chain (policy drop) of {@code rules}. */
    private static String withSets(String sets, String... rules) {
        return TABLE + sets + "  chain output {\n    type filter hook output priority 0; policy drop;\n"
                + String.join("", List.of(rules).stream().map(r -> "    " + r + "\n").toList()) + "  }\n}\n";
    }

    @Test
    void aConcatenatedSetMatchesTheUnionOfItsElements() {
        String sets = "  set allow_out_v4 {\n    type ipv4_addr . inet_proto . inet_service\n    flags interval\n    counter\n"
                + "    comment \"p.policy:3,4\"\n    elements = {\n"
                + "      10.20.0.0/16 . tcp . 5432 comment \"p.policy:3 database\",\n"
                + "      192.0.2.80 . udp . 1000-2000 comment \"p.policy:4\"\n    }\n  }\n";
        String text = withSets(sets, "ct state new ip daddr . meta l4proto . th dport @allow_out_v4 counter accept comment \"p.policy:3,4\"");
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.20.0.0/16").ports(PortSet.of(5432)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("192.0.2.80").ports(PortSet.range(1000, 2000)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).build())),
                meaning(text).accepted(), "no input chain: every incoming flow passes");
    }

    @Test
    void whatNftListPrintsReadsToo() {
        // nft list prints element counters, elements on continued lines, and 'priority filter'.
        String sets = "  set s {\n    type ipv6_addr . inet_proto . inet_service\n    flags interval\n    counter\n"
                + "    elements = { 2001:db8::/32 . tcp . 443 counter packets 3 bytes 180 comment \"p.policy:2\",\n"
                + "\t\t\t     2001:db8::53 . udp . 53 counter packets 0 bytes 0 }\n  }\n";
        String text = withSets(sets, "ct state new ip6 daddr . meta l4proto . th dport @s counter packets 3 bytes 180 accept".replace(
                " packets 3 bytes 180", ""));
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("2001:db8::/32").ports(PortSet.of(443)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("2001:db8::53").ports(PortSet.of(53)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).build())),
                meaning(text).accepted());
    }

    @Test
    void anonymousConcatenationsAndOtherKeysRead() {
        String text = file(List.of("ct state new ip saddr . tcp dport { 192.0.2.0/24 . 22, 198.51.100.1 . 80-81 } accept",
                "meta l4proto . th dport { udp . 53 } accept"), List.of());
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("192.0.2.0/24").ports(PortSet.of(22)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("198.51.100.1").ports(PortSet.range(80, 81)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.UDP).ports(PortSet.of(53)).build())),
                meaning(text).accepted());
    }

    @Test
    void aTcpPortKeyKeepsToTcp() {
        // tcp dport brings 'meta l4proto tcp' with it: the udp element matches nothing.
        String text = file(List.of("meta l4proto . tcp dport { tcp . 22, udp . 53 } accept"), List.of());
        assertEquals(PolicyMeaning.accepted(policy(TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP)
                .ports(PortSet.of(22)).build())), meaning(text).accepted());
    }

    @Test
    void whatNftWouldRefuseInAConcatenatedSetIsAnError() {
        String type = "type ipv4_addr . inet_proto . inet_service; ";
        String rule = "ip daddr . meta l4proto . th dport @s accept";
        assertInvalid(withSets("  set s { " + type + "elements = { 10.0.0.0/8 . tcp . 22 } }\n", rule), 2);
        assertInvalid(withSets("  set s { " + type + "elements = { 10.0.0.1 . tcp . 22-23 } }\n", rule), 2);
        assertInvalid(withSets("  set s { " + type + "flags interval; elements = { 10.0.0.0/8 . tcp . 80, 10.1.0.0/16 . tcp . 80-90 } }\n",
                rule), 2);
        assertInvalid(withSets("  set s { " + type + "elements = { 10.0.0.1 . tcp } }\n", rule), 2);
        assertInvalid(withSets("  set s { type ipv4_addr . inet_service; elements = { 10.0.0.1 . 22 } }\n", rule), 5);
        assertInvalid(withSets("  set s { " + type + "elements = { 10.0.0.1 . tcp . 22 } }\n",
                "ip6 daddr . meta l4proto . th dport @s accept"), 5);
    }

    @Test
    void aCommaAfterTheLastElementReadsAsNftReadsIt() {
        // nft -c accepts it, and it is what taking out the lines of one merged rule can leave.
        String sets = "  set s {\n    type ipv4_addr . inet_proto . inet_service\n    flags interval\n"
                + "    elements = {\n      192.0.2.1 . tcp . 1 comment \"p.policy:2\",\n    }\n  }\n";
        String text = withSets(sets, "ct state new ip daddr . meta l4proto . th dport @s accept");
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("192.0.2.1").ports(PortSet.of(1)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).build())),
                meaning(text).accepted());
    }

    @Test
    void aSizedHashSetReadsAsItsElementsAndASizeTooSmallIsAnError() {
        String rule = "ct state new ip daddr @s tcp dport 443 accept";
        String text = withSets("  set s {\n    type ipv4_addr\n    size 2\n    elements = { 192.0.2.1, 192.0.2.3 }\n  }\n", rule);
        assertEquals(PolicyMeaning.accepted(policy(
                TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("192.0.2.1", "192.0.2.3").ports(PortSet.of(443)).build(),
                TestIr.rule(Verdict.ALLOW, Direction.IN).build())),
                meaning(text).accepted());
        // nft refuses more elements than the size, and a size that is not a positive number.
        assertInvalid(withSets("  set s {\n    type ipv4_addr\n    size 1\n    elements = { 192.0.2.1, 192.0.2.3 }\n  }\n", rule), 4);
        assertInvalid(withSets("  set s {\n    type ipv4_addr\n    size 0\n    elements = { 192.0.2.1 }\n  }\n", rule), 4);
    }

    @Test
    void thDportOfAProtocolWithoutPortsIsOutsideTheModel() {
        List<Diagnostic> found = errors(file(List.of("meta l4proto . th dport { icmp . 0 } accept"), List.of()));
        assertEquals(List.of(NftReader.OUTSIDE_MODEL), found.stream().map(Diagnostic::code).toList(), found.toString());
        found = errors(file(List.of("ip saddr . th dport { 10.0.0.1 . 22 } accept"), List.of()));
        assertEquals(List.of(NftReader.OUTSIDE_MODEL), found.stream().map(Diagnostic::code).toList(), found.toString());
    }

    @Test
    void unknownKeysAndElementStatementsAreRefused() {
        for (String rule : List.of("ip saddr . ip dscp { 10.0.0.1 . 1 } accept", "ip saddr . meta l4proto 6 accept",
                "ip saddr . ip saddr { 10.0.0.1 . 10.0.0.2 } accept", "ip saddr . tcp dport { 10.0.0.1 . 22 timeout 1s } accept",
                "ip saddr . tcp dport { 10.0.0.1-10.0.0.2 . 22 } accept")) {
            List<Diagnostic> found = errors(file(List.of(rule), List.of()));
            assertTrue(found.stream().allMatch(d -> d.code().equals(NftReader.UNSUPPORTED)), rule + ": " + found);
        }
    }

    private static void assertInvalid(String text, int line) {
        List<Diagnostic> found = errors(text);
        assertTrue(found.stream().anyMatch(d -> d.code().equals(NftReader.INVALID) && d.span().line() == line),
                "expected " + NftReader.INVALID + " at line " + line + " in " + found + " for:\n" + text);
    }
}
