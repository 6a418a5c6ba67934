package dev.policyc.testing;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.MeaningDiff;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.expect.DecisionText;
import dev.policyc.dsl.expect.ExpectationChecker;
import java.util.List;
import java.util.Objects;

/**
 * Assertions about one policy; get one from {@link PolicyAssertions#assertThat}. Each method
 * returns this object, so assertions chain, and throws an {@link AssertionError} with a
 * counterexample when the policy does not do what is asserted.
 */
public final class PolicyAssert {

    private final TestPolicy actual;
    private final ExpectationChecker checker;

    PolicyAssert(TestPolicy actual) {
        this.actual = Objects.requireNonNull(actual, "actual");
        this.checker = new ExpectationChecker(actual.policy());
    }

    /** The policy accepts {@code flow}. */
    public PolicyAssert accepts(Flow flow) {
        return verify(checker.checkFlow(Verdict.ALLOW, flow), "to accept " + flow);
    }

    /** The policy accepts the flow written in {@code policyc eval}'s syntax. */
    public PolicyAssert accepts(String flow) {
        return accepts(PolicyAssertions.flow(flow));
    }

    /** The policy drops {@code flow}. */
    public PolicyAssert drops(Flow flow) {
        return verify(checker.checkFlow(Verdict.DENY, flow), "to drop " + flow);
    }

    /** The policy drops the flow written in {@code policyc eval}'s syntax. */
    public PolicyAssert drops(String flow) {
        return drops(PolicyAssertions.flow(flow));
    }

    /** The policy accepts no flow of {@code flows}, decided exactly. */
    public PolicyAssert neverAccepts(FlowSet flows) {
        return verify(checker.checkEvery(Verdict.DENY, flows), "never to accept any flow of " + flows);
    }

    /** The policy accepts no flow of the set described as in expectations files: {@code out to 169.254.169.254}. */
    public PolicyAssert neverAccepts(String flows) {
        return verify(checker.checkEvery(Verdict.DENY, PolicyAssertions.flows(flows)), "never to accept " + flows);
    }

    /** The policy accepts every flow of {@code flows}, decided exactly. */
    public PolicyAssert alwaysAccepts(FlowSet flows) {
        return verify(checker.checkEvery(Verdict.ALLOW, flows), "to accept every flow of " + flows);
    }

    /** The policy accepts every flow of the set described as in expectations files. */
    public PolicyAssert alwaysAccepts(String flows) {
        return verify(checker.checkEvery(Verdict.ALLOW, PolicyAssertions.flows(flows)), "to accept every " + flows);
    }

    /**
     * The policy accepts exactly the flows {@code other} accepts. A failure names a flow on which
     * they differ and what decides it in each policy, and sums up every such flow.
     */
    public PolicyAssert equivalentTo(TestPolicy other) {
        MeaningDiff diff = MeaningDiff.between(checker.accepted(), new ExpectationChecker(other.policy()).accepted());
        if (diff.isEquivalent()) {
            return this;
        }
        FlowSet differing = diff.newlyAccepted().union(diff.newlyDropped());
        Flow flow = differing.anyMember().orElseThrow();
        StringBuilder message = new StringBuilder("expected ").append(actual.label()).append(" to be equivalent to ")
                .append(other.label()).append(", but they differ on ").append(flow).append('\n');
        describe(message, actual, flow);
        describe(message, other, flow);
        if (!diff.newlyAccepted().isEmpty()) {
            message.append("  only the second accepts: ").append(diff.newlyAccepted()).append('\n');
        }
        if (!diff.newlyDropped().isEmpty()) {
            message.append("  only the first accepts: ").append(diff.newlyDropped()).append('\n');
        }
        throw new AssertionError(message.toString().stripTrailing());
    }

    private static void describe(StringBuilder message, TestPolicy policy, Flow flow) {
        var decision = ReferenceEvaluator.evaluate(policy.policy(), flow);
        List<String> deciders = DecisionText.decidedBy(decision, flow, policy.sources());
        message.append("  policy ").append(policy.name()).append(": ").append(decision.verdict().keyword())
                .append(", decided by ").append(String.join("; ", deciders)).append('\n');
    }

    private PolicyAssert verify(ExpectationChecker.Outcome outcome, String expectation) {
        if (outcome instanceof ExpectationChecker.Failed failed) {
            StringBuilder message = new StringBuilder("expected ").append(actual.label()).append(' ').append(expectation).append('\n');
            DecisionText.failure(failed, actual.sources()).forEach(line -> message.append("  ").append(line).append('\n'));
            throw new AssertionError(message.toString().stripTrailing());
        }
        return this;
    }
}
