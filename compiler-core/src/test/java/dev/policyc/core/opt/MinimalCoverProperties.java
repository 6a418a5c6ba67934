package dev.policyc.core.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Family;
import dev.policyc.core.net.PrefixBlocks;
import dev.policyc.core.testing.IrArbitraries;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.ToIntBiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Peers#minimalCover} against computations that share nothing with IPAddress's merging:
 * blocks drawn inside a small window of the address space (at its start, its end, or in the
 * middle, in either family) are turned into a bit set of the window; the cover must have
 * exactly those addresses, and as few blocks as an exhaustive search finds (in an 8-address
 * window) or as the top-down split of the window finds (in a 256-address window: a prefix wholly
 * inside the set is one block, a prefix outside it none, any other prefix is its two halves).
 */
class MinimalCoverProperties {

    /** A window of 2^bits addresses of a family, aligned, starting at {@code base}. */
    record Window(Family family, BigInteger base, int bits) {
        IPAddress address(int offset) {
            return IrArbitraries.addressOf(family, base.add(BigInteger.valueOf(offset)));
        }

        /** The block of 2^size addresses starting at {@code offset} (aligned). */
        IPAddress block(int offset, int size) {
            return address(offset).toPrefixBlock(family.bits() - size);
        }

        int size() {
            return 1 << bits;
        }

        /** Which addresses of the window lie in {@code blocks}; fails if one lies outside. */
        BitSet addresses(List<IPAddress> blocks) {
            BitSet set = new BitSet(size());
            for (IPAddress b : blocks) {
                BigInteger first = b.getLower().getValue().subtract(base);
                BigInteger last = b.getUpper().getValue().subtract(base);
                if (first.signum() < 0 || last.compareTo(BigInteger.valueOf(size() - 1L)) > 0
                        || (b.isIPv6() != (family == Family.IPV6))) {
                    throw new AssertionError(b + " lies outside the window " + this);
                }
                set.set(first.intValue(), last.intValue() + 1);
            }
            return set;
        }
    }

    private static Arbitrary<Window> windows(int bits) {
        return IrArbitraries.families().flatMap(family -> {
            BigInteger max = IrArbitraries.maxValue(family);
            BigInteger lastWindow = max.shiftRight(bits);
            return Arbitraries.frequencyOf(
                            net.jqwik.api.Tuple.of(1, Arbitraries.just(BigInteger.ZERO)),
                            net.jqwik.api.Tuple.of(1, Arbitraries.just(lastWindow)),
                            net.jqwik.api.Tuple.of(3, Arbitraries.bigIntegers().between(BigInteger.ZERO, lastWindow)))
                    .map(n -> new Window(family, n.shiftLeft(bits), bits));
        });
    }

    /** Aligned blocks inside the window: a size 0..bits and an aligned offset. */
    private static Arbitrary<List<IPAddress>> blocksIn(Window w) {
        Arbitrary<IPAddress> block = Arbitraries.integers().between(0, w.bits()).flatMap(size ->
                Arbitraries.integers().between(0, (w.size() >> size) - 1).map(k -> w.block(k << size, size)));
        return block.list().ofMinSize(0).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Object>> smallWindows() {
        return windows(3).flatMap(w -> blocksIn(w).map(blocks -> List.of(w, blocks)));
    }

    @Provide
    Arbitrary<List<Object>> largerWindows() {
        return windows(8).flatMap(w -> blocksIn(w).map(blocks -> List.of(w, blocks)));
    }

    @Property(tries = 300)
    void theCoverIsExactAndAsSmallAsAnExhaustiveSearch(@ForAll("smallWindows") List<Object> input) {
        checkCover(input, MinimalCoverProperties::exhaustiveMinimum);
    }

    @Property(tries = 300)
    void theCoverIsExactAndAsSmallAsTheTopDownSplit(@ForAll("largerWindows") List<Object> input) {
        List<IPAddress> cover = checkCover(input, (w, wanted) -> topDown(wanted, 0, w.size()));
        for (int i = 1; i < cover.size(); i++) {
            assertEquals(-1, PrefixBlocks.ORDER.compare(cover.get(i - 1), cover.get(i)), "ascending");
        }
    }

    /** Checks the cover of a window's blocks against the addresses and the fewest blocks {@code fewest} computes. */
    @SuppressWarnings("unchecked")
    private static List<IPAddress> checkCover(List<Object> input, ToIntBiFunction<Window, BitSet> fewest) {
        Window w = (Window) input.get(0);
        List<IPAddress> blocks = (List<IPAddress>) input.get(1);
        BitSet wanted = w.addresses(blocks);
        List<IPAddress> cover = Peers.minimalCover(blocks);
        assertEquals(wanted, w.addresses(cover), () -> "cover " + cover + " of " + blocks);
        assertEquals(fewest.applyAsInt(w, wanted), cover.size(), () -> "cover " + cover + " of " + blocks);
        return cover;
    }

    @Property(tries = 50)
    void aContiguousRangeNeedsAtMostTwoBlocksPerBitOfItsLength(
            @ForAll @IntRange(min = 0, max = 255) int first, @ForAll @IntRange(min = 0, max = 255) int length) {
        Window w = new Window(Family.IPV4, BigInteger.valueOf(10L << 24), 9);
        List<IPAddress> hosts = new ArrayList<>();
        for (int i = first; i <= first + length; i++) {
            hosts.add(w.block(i, 0));
        }
        List<IPAddress> cover = checkCover(List.of(w, hosts), (window, wanted) -> topDown(wanted, 0, window.size()));
        // A run of addresses in a space of 2^k needs at most 2k - 2 prefix blocks.
        assertTrue(cover.size() <= 2 * (w.bits() - 1), () -> cover.size() + " blocks for " + (length + 1) + " hosts");
    }

    /** The fewest aligned blocks whose union is {@code wanted}, by trying every set of blocks inside it, smallest first. */
    private static int exhaustiveMinimum(Window w, BitSet wanted) {
        List<BitSet> candidates = new ArrayList<>();
        for (int size = 0; size <= w.bits(); size++) {
            for (int start = 0; start < w.size(); start += 1 << size) {
                BitSet b = new BitSet();
                b.set(start, start + (1 << size));
                BitSet outside = (BitSet) b.clone();
                outside.andNot(wanted);
                if (outside.isEmpty()) {
                    candidates.add(b);
                }
            }
        }
        for (int k = 0; k <= candidates.size(); k++) {
            if (someUnionEquals(candidates, 0, k, new BitSet(), wanted)) {
                return k;
            }
        }
        throw new AssertionError("no cover at all");
    }

    private static boolean someUnionEquals(List<BitSet> candidates, int from, int k, BitSet sofar, BitSet wanted) {
        if (k == 0) {
            return sofar.equals(wanted);
        }
        for (int i = from; i < candidates.size(); i++) {
            BitSet next = (BitSet) sofar.clone();
            next.or(candidates.get(i));
            if (someUnionEquals(candidates, i + 1, k - 1, next, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Blocks needed for {@code wanted} within the aligned block [start, start + size). */
    private static int topDown(BitSet wanted, int start, int size) {
        int inside = wanted.get(start, start + size).cardinality();
        if (inside == 0) {
            return 0;
        }
        if (inside == size) {
            return 1;
        }
        return topDown(wanted, start, size / 2) + topDown(wanted, start + size / 2, size / 2);
    }
}
