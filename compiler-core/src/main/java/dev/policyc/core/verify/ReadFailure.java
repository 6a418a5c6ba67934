package dev.policyc.core.verify;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;

/**
 * Abandons the statement an {@link ArtifactReader} is parsing. Readers throw and catch it
 * inside their own parsers only: each catch turns it into its {@link #diagnostic()} and goes
 * on with the next statement, so it never reaches a caller of the reader.
 */
public final class ReadFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    public ReadFailure(String code, SourceSpan span, String message, String hint) {
        super(message, null, false, false);
        this.diagnostic = Diagnostic.error(code, span, message).withHint(hint);
    }

    public ReadFailure(String code, SourceSpan span, String message) {
        this(code, span, message, null);
    }

    /** The error this failure stands for. */
    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
