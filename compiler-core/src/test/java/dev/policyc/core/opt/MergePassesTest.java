package dev.policyc.core.opt;

import static dev.policyc.core.opt.Rules.blocksOf;
import static dev.policyc.core.opt.Rules.withComment;
import static dev.policyc.core.testing.TestIr.address;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.ports;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.common.collect.Range;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link MergePeersPass} and {@link MergePortsPass}. */
class MergePassesTest {

    private static RuleBuilder tcp443(int line) {
        return new RuleBuilder(line);
    }

    /** allow out tcp port 443, to be given a peer. */
    private record RuleBuilder(int line) {
        Rule to(String... blocks) {
            return rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(443)).peer(blocks).line(line).build();
        }
    }

    @Test
    void rulesDifferingOnlyInPeerBecomeOneAtTheFirstsPlace() {
        Rule udp = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("192.0.2.1").line(4).build();
        PolicyIr out = Rules.applied(new MergePeersPass(), policy(tcp443(3).to("10.0.0.0/8"), udp, tcp443(5).to("192.0.2.0/24", "10.0.0.0/8")));
        assertEquals(2, out.rules().size());
        assertEquals(3, out.rules().get(0).span().line());
        assertEquals(List.of(address("10.0.0.0/8"), address("192.0.2.0/24"), address("10.0.0.0/8")), blocksOf(out.rules().get(0)));
        assertSame(udp, out.rules().get(1));
    }

    @Test
    void peersDoNotMergeAcrossLogFlagsCommentsPortsOrVerdicts() {
        PolicyIr in = policy(
                tcp443(3).to("10.0.0.1"),
                withComment(tcp443(4).to("10.0.0.2"), "api"),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(443)).peer("10.0.0.3").log().line(5).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(80)).peer("10.0.0.4").line(6).build(),
                rule(Verdict.DENY, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(443)).peer("10.0.0.5").line(7).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(443)).line(8).build());
        assertSame(in, new MergePeersPass().apply(in).policy());
    }

    @Test
    void equalCommentsMergeAndStay() {
        PolicyIr out = Rules.applied(new MergePeersPass(),
                policy(withComment(tcp443(3).to("10.0.0.1"), "api"), withComment(tcp443(4).to("10.0.0.2"), "api")));
        assertEquals(1, out.rules().size());
        assertEquals(Optional.of("api"), out.rules().get(0).comment());
    }

    @Test
    void rulesDifferingOnlyInPortsBecomeOneRuleWithOnePortSet() {
        Rule a = rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("10.0.0.0/24").ports(PortSet.range(80, 89)).line(3).build();
        // The same addresses written differently still count as the same peer.
        Rule b = rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("10.0.0.128/25", "10.0.0.0/25")
                .ports(ports(Range.closed(90, 90), Range.closed(65535, 65535))).line(4).build();
        Rule c = rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("10.0.0.0/24").ports(PortSet.of(8080)).line(5).build();
        PolicyIr out = Rules.applied(new MergePortsPass(), policy(a, b, c));
        assertEquals(1, out.rules().size());
        assertEquals(a.peer(), out.rules().get(0).peer());
        assertEquals(Optional.of(ports(Range.closed(80, 90), Range.closed(8080, 8080), Range.closed(65535, 65535))),
                out.rules().get(0).ports());
    }

    @Test
    void portsDoNotMergeAcrossProtocolsOrPeersOrRulesWithoutPorts() {
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/24").ports(PortSet.of(80)).line(3).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("10.0.0.0/24").ports(PortSet.of(81)).line(4).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.1.0/24").ports(PortSet.of(82)).line(5).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/24").line(6).build());
        assertSame(in, new MergePortsPass().apply(in).policy());
    }
}
