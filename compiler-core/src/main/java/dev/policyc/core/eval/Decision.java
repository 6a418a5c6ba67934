package dev.policyc.core.eval;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one flow and why: the rules that decided it, or the default that did.
 *
 * @param verdict    what happens to the flow
 * @param deciding   the rules of that verdict that match the flow, in policy order: every
 *                   matching deny rule for a deny, every matching allow rule for an allow; empty
 *                   when the default decided
 * @param overridden the allow rules that match but lose to {@code deciding} deny rules, in
 *                   policy order; empty unless deny rules decided
 * @param byDefault  the default of the flow's direction, present exactly when no rule matched
 */
public record Decision(
        Verdict verdict, ImmutableList<Rule> deciding, ImmutableList<Rule> overridden, Optional<DefaultAction> byDefault) {

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        deciding = ImmutableList.copyOf(deciding);
        overridden = ImmutableList.copyOf(overridden);
        Objects.requireNonNull(byDefault, "byDefault");
        if (deciding.isEmpty() == byDefault.isEmpty()) {
            throw new IllegalArgumentException("a flow is decided by rules or by the default, not both or neither");
        }
        if (!deciding.stream().allMatch(r -> r.verdict() == verdict)
                || byDefault.isPresent() && byDefault.get().verdict() != verdict) {
            throw new IllegalArgumentException("what decided a flow has the decision's verdict");
        }
        if (!overridden.isEmpty() && (verdict != Verdict.DENY || byDefault.isPresent()
                || !overridden.stream().allMatch(r -> r.verdict() == Verdict.ALLOW))) {
            throw new IllegalArgumentException("only allow rules are overridden, and only by deny rules");
        }
    }

    /** True when no rule matched and the policy's default for the direction applied. */
    public boolean isDefault() {
        return byDefault.isPresent();
    }

    /** True when what decided the flow logs it: a deciding rule with {@code log}, or a logging default. */
    public boolean logged() {
        return byDefault.map(DefaultAction::log).orElseGet(() -> deciding.stream().anyMatch(Rule::log));
    }
}
