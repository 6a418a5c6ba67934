package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.nftables.reader.NftReader;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import dev.policyc.core.verify.VerificationResult;
import dev.policyc.core.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Which rules are merged into a concatenated set and which addresses are split into a host set
 * and a prefix set; each case is also proved equal to its policy by the verifier, and checked
 * by {@code nft -c} where nft and root are at hand.
 */
class NftLayoutTest {

    private static final Verifier VERIFIER = Verifier.of(new NftablesBackend(), new NftReader());

    @Test
    void rulesOfOneVerdictAndFamilyMergeAndOthersStay() {
        Rule a = web(Verdict.ALLOW, 3, "192.0.2.1", 443);
        Rule b = web(Verdict.ALLOW, 4, "198.51.100.0/24", 80);
        Rule c = web(Verdict.ALLOW, 5, "2001:db8::1", 443);
        Rule icmp = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMP).peer("192.0.2.9").line(6).build();
        Rule deny = web(Verdict.DENY, 7, "192.0.2.2", 22);
        String text = emitAndVerify(TestIr.policy(a, b, c, icmp, deny));
        assertEquals(1, count(text, "ip daddr . meta l4proto . th dport @allow_out_v4 counter accept"), text);
        assertTrue(text.contains("192.0.2.1 . tcp . 443 comment \"" + a.span().fileAndLine() + "\""), text);
        assertTrue(text.contains("198.51.100.0/24 . tcp . 80 comment"), text);
        assertTrue(text.contains("ip6 daddr 2001:db8::1 tcp dport 443 counter accept"), "one IPv6 rule stays as it is:\n" + text);
        assertTrue(text.contains("ip daddr 192.0.2.9 meta l4proto icmp counter accept"), text);
        assertTrue(text.contains("ip daddr 192.0.2.2 tcp dport 22 counter drop"), "one deny rule stays as it is:\n" + text);
    }

    @Test
    void aLogRuleKeepsItsPlaceAndSplitsTheRun() {
        Rule a = web(Verdict.ALLOW, 3, "192.0.2.1", 443);
        Rule logged = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("192.0.2.0/24").ports(PortSet.of(443))
                .log().line(4).build();
        Rule b = web(Verdict.ALLOW, 5, "198.51.100.1", 443);
        String text = emitAndVerify(TestIr.policy(a, logged, b));
        assertFalse(text.contains("@allow_out_v4"), "one qualifying rule on each side of the log rule: nothing to merge\n" + text);
        Rule c = web(Verdict.ALLOW, 6, "198.51.100.2", 443);
        text = emitAndVerify(TestIr.policy(a, logged, b, c));
        int log = text.indexOf("log prefix");
        int merged = text.indexOf("@allow_out_v4 counter");
        assertTrue(log > 0 && merged > log, "the rules after the log rule merge after it:\n" + text);
        assertTrue(text.contains("ip daddr 192.0.2.1 tcp dport 443 counter accept"), text);
    }

    @Test
    void overlappingOrLargeRulesKeepTheirOwnLine() {
        Rule a = web(Verdict.ALLOW, 3, "192.0.2.0/24", 443);
        Rule inside = web(Verdict.ALLOW, 4, "192.0.2.7", 443);
        Rule b = web(Verdict.ALLOW, 5, "198.51.100.1", 8443);
        String[] many = IntStream.range(0, 65).mapToObj(i -> "203.0.113." + (2 * i + 1)).toArray(String[]::new);
        Rule large = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer(many).ports(PortSet.of(22)).line(6).build();
        String text = emitAndVerify(TestIr.policy(a, inside, b, large));
        assertTrue(text.contains("ip daddr 192.0.2.7 tcp dport 443 counter accept"), "its element would overlap 192.0.2.0/24:\n" + text);
        assertTrue(text.contains("ip daddr @r4_v4 tcp dport 22 counter accept"), "65 elements are too many to merge:\n" + text);
        assertEquals(1, count(text, "@allow_out_v4 counter"), text);
    }

    @Test
    void manyHostsBesidePrefixesGoToAHashSet() {
        String[] hosts = IntStream.range(0, AddressPart.SPLIT_HOSTS_AT).mapToObj(i -> "192.0.2." + (2 * i + 1)).toArray(String[]::new);
        List<String> peer = new ArrayList<>(List.of(hosts));
        peer.addAll(List.of("198.51.100.0/24", "203.0.113.0/25"));
        Rule split = TestIr.rule(Verdict.DENY, Direction.IN).peer(peer.toArray(String[]::new)).line(3).build();
        String text = emitAndVerify(TestIr.policy(split));
        String hostSet = text.substring(text.indexOf("set r1_v4_hosts {"), text.indexOf("set r1_v4_nets {"));
        assertFalse(hostSet.contains("flags interval"), hostSet);
        assertTrue(text.contains("set r1_v4_nets {\n\t\ttype ipv4_addr\n\t\tflags interval\n"), text);
        int hostRule = text.indexOf("ct state new ip saddr @r1_v4_hosts counter drop");
        int netRule = text.indexOf("ct state new ip saddr @r1_v4_nets counter drop");
        assertTrue(hostRule > 0 && netRule > hostRule, text);

        peer.remove(0);
        String kept = emitAndVerify(TestIr.policy(TestIr.rule(Verdict.DENY, Direction.IN).peer(peer.toArray(String[]::new)).line(3).build()));
        assertTrue(kept.contains("ct state new ip saddr @r1_v4 counter drop") && !kept.contains("_hosts"),
                "one host fewer than " + AddressPart.SPLIT_HOSTS_AT + ": one interval set\n" + kept);
    }

    private static Rule web(Verdict verdict, int line, String peer, int port) {
        return TestIr.rule(verdict, Direction.OUT).protocols(Protocol.TCP).peer(peer).ports(PortSet.of(port)).line(line).build();
    }

    /** The policy's script, which the verifier must prove equal to it and nft -c (where it runs) must take. */
    private static String emitAndVerify(PolicyIr policy) {
        Program program = new Program(ImmutableList.of(policy));
        VerificationResult result = VERIFIER.verify(program, EmitOptions.defaults());
        assertTrue(result.passed(), result.diagnostics().toString());
        String text = new NftablesBackend().emit(program, EmitOptions.defaults()).artifacts().get(0).content();
        if (NftCommand.unavailableReason().isEmpty()) {
            NftCommand.Result checked = NftCommand.check(text);
            assertTrue(checked.ok(), () -> "nft -c rejected:\n" + checked.output() + "\n" + text);
        }
        return text;
    }

    private static long count(String text, String what) {
        return text.lines().filter(l -> l.contains(what)).count();
    }
}
