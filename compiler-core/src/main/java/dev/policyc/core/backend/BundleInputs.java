package dev.policyc.core.backend;

import com.google.common.collect.ImmutableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * What the targets a {@link BundlingBackend} packs made of each policy, kept apart per policy so
 * that a policy one target cannot express does not cost the others their output.
 *
 * @param byTarget target id, then policy name, to that target's result for that policy alone
 */
public record BundleInputs(ImmutableMap<String, ImmutableMap<String, EmitResult>> byTarget) {

    public BundleInputs {
        Objects.requireNonNull(byTarget, "byTarget");
        byTarget = ImmutableMap.copyOf(byTarget);
    }

    /** No output from any target. */
    public static BundleInputs none() {
        return new BundleInputs(ImmutableMap.of());
    }

    /** True when the target was found and run. */
    public boolean has(String targetId) {
        return byTarget.containsKey(targetId);
    }

    /** What {@code targetId} made of policy {@code policyName}, if it was run for it. */
    public Optional<EmitResult> get(String targetId, String policyName) {
        return Optional.ofNullable(byTarget.getOrDefault(targetId, ImmutableMap.of()).get(policyName));
    }
}
