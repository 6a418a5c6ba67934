package dev.policyc.core.flowset;

import dev.policyc.core.ir.PolicyIr;
import java.util.Objects;

/**
 * The exact change in meaning from one version of a policy to another: the flows the new
 * version accepts that the old one dropped, and the other way round. Applying a diff to the
 * old meaning gives the new one: {@code (old ∪ newlyAccepted) − newlyDropped = new}.
 */
public record MeaningDiff(FlowSet newlyAccepted, FlowSet newlyDropped) {

    public MeaningDiff {
        Objects.requireNonNull(newlyAccepted, "newlyAccepted");
        Objects.requireNonNull(newlyDropped, "newlyDropped");
    }

    /** The diff between two bound policies. */
    public static MeaningDiff between(PolicyIr before, PolicyIr after) {
        return between(PolicyMeaning.accepted(before), PolicyMeaning.accepted(after));
    }

    /** The diff between two meanings. */
    public static MeaningDiff between(FlowSet before, FlowSet after) {
        return new MeaningDiff(after.difference(before), before.difference(after));
    }

    /** True when both versions accept exactly the same flows. */
    public boolean isEquivalent() {
        return newlyAccepted.isEmpty() && newlyDropped.isEmpty();
    }

    /** The meaning after the change, given the meaning before it. */
    public FlowSet applyTo(FlowSet before) {
        return before.union(newlyAccepted).difference(newlyDropped);
    }
}
