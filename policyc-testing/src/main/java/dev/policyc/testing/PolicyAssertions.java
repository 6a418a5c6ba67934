package dev.policyc.testing;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.dsl.expect.FlowSetSyntax;

/**
 * Entry point of the assertions about policies, in the fluent style of AssertJ:
 *
 * <pre>{@code
 * import static dev.policyc.testing.PolicyAssertions.assertThat;
 *
 * assertThat(webapp)
 *         .accepts("out tcp 10.20.1.5 5432")
 *         .drops("out tcp 10.20.99.5 5432")
 *         .neverAccepts("in tcp from outside 192.168.1.0/24 port 22")
 *         .equivalentTo(webappRefactored);
 * }</pre>
 *
 * Set assertions are decided exactly, on flow sets; each failure is an {@link AssertionError}
 * naming a counterexample flow and the rule (file:line and text) or default that decided it.
 */
public final class PolicyAssertions {

    private PolicyAssertions() {}

    /** Assertions about a test policy. */
    public static PolicyAssert assertThat(TestPolicy policy) {
        return new PolicyAssert(policy);
    }

    /** Assertions about a bound policy (failures then name rules by file:line only). */
    public static PolicyAssert assertThat(PolicyIr boundPolicy) {
        return new PolicyAssert(TestPolicy.of(boundPolicy));
    }

    /**
     * A flow in {@code policyc eval}'s syntax, {@code out tcp 10.20.1.5 5432}.
     *
     * @throws IllegalArgumentException if the text is not a flow
     */
    public static Flow flow(String text) {
        FlowSyntax.Result result = FlowSyntax.parse(text);
        if (result instanceof FlowSyntax.Malformed bad) {
            throw new IllegalArgumentException("'" + text + "' is not a flow: " + bad.message()
                    + bad.hint().map(h -> " (" + h + ")").orElse(""));
        }
        return ((FlowSyntax.Parsed) result).flow();
    }

    /**
     * A set of flows in the syntax of expectations files, for example
     * {@code in tcp from outside 10.0.0.0/8 port 22} (see {@link FlowSetSyntax}).
     *
     * @throws IllegalArgumentException if the text is not such a description, or describes no flow
     */
    public static FlowSet flows(String text) {
        FlowSetSyntax.Result result = FlowSetSyntax.parse(text);
        if (result instanceof FlowSetSyntax.Malformed bad) {
            throw new IllegalArgumentException("'" + text + "' is not a set of flows: " + bad.message()
                    + " (column " + bad.column() + ")" + bad.hint().map(h -> "; " + h).orElse(""));
        }
        return ((FlowSetSyntax.Parsed) result).flows();
    }
}
