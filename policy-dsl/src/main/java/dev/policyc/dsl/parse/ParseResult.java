package dev.policyc.dsl.parse;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.Objects;

/**
 * What reading one file gave: the AST of everything that could be read, and the syntax
 * diagnostics. The unit is never null; after errors it holds the statements that parsed.
 */
public record ParseResult(SourceUnit unit, ImmutableList<Diagnostic> diagnostics) {

    public ParseResult {
        Objects.requireNonNull(unit, "unit");
        diagnostics = ImmutableList.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
