package dev.policyc.testing;

import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.ir.PolicyIr;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy ready for tests: checked, with every {@code dns} name and {@code resolver} bound to
 * addresses, and the source text at hand so that failures can quote the rule that decided a
 * flow. Get one from {@link TestPolicies} or {@link PolicyArbitraries#policies()}.
 */
public final class TestPolicy {

    private final PolicyIr policy;
    private final SourceLines sources;
    private final String origin;
    private final Optional<String> text;

    TestPolicy(PolicyIr policy, SourceLines sources, String origin, Optional<String> text) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (!policy.isBound()) {
            throw new IllegalArgumentException("policy " + policy.name() + " has unbound dns or resolver endpoints");
        }
        this.sources = Objects.requireNonNull(sources, "sources");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * A bound policy without its source text (failures then name rules by file:line only).
     *
     * @throws IllegalArgumentException if a rule still names a {@code dns} or {@code resolver}
     *                                  endpoint
     */
    public static TestPolicy of(PolicyIr boundPolicy) {
        return new TestPolicy(boundPolicy, SourceLines.none(), boundPolicy.span().file(), Optional.empty());
    }

    /** The policy's name. */
    public String name() {
        return policy.name();
    }

    /** The bound policy, for {@link dev.policyc.core.eval.ReferenceEvaluator} and flow sets. */
    public PolicyIr policy() {
        return policy;
    }

    /** The text of the policy's files, for quoting rules. */
    public SourceLines sources() {
        return sources;
    }

    /** {@code policy webapp (samples/policies/webapp.policy)}: how assertion messages name it. */
    public String label() {
        return "policy " + policy.name() + " (" + origin + ")";
    }

    /** The {@link #label()}, or the whole text of a policy made in memory (so jqwik reports show it). */
    @Override
    public String toString() {
        return text.orElse(label());
    }
}
