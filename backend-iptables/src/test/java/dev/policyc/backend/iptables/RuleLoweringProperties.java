package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.testing.IrArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Splitting a rule by family, block, protocol and port group keeps its meaning: a flow matches
 * the policy rule exactly when it matches one of the iptables rules in the file of its family,
 * read as iptables reads each match; and port groups are what multiport accepts.
 */
class RuleLoweringProperties {

    @Property(tries = 1000)
    void loweredRulesMatchWhatTheRuleMatches(@ForAll("rulesWithFlows") Tuple2<Rule, Flow> ruleAndFlow) {
        Rule rule = ruleAndFlow.get1();
        Flow flow = ruleAndFlow.get2();
        ImmutableList<IptRule> lowered = RuleLowering.lower(rule, flow.family());
        boolean iptablesMatches = lowered.stream().anyMatch(r -> matches(r, flow));
        assertEquals(ReferenceEvaluator.matches(rule, flow), iptablesMatches, () -> rule + "\n" + lowered + "\n" + flow);
    }

    @Property(tries = 300)
    void eachRuleIsInTheFileOfItsFamilyOnly(@ForAll("rules") Rule rule) {
        for (Family family : Family.values()) {
            for (IptRule lowered : RuleLowering.lower(rule, family)) {
                assertEquals(family, lowered.family());
                lowered.address().ifPresent(a -> assertEquals(family == Family.IPV4, a.isIPv4(), a::toString));
                lowered.protocol().ifPresent(p -> assertTrue(p.existsIn(family), p::toString));
            }
        }
    }

    @Property(tries = 300)
    void portGroupsFitMultiportAndCoverThePortsExactly(@ForAll("portSets") PortSet ports) {
        List<PortGroup> groups = PortGroup.split(ports);
        for (int i = 0; i < groups.size(); i++) {
            int slots = groups.get(i).ranges().stream().mapToInt(PortGroup.Range::slots).sum();
            assertTrue(slots <= PortGroup.MAX_SLOTS, groups.get(i)::toString);
            // A group is closed only when the next range does not fit, so only the last has room.
            assertTrue(i == groups.size() - 1 || slots >= PortGroup.MAX_SLOTS - 1, groups::toString);
        }
        List<PortGroup.Range> inGroups = groups.stream().flatMap(g -> g.ranges().stream()).toList();
        List<PortGroup.Range> inSet = ports.closedRanges().stream().map(r -> new PortGroup.Range(r[0], r[1])).toList();
        assertEquals(inSet, inGroups, "every range of the set once, in order, none split");
    }

    @Provide
    Arbitrary<Rule> rules() {
        return IrArbitraries.rules();
    }

    @Provide
    Arbitrary<Tuple2<Rule, Flow>> rulesWithFlows() {
        return IrArbitraries.rules().flatMap(rule -> IrArbitraries.flowsNear(rule).map(flow -> Tuple.of(rule, flow)));
    }

    /** Sets of up to 40 ranges, so that many need several groups. */
    @Provide
    Arbitrary<PortSet> portSets() {
        return IrArbitraries.portRanges().list().ofMinSize(1).ofMaxSize(40)
                .map(ranges -> new PortSet(ImmutableRangeSet.unionOf(ranges)));
    }

    /**
     * What iptables does with the matches of one rule in the file of {@code rule.family()}: the
     * flow must be of that family, in the chain of its direction, inside the {@code -s}/{@code -d}
     * block, of the {@code -p} protocol, and its destination port in the {@code --dport(s)}.
     */
    private static boolean matches(IptRule rule, Flow flow) {
        return rule.family() == flow.family()
                && rule.source().direction() == flow.direction()
                && rule.address().map(block -> block.contains(flow.address())).orElse(true)
                && rule.protocol().map(p -> p.number() == flow.protocol()).orElse(true)
                && rule.ports().map(group -> flow.port().isPresent() && group.contains(flow.port().getAsInt())).orElse(true);
    }
}
