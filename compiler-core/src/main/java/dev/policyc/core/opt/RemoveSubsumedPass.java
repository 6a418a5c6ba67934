package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.lint.FlowSetIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes duplicate and subsumed rules: a rule every flow of which other rules of the same
 * verdict and the same {@code log} flag already match. (This covers "contained in another rule",
 * and also a rule covered only by several others together.) Rules that match nothing go too.
 *
 * <p>Why the same {@code log} flag: the survivors then decide, and log, exactly what the removed
 * rule did, whatever order a backend puts rules in. A quiet rule under a logging one could go
 * too in the spec's model, but not in a backend that logs only in the first matching rule.
 * The removed rule's comment and span go with it; the survivors keep theirs.
 *
 * <p>Rules are removed one at a time, from the last to the first, so that of two equal rules
 * the first stays: rule {@code i} goes when it lies in the union of all rules before it and the
 * rules kept after it. (Every rule before it is itself either kept or covered by kept rules, so
 * the kept rules still cover everything.) Only rules inside the flows that two or more rules of their
 * group match can go, which the {@link FlowSetIndex} finds for all rules at once; the rest cost
 * nothing more.
 */
final class RemoveSubsumedPass implements MeaningPass {

    @Override
    public String name() {
        return "remove-subsumed";
    }

    private record Group(Verdict verdict, boolean log) {}

    @Override
    public PassResult apply(PolicyIr policy, RuleMeanings meanings) {
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            Rule r = policy.rules().get(i);
            groups.computeIfAbsent(new Group(r.verdict(), r.log()), g -> new ArrayList<>()).add(i);
        }
        Set<Integer> removed = new HashSet<>();
        for (List<Integer> group : groups.values()) {
            removed.addAll(subsumed(policy.rules(), group, meanings));
        }
        if (removed.isEmpty()) {
            return PassResult.of(policy);
        }
        ImmutableList.Builder<Rule> kept = ImmutableList.builder();
        for (int i = 0; i < policy.rules().size(); i++) {
            if (!removed.contains(i)) {
                kept.add(policy.rules().get(i));
            }
        }
        return PassResult.of(policy.withRules(kept.build()));
    }

    /** The positions of the rules of one group that can go. */
    private static List<Integer> subsumed(List<Rule> rules, List<Integer> group, RuleMeanings meanings) {
        List<FlowSet> matched = group.stream().map(i -> meanings.matched(rules.get(i))).toList();
        FlowSetIndex index = FlowSetIndex.of(matched);
        List<Integer> candidates = new ArrayList<>();
        List<FlowSet> fixed = new ArrayList<>();
        for (int k = 0; k < group.size(); k++) {
            if (index.coveredTwice().containsAll(matched.get(k))) {
                candidates.add(k);
            } else {
                fixed.add(matched.get(k));
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        // before[c]: the union of the candidates before candidate c, as the input has them.
        FlowSet[] before = new FlowSet[candidates.size() + 1];
        before[0] = FlowSet.empty();
        for (int c = 0; c < candidates.size(); c++) {
            before[c + 1] = before[c].union(matched.get(candidates.get(c)));
        }
        FlowSet kept = FlowSet.unionAll(fixed);
        List<Integer> gone = new ArrayList<>();
        for (int c = candidates.size() - 1; c >= 0; c--) {
            FlowSet own = matched.get(candidates.get(c));
            if (kept.union(before[c]).containsAll(own)) {
                gone.add(group.get(candidates.get(c)));
            } else {
                kept = kept.union(own);
            }
        }
        return gone;
    }
}
