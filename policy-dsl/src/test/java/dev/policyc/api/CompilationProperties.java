package dev.policyc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The steps of one compilation agree with each other: the exact meaning holds a flow exactly
 * when evaluation allows it, and the optimized program (what the targets get) decides every
 * flow as the policy does.
 */
class CompilationProperties {

    private static final Compilation WEBAPP = Policyc.builder()
            .hosts("hosts", PolicycTest.HOSTS).resolver("10.0.2.3").build()
            .compileString("webapp.policy", PolicycTest.WEBAPP);
    private static final FlowSet MEANING = WEBAPP.meaning("webapp").orElseThrow();
    private static final FlowSet OPTIMIZED = PolicyMeaning.accepted(
            WEBAPP.optimized().orElseThrow().policy("webapp").orElseThrow());

    @Provide
    Arbitrary<Flow> flows() {
        return IrArbitraries.flowsNear(WEBAPP.bind("webapp").orElseThrow());
    }

    @Property(tries = 500)
    void meaningHoldsExactlyTheFlowsEvaluationAllows(@ForAll("flows") Flow flow) {
        Decision decision = WEBAPP.evaluate("webapp", flow).orElseThrow();
        assertEquals(decision.verdict() == Verdict.ALLOW, MEANING.contains(flow), flow::toString);
        assertEquals(decision.verdict() == Verdict.ALLOW, OPTIMIZED.contains(flow), flow::toString);
    }

    /** Flows the text syntax can say (it has no {@code icmpv6} to an IPv4 address, which a {@link Flow} can hold). */
    @Property(tries = 200)
    void evaluatingTheTextOfAFlowIsEvaluatingTheFlow(@ForAll("flows") Flow flow) {
        Assume.that(FlowSyntax.parse(flow.toString()) instanceof FlowSyntax.Parsed);
        assertEquals(WEBAPP.evaluate("webapp", flow), WEBAPP.evaluate("webapp", flow.toString()));
    }
}
