package dev.policyc.core.verify;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * What the artifact of one policy does with new flows.
 *
 * @param policy   the policy's name
 * @param accepted every new flow the artifact accepts
 * @param rules    the statements of the artifact that decide flows, in the order the reader met
 *                 them, each with the flows it decides; may be empty when the reader cannot tell
 */
public record ArtifactMeaning(String policy, FlowSet accepted, ImmutableList<ArtifactRule> rules) {

    public ArtifactMeaning {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(accepted, "accepted");
        rules = ImmutableList.copyOf(rules);
    }

    /** The artifact's verdict on {@code flow}. */
    public Verdict verdict(Flow flow) {
        return accepted.contains(flow) ? Verdict.ALLOW : Verdict.DENY;
    }

    /**
     * The first statement that decides {@code flow} with the artifact's verdict on it, if the
     * reader knows one (when several filters see a flow, the one that dropped it, or the first
     * that accepted it).
     */
    public Optional<ArtifactRule> decidedBy(Flow flow) {
        Verdict verdict = verdict(flow);
        return rules.stream().filter(r -> r.verdict() == verdict && r.decided().contains(flow)).findFirst();
    }
}
