package dev.policyc.core.flowset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.eval.Flow;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Set operations between a large set (the union of many single flows) and a small one, where
 * the sweep skips the large set's boundaries inside the small one's empty or full cells: the
 * results must still follow boolean logic, flow by flow, whichever side is large, and be the
 * canonical sets that the same operations give the other way round.
 */
class SkewedOperationProperties {

    @Provide
    Arbitrary<List<Flow>> many() {
        return Samples.flowArb().list().ofMinSize(50).ofMaxSize(300);
    }

    @Provide
    Arbitrary<List<Flow>> few() {
        return Samples.flowArb().list().ofMinSize(0).ofMaxSize(3);
    }

    @Property(tries = 150)
    void operationsOfALargeAndASmallSetFollowBooleanLogic(
            @ForAll("many") List<Flow> large, @ForAll("few") List<Flow> small, @ForAll("many") List<Flow> probes) {
        FlowSet a = FlowSet.unionAll(large.stream().map(FlowSet::of).toList());
        FlowSet b = FlowSet.unionAll(small.stream().map(FlowSet::of).toList());
        // Complements too, so that cells are full as well as empty on either side.
        for (FlowSet x : List.of(a, a.complement())) {
            for (FlowSet y : List.of(b, b.complement())) {
                check(x, y, probes, large, small);
                check(y, x, probes, large, small);
            }
        }
    }

    private static void check(FlowSet x, FlowSet y, List<Flow> probes, List<Flow> large, List<Flow> small) {
        FlowSet union = x.union(y);
        FlowSet intersection = x.intersection(y);
        FlowSet difference = x.difference(y);
        FlowSet symmetric = x.symmetricDifference(y);
        for (List<Flow> flows : List.of(probes, large, small)) {
            for (Flow f : flows) {
                boolean inX = x.contains(f);
                boolean inY = y.contains(f);
                assertEquals(inX || inY, union.contains(f), () -> "union at " + f);
                assertEquals(inX && inY, intersection.contains(f), () -> "intersection at " + f);
                assertEquals(inX && !inY, difference.contains(f), () -> "difference at " + f);
                assertEquals(inX != inY, symmetric.contains(f), () -> "symmetric difference at " + f);
            }
        }
        assertEquals(y.union(x), union);
        assertEquals(y.intersection(x), intersection);
        assertEquals(symmetric, difference.union(y.difference(x)));
        assertEquals(x, difference.union(intersection));
    }
}
