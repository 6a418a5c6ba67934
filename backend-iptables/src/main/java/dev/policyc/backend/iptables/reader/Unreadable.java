package dev.policyc.backend.iptables.reader;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;

/**
 * Abandons the line being read. Thrown and caught inside this package only: the parser turns it
 * into its {@link #diagnostic()} and goes on with the next line, so a caller of the reader never
 * sees it.
 */
final class Unreadable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    Unreadable(String code, SourceSpan span, String message, String hint) {
        super(message, null, false, false);
        this.diagnostic = Diagnostic.error(code, span, message).withHint(hint);
    }

    Unreadable(String code, SourceSpan span, String message) {
        this(code, span, message, null);
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }
}
