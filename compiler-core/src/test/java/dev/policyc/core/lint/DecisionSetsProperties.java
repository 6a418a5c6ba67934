package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.testing.IrArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/** {@link DecisionSets} against the reference evaluator's decision on single flows. */
class DecisionSetsProperties {

    @Provide
    Arbitrary<Tuple2<PolicyIr, Flow>> policyAndFlow() {
        return IrArbitraries.policiesWithFlows();
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void acceptedAndLoggedAgreeWithTheReferenceEvaluator(@ForAll("policyAndFlow") Tuple2<PolicyIr, Flow> input) {
        PolicyIr policy = input.get1();
        Flow flow = input.get2();
        DecisionSets sets = DecisionSets.of(policy);
        Decision decision = ReferenceEvaluator.evaluate(policy, flow);
        assertEquals(PolicyMeaning.accepted(policy), sets.accepted());
        assertEquals(decision.logged(), sets.logged().contains(flow), flow + " under " + policy);
        Statistics.label("logged").collect(decision.logged());
        Statistics.label("logged").coverage(c -> c.check(true).percentage(p -> p > 10));
    }
}
