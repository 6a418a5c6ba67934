package dev.policyc.core.ir;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import java.util.Objects;

/**
 * One policy in the compiler's intermediate representation: immutable, free of syntax, every
 * part traceable to its source. Rule order carries no meaning (deny wins, then allow, then the
 * default), but it is kept so that output follows the source.
 *
 * @param name       the policy's name, {@code [a-z][a-z0-9-]{0,23}}
 * @param span       where the policy is declared
 * @param defaultIn  what happens to incoming flows no rule decides
 * @param defaultOut what happens to outgoing flows no rule decides
 */
public record PolicyIr(
        String name, SourceSpan span, DefaultAction defaultIn, DefaultAction defaultOut, ImmutableList<Rule> rules) {

    public PolicyIr {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(defaultIn, "defaultIn");
        Objects.requireNonNull(defaultOut, "defaultOut");
        rules = ImmutableList.copyOf(rules);
    }

    public DefaultAction defaultFor(Direction direction) {
        return direction == Direction.IN ? defaultIn : defaultOut;
    }

    /** True when no rule names a {@code dns} or {@code resolver} endpoint that is still unbound. */
    public boolean isBound() {
        return rules.stream().allMatch(Rule::isBound);
    }

    public PolicyIr withRules(ImmutableList<Rule> newRules) {
        return new PolicyIr(name, span, defaultIn, defaultOut, newRules);
    }
}
