package dev.policyc.core.flowset;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The meaning of a policy as a {@link FlowSet}, exactly as the language spec ("Meaning") puts
 * it: a flow is dropped if a deny rule matches it, else accepted if an allow rule matches it,
 * else the policy's default for its direction applies.
 */
public final class PolicyMeaning {

    private static final RangeSet<Integer> ALL_PROTOCOLS = ImmutableRangeSet.of(Range.closed(0, 255));
    private static final List<IPAddress> EVERY_ADDRESS = List.of(
            new IPAddressString("0.0.0.0/0").getAddress(), new IPAddressString("::/0").getAddress());

    private PolicyMeaning() {}

    /**
     * Every flow the policy accepts: (allowed, or undecided in a default-allow direction) minus
     * denied.
     *
     * @throws IllegalArgumentException if a rule still names a {@code dns} or {@code resolver}
     *                                  endpoint; bind them first
     */
    public static FlowSet accepted(PolicyIr policy) {
        requireBound(policy);
        Set<Direction> defaultAllow = EnumSet.noneOf(Direction.class);
        for (Direction d : Direction.values()) {
            if (policy.defaultFor(d).verdict() == Verdict.ALLOW) {
                defaultAllow.add(d);
            }
        }
        FlowSet undecidedAccepted = defaultAllow.isEmpty()
                ? FlowSet.empty()
                : FlowSet.box(defaultAllow, ALL_PROTOCOLS, EVERY_ADDRESS, Optional.empty());
        FlowSet allowed = matchedByAny(rulesWith(policy, Verdict.ALLOW));
        FlowSet denied = matchedByAny(rulesWith(policy, Verdict.DENY));
        return allowed.union(undecidedAccepted).difference(denied);
    }

    /** The flows that some rule of the list matches. */
    public static FlowSet matchedByAny(Collection<Rule> rules) {
        return FlowSet.unionAll(rules.stream().map(PolicyMeaning::matched).toList());
    }

    /**
     * The flows one rule matches: its direction; its protocols (all 256 numbers when it names
     * none; {@code icmp} only in IPv4, {@code icmpv6} only in IPv6); its peer's addresses (every
     * address of both families when it names none); its ports (every port and the port-less
     * flows when it names none).
     *
     * @throws IllegalArgumentException if the rule's peer is not bound to address blocks
     */
    public static FlowSet matched(Rule rule) {
        List<IPAddress> addresses = rule.peer().map(endpoints -> blocks(rule, endpoints)).orElse(EVERY_ADDRESS);
        return FlowSet.box(Set.of(rule.direction()), protocolsIn(rule, Family.IPV4), protocolsIn(rule, Family.IPV6),
                addresses, rule.ports());
    }

    /** The blocks of a peer, checked bound on the way (one pass: peers hold 100,000 endpoints). */
    private static List<IPAddress> blocks(Rule rule, List<Endpoint> endpoints) {
        List<IPAddress> blocks = new ArrayList<>(endpoints.size());
        for (Endpoint e : endpoints) {
            if (!(e instanceof Endpoint.Block block)) {
                throw new IllegalArgumentException("rule at " + rule.span() + " names an unbound dns or resolver endpoint");
            }
            blocks.add(block.block());
        }
        return blocks;
    }

    private static RangeSet<Integer> protocolsIn(Rule rule, Family family) {
        if (rule.protocols().isEmpty()) {
            return ALL_PROTOCOLS;
        }
        TreeRangeSet<Integer> numbers = TreeRangeSet.create();
        for (Protocol p : rule.protocols()) {
            if (p.existsIn(family)) {
                numbers.add(Range.singleton(p.number()));
            }
        }
        return numbers;
    }

    private static ImmutableList<Rule> rulesWith(PolicyIr policy, Verdict verdict) {
        return policy.rules().stream().filter(r -> r.verdict() == verdict).collect(ImmutableList.toImmutableList());
    }

    private static void requireBound(PolicyIr policy) {
        if (!policy.isBound()) {
            throw new IllegalArgumentException(
                    "policy " + policy.name() + " has unbound dns or resolver endpoints; bind them before analysis");
        }
    }
}
