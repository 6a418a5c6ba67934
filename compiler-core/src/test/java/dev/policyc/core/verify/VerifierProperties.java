package dev.policyc.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The verifier against meanings known to be wrong by a known amount: the policy's meaning with
 * some flows toggled. It must find a difference exactly when something was toggled, report
 * exactly what was, and its counterexample must be a flow that the reference evaluator and the
 * artifact judge differently.
 */
class VerifierProperties {

    @Property(tries = 300)
    void aMismatchIsExactlyTheFlowsThatDiffer(@ForAll("policies") PolicyIr policy, @ForAll("changes") FlowSet toggled) {
        FlowSet artifact = PolicyMeaning.accepted(policy).symmetricDifference(toggled);
        ArtifactMeaning meaning = new ArtifactMeaning(policy.name(), artifact, ImmutableList.of());
        PolicyCheck check = Verifier.compare(policy, meaning);
        if (toggled.isEmpty()) {
            assertEquals(new PolicyCheck.Equivalent(policy.name()), check);
            return;
        }
        PolicyCheck.Mismatch mismatch = assertInstanceOf(PolicyCheck.Mismatch.class, check);
        assertEquals(toggled, mismatch.onlyPolicyAccepts().union(mismatch.onlyArtifactAccepts()));
        assertTrue(mismatch.onlyPolicyAccepts().intersection(mismatch.onlyArtifactAccepts()).isEmpty());
        Counterexample c = mismatch.counterexample();
        assertTrue(toggled.contains(c.flow()), c.flow() + " was not toggled");
        Verdict reference = ReferenceEvaluator.verdict(policy, c.flow());
        assertEquals(reference, c.policyVerdict());
        assertEquals(meaning.verdict(c.flow()), c.artifactVerdict());
        assertNotEquals(c.policyVerdict(), c.artifactVerdict(), "a counterexample is judged differently by the two sides");
    }

    @Provide
    Arbitrary<PolicyIr> policies() {
        return IrArbitraries.boundPolicies();
    }

    /** Nothing, single flows, or whole rules' worth of flows, sometimes several of them. */
    @Provide
    Arbitrary<FlowSet> changes() {
        Arbitrary<FlowSet> one = Arbitraries.frequencyOf(
                Tuple.of(2, IrArbitraries.flows().map(FlowSet::of)),
                Tuple.of(2, IrArbitraries.rules().map(PolicyMeaning::matched)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(FlowSet.empty())),
                Tuple.of(4, one.list().ofMinSize(1).ofMaxSize(3).map(FlowSet::unionAll)));
    }
}
