package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.backend.RuntimeSet;
import dev.policyc.core.backend.RuntimeSets;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.net.PrefixBlocks;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a policy rule into {@link NftRule}s, at most one per family for its literal blocks,
 * keeping its meaning: a family is left out when no block or no protocol of the rule exists in
 * it, and a rule that restricts neither address nor family-bound protocol stays one rule for both
 * families. Each {@code dns} and {@code resolver} endpoint of an unbound rule adds one rule per
 * family on its {@link RuntimeSet}, which matches nothing until the set is filled, just as a
 * bound name without addresses matches nothing.
 */
final class RuleLowering {

    private RuleLowering() {}

    /** The nftables rules of {@code rule}, a bound rule, the {@code index}-th (1-based) of its policy. */
    static ImmutableList<NftRule> lower(Rule rule, int index) {
        if (!rule.isBound()) {
            throw new IllegalArgumentException("rule at " + rule.span() + " has unbound endpoints");
        }
        return lowerBlocks(rule, index, rule.peer());
    }

    /**
     * The nftables rules of {@code rule}, the {@code index}-th rule (1-based) of a policy whose
     * runtime sets are {@code sets}: those of its literal blocks, then one per runtime set.
     */
    static ImmutableList<NftRule> lower(Rule rule, int index, RuntimeSets sets) {
        if (rule.isBound()) {
            return lower(rule, index);
        }
        List<Endpoint> blocks = rule.peer().orElseThrow().stream().filter(e -> e instanceof Endpoint.Block).toList();
        ImmutableList.Builder<NftRule> lowered = ImmutableList.builder();
        if (!blocks.isEmpty()) {
            lowered.addAll(lowerBlocks(rule, index, Optional.of(ImmutableList.copyOf(blocks))));
        }
        for (RuntimeSet set : sets.forRule(rule)) {
            ImmutableSet<Protocol> protocols = rule.protocols().stream()
                    .filter(p -> p.existsIn(set.family()))
                    .collect(ImmutableSet.toImmutableSet());
            lowered.add(new NftRule(rule, index, Optional.of(set.family()), ImmutableList.of(), protocols, Optional.of(set)));
        }
        return lowered.build();
    }

    /** The rules of {@code rule} matching {@code peer}, literal blocks only (every address when empty). */
    private static ImmutableList<NftRule> lowerBlocks(Rule rule, int index, Optional<ImmutableList<Endpoint>> peer) {
        Optional<ImmutableList<IPAddress>> merged = peer.map(RuleLowering::merge);
        List<NftRule> perFamily = new ArrayList<>();
        for (Family family : Family.values()) {
            ImmutableSet<Protocol> protocols = rule.protocols().stream()
                    .filter(p -> p.existsIn(family))
                    .collect(ImmutableSet.toImmutableSet());
            if (!rule.protocols().isEmpty() && protocols.isEmpty()) {
                continue;
            }
            ImmutableList<IPAddress> blocks = merged.map(m -> blocksOf(m, family)).orElse(ImmutableList.of());
            if (merged.isPresent() && blocks.isEmpty()) {
                continue;
            }
            boolean wholeFamily = blocks.size() == 1 && NftSyntax.prefixLength(blocks.get(0)) == 0;
            perFamily.add(new NftRule(rule, index, Optional.of(family), wholeFamily ? ImmutableList.of() : blocks, protocols));
        }
        if (perFamily.size() == 2 && perFamily.stream().allMatch(r -> r.addresses().isEmpty())
                && perFamily.get(0).protocols().equals(perFamily.get(1).protocols())) {
            return ImmutableList.of(new NftRule(rule, index, Optional.empty(), ImmutableList.of(), perFamily.get(0).protocols()));
        }
        return ImmutableList.copyOf(perFamily);
    }

    /**
     * The fewest prefix blocks covering the peer, IPv4 first, each family in ascending order:
     * interval sets refuse overlapping elements.
     */
    private static ImmutableList<IPAddress> merge(ImmutableList<Endpoint> peer) {
        return PrefixBlocks.minimalCover(peer.stream().map(e -> ((Endpoint.Block) e).block()).toList());
    }

    private static ImmutableList<IPAddress> blocksOf(ImmutableList<IPAddress> merged, Family family) {
        return merged.stream().filter(b -> b.isIPv4() == (family == Family.IPV4)).collect(ImmutableList.toImmutableList());
    }
}
