package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each rule's addresses as the fewest prefix blocks that cover exactly the union of its blocks
 * ({@code 10.0.0.0/24} and {@code 10.0.1.0/24} become {@code 10.0.0.0/23}; duplicates and blocks
 * inside others go), in ascending order, IPv4 first. Blocks of a family that none of the rule's
 * protocols exists in ({@code ::/0} in a rule that says only {@code icmp}) can match nothing and
 * are left out; a rule left with no block matches nothing and is removed. Rules that name no
 * peer are left alone.
 */
final class MinimalCidrPass implements Pass {

    @Override
    public String name() {
        return "minimal-cidrs";
    }

    @Override
    public PassResult apply(PolicyIr policy) {
        ImmutableList.Builder<Rule> rules = ImmutableList.builder();
        boolean changed = false;
        for (Rule rule : policy.rules()) {
            Optional<Rule> reduced = reduce(rule);
            changed |= reduced.isEmpty() || reduced.get() != rule;
            reduced.ifPresent(rules::add);
        }
        return PassResult.of(changed ? policy.withRules(rules.build()) : policy);
    }

    /** The rule with its minimal cover, the rule itself when that is what it has, empty when it matches nothing. */
    private static Optional<Rule> reduce(Rule rule) {
        if (rule.peer().isEmpty()) {
            return Optional.of(rule);
        }
        // The families once per rule, not once per block: a rule of a blocklist has 100,000 blocks.
        Set<Family> families = EnumSet.noneOf(Family.class);
        for (Family family : Family.values()) {
            if (rule.protocols().isEmpty() || rule.protocols().stream().anyMatch(p -> p.existsIn(family))) {
                families.add(family);
            }
        }
        List<Endpoint.Block> reachable = new ArrayList<>(rule.peer().get().size());
        for (Endpoint endpoint : rule.peer().get()) {
            Endpoint.Block block = (Endpoint.Block) endpoint;
            if (families.contains(block.family())) {
                reachable.add(block);
            }
        }
        if (reachable.isEmpty()) {
            return Optional.empty();
        }
        ImmutableList<Endpoint.Block> cover = Peers.canonical(reachable);
        if (cover.equals(rule.peer().get())) {
            return Optional.of(rule);
        }
        return Optional.of(rule.withPeer(Optional.of(ImmutableList.copyOf(cover))));
    }
}
