package dev.policyc.core.opt;

import dev.policyc.core.ir.PolicyIr;

/** A pass that works on what rules match, and shares those sets with the other passes of one optimizer run. */
interface MeaningPass extends Pass {

    /** The optimized policy, asking {@code meanings} for what each rule matches. */
    PassResult apply(PolicyIr policy, RuleMeanings meanings);

    @Override
    default PassResult apply(PolicyIr policy) {
        return apply(policy, new RuleMeanings());
    }
}
