package dev.policyc.core.verify;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import java.util.Objects;

/**
 * The outcome of verifying a program on one target.
 *
 * @param targetId    the target verified
 * @param checks      one per policy of the program, in program order; empty when emission failed
 * @param diagnostics the findings of emission, of reading the artifacts back, and one error per
 *                    policy that is not proved equivalent ({@link Verifier#MISMATCH},
 *                    {@link Verifier#NOT_READ}) or per policy the artifacts hold that the program
 *                    lacks ({@link Verifier#UNEXPECTED_POLICY})
 */
public record VerificationResult(String targetId, ImmutableList<PolicyCheck> checks, ImmutableList<Diagnostic> diagnostics) {

    public VerificationResult {
        Objects.requireNonNull(targetId, "targetId");
        checks = ImmutableList.copyOf(checks);
        diagnostics = ImmutableList.copyOf(diagnostics);
    }

    /** True when every policy is proved equivalent and nothing went wrong on the way. */
    public boolean passed() {
        return !Diagnostics.anyErrors(diagnostics) && checks.stream().allMatch(c -> c instanceof PolicyCheck.Equivalent);
    }

    /** The policies whose artifact means something else, in program order. */
    public ImmutableList<PolicyCheck.Mismatch> mismatches() {
        return checks.stream()
                .filter(c -> c instanceof PolicyCheck.Mismatch)
                .map(c -> (PolicyCheck.Mismatch) c)
                .collect(ImmutableList.toImmutableList());
    }
}
