package dev.policyc.core.opt;

import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Rule;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What each rule matches ({@link PolicyMeaning#matched}), computed once per optimizer run: the
 * passes ask for the same rule objects round after round, and a rule of a blocklist-fed policy
 * names 100,000 blocks. Rules are immutable, so a rule object's answer never changes; they are
 * keyed by identity, which spares hashing their peers. One per run, not shared between threads.
 */
final class RuleMeanings {

    private final Map<Rule, FlowSet> matched = new IdentityHashMap<>();

    FlowSet matched(Rule rule) {
        return matched.computeIfAbsent(rule, PolicyMeaning::matched);
    }

    /** The flows that some rule of {@code rules} matches. */
    FlowSet matchedByAny(Collection<Rule> rules) {
        return FlowSet.unionAll(rules.stream().map(this::matched).toList());
    }
}
