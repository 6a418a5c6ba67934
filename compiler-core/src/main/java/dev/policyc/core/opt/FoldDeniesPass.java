package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.lint.FlowSetIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds deny rules into the allow rules: the allows are rewritten to match only what they match
 * minus the deny, and the deny goes. So {@code allow out tcp to 10.0.0.0/8 port 443} with
 * {@code deny out to 10.1.0.0/16} becomes one allow rule to the seven blocks of
 * {@code 10.0.0.0/8} outside {@code 10.1.0.0/16}.
 *
 * <p>A deny can be folded only when nothing but its carving out of the allows is visible:
 * <ul>
 *   <li>it does not {@code log} (its drops are logged: they must stay its drops);
 *   <li>its direction's default is deny (under {@code default allow} it carves flows out of the
 *       default, which no allow rule can express);
 *   <li>that default does not log (the flows it drops quietly would fall to the default and be
 *       logged).
 * </ul>
 * Then the flows the deny matched are dropped, quietly, before and after. Such a deny that
 * shares no flow with any allow simply goes.
 *
 * <p>Denies are folded one at a time, in policy order; each rewritten allow is written from
 * scratch from its own matched flows minus the denies folded into it so far, and keeps its
 * verdict, log flag, comment and span. A deny stays when the rest of some allow it touches
 * cannot be written as rules (an allow of every protocol minus a tcp deny: "every protocol but
 * tcp" has no syntax), or when folding would grow the policy: more rules than before (the deny
 * counted), or more than {@value #MAX_EXTRA_BLOCKS} extra address blocks.
 */
final class FoldDeniesPass implements MeaningPass {

    /** How many more address blocks the rewritten allows may have than the deny and the allows had. */
    static final int MAX_EXTRA_BLOCKS = 64;

    @Override
    public String name() {
        return "fold-denies";
    }

    @Override
    public PassResult apply(PolicyIr policy, RuleMeanings meanings) {
        ImmutableList<Rule> rules = policy.rules();
        if (rules.stream().noneMatch(r -> foldable(policy, r))) {
            return PassResult.of(policy);
        }
        List<Rule> allows = rules.stream().filter(r -> r.verdict() == Verdict.ALLOW).toList();
        List<FlowSet> remainders = new ArrayList<>(allows.stream().map(meanings::matched).toList());
        // Remainders only shrink, so an index of the original sets still finds every candidate.
        FlowSetIndex index = FlowSetIndex.of(remainders);
        Map<Integer, ImmutableList<Rule>> rewritten = new HashMap<>();
        Set<Rule> folded = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Rule deny : rules) {
            if (!foldable(policy, deny)) {
                continue;
            }
            FlowSet denied = meanings.matched(deny);
            Map<Integer, FlowSet> newRemainders = new HashMap<>();
            Map<Integer, ImmutableList<Rule>> newRules = new HashMap<>();
            int rulesBefore = 1;
            int blocksBefore = blocks(List.of(deny));
            int rulesAfter = 0;
            int blocksAfter = 0;
            boolean expressible = true;
            for (int k : index.overlapping(denied)) {
                if (remainders.get(k).intersection(denied).isEmpty()) {
                    continue;
                }
                FlowSet rest = remainders.get(k).difference(denied);
                Optional<ImmutableList<Rule>> written = RuleSynthesis.express(rest, allows.get(k), meanings);
                if (written.isEmpty()) {
                    expressible = false;
                    break;
                }
                List<Rule> current = rewritten.getOrDefault(k, ImmutableList.of(allows.get(k)));
                rulesBefore += current.size();
                blocksBefore += blocks(current);
                rulesAfter += written.get().size();
                blocksAfter += blocks(written.get());
                newRemainders.put(k, rest);
                newRules.put(k, written.get());
            }
            if (expressible && rulesAfter <= rulesBefore && blocksAfter <= blocksBefore + MAX_EXTRA_BLOCKS) {
                folded.add(deny);
                newRemainders.forEach(remainders::set);
                rewritten.putAll(newRules);
            }
        }
        if (folded.isEmpty()) {
            return PassResult.of(policy);
        }
        ImmutableList.Builder<Rule> out = ImmutableList.builder();
        int allowAt = 0;
        for (Rule rule : rules) {
            if (rule.verdict() == Verdict.ALLOW) {
                out.addAll(rewritten.getOrDefault(allowAt++, ImmutableList.of(rule)));
            } else if (!folded.contains(rule)) {
                out.add(rule);
            }
        }
        return PassResult.of(policy.withRules(out.build()));
    }

    private static boolean foldable(PolicyIr policy, Rule rule) {
        DefaultAction byDefault = policy.defaultFor(rule.direction());
        return rule.verdict() == Verdict.DENY && !rule.log() && byDefault.verdict() == Verdict.DENY && !byDefault.log();
    }

    /** Address blocks of some rules, a rule without a peer counting as one. */
    private static int blocks(List<Rule> rules) {
        return rules.stream().mapToInt(r -> r.peer().map(List::size).orElse(1)).sum();
    }
}
