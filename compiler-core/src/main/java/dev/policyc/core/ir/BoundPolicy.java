package dev.policyc.core.ir;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy after {@link EndpointBinder}: every endpoint a {@link Endpoint.Block}, or nothing when
 * an endpoint could not be bound (then {@code diagnostics} says why).
 *
 * @param policy      the bound policy; empty exactly when {@code diagnostics} has an error
 * @param diagnostics errors for endpoints that could not be bound, warnings for names without
 *                    addresses and rules that no longer match anything
 */
public record BoundPolicy(Optional<PolicyIr> policy, ImmutableList<Diagnostic> diagnostics) {

    public BoundPolicy {
        Objects.requireNonNull(policy, "policy");
        diagnostics = ImmutableList.copyOf(diagnostics);
        if (policy.isPresent() == Diagnostics.anyErrors(diagnostics)) {
            throw new IllegalArgumentException("a bound policy is given exactly when binding found no error");
        }
        if (policy.isPresent() && !policy.get().isBound()) {
            throw new IllegalArgumentException("policy " + policy.get().name() + " still has dns or resolver endpoints");
        }
    }

    public boolean hasErrors() {
        return policy.isEmpty();
    }
}
