package dev.policyc.core.verify;

import dev.policyc.core.flowset.FlowSet;
import java.util.Objects;

/** The outcome of verifying one policy on one target. */
public sealed interface PolicyCheck permits PolicyCheck.Equivalent, PolicyCheck.Mismatch, PolicyCheck.NotRead {

    /** The policy's name. */
    String policy();

    /** The artifact accepts exactly the flows the policy accepts. */
    record Equivalent(String policy) implements PolicyCheck {
        public Equivalent {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * The artifact means something else.
     *
     * @param counterexample      one flow judged differently, with both verdicts
     * @param onlyPolicyAccepts   the flows the policy accepts and the artifact drops
     * @param onlyArtifactAccepts the flows the artifact accepts and the policy drops
     */
    record Mismatch(String policy, Counterexample counterexample, FlowSet onlyPolicyAccepts, FlowSet onlyArtifactAccepts)
            implements PolicyCheck {
        public Mismatch {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(counterexample, "counterexample");
            Objects.requireNonNull(onlyPolicyAccepts, "onlyPolicyAccepts");
            Objects.requireNonNull(onlyArtifactAccepts, "onlyArtifactAccepts");
            if (!onlyPolicyAccepts.contains(counterexample.flow()) && !onlyArtifactAccepts.contains(counterexample.flow())) {
                throw new IllegalArgumentException("a counterexample is a flow the two sides judge differently");
            }
        }
    }

    /**
     * The artifact of the policy could not be read back (the reader's diagnostics say why), or
     * the artifacts hold no ruleset for it: nothing is proved.
     */
    record NotRead(String policy) implements PolicyCheck {
        public NotRead {
            Objects.requireNonNull(policy, "policy");
        }
    }
}
