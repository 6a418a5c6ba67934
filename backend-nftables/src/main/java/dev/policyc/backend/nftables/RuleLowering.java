package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
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
 * Splits a bound policy rule into {@link NftRule}s, at most one per family, keeping its meaning:
 * a family is left out when no block or no protocol of the rule exists in it, and a rule that
 * restricts neither address nor family-bound protocol stays one rule for both families.
 */
final class RuleLowering {

    private RuleLowering() {}

    /** The nftables rules of {@code rule}, the {@code index}-th rule (1-based) of its policy. */
    static ImmutableList<NftRule> lower(Rule rule, int index) {
        if (!rule.isBound()) {
            throw new IllegalArgumentException("rule at " + rule.span() + " has unbound endpoints");
        }
        Optional<ImmutableList<IPAddress>> merged = rule.peer().map(RuleLowering::merge);
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
