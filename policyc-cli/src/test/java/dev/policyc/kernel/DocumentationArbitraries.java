package dev.policyc.kernel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.testing.IrArbitraries;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Policies and flows for tests that send real packets, so every flow address lies in the
 * documentation ranges ({@code 192.0.2.0/24}, {@code 198.51.100.0/24}, {@code 203.0.113.0/24},
 * {@code 2001:db8::/32}) and is not one of the {@link ProbeNetwork#LOCAL_ADDRESSES}.
 *
 * <p>Policy blocks crowd the same ranges: small blocks ({@code /24}-{@code /32},
 * {@code /112}-{@code /128}) that overlap and abut, and now and then a large one that holds a
 * range whole ({@code 192.0.0.0/8}, {@code 2001:db8::/32}, {@code ::/0}...). Flows sit mostly on
 * the edges of a policy's blocks (first and last address, and the neighbours just outside,
 * clamped into the documentation ranges) and of its port ranges, aimed at one rule at a time
 * so that direction, protocol, address and port all match together as often as they miss.
 * IrArbitraries supplies what needs no care about addresses: protocol sets, port sets, defaults.
 */
final class DocumentationArbitraries {

    static final ImmutableList<IPAddress> RANGES_V4 = ImmutableList.of(
            block("192.0.2.0/24"), block("198.51.100.0/24"), block("203.0.113.0/24"));
    static final IPAddress RANGE_V6 = block("2001:db8::/32");

    /** Three corners of 2001:db8::/32 where IPv6 blocks crowd: its start, a /64 inside, its end. */
    private static final ImmutableList<BigInteger> DENSE_V6 = ImmutableList.of(
            RANGE_V6.getLower().getValue(),
            address("2001:db8:0:1::").getValue(),
            address("2001:db8:ffff:ffff:ffff:ffff:ffff:0").getValue());

    /** Protocols the language cannot name: GRE, and 253, kept for experiments (RFC 3692). */
    static final ImmutableList<Integer> BARE_PROTOCOLS = ImmutableList.of(47, 253);

    private static final String FILE = "kernel-generated.policy";

    private DocumentationArbitraries() {}

    /** True when packets may be sent to or from {@code address}: a documentation address, not the namespace's own. */
    static boolean isSafeFlowAddress(IPAddress address) {
        List<IPAddress> ranges = address.isIPv4() ? RANGES_V4 : List.of(RANGE_V6);
        return ranges.stream().anyMatch(range -> range.contains(address)) && !ProbeNetwork.LOCAL_ADDRESSES.contains(address);
    }

