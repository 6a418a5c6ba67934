package dev.policyc.core.opt;

import static dev.policyc.core.opt.Rules.blocksOf;
import static dev.policyc.core.testing.TestIr.address;
import static dev.policyc.core.testing.TestIr.defaultAction;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.ports;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class FoldDeniesPassTest {

    private final Pass pass = new FoldDeniesPass();

    private static final Rule WEB = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8")
            .ports(PortSet.of(443)).line(3).build();
    private static final Rule DENY_10_1 = rule(Verdict.DENY, Direction.OUT).peer("10.1.0.0/16").line(4).build();

    private PolicyIr run(PolicyIr in) {
        return Rules.applied(pass, in);
    }

    @Test
    void aDenyInsideAnAllowIsCarvedOutOfItAndGoes() {
        PolicyIr out = run(policy(WEB, DENY_10_1));
        assertEquals(1, out.rules().size());
        Rule allow = out.rules().get(0);
        assertEquals(List.of("10.0.0.0/16", "10.2.0.0/15", "10.4.0.0/14", "10.8.0.0/13", "10.16.0.0/12", "10.32.0.0/11",
                        "10.64.0.0/10", "10.128.0.0/9").stream().map(a -> address(a)).toList(),
                blocksOf(allow));
        assertEquals(Set.of(Protocol.TCP), allow.protocols());
        assertEquals(Optional.of(PortSet.of(443)), allow.ports());
        assertEquals(WEB.span(), allow.span());
        // The pieces still say they came from the rule's cidr 10.0.0.0/8.
        assertEquals("cidr 10.0.0.0/8", ((Endpoint.Block) allow.peer().orElseThrow().get(3)).origin());
    }

    @Test
    void aLoggedDenyStays() {
        Rule loggedDeny = rule(Verdict.DENY, Direction.OUT).peer("10.1.0.0/16").log().line(4).build();
        PolicyIr in = policy(WEB, loggedDeny);
        assertSame(in, pass.apply(in).policy());
    }

    @Test
    void aDenyUnderDefaultAllowStays() {
        PolicyIr in = policy(DefaultAction.implicitDeny(), defaultAction(Verdict.ALLOW, false), WEB, DENY_10_1);
        assertSame(in, pass.apply(in).policy());
    }

    @Test
    void aDenyWhoseDefaultLogsStays() {
        // Folded away, its flows would fall to the default and be logged.
        PolicyIr in = policy(DefaultAction.implicitDeny(), defaultAction(Verdict.DENY, true), WEB, DENY_10_1);
        assertSame(in, pass.apply(in).policy());
    }

    @Test
    void aDenyOfTheOtherDirectionUnderADefaultAllowDoesNotStopFolding() {
        PolicyIr in = policy(defaultAction(Verdict.ALLOW, true), DefaultAction.implicitDeny(), WEB, DENY_10_1);
        assertEquals(1, run(in).rules().size());
    }

    @Test
    void aDenySharingNoFlowWithAnAllowSimplyGoes() {
        Rule ssh = rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("192.168.1.0/24").ports(PortSet.of(22)).line(3).build();
        Rule deny = rule(Verdict.DENY, Direction.IN).peer("192.0.2.0/24").line(4).build();
        assertEquals(List.of(ssh), run(policy(ssh, deny)).rules());
    }

    @Test
    void anAllowWhollyInsideTheDenyGoesWithIt() {
        Rule inside = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("10.1.2.0/24").line(3).build();
        assertEquals(List.of(), run(policy(inside, DENY_10_1)).rules());
    }

    @Test
    void aDenyThatWouldLeaveAnUnwritableRestStays() {
        // Every protocol to 10/8 minus tcp to 10.1/16 would need "every protocol but tcp".
        Rule anyProtocol = rule(Verdict.ALLOW, Direction.OUT).peer("10.0.0.0/8").line(3).build();
        Rule tcpDeny = rule(Verdict.DENY, Direction.OUT).protocols(Protocol.TCP).peer("10.1.0.0/16").line(4).build();
        PolicyIr in = policy(anyProtocol, tcpDeny);
        assertSame(in, pass.apply(in).policy());
    }

    @Test
    void portsAreCarvedOutAndARuleWithoutPeerKeepsNone() {
        Rule low = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.range(1, 1024)).line(3).build();
        Rule noSsh = rule(Verdict.DENY, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(22)).line(4).build();
        PolicyIr out = run(policy(low, noSsh));
        assertEquals(1, out.rules().size());
        assertEquals(Optional.empty(), out.rules().get(0).peer());
        assertEquals(Optional.of(ports(Range.closed(1, 21), Range.closed(23, 1024))), out.rules().get(0).ports());
    }

    @Test
    void foldingThatWouldAddRulesIsSkipped() {
        // tcp port 22 out of {tcp, icmp}: the rest needs three rules (icmp; tcp outside 10.1/16;
        // tcp in 10.1/16 without port 22), more than the allow and the deny were.
        Rule mixed = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP, Protocol.ICMP).peer("10.0.0.0/8").line(3).build();
        Rule deny = rule(Verdict.DENY, Direction.OUT).protocols(Protocol.TCP).peer("10.1.0.0/16").ports(PortSet.of(22)).line(4).build();
        PolicyIr in = policy(mixed, deny);
        assertSame(in, pass.apply(in).policy());
    }

    @Test
    void severalDeniesFoldIntoOneAllowAndOtherAllowsAreUntouched() {
        Rule other = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.UDP).peer("192.0.2.0/24").line(5).build();
        Rule deny2 = rule(Verdict.DENY, Direction.OUT).peer("10.128.0.0/9").line(6).build();
        PolicyIr out = run(policy(WEB, DENY_10_1, other, deny2));
        assertEquals(2, out.rules().size());
        assertEquals(7, blocksOf(out.rules().get(0)).size());
        assertSame(other, out.rules().get(1));
        assertTrue(out.rules().stream().allMatch(r -> r.verdict() == Verdict.ALLOW));
    }
}
