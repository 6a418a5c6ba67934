package dev.policyc.core.net;

import com.google.common.collect.ImmutableList;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Prefix blocks on primitive keys: their order, containment, and the fewest blocks covering a
 * union of them. Policies fed from blocklists name 100,000 blocks in a rule, where sorting and
 * merging {@link IPAddress} objects (whose values are {@code BigInteger}s) costs seconds and
 * hundreds of megabytes; the optimizer, the lints and the backends share this instead.
 *
 * <p>{@link #minimalCover}: IPv4 blocks are packed into one {@code long} each, sorted, merged into
 * maximal intervals and cut into aligned blocks by bit arithmetic; the (usually few) IPv6 blocks
 * are merged on 128-bit keys and cut by the IPAddress library.
 */
public final class PrefixBlocks {

    /** IPv4 before IPv6, then by first address; blocks with the same first address in any order. */
    public static final Comparator<IPAddress> ORDER = Comparator.comparing(Key::of);

    private PrefixBlocks() {}

    /**
     * A block's (or an address's) first and last address as unsigned 128-bit numbers, IPv4 in
     * the low bits; ordered IPv4 first, then by first address.
     */
    public record Key(boolean ipv6, long firstHi, long firstLo, long lastHi, long lastLo) implements Comparable<Key> {

        /** The key of a prefix block or single address. */
        public static Key of(IPAddress block) {
            if (block instanceof IPv4Address v4) {
                return new Key(false, 0, v4.longValue(), 0, v4.upperLongValue());
            }
            ByteBuffer first = ByteBuffer.wrap(block.getBytes());
            ByteBuffer last = ByteBuffer.wrap(block.getUpperBytes());
            return new Key(block.isIPv6(), first.getLong(0), first.getLong(8), last.getLong(0), last.getLong(8));
        }

        @Override
        public int compareTo(Key other) {
            if (ipv6 != other.ipv6) {
                return ipv6 ? 1 : -1;
            }
            return compare(firstHi, firstLo, other.firstHi, other.firstLo);
        }

        /** True when every address of {@code inner} is in this block (same family). */
        public boolean contains(Key inner) {
            return ipv6 == inner.ipv6
                    && compare(firstHi, firstLo, inner.firstHi, inner.firstLo) <= 0
                    && compare(inner.lastHi, inner.lastLo, lastHi, lastLo) <= 0;
        }

        /** Compares two unsigned 128-bit numbers given as halves. */
        public static int compare(long aHi, long aLo, long bHi, long bLo) {
            int hi = Long.compareUnsigned(aHi, bHi);
            return hi != 0 ? hi : Long.compareUnsigned(aLo, bLo);
        }
    }

    /**
     * The first address of a block as canonical text, without prefix length: dotted decimal for
     * IPv4 (written here, as the backends write it for every one of 100,000 blocks), the
     * library's canonical form for IPv6.
     */
    public static String firstAddressText(IPAddress block) {
        if (block instanceof IPv4Address v4) {
            long value = v4.longValue();
            return (value >>> 24) + "." + (value >>> 16 & 255) + "." + (value >>> 8 & 255) + "." + (value & 255);
        }
        return block.getLower().withoutPrefixLength().toCanonicalString();
    }

    /** How many bits of a packed IPv4 block hold its position among the inputs. */
    private static final int INDEX_BITS = 26;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    /**
     * The maximal prefix blocks inside the union of {@code blocks}: IPv4 first, each family in
     * ascending order, every block with its prefix length (a host is {@code /32} or {@code /128}).
     * Where one IPv4 input block (with a prefix length) makes up a run of touching blocks by
     * itself, the cover holds that very object, which spares making 100,000 new ones when little
     * merges.
     */
    public static ImmutableList<IPAddress> minimalCover(Collection<? extends IPAddress> blocks) {
        List<IPv4Address> ipv4 = new ArrayList<>(blocks.size());
        List<Key> ipv6 = new ArrayList<>();
        for (IPAddress block : blocks) {
            if (block instanceof IPv4Address v4) {
                if (isBlock(v4)) {
                    ipv4.add(v4);
                } else {
                    // Not a prefix block (never so in a policy): its blocks stand for it.
                    for (IPAddress part : v4.toSequentialRange().spanWithPrefixBlocks()) {
                        ipv4.add((IPv4Address) part);
                    }
                }
            } else {
                ipv6.add(Key.of(block));
            }
        }
        ImmutableList.Builder<IPAddress> cover = ImmutableList.builder();
        coverIpv4(ipv4, cover);
        coverIpv6(ipv6, cover);
        return cover.build();
    }

    /**
     * True when {@code blocks} already is the minimal cover of its union, in the order
     * {@link #minimalCover} gives (IPv4 first, ascending): {@code minimalCover(blocks).equals(blocks)},
     * where, as {@link IPAddress#equals} has it, a single address without prefix length equals its
     * {@code /32} or {@code /128} block. One pass, no sorting, for peers that earlier passes
     * already made minimal.
     */
    public static boolean isMinimalCover(List<? extends IPAddress> blocks) {
        Key run = null;
        int runFrom = 0;
        for (int i = 0; i <= blocks.size(); i++) {
            Key key = null;
            if (i < blocks.size()) {
                IPAddress block = blocks.get(i);
                boolean single = block.getNetworkPrefixLength() == null && !block.isMultiple();
                if (!single && !block.isPrefixBlock()) {
                    return false;
                }
                key = Key.of(block);
                if (run != null && key.compareTo(run) <= 0) {
                    return false;
                }
                if (run != null && run.ipv6() == key.ipv6() && !after(key, run)) {
                    if (Key.compare(key.firstHi(), key.firstLo(), run.lastHi(), run.lastLo()) <= 0) {
                        return false;
                    }
                    // Touches the run: the run goes on.
                    run = new Key(run.ipv6(), run.firstHi(), run.firstLo(), key.lastHi(), key.lastLo());
                    continue;
                }
            }
            if (run != null && i - runFrom > 1 && !cutOf(run).equals(blocks.subList(runFrom, i))) {
                return false;
            }
            run = key;
            runFrom = i;
        }
        return true;
    }

    private static ImmutableList<IPAddress> cutOf(Key run) {
        ImmutableList.Builder<IPAddress> blocks = ImmutableList.builder();
        if (run.ipv6()) {
            cutIpv6(run, blocks);
        } else {
            cutIpv4(run.firstLo(), run.lastLo(), blocks);
        }
        return blocks.build();
    }

    /**
     * The blocks of the sequential range from {@code first} to {@code last} (one family), in
     * ascending order, each with its prefix length: the fewest prefix blocks that make it up.
     */
    public static ImmutableList<IPAddress> cut(IPAddress first, IPAddress last) {
        ImmutableList.Builder<IPAddress> blocks = ImmutableList.builder();
        if (first instanceof IPv4Address a && last instanceof IPv4Address b) {
            cutIpv4(a.longValue(), b.longValue(), blocks);
        } else {
            Key from = Key.of(first);
            Key to = Key.of(last);
            cutIpv6(new Key(true, from.firstHi(), from.firstLo(), to.lastHi(), to.lastLo()), blocks);
        }
        return blocks.build();
    }

    private static boolean isBlock(IPv4Address v4) {
        long size = v4.upperLongValue() - v4.longValue() + 1;
        return (size & (size - 1)) == 0 && (v4.longValue() & (size - 1)) == 0;
    }

    /**
     * Sorts the blocks as packed longs: first address (32 bits, sign bit flipped so that a signed
     * sort is unsigned), prefix length (6 bits; shorter, hence larger, first among blocks that
     * start together) and position among the inputs; then merges touching blocks into runs and
     * cuts each run into aligned blocks.
     */
    private static void coverIpv4(List<IPv4Address> blocks, ImmutableList.Builder<IPAddress> cover) {
        boolean indexed = blocks.size() <= INDEX_MASK;
        long[] packed = new long[blocks.size()];
        for (int i = 0; i < packed.length; i++) {
            IPv4Address b = blocks.get(i);
            long length = 32 - (63 - Long.numberOfLeadingZeros(b.upperLongValue() - b.longValue() + 1));
            packed[i] = (b.longValue() << 32 ^ Long.MIN_VALUE) | length << INDEX_BITS | (indexed ? i : 0);
        }
        Arrays.sort(packed);
        long start = -1;
        long end = -1;
        int firstOfRun = -1;
        for (long p : packed) {
            long first = (p ^ Long.MIN_VALUE) >>> 32;
            long last = first + (1L << (32 - ((p >>> INDEX_BITS) & 63))) - 1;
            if (start >= 0 && first <= end + 1) {
                end = Math.max(end, last);
                continue;
            }
            if (start >= 0) {
                closeRun(start, end, indexed ? blocks.get(firstOfRun) : null, cover);
            }
            start = first;
            end = last;
            firstOfRun = (int) (p & INDEX_MASK);
        }
        if (start >= 0) {
            closeRun(start, end, indexed ? blocks.get(firstOfRun) : null, cover);
        }
    }

    /** The blocks of a run; its first block itself when the run is just that block. */
    private static void closeRun(long start, long end, IPv4Address first, ImmutableList.Builder<IPAddress> cover) {
        if (first != null && first.getNetworkPrefixLength() != null && first.upperLongValue() == end) {
            cover.add(first);
        } else {
            cutIpv4(start, end, cover);
        }
    }

    /** Appends the aligned blocks of {@code [first, last]}, largest first at each address. */
    private static void cutIpv4(long first, long last, ImmutableList.Builder<IPAddress> cover) {
        long at = first;
        while (at <= last) {
            int aligned = at == 0 ? 32 : Long.numberOfTrailingZeros(at);
            int fits = 63 - Long.numberOfLeadingZeros(last - at + 1);
            int bits = Math.min(aligned, fits);
            cover.add(new IPv4Address((int) at, 32 - bits).toPrefixBlock());
            at += 1L << bits;
        }
    }

    private static void coverIpv6(List<Key> keys, ImmutableList.Builder<IPAddress> cover) {
        keys.sort(null);
        Key run = null;
        for (Key key : keys) {
            if (run != null && !after(key, run)) {
                if (Key.compare(key.lastHi(), key.lastLo(), run.lastHi(), run.lastLo()) > 0) {
                    run = new Key(true, run.firstHi(), run.firstLo(), key.lastHi(), key.lastLo());
                }
                continue;
            }
            if (run != null) {
                cutIpv6(run, cover);
            }
            run = key;
        }
        if (run != null) {
            cutIpv6(run, cover);
        }
    }

    /** True when {@code key} starts after the address just past {@code run} (so they neither meet nor touch). */
    private static boolean after(Key key, Key run) {
        if (run.lastHi() == -1L && run.lastLo() == -1L) {
            return false;
        }
        long nextLo = run.lastLo() + 1;
        long nextHi = nextLo == 0 ? run.lastHi() + 1 : run.lastHi();
        return Key.compare(key.firstHi(), key.firstLo(), nextHi, nextLo) > 0;
    }

    private static void cutIpv6(Key run, ImmutableList.Builder<IPAddress> cover) {
        IPv6Address first = new IPv6Address(run.firstHi(), run.firstLo());
        IPv6Address last = new IPv6Address(run.lastHi(), run.lastLo());
        for (IPAddress block : first.spanWithRange(last).spanWithPrefixBlocks()) {
            cover.add(block.getNetworkPrefixLength() == null ? block.toPrefixBlock(block.getBitCount()) : block);
        }
    }
}
