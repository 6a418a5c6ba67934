package dev.policyc.core.opt;

import com.google.common.collect.ImmutableSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges rules that differ only in their ports into one rule with the union of their ports, as
 * one {@link PortSet} (which keeps the fewest ranges: {@code 80-89} and {@code 90} become
 * {@code 80-90}): same verdict, direction, protocols, addresses, log flag and comment. Addresses
 * are compared as sets (their minimal cover), whatever endpoints name them; the merged rule
 * keeps the endpoints, place and span of the first. Rules without ports match every port and
 * are left to {@link RemoveSubsumedPass}.
 */
final class MergePortsPass implements Pass {

    @Override
    public String name() {
        return "merge-ports";
    }

    /** Everything of a rule but its ports and span; addresses as a set. */
    private record AllButPorts(Verdict verdict, Direction direction, ImmutableSet<Protocol> protocols,
            Optional<List<IPAddress>> addresses, boolean log, Optional<String> comment) {}

    /** What must be equal besides the addresses, which are costly to compare: they are compared only within these. */
    private record Shape(Verdict verdict, Direction direction, ImmutableSet<Protocol> protocols, boolean log,
            Optional<String> comment) {}

    @Override
    public PassResult apply(PolicyIr policy) {
        Map<Shape, Integer> shapes = new HashMap<>();
        policy.rules().stream().filter(r -> r.ports().isPresent()).forEach(r -> shapes.merge(shape(r), 1, Integer::sum));
        return PassResult.of(RuleMerging.mergeBy(policy,
                r -> r.ports().filter(p -> shapes.get(shape(r)) > 1).map(p -> new AllButPorts(r.verdict(), r.direction(),
                        r.protocols(), addresses(r), r.log(), r.comment())),
                MergePortsPass::merged));
    }

    private static Shape shape(Rule r) {
        return new Shape(r.verdict(), r.direction(), r.protocols(), r.log(), r.comment());
    }

    private static Optional<List<IPAddress>> addresses(Rule rule) {
        return rule.peer().map(peer -> Peers.minimalCover(peer.stream().map(e -> ((Endpoint.Block) e).block()).toList()));
    }

    private static Rule merged(List<Rule> group) {
        Rule first = group.get(0);
        PortSet ports = PortSet.union(group.stream().map(r -> r.ports().orElseThrow()).toList());
        return new Rule(first.verdict(), first.direction(), first.protocols(), first.peer(), Optional.of(ports),
                first.log(), first.comment(), first.span());
    }
}
