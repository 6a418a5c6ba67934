package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.PolicyIr;
import java.util.Objects;

/**
 * What a {@link Pass}, or the whole {@link Optimizer}, made of a policy.
 *
 * @param policy      the resulting policy; when {@code diagnostics} has an error, the last policy
 *                    known to mean what the input meant
 * @param diagnostics findings; none for users in normal operation
 */
public record PassResult(PolicyIr policy, ImmutableList<Diagnostic> diagnostics) {

    public PassResult {
        Objects.requireNonNull(policy, "policy");
        diagnostics = ImmutableList.copyOf(diagnostics);
    }

    /** A result without findings. */
    public static PassResult of(PolicyIr policy) {
        return new PassResult(policy, ImmutableList.of());
    }

    public boolean hasErrors() {
        return Diagnostics.anyErrors(diagnostics);
    }
}