    /** Single flow addresses of {@code family}, most on the usual edges of a range. */
    static Arbitrary<IPAddress> addresses(Family family) {
        Arbitrary<IPAddress> any = family == Family.IPV4
                ? Combinators.combine(Arbitraries.of(RANGES_V4), offsets(255))
                        .as((range, offset) -> valueOf(Family.IPV4, range.getLower().getValue().add(offset)))
                : Arbitraries.frequencyOf(
                        Tuple.of(4, Combinators.combine(Arbitraries.of(DENSE_V6), offsets(0xFFFF))
                                .as((base, offset) -> valueOf(Family.IPV6, base.add(offset)))),
                        Tuple.of(1, Arbitraries.bigIntegers()
                                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE))
                                .map(offset -> valueOf(Family.IPV6, RANGE_V6.getLower().getValue().add(offset)))));
        return any.filter(a -> !ProbeNetwork.LOCAL_ADDRESSES.contains(a));
    }

    static Arbitrary<IPAddress> addresses() {
        return IrArbitraries.families().flatMap(DocumentationArbitraries::addresses);
    }

    /** Blocks around the documentation ranges: mostly small ones inside, some holding a range whole. */
    static Arbitrary<Endpoint.Block> blocks() {
        return IrArbitraries.families().flatMap(family -> Combinators.combine(addresses(family), prefixLengths(family))
                .as((address, length) -> {
                    IPAddress block = address.toPrefixBlock(length);
                    return new Endpoint.Block(block, "cidr " + block.toCanonicalString(), SourceSpan.at(FILE, 1, 1));
                }));
    }

    static Arbitrary<Rule> rules() {
        return Arbitraries.of(Verdict.class).flatMap(verdict -> IrArbitraries.protocolSets().flatMap(protocols ->
                Combinators.combine(
                                Arbitraries.of(Direction.class),
                                peers(),
                                ports(protocols),
                                Arbitraries.frequency(Tuple.of(1, true), Tuple.of(5, false)),
                                Arbitraries.integers().between(2, 99))
                        .as((direction, peer, ports, log, line) -> new Rule(verdict, direction, protocols, peer, ports,
                                log, Optional.empty(), SourceSpan.at(FILE, line, 5)))));
    }

    /**
     * Policies of up to eight rules, with any defaults; half of them with one more rule that names
     * many hosts ({@link #longLists}), somewhere among the others, and now and then another.
     */
    static Arbitrary<PolicyIr> policies() {
        Arbitrary<Rule> longRule = rules().flatMap(rule -> longLists().map(peer -> rule.withPeer(Optional.of(ImmutableList.copyOf(peer)))));
        Arbitrary<List<Rule>> withLongRule = Combinators.combine(rules().list().ofMaxSize(7), longRule, Arbitraries.integers().between(0, 7))
                .as((others, many, at) -> {
                    List<Rule> all = new ArrayList<>(others);
                    all.add(Math.min(at, all.size()), many);
                    return all;
                });
        return Combinators.combine(IrArbitraries.defaults(), IrArbitraries.defaults(),
                        Arbitraries.frequencyOf(Tuple.of(1, rules().list().ofMaxSize(8)), Tuple.of(1, withLongRule)))
                .as((in, out, rules) -> new PolicyIr("kernel", SourceSpan.at(FILE, 1, 1), in, out, ImmutableList.copyOf(rules)));
    }

    /**
     * Policies that give the nftables target rules to merge into a concatenated set: three to six
     * rules of one verdict and direction, on tcp and/or udp with ports and blocks, without log
     * (so only overlapping elements or a family alone keep them apart), mostly on a few single ports, among up to three others.
     */
    static Arbitrary<PolicyIr> mergingPolicies() {
        return Combinators.combine(IrArbitraries.defaults(), IrArbitraries.defaults(),
                        Arbitraries.of(Verdict.class), Arbitraries.of(Direction.class))
                .flatAs((in, out, verdict, direction) -> Combinators.combine(
                                mergeableRules(verdict, direction).list().ofMinSize(3).ofMaxSize(6), rules().list().ofMaxSize(3))
                        .as((similar, others) -> new PolicyIr("kernel", SourceSpan.at(FILE, 1, 1), in, out,
                                ImmutableList.<Rule>builder().addAll(similar).addAll(others).build())));
    }

    private static Arbitrary<Rule> mergeableRules(Verdict verdict, Direction direction) {
        return Combinators.combine(
                        Arbitraries.subsetOf(Protocol.TCP, Protocol.UDP).ofMinSize(1),
                        blocks().list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.frequencyOf(Tuple.of(1, IrArbitraries.portSets()), Tuple.of(2, servicePorts())),
                        Arbitraries.integers().between(2, 99))
                .as((protocols, peer, ports, line) -> new Rule(verdict, direction, ImmutableSet.copyOf(protocols),
                        Optional.of(ImmutableList.<Endpoint>copyOf(peer)), Optional.of(ports), false, Optional.empty(),
                        SourceSpan.at(FILE, line, 5)));
    }

    /** One to three single ports, as services are: seldom the same in two rules, so their elements seldom overlap. */
    private static Arbitrary<PortSet> servicePorts() {
        return IrArbitraries.ports().list().ofMinSize(1).ofMaxSize(3)
                .map(ports -> PortSet.union(ports.stream().map(PortSet::of).toList()));
    }

    /**
     * Flows of {@code direction} near {@code policy}: most aimed at one of its rules of that
     * direction, the others mixing any edge of any rule with any protocol and port.
     */
    static Arbitrary<Flow> flowsNear(PolicyIr policy, Direction direction) {
        List<Rule> aimable = policy.rules().stream().filter(r -> r.direction() == direction).toList();
        Arbitrary<Flow> anyEdge = flows(direction, policy.rules(), Set.of(), Optional.empty());
        if (aimable.isEmpty()) {
            return anyEdge;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(aimable).flatMap(rule -> flows(direction, List.of(rule), rule.protocols(), rule.ports()))),
                Tuple.of(1, anyEdge));
    }

    /** Flows whose address is near the blocks of {@code rules}, protocol mostly from {@code preferred}. */
    private static Arbitrary<Flow> flows(Direction direction, List<Rule> rules, Set<Protocol> preferred, Optional<PortSet> ports) {
        List<IPAddress> edges = edges(rules);
        Arbitrary<IPAddress> address = edges.isEmpty()
                ? addresses()
                : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(edges)), Tuple.of(1, addresses()));
        List<Integer> portEdges = portEdges(rules);
        Arbitrary<Integer> port = portEdges.isEmpty() ? IrArbitraries.ports() : Arbitraries.frequencyOf(
                Tuple.of(ports.isPresent() ? 5 : 2, Arbitraries.of(portEdges)), Tuple.of(1, IrArbitraries.ports()));
        return address.flatMap(a -> Combinators.combine(protocols(AddressSyntax.familyOf(a), preferred), port)
                .as((protocol, p) -> new Flow(direction, protocol, a,
                        protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number() ? OptionalInt.of(p) : OptionalInt.empty())));
    }

    /** Protocol numbers of flows of {@code family}: mostly those preferred that exist there. */
    private static Arbitrary<Integer> protocols(Family family, Set<Protocol> preferred) {
        List<Integer> named = new ArrayList<>(List.of(Protocol.TCP.number(), Protocol.UDP.number(),
                (family == Family.IPV4 ? Protocol.ICMP : Protocol.ICMPV6).number()));
        Arbitrary<Integer> any = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(named)), Tuple.of(1, Arbitraries.of(BARE_PROTOCOLS)));
        List<Integer> fitting = preferred.stream().filter(p -> p.existsIn(family)).map(Protocol::number).toList();
        return fitting.isEmpty() ? any : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(fitting)), Tuple.of(1, any));
    }

    /**
     * The first and last address of every block and the addresses just outside, each moved to
     * the nearest documentation address when it falls outside those ranges.
     */
    static List<IPAddress> edges(List<Rule> rules) {
        List<IPAddress> found = new ArrayList<>();
        for (Rule rule : rules) {
            for (Endpoint endpoint : rule.peer().orElse(ImmutableList.of())) {
                IPAddress block = ((Endpoint.Block) endpoint).block();
                Family family = ((Endpoint.Block) endpoint).family();
                BigInteger first = block.getLower().getValue();
                BigInteger last = block.getUpper().getValue();
                for (BigInteger v : List.of(first.subtract(BigInteger.ONE), first, last, last.add(BigInteger.ONE))) {
                    found.add(valueOf(family, clamp(family, v)));
                }
            }
        }
        return found.stream().distinct().filter(a -> !ProbeNetwork.LOCAL_ADDRESSES.contains(a)).toList();
    }

    /** The value of the documentation address nearest to {@code value}. */
    static BigInteger clamp(Family family, BigInteger value) {
        List<IPAddress> ranges = family == Family.IPV4 ? RANGES_V4 : List.of(RANGE_V6);
        BigInteger best = null;
        for (IPAddress range : ranges) {
            BigInteger inside = value.max(range.getLower().getValue()).min(range.getUpper().getValue());
            if (best == null || inside.subtract(value).abs().compareTo(best.subtract(value).abs()) < 0) {
                best = inside;
            }
        }
        return best;
    }

    /** Both ends of every port range of {@code rules} and the ports just outside. */
    private static List<Integer> portEdges(List<Rule> rules) {
        List<Integer> found = new ArrayList<>();
        for (Rule rule : rules) {
            rule.ports().ifPresent(set -> set.closedRanges().forEach(range -> {
                for (int p : new int[] {range[0] - 1, range[0], range[1], range[1] + 1}) {
                    if (p >= PortSet.MIN && p <= PortSet.MAX) {
                        found.add(p);
                    }
                }
            }));
        }
        return found.stream().distinct().toList();
    }

    private static Arbitrary<Optional<ImmutableList<Endpoint>>> peers() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Optional.<ImmutableList<Endpoint>>empty())),
                Tuple.of(9, blocks().list().ofMinSize(1).ofMaxSize(3).map(list -> Optional.of(ImmutableList.<Endpoint>copyOf(list)))),
                Tuple.of(1, longLists().map(list -> Optional.of(ImmutableList.copyOf(list)))));
    }

    /**
     * Long peers: 5 to 110 hosts of one family at odd addresses (which do not merge into larger
     * blocks) in one documentation range, and up to three other blocks of either family. Above 4
     * blocks of a family the iptables target writes a guard and an address chain, above 32 a tree
     * of chains, above 64 one of several levels.
     */
    static Arbitrary<List<Endpoint>> longLists() {
        Arbitrary<List<IPAddress>> hosts = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(RANGES_V4), oddOffsets(127))
                        .as((range, offsets) -> hostsAt(Family.IPV4, range.getLower().getValue(), offsets)),
                Combinators.combine(Arbitraries.of(DENSE_V6), oddOffsets(0x7FFF))
                        .as((base, offsets) -> hostsAt(Family.IPV6, base, offsets)));
        return Combinators.combine(hosts, blocks().list().ofMaxSize(3)).as((many, few) -> {
            List<Endpoint> peer = new ArrayList<>();
            for (IPAddress host : many) {
                IPAddress block = host.toPrefixBlock(host.getBitCount());
                peer.add(new Endpoint.Block(block, "host " + host.toCanonicalString(), SourceSpan.at(FILE, 1, 1)));
            }
            peer.addAll(few);
            return peer;
        });
    }

    /** Sets of 5 to 110 numbers {@code 2k + 1} with {@code k <= maxK}, any size as likely as another. */
    private static Arbitrary<List<Integer>> oddOffsets(int maxK) {
        return Arbitraries.integers().between(0, maxK).set().ofMinSize(5).ofMaxSize(110)
                .withSizeDistribution(RandomDistribution.uniform())
                .map(ks -> ks.stream().sorted().map(k -> 2 * k + 1).toList());
    }

    private static List<IPAddress> hostsAt(Family family, BigInteger base, List<Integer> offsets) {
        return offsets.stream()
                .map(offset -> valueOf(family, base.add(BigInteger.valueOf(offset))))
                .filter(a -> !ProbeNetwork.LOCAL_ADDRESSES.contains(a))
                .toList();
    }

    private static Arbitrary<Optional<PortSet>> ports(Set<Protocol> protocols) {
        if (protocols.isEmpty() || !protocols.stream().allMatch(Protocol::hasPorts)) {
            return Arbitraries.just(Optional.empty());
        }
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Optional.<PortSet>empty())),
                Tuple.of(2, IrArbitraries.portSets().map(Optional::of)));
    }

    /** Prefix lengths: mostly blocks inside one range, sometimes large blocks that hold it. */
    private static Arbitrary<Integer> prefixLengths(Family family) {
        return family == Family.IPV4
                ? Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.integers().between(24, 32)),
                        Tuple.of(1, Arbitraries.of(0, 1, 8, 16, 22, 23)))
                : Arbitraries.frequencyOf(
                        Tuple.of(5, Arbitraries.integers().between(112, 128)),
                        Tuple.of(2, Arbitraries.integers().between(33, 111)),
                        Tuple.of(1, Arbitraries.of(0, 3, 16, 32)));
    }

    /** Offsets into a range of {@code size + 1} addresses: its ends and middle often, anything else too. */
    private static Arbitrary<BigInteger> offsets(int last) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0, 1, last / 2, last / 2 + 1, last - 1, last).map(BigInteger::valueOf)),
                Tuple.of(3, Arbitraries.integers().between(0, last).map(BigInteger::valueOf)));
    }

    private static IPAddress valueOf(Family family, BigInteger value) {
        return IrArbitraries.addressOf(family, value);
    }

    private static IPAddress block(String text) {
        return new IPAddressString(text).getAddress().toPrefixBlock();
    }

    private static IPAddress address(String text) {
        return new IPAddressString(text).getAddress();
    }
}
