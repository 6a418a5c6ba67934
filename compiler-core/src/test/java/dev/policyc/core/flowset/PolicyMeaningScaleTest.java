package dev.policyc.core.flowset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.bench.LargePolicy;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 100,000 prefixes: the analysis must stay near-linear. The time limit is generous (the
 * benchmark in docs/benchmarks.md has the real figures); it exists to catch a quadratic
 * regression, which would take minutes here.
 */
class PolicyMeaningScaleTest {

    @Test
    void aHundredThousandPrefixesAreAnalysedQuicklyAndExactly() {
        PolicyIr policy = LargePolicy.generate(100_000, 2_000, 42);
        long start = System.nanoTime();
        FlowSet accepted = PolicyMeaning.accepted(policy);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "analysis took " + took);

        // Spot-check exactness on the first address of some prefixes, for each rule's shape (the
        // reference, Fixtures.verdict, scans every prefix per flow, so a sample keeps it quick).
        IPAddress[] blocks = LargePolicy.blocks(policy);
        for (int i = 0; i < blocks.length; i += 4001) {
            IPAddress a = blocks[i].getLower().withoutPrefixLength();
            for (Flow f : new Flow[] {
                Flow.of(Direction.OUT, Protocol.TCP, a, 443), Flow.of(Direction.OUT, Protocol.UDP, a, 53),
                Flow.of(Direction.IN, Protocol.TCP, a, 22), Flow.of(Direction.OUT, Protocol.TCP, a, 80)}) {
                assertEquals(Fixtures.verdict(policy, f) == Verdict.ALLOW, accepted.contains(f), f::toString);
            }
        }
    }
}
