package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Merges the rules of a policy that agree on a key into one rule, which takes the place of the
 * first of them. Shared by the passes that union peers and ports: a rule's matched flows are
 * the union over its endpoints (and over its ports) with the other parts fixed, so the union of
 * rules that differ in one part alone is the rule with the union of that part.
 */
final class RuleMerging {

    private RuleMerging() {}

    /**
     * @param key    what must be equal for two rules to merge; empty for a rule that never merges
     * @param merged the rule replacing a group of two or more, in policy order
     */
    static PolicyIr mergeBy(PolicyIr policy, Function<Rule, Optional<?>> key, Function<List<Rule>, Rule> merged) {
        Map<Object, List<Rule>> groups = new LinkedHashMap<>();
        // One slot per output rule, in policy order: a group, or a rule that never merges alone.
        List<List<Rule>> slots = new ArrayList<>();
        boolean anyMerge = false;
        for (Rule rule : policy.rules()) {
            Optional<?> k = key.apply(rule);
            List<Rule> group = k.isPresent() ? groups.get(k.get()) : null;
            if (group != null) {
                group.add(rule);
                anyMerge = true;
                continue;
            }
            group = new ArrayList<>(List.of(rule));
            slots.add(group);
            if (k.isPresent()) {
                groups.put(k.get(), group);
            }
        }
        if (!anyMerge) {
            return policy;
        }
        ImmutableList.Builder<Rule> out = ImmutableList.builder();
        for (List<Rule> slot : slots) {
            out.add(slot.size() == 1 ? slot.get(0) : merged.apply(slot));
        }
        return policy.withRules(out.build());
    }
}
