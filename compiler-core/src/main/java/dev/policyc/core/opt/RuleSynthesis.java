package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.core.flowset.FlowBox;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.net.PrefixBlocks;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a set of flows back as rules, where the language can say it: each box of the set
 * needs protocols the language can name in its family (every protocol, or some of tcp, udp,
 * icmp in IPv4, icmpv6 in IPv6) — "every protocol but tcp" cannot be written. Boxes with the same
 * protocols and ports become one rule whose peer is the minimal cover of their addresses.
 */
final class RuleSynthesis {

    private static final Range<Integer> ALL_PROTOCOLS = Range.closed(0, 255);

    private RuleSynthesis() {}

    /** The protocols and ports one synthesized rule has. */
    private record Shape(ImmutableSet<Protocol> protocols, Optional<PortSet> ports) {}

    /**
     * Rules matching exactly {@code flows}, in the image of {@code template}: its verdict,
     * direction, log flag, comment and span; endpoints keep the origin and span of the
     * template's endpoint they lie in ({@code any} when it names no peer). Empty when the set
     * cannot be written as rules.
     *
     * @param flows flows the template matches (a part of them)
     */
    static Optional<ImmutableList<Rule>> express(FlowSet flows, Rule template, RuleMeanings meanings) {
        Map<Shape, List<IPAddress>> shapes = new LinkedHashMap<>();
        // Boxes of one group share one protocol set object: name it once per group and family,
        // looked up by identity (hashing a range set for each of 10,000 boxes cost more than
        // the naming).
        Map<Family, Map<ImmutableRangeSet<Integer>, Optional<ImmutableSet<Protocol>>>> names = new EnumMap<>(Family.class);
        Map<ImmutableSet<Protocol>, Boolean> withPorts = new IdentityHashMap<>();
        for (FlowBox box : flows.boxes()) {
            Family family = box.family();
            Optional<ImmutableSet<Protocol>> protocols = names.computeIfAbsent(family, f -> new IdentityHashMap<>())
                    .computeIfAbsent(box.protocols(), numbers -> named(numbers, family));
            if (box.direction() != template.direction() || protocols.isEmpty()
                    || box.ports().isPresent() && !withPorts.computeIfAbsent(protocols.get(), RuleSynthesis::portsAllowed)) {
                return Optional.empty();
            }
            shapes.computeIfAbsent(new Shape(protocols.get(), box.ports()), s -> new ArrayList<>())
                    .addAll(PrefixBlocks.cut(box.addresses().getLower(), box.addresses().getUpper()));
        }
        List<Endpoint.Block> within = template.peer()
                .map(peer -> Peers.canonical(peer.stream().map(Endpoint.Block.class::cast).toList()))
                .orElseGet(() -> Peers.any(template.span()));
        ImmutableList.Builder<Rule> rules = ImmutableList.builder();
        for (Map.Entry<Shape, List<IPAddress>> shape : shapes.entrySet()) {
            ImmutableList<Endpoint> peer = ImmutableList.copyOf(Peers.inside(Peers.minimalCover(shape.getValue()), within));
            Rule rule = new Rule(template.verdict(), template.direction(), shape.getKey().protocols(), Optional.of(peer),
                    shape.getKey().ports(), template.log(), template.comment(), template.span());
            rules.add(template.peer().isEmpty() ? withoutPeerIfSame(rule) : rule);
        }
        ImmutableList<Rule> result = rules.build();
        // The boxes are disjoint and each became part of exactly one rule, so this holds; it is
        // checked because a rule that cannot be written must never be written approximately.
        return meanings.matchedByAny(result).equals(flows) ? Optional.of(result) : Optional.empty();
    }

    /** A rule made from a template without a peer keeps having none where that means the same. */
    private static Rule withoutPeerIfSame(Rule rule) {
        Rule anyPeer = rule.withPeer(Optional.empty());
        return PolicyMeaning.matched(anyPeer).equals(PolicyMeaning.matched(rule)) ? anyPeer : rule;
    }

    /** The protocols of a box as a rule names them in {@code family}: none for all 256; empty if it cannot. */
    private static Optional<ImmutableSet<Protocol>> named(ImmutableRangeSet<Integer> numbers, Family family) {
        if (numbers.encloses(ALL_PROTOCOLS)) {
            return Optional.of(ImmutableSet.of());
        }
        ImmutableSet.Builder<Protocol> named = ImmutableSet.builder();
        int count = 0;
        for (Protocol p : Protocol.values()) {
            if (numbers.contains(p.number())) {
                if (!p.existsIn(family)) {
                    return Optional.empty();
                }
                named.add(p);
                count++;
            }
        }
        // Any number the language has no name for makes the set unwritable.
        long total = numbers.asRanges().stream().mapToLong(r -> (long) r.upperEndpoint() - r.lowerEndpoint()).sum();
        return total == count ? Optional.of(named.build()) : Optional.empty();
    }

    private static boolean portsAllowed(ImmutableSet<Protocol> protocols) {
        return !protocols.isEmpty() && protocols.stream().allMatch(Protocol::hasPorts);
    }
}
