package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.testing.IrArbitraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Following every rule-never-decides warning at once keeps the meaning, even when the policy
 * holds copies of its own rules (each copy alone is redundant, but not both).
 */
class JointRemovalProperties {

    @Provide
    Arbitrary<PolicyIr> policiesWithCopies() {
        return IrArbitraries.boundPolicies().filter(p -> !p.rules().isEmpty()).map(JointRemovalProperties::withCopies);
    }

    /** Every rule once more at the end, each rule on a line of its own. */
    private static PolicyIr withCopies(PolicyIr policy) {
        List<Rule> rules = new ArrayList<>(policy.rules());
        rules.addAll(policy.rules());
        List<Rule> relined = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            relined.add(new Rule(r.verdict(), r.direction(), r.protocols(), r.peer(), r.ports(), r.log(), r.comment(),
                    SourceSpan.at("copies.policy", i + 1, 5)));
        }
        return policy.withRules(ImmutableList.copyOf(relined));
    }

    @Property(tries = 200)
    void removingEveryRuleWarnedAboutKeepsTheMeaning(@ForAll("policiesWithCopies") PolicyIr policy) {
        Set<SourceSpan> warned = ExactLints.lint(policy).stream()
                .filter(d -> d.code().equals(ExactLints.RULE_NEVER_DECIDES))
                .map(d -> d.span())
                .collect(Collectors.toSet());
        PolicyIr after = policy.withRules(policy.rules().stream().filter(r -> !warned.contains(r.span()))
                .collect(ImmutableList.toImmutableList()));
        assertEquals(PolicyMeaning.accepted(policy), PolicyMeaning.accepted(after));
    }
}
