package dev.policyc.core.ir;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import java.util.Objects;
import java.util.Optional;

/**
 * A program after {@link EndpointBinder}: every policy bound, or nothing when some endpoint could
 * not be bound.
 *
 * @param program     the bound program; empty exactly when {@code diagnostics} has an error
 * @param diagnostics the findings of binding every policy, in program order
 */
public record BoundProgram(Optional<Program> program, ImmutableList<Diagnostic> diagnostics) {

    public BoundProgram {
        Objects.requireNonNull(program, "program");
        diagnostics = ImmutableList.copyOf(diagnostics);
        if (program.isPresent() == Diagnostics.anyErrors(diagnostics)) {
            throw new IllegalArgumentException("a bound program is given exactly when binding found no error");
        }
        if (program.isPresent() && !program.get().policies().stream().allMatch(PolicyIr::isBound)) {
            throw new IllegalArgumentException("every policy of a bound program is bound");
        }
    }

    public boolean hasErrors() {
        return program.isEmpty();
    }
}
