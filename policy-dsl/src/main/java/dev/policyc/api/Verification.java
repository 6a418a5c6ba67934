package dev.policyc.api;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.verify.VerificationResult;
import java.util.Optional;

/**
 * What {@link Compilation#verify} proved: for each target, whether its output accepts exactly
 * the flows each policy accepts.
 *
 * @param results     one per target verified, in the order asked; empty when the policies could
 *                    not be bound or optimized
 * @param diagnostics the findings of binding and optimizing (once for all targets), then those
 *                    of each target's emission and proof; a mismatch is an error at the policy
 *                    rule that decides the counterexample flow
 */
public record Verification(ImmutableList<VerificationResult> results, ImmutableList<Diagnostic> diagnostics) {

    public Verification {
        results = ImmutableList.copyOf(results);
        diagnostics = ImmutableList.copyOf(diagnostics);
    }

    /** True when at least one target was verified, every policy proved equivalent on each, and nothing failed. */
    public boolean passed() {
        return !results.isEmpty() && !hasErrors() && results.stream().allMatch(VerificationResult::passed);
    }

    public boolean hasErrors() {
        return Diagnostics.anyErrors(diagnostics);
    }

    /** The result of {@code target}, if it was verified. */
    public Optional<VerificationResult> result(String target) {
        return results.stream().filter(r -> r.targetId().equals(target)).findFirst();
    }
}
