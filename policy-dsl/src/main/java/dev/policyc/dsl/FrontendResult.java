package dev.policyc.dsl;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Program;
import dev.policyc.dsl.load.LoadedSources;
import java.util.Optional;

/**
 * What the front end made of a compilation.
 *
 * @param program     the IR, present exactly when there is no error
 * @param diagnostics every error and warning, in source order
 * @param sources     the files read, with their text (a {@code SourceLines} for the printer)
 */
public record FrontendResult(Optional<Program> program, ImmutableList<Diagnostic> diagnostics, LoadedSources sources) {

    public FrontendResult {
        diagnostics = ImmutableList.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
