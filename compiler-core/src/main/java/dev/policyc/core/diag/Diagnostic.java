package dev.policyc.core.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding about a policy: an error or a warning, where it is, and how to fix it.
 *
 * <p>This is the only diagnostics type of policyc. Every stage collects diagnostics and hands
 * them back with its result; none is ever thrown. {@link DiagnosticPrinter} renders them.
 *
 * @param severity error or warning
 * @param code     a stable, kebab-case identifier (for example {@code undefined-name}), used by
 *                 tests, JSON output and documentation
 * @param message  one sentence, lower-case start, no final period
 * @param span     where; {@code null} only for findings about no particular place (a missing
 *                 file named on the command line)
 * @param hint     how to fix it, or {@code null}
 */
public record Diagnostic(Severity severity, String code, String message, SourceSpan span, String hint) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String code, SourceSpan span, String message) {
        return new Diagnostic(Severity.ERROR, code, message, span, null);
    }

    public static Diagnostic warning(String code, SourceSpan span, String message) {
        return new Diagnostic(Severity.WARNING, code, message, span, null);
    }

    /** This diagnostic with a hint. */
    public Diagnostic withHint(String newHint) {
        return new Diagnostic(severity, code, message, span, newHint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Optional<SourceSpan> location() {
        return Optional.ofNullable(span);
    }

    public Optional<String> hintText() {
        return Optional.ofNullable(hint);
    }
}
