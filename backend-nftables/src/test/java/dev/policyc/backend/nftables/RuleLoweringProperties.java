package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.testing.IrArbitraries;
import inet.ipaddr.IPAddress;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Splitting a rule by family and merging its blocks keeps its meaning: a flow matches the policy
 * rule exactly when it matches one of its nftables rules, read as nft reads each match.
 */
class RuleLoweringProperties {

    @Property(tries = 1000)
    void loweredRulesMatchWhatTheRuleMatches(@ForAll("rulesWithFlows") Tuple2<Rule, Flow> ruleAndFlow) {
        Rule rule = ruleAndFlow.get1();
        Flow flow = ruleAndFlow.get2();
        ImmutableList<NftRule> lowered = RuleLowering.lower(rule, 1);
        boolean nftMatches = lowered.stream().anyMatch(r -> matches(r, flow));
        assertEquals(ReferenceEvaluator.matches(rule, flow), nftMatches, () -> rule + "\n" + lowered + "\n" + flow);
    }

    @Property(tries = 300)
    void atMostOneRulePerFamilyAndNoOverlappingElements(@ForAll("rules") Rule rule) {
        ImmutableList<NftRule> lowered = RuleLowering.lower(rule, 1);
        assertTrue(lowered.size() <= 2, lowered::toString);
        Set<Object> families = new HashSet<>();
        for (NftRule r : lowered) {
            assertTrue(families.add(r.family()), "one rule per family: " + lowered);
            for (int i = 0; i < r.addresses().size(); i++) {
                for (int j = i + 1; j < r.addresses().size(); j++) {
                    IPAddress a = r.addresses().get(i);
                    IPAddress b = r.addresses().get(j);
                    assertTrue(!a.contains(b) && !b.contains(a), "interval sets refuse overlapping elements: " + a + " " + b);
                }
            }
        }
    }

    @Provide
    Arbitrary<Rule> rules() {
        return IrArbitraries.rules();
    }

    @Provide
    Arbitrary<Tuple2<Rule, Flow>> rulesWithFlows() {
        return IrArbitraries.rules().flatMap(rule -> IrArbitraries.flowsNear(rule).map(flow -> Tuple.of(rule, flow)));
    }

    /** What nft does with the matches of one lowered rule: every part must match. */
    private static boolean matches(NftRule rule, Flow flow) {
        return rule.source().direction() == flow.direction()
                && rule.family().map(f -> f == flow.family()).orElse(true)
                && (rule.addresses().isEmpty() || rule.addresses().stream()
                        .anyMatch(block -> block.getIPVersion() == flow.address().getIPVersion() && block.contains(flow.address())))
                && (rule.protocols().isEmpty() || rule.protocols().stream().anyMatch(p -> p.number() == flow.protocol()))
                && (rule.ports().isEmpty()
                        || flow.port().isPresent() && rule.ports().get().contains(flow.port().getAsInt()));
    }
}
