package dev.policyc.core.lint;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds the rules of one group (say, every deny rule) that share flows with a rule being
 * reported, so that a warning can name them by {@code file:line}. Candidates come from a
 * {@link PeerIndex} (rules whose addresses meet), and only they are checked on flow sets, so a
 * search costs about as much as the rules it finds, not one check per rule of the policy.
 */
final class Deciders {

    /** How many rules a hint names before it says "and N more". */
    private static final int NAMED = 3;

    private final ImmutableList<Rule> rules;
    private final List<FlowSet> matched;
    /** Built when first needed: most policies have nothing to report, so no hint to write. */
    private PeerIndex peers;

    /** @param matched what each rule of the group matches, in the same order */
    Deciders(List<Rule> rules, List<FlowSet> matched) {
        this.rules = ImmutableList.copyOf(rules);
        this.matched = matched;
    }

    /**
     * What of this group touches {@code flows}, the flows {@code self} matches.
     *
     * @param others every rule of the group except {@code self} that shares a flow with it, in policy order
     * @param alone  one of {@code others} that matches every flow of {@code flows} by itself, if any
     */
    record Found(ImmutableList<Rule> others, Optional<Rule> alone) {}

    Found find(FlowSet flows, Rule self) {
        ImmutableList.Builder<Rule> others = ImmutableList.builder();
        Optional<Rule> alone = Optional.empty();
        if (peers == null) {
            peers = new PeerIndex(rules);
        }
        for (int i : peers.candidates(self)) {
            Rule other = rules.get(i);
            if (other == self || other.direction() != self.direction() || matched.get(i).intersection(flows).isEmpty()) {
                continue;
            }
            others.add(other);
            if (alone.isEmpty() && matched.get(i).containsAll(flows)) {
                alone = Optional.of(other);
            }
        }
        return new Found(others.build(), alone);
    }

    /** {@code a:3}, {@code a:3 and a:5}, {@code a:3, a:5, a:9 and 2 more}. */
    static String positions(Collection<Rule> rules) {
        List<String> shown = new ArrayList<>();
        for (Rule r : rules) {
            if (shown.size() == NAMED) {
                break;
            }
            shown.add(r.span().fileAndLine());
        }
        int more = rules.size() - shown.size();
        if (more > 0) {
            return String.join(", ", shown) + " and " + more + " more";
        }
        if (shown.size() <= 1) {
            return String.join("", shown);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    }

    /** {@code the default deny out}, or {@code the implicit default deny out} when the policy says none. */
    static String defaultText(DefaultAction action, Direction direction) {
        String text = "default " + action.verdict().keyword() + " " + direction.keyword();
        return action.span().isPresent() ? "the " + text : "the implicit " + text;
    }
}
