package dev.policyc.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.statistics.Statistics;

/**
 * The reference evaluator against a naive second evaluator, and the laws the language page
 * implies: verdicts do not depend on rule order, allow rules never deny and deny rules never
 * allow. Flows are drawn near each policy's edges (see {@link IrArbitraries#flowsNear}); coverage
 * checks make sure that rules and defaults of both verdicts really decide some of them.
 *
 * <p>jqwik's own edge cases are off: the generators already aim at the edges that matter, and
 * combining the edge cases of these nested generators costs seconds per property.
 */
class ReferenceEvaluatorProperties {

    @Provide
    Arbitrary<Tuple2<PolicyIr, Flow>> policyAndFlow() {
        return IrArbitraries.policiesWithFlows();
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void agreesWithTheNaiveEvaluator(@ForAll("policyAndFlow") Tuple2<PolicyIr, Flow> policyAndFlow) {
        PolicyIr policy = policyAndFlow.get1();
        Flow flow = policyAndFlow.get2();
        Decision decision = ReferenceEvaluator.evaluate(policy, flow);
        NaiveEvaluator.Outcome naive = NaiveEvaluator.evaluate(policy, flow);

        assertEquals(naive.verdict(), decision.verdict(), flow::toString);
        if (naive.defaultUsed() != null) {
            assertEquals(Optional.of(naive.defaultUsed()), decision.byDefault());
            assertEquals(List.of(), decision.deciding());
        } else if (naive.verdict() == Verdict.DENY) {
            assertEquals(naive.denies(), decision.deciding());
            assertEquals(naive.allows(), decision.overridden());
        } else {
            assertEquals(naive.allows(), decision.deciding());
            assertEquals(List.of(), decision.overridden());
        }
        for (Rule rule : policy.rules()) {
            assertEquals(NaiveEvaluator.matches(rule, flow), ReferenceEvaluator.matches(rule, flow), () -> rule + " / " + flow);
        }

        String decidedBy = (decision.isDefault() ? "default " : "rule ") + decision.verdict().keyword();
        Statistics.label("decided by").collect(decidedBy);
        Statistics.label("decided by").coverage(coverage -> {
            coverage.check("rule deny").percentage(p -> p >= 5);
            coverage.check("rule allow").percentage(p -> p >= 5);
            coverage.check("default deny").percentage(p -> p >= 5);
            coverage.check("default allow").percentage(p -> p >= 2);
        });
        Statistics.label("family").collect(flow.family());
        Statistics.label("family").coverage(coverage -> {
            coverage.check(dev.policyc.core.ir.Family.IPV4).percentage(p -> p >= 20);
            coverage.check(dev.policyc.core.ir.Family.IPV6).percentage(p -> p >= 20);
        });
    }

    @Provide
    Arbitrary<Tuple3<PolicyIr, Rule, Flow>> policyWithExtraAllow() {
        return withExtraRule(Verdict.ALLOW);
    }

    @Provide
    Arbitrary<Tuple3<PolicyIr, Rule, Flow>> policyWithExtraDeny() {
        return withExtraRule(Verdict.DENY);
    }

    /** A policy, one more rule of {@code verdict}, and a flow aimed at the rule or at the policy. */
    private static Arbitrary<Tuple3<PolicyIr, Rule, Flow>> withExtraRule(Verdict verdict) {
        return Combinators.combine(IrArbitraries.boundPolicies(), IrArbitraries.rules(verdict))
                .as(Tuple::of)
                .flatMap(pr -> Arbitraries.oneOf(IrArbitraries.flowsNear(pr.get2()), IrArbitraries.flowsNear(pr.get1()))
                        .map(flow -> Tuple.of(pr.get1(), pr.get2(), flow)));
    }

    private static PolicyIr plus(PolicyIr policy, Rule rule) {
        return policy.withRules(ImmutableList.<Rule>builder().addAll(policy.rules()).add(rule).build());
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void addingAnAllowRuleNeverTurnsAllowIntoDeny(@ForAll("policyWithExtraAllow") Tuple3<PolicyIr, Rule, Flow> example) {
        assertAddedRuleKeeps(Verdict.ALLOW, example);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void addingADenyRuleNeverTurnsDenyIntoAllow(@ForAll("policyWithExtraDeny") Tuple3<PolicyIr, Rule, Flow> example) {
        assertAddedRuleKeeps(Verdict.DENY, example);
    }

    /**
     * A flow with verdict {@code kept} keeps it when a rule of that verdict is added; coverage
     * makes sure that the added rule does change some verdicts, so the check is not vacuous.
     */
    private static void assertAddedRuleKeeps(Verdict kept, Tuple3<PolicyIr, Rule, Flow> example) {
        Verdict before = ReferenceEvaluator.verdict(example.get1(), example.get3());
        Verdict after = ReferenceEvaluator.verdict(plus(example.get1(), example.get2()), example.get3());
        if (before == kept) {
            assertEquals(kept, after, () -> "adding " + example.get2() + " changed " + example.get3());
        }
        Verdict other = kept == Verdict.ALLOW ? Verdict.DENY : Verdict.ALLOW;
        Statistics.label("change").collect(before.keyword() + " -> " + after.keyword());
        Statistics.label("change").coverage(coverage -> {
            coverage.check(other.keyword() + " -> " + kept.keyword()).percentage(p -> p >= 3);
            coverage.check(kept.keyword() + " -> " + kept.keyword()).percentage(p -> p >= 10);
        });
    }

    @Provide
    Arbitrary<Tuple3<PolicyIr, List<Rule>, Flow>> policyShuffledAndFlow() {
        return IrArbitraries.boundPolicies().flatMap(policy -> Combinators.combine(
                        Arbitraries.shuffle(policy.rules()), IrArbitraries.flowsNear(policy))
                .as((shuffled, flow) -> Tuple.of(policy, shuffled, flow)));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void ruleOrderNeverChangesTheDecision(@ForAll("policyShuffledAndFlow") Tuple3<PolicyIr, List<Rule>, Flow> example) {
        PolicyIr policy = example.get1();
        Flow flow = example.get3();
        Decision original = ReferenceEvaluator.evaluate(policy, flow);
        Decision shuffled = ReferenceEvaluator.evaluate(policy.withRules(ImmutableList.copyOf(example.get2())), flow);
        assertEquals(original.verdict(), shuffled.verdict());
        assertEquals(original.byDefault(), shuffled.byDefault());
        assertEquals(HashMultiset.create(original.deciding()), HashMultiset.create(shuffled.deciding()));
        assertEquals(HashMultiset.create(original.overridden()), HashMultiset.create(shuffled.overridden()));
    }
}
