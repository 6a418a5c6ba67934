package dev.policyc.core.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.lint.ManyRules;
import dev.policyc.core.lint.Outcomes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Thousands of overlapping rules optimize, paranoid, in seconds; the limit catches quadratic slides. */
class OptimizerScaleTest {

    @Test
    void threeThousandRulesOptimizeQuickly() {
        PolicyIr policy = ManyRules.generate(3_000, 11);
        long start = System.nanoTime();
        PassResult result = Optimizer.standard(true).optimize(policy);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "optimizing took " + took);
        assertEquals(java.util.List.of(), result.diagnostics());
        Outcomes.assertSame(policy, result.policy());
        assertTrue(result.policy().rules().size() < policy.rules().size() / 2,
                "rules differing only in peers merge: " + result.policy().rules().size());
    }
}
