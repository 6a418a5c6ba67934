package dev.policyc.core.opt;

import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Rule;
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

    static List<IPAddress> blocksOf(Rule rule) {
        return rule.peer().orElseThrow().stream().map(e -> ((Endpoint.Block) e).block()).toList();
    }
}
