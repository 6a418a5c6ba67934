package dev.policyc.core.flowset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.Flow;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The flow-set algebra against boolean logic, plus its laws and canonical form. */
class FlowSetProperties {

    @Property(tries = 300)
    void membershipFollowsTheModel(@ForAll("expressions") SetModel model, @ForAll("flows") List<Flow> flows) {
        FlowSet set = model.build();
        for (Flow f : flows) {
            Statistics.label("member").collect(model.contains(f));
            if (set.contains(f) != model.contains(f)) {
                throw new AssertionError(f + ": set says " + set.contains(f) + ", model " + model.contains(f) + "; " + model);
            }
        }
        // The generators must put flows on both sides of the sets, or this checks little.
        Statistics.label("member").coverage(c -> {
            c.check(true).percentage(p -> p > 15);
            c.check(false).percentage(p -> p > 15);
        });
    }

    @Property(tries = 200)
    void binaryOperationsFollowBooleanLogic(@ForAll("expressions") SetModel a, @ForAll("expressions") SetModel b,
            @ForAll("flows") List<Flow> flows) {
        FlowSet x = a.build();
        FlowSet y = b.build();
        FlowSet union = x.union(y);
        FlowSet intersection = x.intersection(y);
        FlowSet difference = x.difference(y);
        FlowSet xor = x.symmetricDifference(y);
        FlowSet complement = x.complement();
        for (Flow f : flows) {
            boolean inA = a.contains(f);
            boolean inB = b.contains(f);
            check(union.contains(f) == (inA || inB), "union", f);
            check(intersection.contains(f) == (inA && inB), "intersection", f);
            check(difference.contains(f) == (inA && !inB), "difference", f);
            check(xor.contains(f) == (inA != inB), "symmetric difference", f);
            check(complement.contains(f) == !inA, "complement", f);
        }
    }

    @Property(tries = 150)
    void lawsHoldAsEquality(@ForAll("expressions") SetModel ma, @ForAll("expressions") SetModel mb,
            @ForAll("expressions") SetModel mc) {
        FlowSet a = ma.build();
        FlowSet b = mb.build();
        FlowSet c = mc.build();
        assertEqualSets(a.union(b), b.union(a));
        assertEqualSets(a.intersection(b), b.intersection(a));
        assertEqualSets(a.union(b).union(c), a.union(b.union(c)));
        assertEqualSets(a.intersection(b).intersection(c), a.intersection(b.intersection(c)));
        assertEqualSets(a.intersection(b.union(c)), a.intersection(b).union(a.intersection(c)));
        assertEqualSets(a.union(b.intersection(c)), a.union(b).intersection(a.union(c)));
        assertEqualSets(a.union(b).complement(), a.complement().intersection(b.complement()));
        assertEqualSets(a.intersection(b).complement(), a.complement().union(b.complement()));
        assertEqualSets(a.difference(b), a.intersection(b.complement()));
        assertEqualSets(a.symmetricDifference(b), a.difference(b).union(b.difference(a)));
        assertEqualSets(a, a.complement().complement());
        assertTrue(a.union(a.complement()).isAll());
        assertTrue(a.intersection(a.complement()).isEmpty());
        assertTrue(a.union(b).containsAll(a));
        assertTrue(a.containsAll(a.intersection(b)));
    }

    @Property(tries = 200)
    void boxesAreDisjointAndRebuildTheSet(@ForAll("expressions") SetModel model, @ForAll("flows") List<Flow> flows) {
        FlowSet set = model.build();
        List<FlowBox> boxes = set.boxes();
        List<FlowSet> parts = boxes.stream().map(FlowSet::of).toList();
        assertEqualSets(set, FlowSet.unionAll(parts));
        for (Flow f : flows) {
            long holders = parts.stream().filter(p -> p.contains(f)).count();
            check(holders == (set.contains(f) ? 1 : 0), "boxes " + boxes + " hold it " + holders + " times", f);
        }
    }

    @Property(tries = 200)
    void anyMemberIsAMemberOfEveryNonEmptySet(@ForAll("expressions") SetModel model) {
        FlowSet set = model.build();
        Optional<Flow> member = set.anyMember();
        assertEquals(!set.isEmpty(), member.isPresent());
        member.ifPresent(f -> assertTrue(set.contains(f), f + " in " + set));
        member.ifPresent(f -> assertTrue(model.contains(f), f + " in the model"));
    }

    @Property(tries = 200)
    void singleFlowsRoundTrip(@ForAll("flows") List<Flow> flows) {
        FlowSet set = FlowSet.unionAll(flows.stream().map(FlowSet::of).toList());
        for (Flow f : flows) {
            assertTrue(set.contains(f));
            assertEquals(Optional.of(f), FlowSet.of(f).anyMember());
        }
        assertEqualSets(set, FlowSet.unionAll(set.boxes().stream().map(FlowSet::of).toList()));
    }

    private static void assertEqualSets(FlowSet expected, FlowSet actual) {
        assertEquals(expected, actual);
        assertEquals(expected.hashCode(), actual.hashCode());
    }

    private static void check(boolean ok, String what, Flow f) {
        if (!ok) {
            throw new AssertionError(what + " is wrong for " + f);
        }
    }

    @Provide
    Arbitrary<SetModel> expressions() {
        return SetModel.expressions(2);
    }

    @Provide
    Arbitrary<List<Flow>> flows() {
        return Samples.flowArb().list().ofMinSize(20).ofMaxSize(60);
    }
}
