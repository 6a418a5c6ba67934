package dev.policyc.core.lint;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The warnings of the spec ("Warnings (lint)") that need the exact meaning of a bound policy,
 * computed on flow sets, each at the span of the rule it is about:
 * <ul>
 *   <li>{@value #ALLOW_OVERRIDDEN}: an allow rule every flow of which some deny rule matches;
 *   <li>{@value #DENY_OVERRIDES_NOTHING}: a deny rule that no allow rule shares a flow with, in a
 *       direction whose default is deny, and whose removal would change nothing;
 *   <li>{@value #RULE_NEVER_DECIDES}: any other rule whose removal would change nothing.
 * </ul>
 * "Would change nothing" means: neither which flows the policy accepts
 * ({@link PolicyMeaning#accepted}) nor which flows it logs ({@link DecisionSets#logged()}). A
 * rule that only changes logging (a {@code deny ... log} inside what the default drops anyway, a
 * quiet allow in a direction whose default logs) does something visible and is not reported.
 * Each rule gets at most one of the three warnings: the specific two win over the general one.
 *
 * <p>Cost: the unions of the rules of each kind, and the flows that two or more rules of a kind
 * match, come from {@link FlowSetIndex} trees (O(n) set operations); each rule is then judged by
 * a fixed number of operations on the flows it matches. Naming the deciding rules in hints is
 * paid only for reported rules, and looks only at rules whose addresses meet (a
 * {@link PeerIndex}).
 */
public final class ExactLints {

    public static final String RULE_NEVER_DECIDES = "rule-never-decides";
    public static final String ALLOW_OVERRIDDEN = "allow-overridden";
    public static final String DENY_OVERRIDES_NOTHING = "deny-overrides-nothing";

    private final PolicyIr policy;
    private final ImmutableList<Rule> allows;
    private final ImmutableList<Rule> denies;
    private final FlowSetIndex allowIndex;
    private final FlowSetIndex denyIndex;
    private final FlowSetIndex loggedAllowIndex;
    private final FlowSetIndex loggedDenyIndex;
    private final FlowSet defaultAllowed;
    private final FlowSet defaultLogged;
    private final Deciders allowDeciders;
    private final Deciders denyDeciders;
    /** Where each rule object stands in the policy, to list rules of both kinds in policy order. */
    private final Map<Rule, Integer> positions = new IdentityHashMap<>();

    private ExactLints(PolicyIr policy) {
        this.policy = policy;
        for (int i = 0; i < policy.rules().size(); i++) {
            positions.put(policy.rules().get(i), i);
        }
        this.allows = rulesWhere(policy, r -> r.verdict() == Verdict.ALLOW);
        this.denies = rulesWhere(policy, r -> r.verdict() == Verdict.DENY);
        this.allowIndex = FlowSetIndex.of(matched(allows));
        this.denyIndex = FlowSetIndex.of(matched(denies));
        this.loggedAllowIndex = FlowSetIndex.of(matched(rulesWhere(policy, r -> r.verdict() == Verdict.ALLOW && r.log())));
        this.loggedDenyIndex = FlowSetIndex.of(matched(rulesWhere(policy, r -> r.verdict() == Verdict.DENY && r.log())));
        this.allowDeciders = new Deciders(allows, allowIndex.sets());
        this.denyDeciders = new Deciders(denies, denyIndex.sets());
        this.defaultAllowed = DecisionSets.defaults(policy, d -> policy.defaultFor(d).verdict() == Verdict.ALLOW);
        this.defaultLogged = DecisionSets.defaults(policy, d -> policy.defaultFor(d).log());
    }

    /**
     * The warnings for a bound policy, in rule order.
     *
     * @throws IllegalArgumentException if a rule still names a {@code dns} or {@code resolver} endpoint
     */
    public static ImmutableList<Diagnostic> lint(PolicyIr policy) {
        ExactLints lints = new ExactLints(policy);
        List<Rule> rules = policy.rules();
        List<Optional<Diagnostic>> found = new ArrayList<>();
        List<FlowSet> matchedByRule = new ArrayList<>();
        int allowAt = 0;
        int denyAt = 0;
        for (Rule rule : rules) {
            boolean allow = rule.verdict() == Verdict.ALLOW;
            FlowSet matched = (allow ? lints.allowIndex : lints.denyIndex).sets().get(allow ? allowAt++ : denyAt++);
            matchedByRule.add(matched);
            found.add(lints.judge(rule, matched));
        }
        keepJointlyRemovable(policy, found, matchedByRule);
        return found.stream().flatMap(Optional::stream).collect(ImmutableList.toImmutableList());
    }

    /** Above this many redundant rules, the joint check below would cost too much; all stay reported. */
    private static final int JOINT_CHECK_LIMIT = 200;

    /**
     * Each {@code rule-never-decides} rule can go on its own, but two copies of one rule can't
     * both go. So that following every warning keeps the meaning, the warnings are kept from
     * the last rule backwards only while the rules warned about so far can all be removed
     * together; of two duplicates, the later one is reported.
     */
    private static void keepJointlyRemovable(PolicyIr policy, List<Optional<Diagnostic>> found, List<FlowSet> matched) {
        List<Integer> redundant = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).filter(d -> d.code().equals(RULE_NEVER_DECIDES)).isPresent()) {
                redundant.add(i);
            }
        }
        if (redundant.size() < 2 || redundant.size() > JOINT_CHECK_LIMIT) {
            return;
        }
        CandidateRemovals removals = new CandidateRemovals(policy, matched, new HashSet<>(redundant));
        DecisionSets original = removals.without(Set.of());
        if (sameDecisions(original, removals.without(new HashSet<>(redundant)))) {
            return;
        }
        Set<Integer> removed = new HashSet<>();
        for (int k = redundant.size() - 1; k >= 0; k--) {
            int index = redundant.get(k);
            removed.add(index);
            if (!sameDecisions(original, removals.without(removed))) {
                removed.remove(index);
                found.set(index, Optional.empty());
            }
        }
    }

    private static boolean sameDecisions(DecisionSets a, DecisionSets b) {
        return a.accepted().equals(b.accepted()) && a.logged().equals(b.logged());
    }

    private Optional<Diagnostic> judge(Rule rule, FlowSet matched) {
        if (matched.isEmpty()) {
            return Optional.of(Diagnostic.warning(RULE_NEVER_DECIDES, rule.span(),
                            "this rule matches no flow: its protocols do not exist in the address family of any of its addresses")
                    .withHint("remove this rule, or give it addresses of the family its protocols need"
                            + " (icmp: IPv4, icmpv6: IPv6)"));
        }
        DecisionSets with = with(rule, matched);
        if (rule.verdict() == Verdict.ALLOW && with.denied().equals(matched)) {
            return Optional.of(allowOverridden(rule, matched));
        }
        DecisionSets without = withoutRule(with, rule, matched);
        boolean changesNothing = with.accepted().equals(without.accepted()) && with.logged().equals(without.logged());
        if (!changesNothing) {
            return Optional.empty();
        }
        DefaultAction byDefault = policy.defaultFor(rule.direction());
        if (rule.verdict() == Verdict.DENY && with.allowed().isEmpty() && byDefault.verdict() == Verdict.DENY) {
            return Optional.of(Diagnostic.warning(DENY_OVERRIDES_NOTHING, rule.span(),
                            "this deny rule overrides nothing: no allow rule matches any of its flows, and the default for "
                                    + rule.direction().keyword() + " is deny")
                    .withHint("remove this rule: " + Deciders.defaultText(byDefault, rule.direction())
                            + " drops these flows anyway"));
        }
        return Optional.of(neverDecides(rule, matched, without));
    }

    /**
     * What the policy does with the flows {@code rule} matches. Of the kinds the rule belongs to
     * (allow, logged allow...) these are all its flows, which saves a pass over the big unions.
     */
    private DecisionSets with(Rule rule, FlowSet matched) {
        boolean allow = rule.verdict() == Verdict.ALLOW;
        return new DecisionSets(
                allow ? matched : allowIndex.union().intersection(matched),
                allow && rule.log() ? matched : loggedAllowIndex.union().intersection(matched),
                allow ? denyIndex.union().intersection(matched) : matched,
                !allow && rule.log() ? matched : loggedDenyIndex.union().intersection(matched),
                defaultAllowed.intersection(matched),
                defaultLogged.intersection(matched));
    }

    /**
     * What the policy would do with {@code matched} without {@code rule}: within the flows the
     * rule matches, the others of its kind match exactly the flows two or more of the kind match.
     */
    private DecisionSets withoutRule(DecisionSets with, Rule rule, FlowSet matched) {
        boolean allow = rule.verdict() == Verdict.ALLOW;
        FlowSet allowed = allow ? allowIndex.coveredTwice().intersection(matched) : with.allowed();
        FlowSet allowedLogged = allow && rule.log()
                ? loggedAllowIndex.coveredTwice().intersection(matched) : with.allowedLogged();
        FlowSet denied = allow ? with.denied() : denyIndex.coveredTwice().intersection(matched);
        FlowSet deniedLogged = !allow && rule.log()
                ? loggedDenyIndex.coveredTwice().intersection(matched) : with.deniedLogged();
        return new DecisionSets(allowed, allowedLogged, denied, deniedLogged, with.defaultAllowed(), with.defaultLogged());
    }

    private Diagnostic allowOverridden(Rule rule, FlowSet matched) {
        Deciders.Found found = denyDeciders.find(matched, rule);
        String hint = found.alone()
                .map(deny -> "the deny at " + deny.span().fileAndLine() + " covers it: remove this rule, or narrow that deny")
                .orElseGet(() -> "the denies at " + Deciders.positions(found.others())
                        + " cover it together: remove this rule, or narrow those denies");
        return Diagnostic.warning(ALLOW_OVERRIDDEN, rule.span(),
                        "this allow rule never lets a flow through: deny rules override every flow it matches")
                .withHint(hint);
    }

    private Diagnostic neverDecides(Rule rule, FlowSet matched, DecisionSets without) {
        boolean allow = rule.verdict() == Verdict.ALLOW;
        // An allow's flows are decided by other allows, by denies, or by a default allow; a
        // deny's only by other denies or by the default (which then drops them).
        Deciders.Found sameKind = (allow ? allowDeciders : denyDeciders).find(matched, rule);
        Optional<Rule> alone = sameKind.alone();
        List<Rule> others = new ArrayList<>(sameKind.others());
        FlowSet byOtherRules = without.denied();
        if (allow) {
            others.addAll(denyDeciders.find(matched, rule).others());
            others.sort(Comparator.comparingInt(positions::get));
            byOtherRules = byOtherRules.union(without.allowed());
        }
        String what = allow ? "allow" : "deny";
        String hint;
        if (alone.isPresent()) {
            hint = "remove this rule: the " + alone.get().verdict().keyword() + " at " + alone.get().span().fileAndLine()
                    + " covers it";
        } else {
            String byDefault = Deciders.defaultText(policy.defaultFor(rule.direction()), rule.direction());
            boolean defaultDecides = !byOtherRules.equals(matched);
            String deciders = others.isEmpty() ? byDefault
                    : (others.size() == 1 ? "the rule at " : "the rules at ") + Deciders.positions(others)
                            + (defaultDecides ? " and " + byDefault : "");
            boolean several = others.size() + (defaultDecides ? 1 : 0) > 1;
            hint = "remove this rule: " + deciders + (several ? " decide" : " decides") + " its flows the same way";
        }
        return Diagnostic.warning(RULE_NEVER_DECIDES, rule.span(),
                        "this " + what + " rule never decides anything: every flow it matches is decided the same way without it")
                .withHint(hint);
    }

    private static ImmutableList<Rule> rulesWhere(PolicyIr policy, Predicate<Rule> test) {
        return policy.rules().stream().filter(test).collect(ImmutableList.toImmutableList());
    }

    private static List<FlowSet> matched(List<Rule> rules) {
        return rules.stream().map(PolicyMeaning::matched).toList();
    }
}
