package dev.policyc.core.ir;

import dev.policyc.core.diag.SourceSpan;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy does with a flow no rule decides, for one direction.
 *
 * @param span where the policy says so; empty for the implicit {@code default deny}
 */
public record DefaultAction(Verdict verdict, boolean log, Optional<SourceSpan> span) {

    public DefaultAction {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(span, "span");
    }

    /** The default of a policy that says nothing: drop, without logging. */
    public static DefaultAction implicitDeny() {
        return new DefaultAction(Verdict.DENY, false, Optional.empty());
    }
}
