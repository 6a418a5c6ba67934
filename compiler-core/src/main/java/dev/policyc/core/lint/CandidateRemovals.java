package dev.policyc.core.lint;

import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@link DecisionSets} of a policy with some of a few candidate rules taken out. The unions
 * over the other rules, which may be thousands, are computed once; each question then unions
 * only the candidates that stay. Asking again and again which candidates can go together costs
 * a few small unions per question, not a pass over the whole policy.
 */
final class CandidateRemovals {

    private final PolicyIr policy;
    private final List<FlowSet> matched;
    private final Set<Integer> candidates;
    private final List<Predicate<Rule>> kinds = List.of(
            r -> r.verdict() == Verdict.ALLOW,
            r -> r.verdict() == Verdict.ALLOW && r.log(),
            r -> r.verdict() == Verdict.DENY,
            r -> r.verdict() == Verdict.DENY && r.log());
    /** For each kind, the union of what its rules outside the candidates match. */
    private final List<FlowSet> fixed = new ArrayList<>();
    private final FlowSet defaultAllowed;
    private final FlowSet defaultLogged;

    /**
     * @param matched    what each rule of {@code policy} matches, in policy order
     * @param candidates positions of the rules that may be taken out
     */
    CandidateRemovals(PolicyIr policy, List<FlowSet> matched, Set<Integer> candidates) {
        this.policy = policy;
        this.matched = matched;
        this.candidates = candidates;
        for (Predicate<Rule> kind : kinds) {
            List<FlowSet> others = new ArrayList<>();
            for (int i = 0; i < matched.size(); i++) {
                if (!candidates.contains(i) && kind.test(policy.rules().get(i))) {
                    others.add(matched.get(i));
                }
            }
            fixed.add(FlowSet.unionAll(others));
        }
        this.defaultAllowed = DecisionSets.defaults(policy, d -> policy.defaultFor(d).verdict() == Verdict.ALLOW);
        this.defaultLogged = DecisionSets.defaults(policy, d -> policy.defaultFor(d).log());
    }

    /** The decision sets of the policy without the candidates at {@code removed}. */
    DecisionSets without(Set<Integer> removed) {
        List<FlowSet> sets = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            List<FlowSet> kept = new ArrayList<>(List.of(fixed.get(k)));
            for (int i : candidates) {
                if (!removed.contains(i) && kinds.get(k).test(policy.rules().get(i))) {
                    kept.add(matched.get(i));
                }
            }
            sets.add(FlowSet.unionAll(kept));
        }
        return new DecisionSets(sets.get(0), sets.get(1), sets.get(2), sets.get(3), defaultAllowed, defaultLogged);
    }
}
