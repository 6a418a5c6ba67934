package dev.policyc.core.opt;

import static dev.policyc.core.testing.TestIr.address;
import static dev.policyc.core.testing.TestIr.block;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.policyc.core.opt.Rules.blocksOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinimalCidrPassTest {

    private final Pass pass = new MinimalCidrPass();

    private PolicyIr run(PolicyIr in) {
        return Rules.applied(pass, in);
    }

    @Test
    void neighbouringBlocksBecomeOnePrefix() {
        PolicyIr in = policy(rule(Verdict.ALLOW, Direction.OUT).peer("10.0.1.0/24", "10.0.0.0/24").build());
        Rule out = run(in).rules().get(0);
        assertEquals(List.of(address("10.0.0.0/23")), blocksOf(out));
        assertEquals("cidr 10.0.0.0/23", ((Endpoint.Block) out.peer().orElseThrow().get(0)).origin());
    }

    @Test
    void duplicatesAndContainedBlocksGoAndTheRestIsSortedIpv4First() {
        PolicyIr in = policy(rule(Verdict.DENY, Direction.IN)
                .peer("2001:db8::/32", "10.0.0.5", "10.0.0.0/8", "10.0.0.0/8", "2001:db8::1", "192.0.2.1").build());
        assertEquals(List.of(address("10.0.0.0/8"), address("192.0.2.1/32"), address("2001:db8::/32")),
                blocksOf(run(in).rules().get(0)));
    }

    @Test
    void aBlockThatStaysKeepsItsEndpointAndAMergedOneTheOriginItsSourcesShare() {
        SourceSpan at7 = SourceSpan.at("t.policy", 7, 20);
        Endpoint.Block kept = new Endpoint.Block(address("192.0.2.0/24"), "$office", at7);
        Endpoint.Block a = new Endpoint.Block(address("10.0.0.0/25"), "$cloud", SourceSpan.at("t.policy", 8, 3));
        Endpoint.Block b = new Endpoint.Block(address("10.0.0.128/25"), "$cloud", SourceSpan.at("t.policy", 8, 9));
        PolicyIr in = policy(rule(Verdict.ALLOW, Direction.OUT).peer(b, kept, a).build());
        ImmutableList<Endpoint> peer = run(in).rules().get(0).peer().orElseThrow();
        // b comes first in the rule, so the merged block points at b.
        assertEquals(new Endpoint.Block(address("10.0.0.0/24"), "$cloud", b.span()), peer.get(0));
        assertSame(kept, peer.get(1));
    }

    @Test
    void addressesOfAFamilyTheProtocolsCannotReachAreDropped() {
        PolicyIr in = policy(rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMP).peer("::/0", "0.0.0.0/0").build());
        assertEquals(List.of(address("0.0.0.0/0")), blocksOf(run(in).rules().get(0)));
    }

    @Test
    void aRuleLeftWithoutReachableAddressesMatchesNothingAndGoes() {
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMPV6).peer("10.0.0.0/8").line(3).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8").line(4).build());
        PolicyIr out = run(in);
        assertEquals(1, out.rules().size());
        assertEquals(4, out.rules().get(0).span().line());
    }

    @Test
    void rulesAlreadyMinimalOrWithoutPeerAreUntouched() {
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).peer(block("10.0.0.0/8"), block("192.0.2.1")).build(),
                rule(Verdict.DENY, Direction.IN).build());
        assertSame(in, pass.apply(in).policy());
    }

    @Test
    void twoSeparateBlocksThatDoNotAlignStayTwo() {
        // 10.0.1.0/24 and 10.0.2.0/24 touch but are not the halves of one /23.
        PolicyIr in = policy(rule(Verdict.ALLOW, Direction.OUT).peer("10.0.2.0/24", "10.0.1.0/24").build());
        assertEquals(List.of(address("10.0.1.0/24"), address("10.0.2.0/24")), blocksOf(run(in).rules().get(0)));
    }
}
