package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.backend.RuntimeSet;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import inet.ipaddr.IPAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One nftables rule made from (part of) a policy rule: nftables matches one address family per
 * address expression, so a rule naming IPv4 and IPv6 blocks becomes one of these per family.
 *
 * @param source    the policy rule; its direction, verdict, log and comment carry over
 * @param index     the rule's 1-based place in its policy, which names its address sets
 * @param family    empty when the rule matches both families alike (no address, no
 *                  family-bound protocol)
 * @param addresses the remote blocks, merged, sorted; empty for every address of {@code family}
 * @param protocols the source's protocols that exist in {@code family}; empty for every protocol
 * @param runtimeSet the named set of a {@code dns} or {@code resolver} endpoint that this rule
 *                   matches instead of {@code addresses}, filled when the rules are applied
 */
record NftRule(Rule source, int index, Optional<Family> family, ImmutableList<IPAddress> addresses,
        ImmutableSet<Protocol> protocols, Optional<RuntimeSet> runtimeSet) implements ChainEntry {

    NftRule {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(family, "family");
        addresses = ImmutableList.copyOf(addresses);
        protocols = ImmutableSet.copyOf(protocols);
        Objects.requireNonNull(runtimeSet, "runtimeSet");
        if (family.isEmpty() && !addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses always have a family");
        }
        if (runtimeSet.isPresent() && (!addresses.isEmpty() || !family.equals(Optional.of(runtimeSet.get().family())))) {
            throw new IllegalArgumentException("a rule on a runtime set has its family and no addresses of its own");
        }
    }

    /** A rule on literal addresses (or none). */
    NftRule(Rule source, int index, Optional<Family> family, ImmutableList<IPAddress> addresses,
            ImmutableSet<Protocol> protocols) {
        this(source, index, family, addresses, protocols, Optional.empty());
    }

    /** True when the rule matches every address of its family (or of both). */
    boolean matchesEveryAddress() {
        return addresses.isEmpty() && runtimeSet.isEmpty();
    }

    Optional<PortSet> ports() {
        return source.ports();
    }

    /** The name of this rule's address set: {@code r3_v4}. */
    String setName() {
        return "r" + index + "_v" + family.orElseThrow().version();
    }
}
