package dev.policyc.core.verify;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.flowset.FlowSet;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@link ArtifactReader} made of a target's artifacts.
 *
 * @param policies    by policy name, the meaning of each policy whose artifact was read without
 *                    error; a policy whose artifact had an error is absent
 * @param diagnostics what the reader could not understand (errors) or found odd (warnings)
 */
public record ReadResult(ImmutableMap<String, ArtifactMeaning> policies, ImmutableList<Diagnostic> diagnostics) {

    public ReadResult {
        policies = ImmutableMap.copyOf(policies);
        diagnostics = ImmutableList.copyOf(diagnostics);
        for (Map.Entry<String, ArtifactMeaning> entry : policies.entrySet()) {
            if (!entry.getKey().equals(entry.getValue().policy())) {
                throw new IllegalArgumentException("meaning of " + entry.getValue().policy() + " filed as " + entry.getKey());
            }
        }
    }

    /** The flows the artifact of {@code policy} accepts, if it was read. */
    public Optional<FlowSet> accepted(String policy) {
        return Optional.ofNullable(policies.get(policy)).map(ArtifactMeaning::accepted);
    }

    public boolean hasErrors() {
        return Diagnostics.anyErrors(diagnostics);
    }
}
