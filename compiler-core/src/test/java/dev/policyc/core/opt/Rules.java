package dev.policyc.core.opt;

import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.lint.Outcomes;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Optional;

/** Small helpers for reading and tweaking rules in the optimizer's tests. */
final class Rules {

    private Rules() {}

    static Rule withComment(Rule rule, String comment) {
        return new Rule(rule.verdict(), rule.direction(), rule.protocols(), rule.peer(), rule.ports(), rule.log(),
                Optional.of(comment), rule.span());
    }

    /** What {@code pass} makes of {@code in}, after checking that it accepts and logs the same flows. */
    static PolicyIr applied(Pass pass, PolicyIr in) {
        PolicyIr out = pass.apply(in).policy();
        Outcomes.assertSame(in, out);
        return out;
    }

    static List<IPAddress> blocksOf(Rule rule) {
        return rule.peer().orElseThrow().stream().map(e -> ((Endpoint.Block) e).block()).toList();
    }
}
