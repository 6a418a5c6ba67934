package dev.policyc.core.verify;

import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * One flow that a policy and its artifact judge differently, and what decided it on each side.
 *
 * @param flow            a new flow in exactly one of the two accepted sets
 * @param policyDecision  the policy's verdict on it and the rules (or the default) behind it, from
 *                        the {@link dev.policyc.core.eval.ReferenceEvaluator}
 * @param artifactVerdict what the artifact does with it
 * @param artifactRule    the statement of the artifact that decides it, when the reader knows
 */
public record Counterexample(Flow flow, Decision policyDecision, Verdict artifactVerdict, Optional<ArtifactRule> artifactRule) {

    public Counterexample {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(policyDecision, "policyDecision");
        Objects.requireNonNull(artifactVerdict, "artifactVerdict");
        Objects.requireNonNull(artifactRule, "artifactRule");
    }

    /** The policy's verdict on {@link #flow}. */
    public Verdict policyVerdict() {
        return policyDecision.verdict();
    }
}
