package dev.policyc.core.flowset;

import static dev.policyc.core.flowset.Fixtures.ip;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Range;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PortSet;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators that crowd a few points of each axis, so that random sets share and
 * straddle boundaries and random flows land on them (interval ends, one below, one above).
 */
final class Samples {

    /** Around the ends of both address axes and of the two 64-bit halves of IPv6. */
    private static final List<String> BASES = List.of(
            "0.0.0.0", "10.0.0.0", "10.0.0.255", "10.0.1.0", "127.255.255.255", "128.0.0.0", "255.255.255.255",
            "::", "::1", "2001:db8::", "::ffff:ffff:ffff:ffff", "0:0:0:1::", "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    private static final int[] PREFIX_LENGTHS_4 = {0, 1, 8, 23, 24, 31, 32};
    private static final int[] PREFIX_LENGTHS_6 = {0, 1, 63, 64, 65, 127, 128};

    /** Every prefix block the generators use. */
    static final ImmutableList<IPAddress> BLOCKS = blocks();
    /** Block ends and their neighbours: where membership changes. */
    static final ImmutableList<IPAddress> POINTS = points();
    static final int[] PORT_POINTS = {1, 2, 52, 53, 54, 79, 80, 81, 443, 1023, 1024, 65534, 65535};
    static final int[] PROTOCOL_POINTS = {0, 1, 5, 6, 7, 16, 17, 18, 58, 254, 255};

    private Samples() {}

    private static ImmutableList<IPAddress> blocks() {
        Set<IPAddress> out = new LinkedHashSet<>();
        for (String base : BASES) {
            IPAddress a = ip(base);
            for (int len : a.isIPv4() ? PREFIX_LENGTHS_4 : PREFIX_LENGTHS_6) {
                out.add(a.toPrefixBlock(len));
            }
        }
        return ImmutableList.copyOf(out);
    }

    private static ImmutableList<IPAddress> points() {
        Set<IPAddress> out = new LinkedHashSet<>();
        for (IPAddress b : BLOCKS) {
            for (IPAddress end : List.of(b.getLower().withoutPrefixLength(), b.getUpper().withoutPrefixLength())) {
                out.add(end);
                for (int delta : new int[] {-1, 1}) {
                    BigInteger v = end.getValue().add(BigInteger.valueOf(delta));
                    if (v.signum() >= 0 && v.bitLength() <= end.getBitCount()) {
                        out.add(end.increment(delta));
                    }
                }
            }
        }
        return ImmutableList.copyOf(out);
    }

    static Arbitrary<IPAddress> blocksArb() {
        return Arbitraries.of(BLOCKS);
    }

    /** A sequential range between two points of one family (not prefix-aligned). */
    static Arbitrary<IPAddressSeqRange> rangeArb() {
        return Arbitraries.of(POINTS).tuple2()
                .filter(t -> t.get1().getIPVersion() == t.get2().getIPVersion())
                .map(t -> t.get1().spanWithRange(t.get2()));
    }

    static Arbitrary<Integer> portArb() {
        return Arbitraries.oneOf(Arbitraries.of(boxed(PORT_POINTS)), Arbitraries.integers().between(1, 65535));
    }

    static Arbitrary<Integer> protocolArb() {
        return Arbitraries.oneOf(Arbitraries.of(boxed(PROTOCOL_POINTS)), Arbitraries.integers().between(0, 255));
    }

    static Arbitrary<PortSet> portSetArb() {
        Arbitrary<Range<Integer>> range = Combinators.combine(portArb(), portArb())
                .as((a, b) -> Range.closed(Math.min(a, b), Math.max(a, b)));
        return range.list().ofMinSize(1).ofMaxSize(3).map(Fixtures::ports);
    }

    static Arbitrary<Flow> flowArb() {
        return Combinators.combine(Arbitraries.of(Direction.class), protocolArb(), Arbitraries.of(POINTS), portArb())
                .as((d, p, a, port) -> new Flow(d, p, a, p == 6 || p == 17 ? OptionalInt.of(port) : OptionalInt.empty()));
    }

    private static Integer[] boxed(int[] values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out.toArray(Integer[]::new);
    }
}
