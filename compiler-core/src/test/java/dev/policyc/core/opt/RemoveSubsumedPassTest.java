package dev.policyc.core.opt;

import static dev.policyc.core.opt.Rules.withComment;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoveSubsumedPassTest {

    private final Pass pass = new RemoveSubsumedPass();

    private List<Integer> keptLines(PolicyIr in) {
        return Rules.applied(pass, in).rules().stream().map(r -> r.span().line()).toList();
    }

    @Test
    void ofTwoEqualRulesTheFirstStaysWithItsComment() {
        Rule first = withComment(rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8").line(3).build(), "db");
        Rule second = withComment(rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8").line(4).build(), "again");
        PolicyIr out = pass.apply(policy(first, second)).policy();
        assertEquals(List.of(first), out.rules());
    }

    @Test
    void aRuleInsideAnotherOfTheSameVerdictAndLogGoes() {
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.1.0.0/16").ports(PortSet.of(443)).line(3).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP, Protocol.UDP).peer("10.0.0.0/8").line(4).build(),
                rule(Verdict.DENY, Direction.OUT).peer("10.1.2.0/24").line(5).build(),
                rule(Verdict.DENY, Direction.OUT).peer("10.1.0.0/16").line(6).build());
        assertEquals(List.of(4, 6), keptLines(in));
    }

    @Test
    void aRuleCoveredOnlyByTwoOthersTogetherGoes() {
        PolicyIr in = policy(
                rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/9").line(3).build(),
                rule(Verdict.DENY, Direction.IN).peer("10.128.0.0/9").line(4).build(),
                rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/8").line(5).build());
        // Line 5 is the union of the other two: it goes, and they stay.
        assertEquals(List.of(3, 4), keptLines(in));
    }

    @Test
    void ofARuleAndItsTwoHalvesTheWholeStays() {
        PolicyIr in = policy(
                rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/8").line(3).build(),
                rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/9").line(4).build(),
                rule(Verdict.DENY, Direction.IN).peer("10.128.0.0/9").line(5).build());
        assertEquals(List.of(3), keptLines(in));
    }

    @Test
    void aDifferentLogFlagOrVerdictOrDirectionKeepsARule() {
        PolicyIr in = policy(
                rule(Verdict.DENY, Direction.OUT).peer("10.0.0.0/8").line(3).build(),
                rule(Verdict.DENY, Direction.OUT).peer("10.1.0.0/16").log().line(4).build(),
                rule(Verdict.ALLOW, Direction.OUT).peer("10.2.0.0/16").line(5).build(),
                rule(Verdict.DENY, Direction.IN).peer("10.3.0.0/16").line(6).build());
        assertSame(in, pass.apply(in).policy());
    }

    @Test
    void aLoggedRuleInsideALoggedOneGoes() {
        PolicyIr in = policy(
                rule(Verdict.DENY, Direction.OUT).peer("10.1.0.0/16").log().line(3).build(),
                rule(Verdict.DENY, Direction.OUT).peer("10.0.0.0/8").log().line(4).build());
        assertEquals(List.of(4), keptLines(in));
    }

    @Test
    void aRuleMatchingNothingGoes() {
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMP).peer("2001:db8::/32").line(3).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("2001:db8::/32").line(4).build());
        assertEquals(List.of(4), keptLines(in));
    }

    @Test
    void rulesThatOnlyOverlapStay() {
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8").line(3).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8").ports(PortSet.of(80)).log().line(4).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP, Protocol.UDP).peer("10.0.0.0/16").ports(PortSet.of(53)).line(5).build());
        assertSame(in, pass.apply(in).policy());
    }
}
