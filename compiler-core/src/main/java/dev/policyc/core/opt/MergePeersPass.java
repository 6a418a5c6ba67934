package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Merges rules that differ only in their peer into one rule whose peer has the endpoints of all
 * of them: same verdict, direction, protocols, ports, log flag and comment. The merged rule
 * stands where the first was and has its span. Rules without a peer match every address and are
 * left to {@link RemoveSubsumedPass}. The merged peer is made minimal by {@link MinimalCidrPass}
 * in the next round.
 */
final class MergePeersPass implements Pass {

    @Override
    public String name() {
        return "merge-peers";
    }

    /** Everything of a rule but its peer and span. */
    private record AllButPeer(Verdict verdict, Direction direction, ImmutableSet<Protocol> protocols,
            Optional<PortSet> ports, boolean log, Optional<String> comment) {}

    @Override
    public PassResult apply(PolicyIr policy) {
        return PassResult.of(RuleMerging.mergeBy(policy,
                r -> r.peer().map(p -> new AllButPeer(r.verdict(), r.direction(), r.protocols(), r.ports(), r.log(), r.comment())),
                MergePeersPass::merged));
    }

    private static Rule merged(List<Rule> group) {
        ImmutableList<Endpoint> endpoints = group.stream()
                .flatMap(r -> r.peer().orElseThrow().stream())
                .collect(ImmutableList.toImmutableList());
        return group.get(0).withPeer(Optional.of(endpoints));
    }
}
