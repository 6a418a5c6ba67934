package dev.policyc.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.policyc.core.testing.IrArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** {@link FlowSyntax} reads back every flow that {@link Flow#toString()} prints. */
class FlowSyntaxProperties {

    @Provide
    Arbitrary<Flow> flows() {
        return IrArbitraries.flows();
    }

    @Property
    void printedFlowsParseBack(@ForAll("flows") Flow flow) {
        boolean icmpOfTheWrongFamily = flow.namedProtocol().map(p -> !p.existsIn(flow.family())).orElse(false);
        FlowSyntax.Result parsed = FlowSyntax.parse(flow.toString());
        if (icmpOfTheWrongFamily) {
            FlowSyntax.Malformed malformed = assertInstanceOf(FlowSyntax.Malformed.class, parsed);
            assertEquals(flow.direction().keyword().length() + 2, malformed.column());
        } else {
            assertEquals(new FlowSyntax.Parsed(flow), parsed);
        }
        Statistics.label("accepted").collect(!icmpOfTheWrongFamily);
        Statistics.label("accepted").coverage(coverage -> coverage.check(true).percentage(p -> p > 60));
    }
}
