package dev.policyc.core.ir;

import com.google.common.collect.BoundType;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A non-empty set of TCP/UDP ports (1-65535), kept as the fewest closed, disjoint ranges.
 * Backed by Guava's {@link ImmutableRangeSet}, which merges adjacent and overlapping ranges.
 */
public record PortSet(ImmutableRangeSet<Integer> ranges) {

    public static final int MIN = 1;
    public static final int MAX = 65535;

    public PortSet {
        ranges = canonical(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a port set is never empty");
        }
        if (!Range.closed(MIN, MAX).encloses(ranges.span())) {
            throw new IllegalArgumentException("ports outside 1-65535: " + ranges);
        }
    }

    public static PortSet of(int port) {
        return range(port, port);
    }

    public static PortSet range(int first, int last) {
        return new PortSet(ImmutableRangeSet.of(Range.closed(first, last)));
    }

    /** The union of closed ranges {@code [first, last]}. */
    public static PortSet union(Collection<PortSet> sets) {
        TreeRangeSet<Integer> all = TreeRangeSet.create();
        sets.forEach(s -> all.addAll(s.ranges));
        return new PortSet(ImmutableRangeSet.copyOf(all));
    }

    public boolean contains(int port) {
        return ranges.contains(port);
    }

    /** Closed {@code [first, last]} pairs in ascending order. */
    public ImmutableList<int[]> closedRanges() {
        return ranges.asRanges().stream()
                .map(r -> new int[] {first(r), last(r)})
                .collect(ImmutableList.toImmutableList());
    }

    /** {@code 53}, {@code 80, 443}, {@code 8000-8080}: the language's own notation. */
    @Override
    public String toString() {
        return closedRanges().stream()
                .map(r -> r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1])
                .collect(Collectors.joining(", "));
    }

    private static int first(Range<Integer> r) {
        return r.lowerBoundType() == BoundType.CLOSED ? r.lowerEndpoint() : r.lowerEndpoint() + 1;
    }

    private static int last(Range<Integer> r) {
        return r.upperBoundType() == BoundType.CLOSED ? r.upperEndpoint() : r.upperEndpoint() - 1;
    }

    /**
     * Closed ranges only, with neighbours such as [1..5] and [6..9] merged, so that equal sets
     * are equal records whatever built them. (A RangeSet of closed ranges does not merge
     * neighbours by itself: over the reals, 5 and 6 are not connected.)
     */
    private static ImmutableRangeSet<Integer> canonical(ImmutableRangeSet<Integer> in) {
        ImmutableRangeSet.Builder<Integer> out = ImmutableRangeSet.builder();
        int openFirst = -1;
        int openLast = -1;
        for (Range<Integer> r : in.asRanges()) {
            int first = first(r);
            int last = last(r);
            if (first > last) {
                continue;
            }
            if (openFirst >= 0 && first <= openLast + 1) {
                openLast = Math.max(openLast, last);
                continue;
            }
            if (openFirst >= 0) {
                out.add(Range.closed(openFirst, openLast));
            }
            openFirst = first;
            openLast = last;
        }
        if (openFirst >= 0) {
            out.add(Range.closed(openFirst, openLast));
        }
        return out.build();
    }
}
