package dev.policyc.dsl.format;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PolicyFormatter#tryFormat} gave: the canonical text, or the reasons why the AST
 * cannot be written as a policy file (never both).
 *
 * @param text        the formatted file, present exactly when {@code diagnostics} is empty
 * @param diagnostics errors with code {@value PolicyFormatter#UNWRITABLE}, one per unwritable text
 */
public record FormatResult(Optional<String> text, ImmutableList<Diagnostic> diagnostics) {

    public FormatResult {
        Objects.requireNonNull(text, "text");
        diagnostics = ImmutableList.copyOf(diagnostics);
        if (text.isPresent() != diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a format result has either text or diagnostics");
        }
    }

    public boolean hasErrors() {
        return !diagnostics.isEmpty();
    }
}
