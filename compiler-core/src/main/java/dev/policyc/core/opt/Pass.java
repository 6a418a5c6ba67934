package dev.policyc.core.opt;

import dev.policyc.core.ir.PolicyIr;

/**
 * One optimization: a pure function from a bound policy to an equivalent bound policy. A pass
 * never changes its input, keeps exactly which flows the policy accepts and which it logs (the
 * {@link Optimizer} checks this after every pass when asked to be paranoid), and returns its
 * input unchanged (the same object, or an equal one) when it has nothing to do.
 */
public interface Pass {

    /** A short kebab-case name, used in diagnostics that blame a pass. */
    String name();

    /**
     * The optimized policy.
     *
     * @param policy a bound policy: every endpoint an {@link dev.policyc.core.ir.Endpoint.Block}
     */
    PassResult apply(PolicyIr policy);
}
