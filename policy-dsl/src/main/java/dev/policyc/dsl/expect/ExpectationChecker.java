package dev.policyc.dsl.expect;

import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Verdict;
import java.util.Objects;

/**
 * Checks expectations against one bound policy, exactly: a set expectation is decided on flow
 * sets (the set intersected with what the policy accepts, or with what it drops), never by
 * sampling, and a failure comes with a counterexample flow and what decided it.
 */
public final class ExpectationChecker {

    private final PolicyIr policy;
    private final FlowSet accepted;

    /**
     * @param policy a bound policy (no {@code dns} or {@code resolver} left)
     * @throws IllegalArgumentException if the policy is not bound
     */
    public ExpectationChecker(PolicyIr policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.accepted = PolicyMeaning.accepted(policy);
    }

    /** What came of one check. */
    public sealed interface Outcome permits Passed, Failed {
        default boolean passed() {
            return this instanceof Passed;
        }
    }

    /** The policy does what was expected. */
    public record Passed() implements Outcome {}

    /**
     * The policy does not do what was expected.
     *
     * @param required       the verdict every flow concerned had to get
     * @param counterexample one flow that gets the other verdict
     * @param decision       the verdict of the counterexample and the rules or default behind it
     * @param violating      every flow that gets the other verdict (just the counterexample for a
     *                       one-flow expectation)
     */
    public record Failed(Verdict required, Flow counterexample, Decision decision, FlowSet violating) implements Outcome {
        public Failed {
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(counterexample, "counterexample");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(violating, "violating");
            if (decision.verdict() == required) {
                throw new IllegalArgumentException("a counterexample gets the verdict that was not expected");
            }
        }
    }

    /** The policy checked. */
    public PolicyIr policy() {
        return policy;
    }

    /** Every flow the policy accepts. */
    public FlowSet accepted() {
        return accepted;
    }

    public Outcome check(Expectation expectation) {
        if (expectation instanceof Expectation.OneFlow one) {
            return checkFlow(one.required(), one.flow());
        }
        Expectation.EveryFlow every = (Expectation.EveryFlow) expectation;
        return checkEvery(every.required(), every.flows());
    }

    /** Does the policy give {@code flow} the verdict {@code required}? */
    public Outcome checkFlow(Verdict required, Flow flow) {
        Decision decision = ReferenceEvaluator.evaluate(policy, flow);
        return decision.verdict() == required ? new Passed() : new Failed(required, flow, decision, FlowSet.of(flow));
    }

    /** Does the policy give every flow of {@code flows} the verdict {@code required}? */
    public Outcome checkEvery(Verdict required, FlowSet flows) {
        FlowSet violating = required == Verdict.DENY ? flows.intersection(accepted) : flows.difference(accepted);
        return violating.anyMember()
                .<Outcome>map(flow -> new Failed(required, flow, ReferenceEvaluator.evaluate(policy, flow), violating))
                .orElseGet(Passed::new);
    }
}
