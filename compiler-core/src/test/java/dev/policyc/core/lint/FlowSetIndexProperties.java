package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.testing.IrArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link FlowSetIndex} against pairwise computations over the sets that generated rules match. */
class FlowSetIndexProperties {

    @Provide
    Arbitrary<List<Rule>> rules() {
        return IrArbitraries.rules().list().ofMaxSize(12);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void unionTwiceAndOverlapAgreeWithPairwiseChecks(@ForAll("rules") List<Rule> rules, @ForAll("rules") List<Rule> queries) {
        List<FlowSet> sets = rules.stream().map(PolicyMeaning::matched).toList();
        FlowSetIndex index = FlowSetIndex.of(sets);

        FlowSet union = FlowSet.empty();
        FlowSet twice = FlowSet.empty();
        for (int i = 0; i < sets.size(); i++) {
            union = union.union(sets.get(i));
            for (int j = i + 1; j < sets.size(); j++) {
                twice = twice.union(sets.get(i).intersection(sets.get(j)));
            }
        }
        assertEquals(union, index.union());
        assertEquals(twice, index.coveredTwice());

        for (Rule query : queries) {
            FlowSet q = PolicyMeaning.matched(query);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < sets.size(); i++) {
                if (!sets.get(i).intersection(q).isEmpty()) {
                    expected.add(i);
                }
            }
            assertEquals(expected, index.overlapping(q));
        }
    }
}
