package dev.policyc.backend.nftables.reader;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;

/**
 * Abandons the statement being parsed. Thrown and caught inside the parsers only: each catch
 * turns it into its {@link #diagnostic()} and moves on to the next statement, so nothing of it
 * reaches a caller of the reader.
 */
final class Unreadable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    Unreadable(String code, SourceSpan span, String message, String hint) {
        super(message, null, false, false);
        this.diagnostic = Diagnostic.error(code, span, message).withHint(hint);
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }
}
