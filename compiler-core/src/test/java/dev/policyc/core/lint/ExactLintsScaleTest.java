package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Five thousand overlapping rules lint in about a second (twenty thousand in a few). The limit
 * is generous; it exists to catch a slide into pairwise checks, which would take minutes here.
 * A sample of the verdicts is checked against removing the rule.
 */
class ExactLintsScaleTest {

    @Test
    void fiveThousandRulesLintQuicklyAndExactly() {
        PolicyIr policy = ManyRules.generate(5_000, 7);
        long start = System.nanoTime();
        List<Diagnostic> found = ExactLints.lint(policy);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "lint took " + took);
        assertTrue(found.size() > 10, "the generated policy has redundant rules: " + found.size());

        // Spot-check: every 499th rule, reported exactly when removing it changes nothing.
        FlowSet accepted = PolicyMeaning.accepted(policy);
        FlowSet logged = DecisionSets.of(policy).logged();
        for (int i = 0; i < policy.rules().size(); i += 499) {
            int line = policy.rules().get(i).span().line();
            boolean reported = found.stream().anyMatch(d -> d.span().line() == line);
            PolicyIr without = Outcomes.without(policy, i);
            boolean removable = accepted.equals(PolicyMeaning.accepted(without)) && logged.equals(DecisionSets.of(without).logged());
            assertEquals(removable, reported, "rule at line " + line);
        }
    }
}
