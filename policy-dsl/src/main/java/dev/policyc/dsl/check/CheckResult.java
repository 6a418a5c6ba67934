package dev.policyc.dsl.check;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.Optional;

/**
 * What checking a compilation gave: the IR when there were no errors, and every finding.
 *
 * @param program     present exactly when {@code diagnostics} holds no error
 * @param diagnostics every finding but the exact lints
 * @param toLint      the policies (names bound to stand-ins) whose exact lints are still to run:
 *                    {@link dev.policyc.core.lint.ExactLints#lint}, which only ever warns, is the
 *                    costliest check of a large policy, and runs beside the optimizer when the
 *                    caller can wait for it (see {@code dev.policyc.api.Compilation})
 */
public record CheckResult(Optional<Program> program, ImmutableList<Diagnostic> diagnostics, ImmutableList<PolicyIr> toLint) {

    public CheckResult {
        diagnostics = ImmutableList.copyOf(diagnostics);
        toLint = ImmutableList.copyOf(toLint);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
