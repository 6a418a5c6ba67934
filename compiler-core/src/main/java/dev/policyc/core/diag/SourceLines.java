package dev.policyc.core.diag;

import java.util.Optional;

/** Gives {@link DiagnosticPrinter} the text of a source line so that it can show it with a caret. */
@FunctionalInterface
public interface SourceLines {

    /** The text of 1-based {@code line} of {@code file}, without its line terminator. */
    Optional<String> line(String file, int line);

    /** For callers that have no source text at hand: diagnostics print without the excerpt. */
    static SourceLines none() {
        return (file, line) -> Optional.empty();
    }
}
