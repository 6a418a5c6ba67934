package dev.policyc.dsl.check;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Program;
import java.util.Optional;

/**
 * What checking a compilation gave: the IR when there were no errors, and every finding.
 *
 * @param program present exactly when {@code diagnostics} holds no error
 */
public record CheckResult(Optional<Program> program, ImmutableList<Diagnostic> diagnostics) {

    public CheckResult {
        diagnostics = ImmutableList.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
