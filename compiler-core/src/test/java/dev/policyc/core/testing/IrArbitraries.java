package dev.policyc.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik generators for bound IR and for flows, shared by the property tests of every stage.
 *
 * <p>Purely random addresses and ports would almost never land on the edge of a block or a port
 * range, where off-by-one mistakes live, so addresses crowd into one small region per family
 * (inside {@code 10.0.0.0/16} and {@code 2001:db8::/112}) and {@link #flowsNear} draws mostly
 * the first and last address of every block of a policy and the addresses just outside it, and
 * the ends of every port range and the ports just outside them.
 */
public final class IrArbitraries {

    public static final String FILE = "generated.policy";

    private static final BigInteger DENSE_V4 = BigInteger.valueOf(10L << 24);
    private static final BigInteger DENSE_V6 = new BigInteger("20010db8000000000000000000000000", 16);
    private static final BigInteger DENSE_SIZE = BigInteger.valueOf(0xFFFF);

    private IrArbitraries() {}

    public static Arbitrary<Family> families() {
        return Arbitraries.of(Family.class);
    }

    /** The largest address value of {@code family}. */
    public static BigInteger maxValue(Family family) {
        return BigInteger.ONE.shiftLeft(family.bits()).subtract(BigInteger.ONE);
    }

    /** The address of {@code family} with numeric value {@code value}. */
    public static IPAddress addressOf(Family family, BigInteger value) {
        return family == Family.IPV4 ? new IPv4Address(value.intValue()) : new IPv6Address(value);
    }

    /** Single addresses of {@code family}: mostly in one dense region, sometimes anywhere, the two ends of the space. */
    public static Arbitrary<IPAddress> addresses(Family family) {
        BigInteger max = maxValue(family);
        BigInteger dense = family == Family.IPV4 ? DENSE_V4 : DENSE_V6;
        Arbitrary<BigInteger> values = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.bigIntegers().between(BigInteger.ZERO, DENSE_SIZE).map(dense::add)),
                Tuple.of(3, Arbitraries.bigIntegers().between(BigInteger.ZERO, max)),
                Tuple.of(1, Arbitraries.just(BigInteger.ZERO)),
                Tuple.of(1, Arbitraries.just(max)));
        return values.map(v -> addressOf(family, v)).filter(IrArbitraries::isPolicyAddress);
    }

    public static Arbitrary<IPAddress> addresses() {
        return families().flatMap(IrArbitraries::addresses);
    }

    /** Prefix lengths of {@code family}, with {@code /0} and host length ({@code /32}, {@code /128}) often. */
    public static Arbitrary<Integer> prefixLengths(Family family) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.just(family.bits())),
                Tuple.of(2, Arbitraries.integers().between(family.bits() - 16, family.bits())),
                Tuple.of(3, Arbitraries.integers().between(0, family.bits())));
    }

    /** Prefix blocks of both families, from whole-family {@code /0} to single hosts. */
    public static Arbitrary<Endpoint.Block> blocks() {
        return families().flatMap(family -> Combinators.combine(addresses(family), prefixLengths(family))
                .as((address, length) -> {
                    IPAddress block = address.toPrefixBlock(length);
                    return new Endpoint.Block(block, "cidr " + block.toCanonicalString(), SourceSpan.at(FILE, 1, 1));
                }));
    }

    /** Ports, with 1, 65535 and the well-known range often. */
    public static Arbitrary<Integer> ports() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(PortSet.MIN)),
                Tuple.of(1, Arbitraries.just(PortSet.MAX)),
                Tuple.of(3, Arbitraries.integers().between(1, 1024)),
                Tuple.of(3, Arbitraries.integers().between(PortSet.MIN, PortSet.MAX)));
    }

    /** Closed port ranges: single ports and spans. */
    public static Arbitrary<Range<Integer>> portRanges() {
        return Arbitraries.oneOf(
                ports().map(Range::singleton),
                Combinators.combine(ports(), ports()).as((a, b) -> Range.closed(Math.min(a, b), Math.max(a, b))));
    }

    /** Sets of one to three port ranges (which may overlap or touch). */
    public static Arbitrary<PortSet> portSets() {
        // Built from closed ranges directly: PortSet.union rejects sets that contain 65535.
        return portRanges().list().ofMinSize(1).ofMaxSize(3)
                .map(ranges -> new PortSet(ImmutableRangeSet.unionOf(ranges)));
    }

    /** Protocol sets: none (every protocol), tcp/udp (so that ports can follow), any subset. */
    public static Arbitrary<ImmutableSet<Protocol>> protocolSets() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(ImmutableSet.<Protocol>of())),
                Tuple.of(3, Arbitraries.subsetOf(Protocol.TCP, Protocol.UDP).ofMinSize(1)),
                Tuple.of(3, Arbitraries.subsetOf(Protocol.values()).ofMinSize(1)))
                .map(ImmutableSet::copyOf);
    }

    /** A peer: none (any address) or one to three blocks. */
    public static Arbitrary<Optional<ImmutableList<Endpoint>>> peers() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Optional.<ImmutableList<Endpoint>>empty())),
                Tuple.of(4, blocks().list().ofMinSize(1).ofMaxSize(3)
                        .map(list -> Optional.of(ImmutableList.<Endpoint>copyOf(list)))));
    }

    /** Bound rules of either verdict. */
    public static Arbitrary<Rule> rules() {
        return Arbitraries.of(Verdict.class).flatMap(IrArbitraries::rules);
    }

    /** Bound rules of {@code verdict}: both directions, any protocols, peers and, where allowed, ports. */
    public static Arbitrary<Rule> rules(Verdict verdict) {
        return protocolSets().flatMap(protocols -> Combinators.combine(
                        Arbitraries.of(Direction.class),
                        peers(),
                        portSpecs(protocols),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(2, 400))
                .as((direction, peer, ports, log, line) -> new Rule(
                        verdict, direction, protocols, peer, ports, log, Optional.empty(), SourceSpan.at(FILE, line, 5))));
    }

    private static Arbitrary<Optional<PortSet>> portSpecs(Set<Protocol> protocols) {
        if (protocols.isEmpty() || !protocols.stream().allMatch(Protocol::hasPorts)) {
            return Arbitraries.just(Optional.empty());
        }
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Optional.<PortSet>empty())),
                Tuple.of(2, portSets().map(Optional::of)));
    }

    /** Defaults: the implicit deny, or an explicit allow or deny, logged or not. */
    public static Arbitrary<DefaultAction> defaults() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(DefaultAction.implicitDeny())),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Verdict.class), Arbitraries.of(true, false))
                        .as((verdict, log) -> new DefaultAction(verdict, log, Optional.of(SourceSpan.at(FILE, 1, 5))))));
    }

    /** Bound policies of up to eight rules. */
    public static Arbitrary<PolicyIr> boundPolicies() {
        return Combinators.combine(defaults(), defaults(), rules().list().ofMaxSize(8))
                .as((in, out, rules) -> new PolicyIr("generated", SourceSpan.at(FILE, 1, 1), in, out, ImmutableList.copyOf(rules)));
    }

    /** Flows anywhere: both directions and families, named and unnamed protocols. */
    public static Arbitrary<Flow> flows() {
        return flows(addresses(), ports());
    }

    /** Protocol numbers: mostly the named ones, sometimes any of 0-255. */
    public static Arbitrary<Integer> protocolNumbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(Protocol.class).map(Protocol::number)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
    }

    /**
     * Flows mostly on the edges of {@code policy}: most are aimed at one of its rules (see
     * {@link #flowsNear(Rule)}), the others combine any edge of any rule.
     */
    public static Arbitrary<Flow> flowsNear(PolicyIr policy) {
        Arbitrary<Flow> anyEdge = flows(
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(boundaryAddresses(policy.rules()))), Tuple.of(1, addresses())),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(boundaryPorts(policy.rules()))), Tuple.of(1, ports())));
        if (policy.rules().isEmpty()) {
            return anyEdge;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(policy.rules()).flatMap(IrArbitraries::flowsNear)),
                Tuple.of(1, anyEdge));
    }

    /**
     * Flows aimed at {@code rule}: mostly its direction and protocols, the first and last address
     * of its blocks and the addresses just outside, the ends of its port ranges and the ports just
     * outside; sometimes anything else, so that each part also fails to match.
     */
    public static Arbitrary<Flow> flowsNear(Rule rule) {
        Arbitrary<Direction> direction = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(rule.direction())), Tuple.of(1, Arbitraries.of(Direction.class)));
        Arbitrary<Integer> protocol = rule.protocols().isEmpty() ? protocolNumbers() : Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(rule.protocols()).map(Protocol::number)), Tuple.of(1, protocolNumbers()));
        Arbitrary<IPAddress> address = rule.peer().isEmpty() ? addresses() : Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(boundaryAddresses(List.of(rule)))), Tuple.of(1, addresses()));
        Arbitrary<Integer> port = rule.ports().isEmpty() ? ports() : Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(boundaryPorts(List.of(rule)))), Tuple.of(1, ports()));
        return flows(direction, protocol, address, port);
    }

    /** A bound policy and a flow near its edges. */
    public static Arbitrary<Tuple2<PolicyIr, Flow>> policiesWithFlows() {
        return boundPolicies().flatMap(policy -> flowsNear(policy).map(flow -> Tuple.of(policy, flow)));
    }

    private static Arbitrary<Flow> flows(Arbitrary<IPAddress> addresses, Arbitrary<Integer> ports) {
        return flows(Arbitraries.of(Direction.class), protocolNumbers(), addresses, ports);
    }

    private static Arbitrary<Flow> flows(
            Arbitrary<Direction> directions, Arbitrary<Integer> protocols, Arbitrary<IPAddress> addresses, Arbitrary<Integer> ports) {
        return Combinators.combine(directions, protocols, addresses, ports)
                .as((direction, protocol, address, port) -> new Flow(direction, protocol, address,
                        protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number()
                                ? OptionalInt.of(port) : OptionalInt.empty()));
    }

    /** First and last address of every block, the addresses just outside, and the ends of both families. */
    static List<IPAddress> boundaryAddresses(List<Rule> rules) {
        List<IPAddress> found = new ArrayList<>();
        for (Family family : Family.values()) {
            BigInteger max = maxValue(family);
            for (BigInteger v : List.of(BigInteger.ZERO, BigInteger.ONE, max.subtract(BigInteger.ONE), max)) {
                found.add(addressOf(family, v));
            }
        }
        for (Rule rule : rules) {
            for (Endpoint endpoint : rule.peer().orElse(ImmutableList.of())) {
                Endpoint.Block block = (Endpoint.Block) endpoint;
                Family family = block.family();
                BigInteger first = block.block().getLower().getValue();
                BigInteger last = block.block().getUpper().getValue();
                for (BigInteger v : List.of(first.subtract(BigInteger.ONE), first, last, last.add(BigInteger.ONE))) {
                    if (v.signum() >= 0 && v.compareTo(maxValue(family)) <= 0) {
                        found.add(addressOf(family, v));
                    }
                }
            }
        }
        return found.stream().filter(IrArbitraries::isPolicyAddress).toList();
    }

    /** The ends of every port range and the ports just outside, plus 1 and 65535. */
    static List<Integer> boundaryPorts(List<Rule> rules) {
        List<Integer> found = new ArrayList<>(List.of(PortSet.MIN, PortSet.MIN + 1, PortSet.MAX - 1, PortSet.MAX));
        for (Rule rule : rules) {
            rule.ports().ifPresent(set -> {
                for (int[] range : set.closedRanges()) {
                    for (int p : new int[] {range[0] - 1, range[0], range[1], range[1] + 1}) {
                        if (p >= PortSet.MIN && p <= PortSet.MAX) {
                            found.add(p);
                        }
                    }
                }
            });
        }
        return found;
    }

    /** Policies and flows never carry IPv4-mapped IPv6 addresses. */
    private static boolean isPolicyAddress(IPAddress address) {
        return !(address.isIPv6() && address.toIPv6().isIPv4Mapped());
    }
}
