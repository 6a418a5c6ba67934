package dev.policyc.core.flowset.bench;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A large, reproducible, bound policy: random IPv4 prefixes /24../32 and IPv6 prefixes
 * /48../128 spread over a handful of rules, as a blocklist-fed policy might look.
 */
public final class LargePolicy {

    private static final SourceSpan SPAN = SourceSpan.at("large.policy", 1, 1);

    private LargePolicy() {}

    /** The rules' share of the prefixes, in order: tcp 443, dns, ssh in, deny out. */
    private static final double[] SHARES = {0.40, 0.20, 0.15, 0.25};

    public static PolicyIr generate(int ipv4Prefixes, int ipv6Prefixes, long seed) {
        Random random = new Random(seed);
        List<List<Endpoint>> peers = new ArrayList<>();
        for (double share : SHARES) {
            List<Endpoint> peer = new ArrayList<>();
            for (int i = 0; i < Math.max(1, Math.round(share * ipv4Prefixes)); i++) {
                peer.add(block(randomIpv4(random)));
            }
            for (int i = 0; i < Math.max(1, Math.round(share * ipv6Prefixes)); i++) {
                peer.add(block(randomIpv6(random)));
            }
            peers.add(peer);
        }
        ImmutableList<Rule> rules = ImmutableList.of(
                rule(Verdict.ALLOW, Direction.OUT, Set.of(Protocol.TCP), peers.get(0), Optional.of(PortSet.of(443))),
                rule(Verdict.ALLOW, Direction.OUT, Set.of(Protocol.TCP, Protocol.UDP), peers.get(1), Optional.of(PortSet.of(53))),
                rule(Verdict.ALLOW, Direction.IN, Set.of(Protocol.TCP), peers.get(2), Optional.of(PortSet.of(22))),
                rule(Verdict.DENY, Direction.OUT, Set.of(), peers.get(3), Optional.empty()));
        return new PolicyIr("large", SPAN, DefaultAction.implicitDeny(), DefaultAction.implicitDeny(), rules);
    }

    /** Every prefix block the policy names, in rule order. */
    public static IPAddress[] blocks(PolicyIr policy) {
        return policy.rules().stream()
                .flatMap(r -> r.peer().orElseThrow().stream())
                .map(e -> ((Endpoint.Block) e).block())
                .toArray(IPAddress[]::new);
    }

    private static IPAddress randomIpv4(Random random) {
        int length = 24 + random.nextInt(9);
        return new IPv4Address(random.nextInt(), length).toPrefixBlock();
    }

    private static IPAddress randomIpv6(Random random) {
        int length = 48 + random.nextInt(81);
        // Inside 2000::/3, where global unicast lives.
        long high = (random.nextLong() >>> 3) | 0x2000_0000_0000_0000L;
        return new IPv6Address(high, random.nextLong(), length).toPrefixBlock();
    }

    private static Endpoint block(IPAddress address) {
        return new Endpoint.Block(address, address.toCanonicalString(), SPAN);
    }

    private static Rule rule(Verdict verdict, Direction direction, Set<Protocol> protocols, List<Endpoint> peer,
            Optional<PortSet> ports) {
        return new Rule(verdict, direction, ImmutableSet.copyOf(protocols), Optional.of(ImmutableList.copyOf(peer)),
                ports, false, Optional.empty(), SPAN);
    }
}
