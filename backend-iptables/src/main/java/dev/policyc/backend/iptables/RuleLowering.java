package dev.policyc.backend.iptables;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.net.PrefixBlocks;
import inet.ipaddr.IPAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Splits a bound policy rule into the {@link IptRule}s of one family, keeping its meaning: none
 * when no block or no protocol of the rule exists in the family, else one for every merged
 * address block, protocol and port group. iptables has no address sets without ipset, which
 * policyc does not require, so the cost of a rule grows with the product of the three; that is
 * why {@link RulesWriter} lowers a rule of many blocks with {@link #addresses} left out, as
 * guards that jump to a chain of the blocks.
 */
final class RuleLowering {

    private RuleLowering() {}

    /** The rules of {@code rule} in the file of {@code family}, possibly none. */
    static ImmutableList<IptRule> lower(Rule rule, Family family) {
        return lower(rule, family, addresses(rule, family));
    }

    /**
     * The rules of {@code rule} for each of {@code addresses} (rather than its own), protocol and
     * port group: with one empty address, the guards of a rule whose blocks a chain matches.
     */
    static ImmutableList<IptRule> lower(Rule rule, Family family, List<Optional<IPAddress>> addresses) {
        if (!rule.isBound()) {
            throw new IllegalArgumentException("rule at " + rule.span() + " has unbound endpoints");
        }
        List<Optional<Protocol>> protocols = protocols(rule, family);
        List<Optional<PortGroup>> portGroups = rule.ports()
                .map(ports -> PortGroup.split(ports).stream().map(Optional::of).toList())
                .orElse(List.of(Optional.empty()));
        ImmutableList.Builder<IptRule> lowered = ImmutableList.builder();
        for (Optional<IPAddress> address : addresses) {
            for (Optional<Protocol> protocol : protocols) {
                for (Optional<PortGroup> ports : portGroups) {
                    lowered.add(new IptRule(rule, family, address, protocol, ports));
                }
            }
        }
        return lowered.build();
    }

    /** The rule's protocols that exist in {@code family}, by number; one empty entry for "every protocol". */
    private static List<Optional<Protocol>> protocols(Rule rule, Family family) {
        if (rule.protocols().isEmpty()) {
            return List.of(Optional.empty());
        }
        return rule.protocols().stream()
                .filter(p -> p.existsIn(family))
                .sorted(Comparator.comparingInt(Protocol::number))
                .map(Optional::of)
                .toList();
    }

    /**
     * The fewest prefix blocks of {@code family} that cover the peer, so that overlapping blocks do
     * not give the same rule twice; one empty entry for every address of the family.
     */
    static List<Optional<IPAddress>> addresses(Rule rule, Family family) {
        if (rule.peer().isEmpty()) {
            return List.of(Optional.empty());
        }
        // Only this family's blocks are merged: the rule is lowered once per family.
        List<IPAddress> ofFamily = PrefixBlocks.minimalCover(rule.peer().get().stream()
                .map(e -> ((Endpoint.Block) e).block())
                .filter(b -> b.isIPv4() == (family == Family.IPV4))
                .toList());
        if (ofFamily.isEmpty()) {
            return List.of();
        }
        if (ofFamily.size() == 1 && IptSyntax.prefixLength(ofFamily.get(0)) == 0) {
            return List.of(Optional.empty());
        }
        return ofFamily.stream().map(Optional::of).toList();
    }
}
