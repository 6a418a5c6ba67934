package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.PolicyIr;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thousands of overlapping rules lint in seconds. The limit is generous; it exists to catch a
 * slide into pairwise checks, which would take minutes here. A sample of the verdicts is checked
 * against removing the rule.
 */
class ExactLintsScaleTest {

    @Test
    void threeThousandRulesLintQuicklyAndExactly() {
        PolicyIr policy = ManyRules.generate(3_000, 7);
        long start = System.nanoTime();
        List<Diagnostic> found = ExactLints.lint(policy);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "lint took " + took);
        assertTrue(found.size() > 10, "the generated policy has redundant rules: " + found.size());

        // Spot-check: every 97th rule, reported exactly when removing it changes nothing.
        for (int i = 0; i < policy.rules().size(); i += 97) {
            int line = policy.rules().get(i).span().line();
            boolean reported = found.stream().anyMatch(d -> d.span().line() == line);
            assertEquals(Outcomes.same(policy, Outcomes.without(policy, i)), reported, "rule at line " + line);
        }
    }
}
