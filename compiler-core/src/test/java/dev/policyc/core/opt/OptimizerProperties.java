package dev.policyc.core.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.lint.Outcomes;
import dev.policyc.core.testing.IrArbitraries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The optimizer on generated bound policies, always paranoid (so every pass of every round is
 * checked too): it keeps the exact meaning, reaches a fixed point, never adds rules, and the
 * laws of the language's meaning hold for what it produces.
 */
class OptimizerProperties {

    private static final Optimizer OPTIMIZER = Optimizer.standard(true);

    @Provide
    Arbitrary<PolicyIr> policies() {
        return IrArbitraries.boundPolicies();
    }

    private static PolicyIr optimized(PolicyIr policy) {
        PassResult result = OPTIMIZER.optimize(policy);
        assertEquals(List.of(), result.diagnostics(), () -> "optimizing " + policy);
        return result.policy();
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void keepsWhatIsAcceptedAndWhatIsLogged(@ForAll("policies") PolicyIr policy) {
        PolicyIr out = optimized(policy);
        Outcomes.assertSame(policy, out);
        assertTrue(out.isBound());
        Statistics.label("rules removed").collect(policy.rules().size() - out.rules().size());
        long deniesFolded = denies(policy) - denies(out);
        Statistics.label("deny rules gone").collect(deniesFolded > 0);
        Statistics.label("deny rules gone").coverage(c -> c.check(true).percentage(p -> p > 15));
        Statistics.label("changed").collect(!out.equals(policy));
        Statistics.label("changed").coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    private static long denies(PolicyIr policy) {
        return policy.rules().stream().filter(r -> r.verdict() == Verdict.DENY).count();
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void eachPassAloneKeepsTheMeaning(@ForAll("policies") PolicyIr policy) {
        for (Pass pass : Optimizer.standardPasses()) {
            PolicyIr out = pass.apply(policy).policy();
            assertTrue(Outcomes.same(policy, out), () -> pass.name() + " changed " + policy + " into " + out);
        }
    }

    /** Policies whose deny rules can all be folded: quiet denies, quiet default deny both ways. */
    @Provide
    Arbitrary<PolicyIr> foldablePolicies() {
        return IrArbitraries.boundPolicies().map(p -> new PolicyIr(p.name(), p.span(), DefaultAction.implicitDeny(),
                DefaultAction.implicitDeny(), p.rules().stream()
                        .map(r -> r.verdict() == Verdict.DENY ? quiet(r) : r)
                        .collect(ImmutableList.toImmutableList())));
    }

    private static Rule quiet(Rule r) {
        return new Rule(r.verdict(), r.direction(), r.protocols(), r.peer(), r.ports(), false, r.comment(), r.span());
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void foldingDeniesKeepsTheMeaning(@ForAll("foldablePolicies") PolicyIr policy) {
        PolicyIr out = new FoldDeniesPass().apply(policy).policy();
        Outcomes.assertSame(policy, out);
        boolean rewroteAllows = !policy.rules().containsAll(out.rules());
        Statistics.label("allows rewritten").collect(rewroteAllows);
        Statistics.label("allows rewritten").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("denies left").collect(denies(out) == 0 ? "none" : denies(out) < denies(policy) ? "fewer" : "all");
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void optimizingTwiceIsOptimizingOnce(@ForAll("policies") PolicyIr policy) {
        PolicyIr once = optimized(policy);
        assertEquals(once, optimized(once));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void neverAddsRules(@ForAll("policies") PolicyIr policy) {
        assertTrue(optimized(policy).rules().size() <= policy.rules().size());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void anAddedAllowNeverShrinksAndAnAddedDenyNeverGrowsWhatIsAccepted(
            @ForAll("policies") PolicyIr policy, @ForAll("extraRules") Rule extra) {
        FlowSet before = PolicyMeaning.accepted(optimized(policy));
        FlowSet after = PolicyMeaning.accepted(optimized(Outcomes.with(policy, extra)));
        if (extra.verdict() == Verdict.ALLOW) {
            assertTrue(after.containsAll(before), "an allow rule took flows away");
        } else {
            assertTrue(before.containsAll(after), "a deny rule let flows in");
        }
        Statistics.label("accepted changed").collect(extra.verdict() + " " + !before.equals(after));
    }

    @Provide
    Arbitrary<Rule> extraRules() {
        return IrArbitraries.rules();
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void ruleOrderNeverChangesWhatIsAccepted(@ForAll("policies") PolicyIr policy, @ForAll long seed) {
        List<Rule> shuffled = new ArrayList<>(policy.rules());
        Collections.shuffle(shuffled, new Random(seed));
        PolicyIr reordered = policy.withRules(ImmutableList.copyOf(shuffled));
        FlowSet accepted = PolicyMeaning.accepted(policy);
        assertEquals(accepted, PolicyMeaning.accepted(reordered));
        assertEquals(accepted, PolicyMeaning.accepted(optimized(reordered)));
    }
}
