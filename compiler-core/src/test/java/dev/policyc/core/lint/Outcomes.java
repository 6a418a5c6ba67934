package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import java.util.ArrayList;
import java.util.List;

/** What tests compare policies by: the flows they accept and the flows they log. */
public final class Outcomes {

    private Outcomes() {}

    public static boolean same(PolicyIr a, PolicyIr b) {
        return PolicyMeaning.accepted(a).equals(PolicyMeaning.accepted(b))
                && DecisionSets.of(a).logged().equals(DecisionSets.of(b).logged());
    }

    public static void assertSame(PolicyIr expected, PolicyIr actual) {
        assertEquals(PolicyMeaning.accepted(expected), PolicyMeaning.accepted(actual), "accepted flows");
        assertEquals(DecisionSets.of(expected).logged(), DecisionSets.of(actual).logged(), "logged flows");
    }

    /** {@code policy} without its rule at {@code index}. */
    public static PolicyIr without(PolicyIr policy, int index) {
        List<Rule> rules = new ArrayList<>(policy.rules());
        rules.remove(index);
        return policy.withRules(ImmutableList.copyOf(rules));
    }

    /** {@code policy} with {@code rule} added at the end. */
    public static PolicyIr with(PolicyIr policy, Rule rule) {
        return policy.withRules(ImmutableList.<Rule>builder().addAll(policy.rules()).add(rule).build());
    }
}
