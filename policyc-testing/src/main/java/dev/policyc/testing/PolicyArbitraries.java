package dev.policyc.testing;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.IntegerArbitrary;

/**
 * jqwik arbitraries for policy tests: flows near the boundaries of given policies (where
 * off-by-one mistakes live), flows from the whole universe, and whole random policies.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Flow> nearWebapp() {
 *     return PolicyArbitraries.flowsNear(webapp);
 * }
 *
 * @Property
 * void neverSsh(@ForAll("nearWebapp") Flow flow) { ... }
 * }</pre>
 *
 * <p>A flow near a boundary is built from a "focus" and choices within it. A focus is all the
 * edges together, the edges of one rule (or one box of a given flow set), or the edges of two
 * rules of the same direction, where an allow and a deny rule meet; the edges are the first and
 * last address of every block and their outside neighbours, the ends of every port range and
 * their outside neighbours, and the protocols named. A flow takes a direction, a protocol, an
 * address and a port from the focus by index, then moves the address and the port by an offset:
 * zero for about 85% of flows, else 1 up to 2<sup>62</sup>, so the inside of ranges is tried too.
 * jqwik shrinks indexes and offsets towards zero, so a failing flow shrinks to one that sits
 * exactly on a boundary: the lowest failing candidate, unmoved.
 *
 * <p>How often it lands on a given boundary flow depends on the policy; for the one-off mistakes
 * of this module's own tests (a port or an address too many) it is 1-3% of tries, so jqwik's
 * default 1,000 tries find them all but always.
 */
public final class PolicyArbitraries {

    /** Raw offsets within this distance of zero mean "no offset": about 85% of them. */
    private static final int STAY = 384;
    /** Raw offsets beyond {@link #STAY} step through magnitudes 1, 2, 3, 4, 8, 16 ... 2^62. */
    private static final int STEPS = 64;
    private static final int INDEX_RANGE = 1 << 16;

    private PolicyArbitraries() {}

    /** Flows near the boundaries of the given policies (bound: no {@code dns} or {@code resolver} left). */
    public static Arbitrary<Flow> flowsNear(PolicyIr... policies) {
        return flowsNear(Arrays.asList(policies), List.of());
    }

    /** Flows near the boundaries of the given test policies. */
    public static Arbitrary<Flow> flowsNear(TestPolicy... policies) {
        return flowsNear(Arrays.stream(policies).map(TestPolicy::policy).toList(), List.of());
    }

    /**
     * Flows near the boundaries of the given policies and of the given flow sets: pass the set a
     * property is about (say, {@code in tcp from outside 10.0.0.0/8 port 22}) so that its edges
     * are tried too, not only the policy's.
     */
    public static Arbitrary<Flow> flowsNear(Collection<PolicyIr> policies, Collection<FlowSet> sets) {
        Boundaries.Foci foci = Boundaries.of(policies, sets);
        return Combinators.combine(index(), index(), index(), index(), index(), offset(), index(), offset())
                .as((kind, focus, direction, protocol, address, addressOffset, port, portOffset) ->
                        foci.pick(kind, focus).flow(direction, protocol, address, magnitude(addressOffset),
                                port, portMagnitude(portOffset)));
    }

    /**
     * Flows inside {@code set}, near its boundaries and those of the given policies: the right
     * arbitrary for a guard such as "no policy accepts {@code in tcp from outside 10.0.0.0/8 port
     * 22}", whose property is vacuous for flows outside the set. Flows are generated as by
     * {@link #flowsNear(Collection, Collection)} and then moved into the nearest box of the set,
     * their address and port clamped to its edges, so flows just outside land on its boundary.
     *
     * @throws IllegalArgumentException if {@code set} is empty
     */
    public static Arbitrary<Flow> flowsIn(FlowSet set, Collection<PolicyIr> policies) {
        SetProjection projection = new SetProjection(set);
        return flowsNear(policies, List.of(set)).map(projection::project);
    }

    /** Flows inside {@code set}, near its boundaries and those of the given test policies. */
    public static Arbitrary<Flow> flowsIn(FlowSet set, TestPolicy... policies) {
        return flowsIn(set, Arrays.stream(policies).map(TestPolicy::policy).toList());
    }

    /**
     * Flows from the whole universe: both directions, both families (addresses uniform over each
     * family), tcp, udp, icmp, icmpv6 and now and then any other protocol number, ports 1-65535.
     */
    public static Arbitrary<Flow> flows() {
        Arbitrary<Integer> protocols = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(Protocol.TCP.number(), Protocol.UDP.number())),
                Tuple.of(1, Arbitraries.of(Protocol.ICMP.number())),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<BigInteger> v4 = Arbitraries.bigIntegers().between(BigInteger.ZERO,
                Boundaries.highest(Family.IPV4).getValue()).withDistribution(RandomDistribution.uniform());
        Arbitrary<BigInteger> v6 = Arbitraries.bigIntegers().between(BigInteger.ZERO,
                Boundaries.highest(Family.IPV6).getValue()).withDistribution(RandomDistribution.uniform());
        return Combinators.combine(Arbitraries.of(Direction.values()), protocols, Arbitraries.of(Family.values()), v4, v6,
                        Arbitraries.integers().between(1, 65535))
                .as((direction, protocol, family, a4, a6, port) -> {
                    IPAddress address = family == Family.IPV4 ? Boundaries.address(Family.IPV4, a4) : Boundaries.address(Family.IPV6, a6);
                    int number = protocol;
                    if (family == Family.IPV6 && number == Protocol.ICMP.number()) {
                        number = Protocol.ICMPV6.number();
                    } else if (family == Family.IPV4 && number == Protocol.ICMPV6.number()) {
                        number = Protocol.ICMP.number();
                    }
                    boolean hasPorts = number == Protocol.TCP.number() || number == Protocol.UDP.number();
                    return new Flow(direction, number, address, hasPorts ? OptionalInt.of(port) : OptionalInt.empty());
                });
    }

    /**
     * Whole random policies, bound and valid, written in the policy language (a failing try prints
     * the policy's text): up to six rules, allow and deny, either direction, any protocols the
     * language names, peers from {@code 10.0.0.0/8}, {@code 192.0.2.0/24} and {@code 2001:db8::/32}
     * so that rules overlap, ports and port ranges, and now and then a default allow.
     */
    public static Arbitrary<TestPolicy> policies() {
        return PolicyTexts.policies().map(text -> TestPolicies.defaults().parse(text));
    }

    private static IntegerArbitrary index() {
        return Arbitraries.integers().between(0, INDEX_RANGE - 1).withDistribution(RandomDistribution.uniform());
    }

    private static IntegerArbitrary offset() {
        return Arbitraries.integers().between(-(STAY + STEPS), STAY + STEPS).withDistribution(RandomDistribution.uniform());
    }

    /** Like {@link #magnitude}, but never beyond the width of the port range. */
    private static int portMagnitude(int raw) {
        return magnitude(raw).max(BigInteger.valueOf(-65535)).min(BigInteger.valueOf(65535)).intValue();
    }

    /** 0 for raw values near 0; then 1, 2, 3, 4, 8, 16, ... 2^62, with the raw value's sign. */
    private static BigInteger magnitude(int raw) {
        int step = Math.abs(raw) - STAY;
        if (step <= 0) {
            return BigInteger.ZERO;
        }
        BigInteger size = step <= 4 ? BigInteger.valueOf(step) : BigInteger.ONE.shiftLeft(step - 2);
        return raw < 0 ? size.negate() : size;
    }
}
