package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link ExactLints} against the plain definitions, checked rule by rule on generated policies:
 * a rule is reported exactly when the policy without it accepts and logs the same flows, and
 * which of the three warnings it gets follows from naive, pairwise flow-set checks.
 */
class ExactLintsProperties {

    @Provide
    Arbitrary<PolicyIr> policies() {
        // Rules numbered by line, so that a warning's span names its rule.
        return IrArbitraries.boundPolicies().map(ExactLintsProperties::numbered);
    }

    static PolicyIr numbered(PolicyIr policy) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            Rule r = policy.rules().get(i);
            rules.add(new Rule(r.verdict(), r.direction(), r.protocols(), r.peer(), r.ports(), r.log(), r.comment(),
                    SourceSpan.at(IrArbitraries.FILE, i + 2, 1)));
        }
        return policy.withRules(ImmutableList.copyOf(rules));
    }

    private static Map<Integer, String> codesByRule(List<Diagnostic> found) {
        return found.stream().collect(Collectors.toMap(d -> d.span().line() - 2, Diagnostic::code));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void aRuleIsReportedOnlyWhenRemovingItChangesNothingAndNoneIsMissed(@ForAll("policies") PolicyIr policy) {
        Map<Integer, String> codes = codesByRule(ExactLints.lint(policy));
        for (int i = 0; i < policy.rules().size(); i++) {
            boolean removable = Outcomes.same(policy, Outcomes.without(policy, i));
            Statistics.label("rules").collect(codes.getOrDefault(i, removable ? "unreported but removable" : "needed"));
            if (codes.containsKey(i)) {
                assertTrue(removable, "rule " + i + " of " + policy.rules() + ": " + codes);
            } else if (removable) {
                // Left out only as one of several rules that are redundant alone but not together
                // (copies of one rule): then another of them is reported.
                assertTrue(codes.values().stream().anyMatch(ExactLints.RULE_NEVER_DECIDES::equals),
                        "rule " + i + " of " + policy.rules() + ": " + codes);
            }
        }
        Statistics.label("rules").coverage(c -> {
            c.check(ExactLints.RULE_NEVER_DECIDES).percentage(p -> p > 3);
            c.check(ExactLints.ALLOW_OVERRIDDEN).percentage(p -> p > 1);
            c.check(ExactLints.DENY_OVERRIDES_NOTHING).percentage(p -> p > 1);
            c.check("needed").percentage(p -> p > 20);
        });
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void eachWarningFollowsItsDefinition(@ForAll("policies") PolicyIr policy) {
        Map<Integer, String> codes = codesByRule(ExactLints.lint(policy));
        List<Rule> allows = policy.rules().stream().filter(r -> r.verdict() == Verdict.ALLOW).toList();
        FlowSet denied = PolicyMeaning.matchedByAny(policy.rules().stream().filter(r -> r.verdict() == Verdict.DENY).toList());
        for (int i = 0; i < policy.rules().size(); i++) {
            Rule rule = policy.rules().get(i);
            FlowSet matched = PolicyMeaning.matched(rule);
            boolean overridden = rule.verdict() == Verdict.ALLOW && !matched.isEmpty() && denied.containsAll(matched);
            assertEquals(overridden, ExactLints.ALLOW_OVERRIDDEN.equals(codes.get(i)), "rule " + i + " of " + policy.rules());
            boolean meetsNoAllow = allows.stream().allMatch(a -> PolicyMeaning.matched(a).intersection(matched).isEmpty());
            boolean overridesNothing = rule.verdict() == Verdict.DENY && !matched.isEmpty() && meetsNoAllow
                    && policy.defaultFor(rule.direction()).verdict() == Verdict.DENY
                    && Outcomes.same(policy, Outcomes.without(policy, i));
            assertEquals(overridesNothing, ExactLints.DENY_OVERRIDES_NOTHING.equals(codes.get(i)), "rule " + i + " of " + policy.rules());
        }
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void ruleOrderDoesNotChangeTheWarnings(@ForAll("policies") PolicyIr policy, @ForAll long seed) {
        List<Rule> shuffled = new ArrayList<>(policy.rules());
        Collections.shuffle(shuffled, new Random(seed));
        PolicyIr reordered = policy.withRules(ImmutableList.copyOf(shuffled));
        // Of rules redundant alone but not together (copies), the later is reported, so which
        // one depends on order (JointRemovalProperties checks that either choice is sound); the
        // overriding warnings do not depend on order.
        assertEquals(warnings(policy, false), warnings(reordered, false));
    }

    /** Each warning as its code and the rule it is about (by the rule's own span). */
    private static HashMultiset<String> warnings(PolicyIr policy, boolean neverDecides) {
        return ExactLints.lint(policy).stream()
                .filter(d -> d.code().equals(ExactLints.RULE_NEVER_DECIDES) == neverDecides)
                .map(d -> d.code() + " " + Optional.ofNullable(d.span()).map(SourceSpan::toString).orElse("?"))
                .collect(Collectors.toCollection(HashMultiset::create));
    }
}
