package dev.policyc.dsl;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.lint.ExactLints;
import dev.policyc.dsl.load.LoadedSources;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the front end made of a compilation.
 *
 * @param program     the IR, present exactly when there is no error
 * @param diagnostics every error and warning, in source order; the exact lints of {@code toLint}
 *                    not yet among them
 * @param sources     the files read, with their text (a {@code SourceLines} for the printer)
 * @param toLint      the policies whose exact lints are still to run ({@link #withExactLints()}):
 *                    empty from {@link Frontend#compile}, which runs them itself
 */
public record FrontendResult(Optional<Program> program, ImmutableList<Diagnostic> diagnostics, LoadedSources sources,
        ImmutableList<PolicyIr> toLint) {

    public FrontendResult {
        diagnostics = ImmutableList.copyOf(diagnostics);
        toLint = ImmutableList.copyOf(toLint);
    }

    /** This result with the exact lints of {@link #toLint()} run and among the diagnostics, in source order. */
    public FrontendResult withExactLints() {
        if (toLint.isEmpty()) {
            return this;
        }
        return new FrontendResult(program, sorted(diagnostics, exactLints(toLint)), sources, ImmutableList.of());
    }

    /** The exact lints (warnings only) of {@code policies}. */
    public static ImmutableList<Diagnostic> exactLints(List<PolicyIr> policies) {
        return policies.stream().flatMap(p -> ExactLints.lint(p).stream()).collect(ImmutableList.toImmutableList());
    }

    /** Both lists as one, in source order. */
    public static ImmutableList<Diagnostic> sorted(List<Diagnostic> some, List<Diagnostic> more) {
        return Stream.concat(some.stream(), more.stream()).sorted(Diagnostics.SOURCE_ORDER).collect(ImmutableList.toImmutableList());
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
