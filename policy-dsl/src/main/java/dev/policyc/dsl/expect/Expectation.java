package dev.policyc.dsl.expect;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Verdict;
import java.util.Objects;

/**
 * One line of an expectations file: what a policy must do with one flow, or with every flow of
 * a set.
 */
public sealed interface Expectation permits Expectation.OneFlow, Expectation.EveryFlow {

    /** The verdict the policy must give (every flow of the set, for {@link EveryFlow}). */
    Verdict required();

    /** Where the expectation is written. */
    SourceSpan span();

    /** The expectation as written, without its comment: {@code never allow in tcp port 22}. */
    String text();

    /** {@code expect allow out tcp 10.20.1.5 5432}: the verdict of one flow. */
    record OneFlow(Verdict required, Flow flow, SourceSpan span, String text) implements Expectation {
        public OneFlow {
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(span, "span");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code never allow ...}, {@code always deny ...} and the like: the verdict of every flow of a
     * set. {@code never allow} and {@code always deny} both require {@code deny};
     * {@code never deny} and {@code always allow} both require {@code allow}.
     *
     * @param flows never empty
     */
    record EveryFlow(Verdict required, FlowSet flows, SourceSpan span, String text) implements Expectation {
        public EveryFlow {
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(flows, "flows");
            Objects.requireNonNull(span, "span");
            Objects.requireNonNull(text, "text");
            if (flows.isEmpty()) {
                throw new IllegalArgumentException("an expectation about no flow can never fail");
            }
        }
    }
}
