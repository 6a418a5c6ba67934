package dev.policyc.core.flowset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A total map from an {@link Axis} to values, kept as the sorted starts of its maximal
 * intervals: neighbouring intervals never hold equal values, so equal maps have equal arrays
 * (the canonical form that makes {@code equals} mean set equality). Values are either
 * {@link Boolean} (the port level) or a nested {@code Partition} (every other level).
 *
 * <p>Immutable. The hash, emptiness and fullness are computed once, in the constructor.
 */
final class Partition {

    private final Axis axis;
    /** {@code size * axis.width()} longs; the first key is always 0. */
    private final long[] starts;
    private final Object[] values;
    private final int hash;
    private final boolean empty;
    private final boolean full;

    private Partition(Axis axis, long[] starts, Object[] values) {
        this.axis = axis;
        this.starts = starts;
        this.values = values;
        int h = axis.ordinal() * 31 + Arrays.hashCode(starts);
        boolean allEmpty = true;
        boolean allFull = true;
        for (Object v : values) {
            h = h * 31 + v.hashCode();
            allEmpty &= isEmptyValue(v);
            allFull &= isFullValue(v);
        }
        this.hash = h;
        this.empty = allEmpty;
        this.full = allFull;
    }

    /** The map sending every key of {@code axis} to {@code value}. */
    static Partition constant(Axis axis, Object value) {
        return new Partition(axis, new long[axis.width()], new Object[] {value});
    }

    /** A closed interval of keys, for building partitions from ranges. */
    record Span(long startHi, long startLo, long endHi, long endLo) {
        static final Comparator<Span> BY_START =
                (a, b) -> Axis.compare(a.startHi, a.startLo, b.startHi, b.startLo);
    }

    /**
     * The map sending every key inside some span to {@code inside} and every other key to
     * {@code outside}. Spans may overlap, touch and come in any order: O(n log n).
     */
    static Partition ofSpans(Axis axis, List<Span> spans, Object inside, Object outside) {
        long[][] sorted = sortByStart(axis, spans);
        long[] startHi = sorted[0];
        long[] startLo = sorted[1];
        long[] endHi = sorted[2];
        long[] endLo = sorted[3];
        int n = startLo.length;
        Builder out = new Builder(axis, 2 * n + 1);
        out.add(0, 0, outside);
        int i = 0;
        while (i < n) {
            int first = i++;
            long runEndHi = endHi[first];
            long runEndLo = endLo[first];
            // Swallow every following span that overlaps or touches the current run.
            while (i < n && !axis.isMax(runEndHi, runEndLo)) {
                long afterLo = runEndLo + 1;
                long afterHi = afterLo == 0 ? runEndHi + 1 : runEndHi;
                if (Axis.compare(startHi[i], startLo[i], afterHi, afterLo) > 0) {
                    break;
                }
                if (Axis.compare(endHi[i], endLo[i], runEndHi, runEndLo) > 0) {
                    runEndHi = endHi[i];
                    runEndLo = endLo[i];
                }
                i++;
            }
            out.add(startHi[first], startLo[first], inside);
            if (axis.isMax(runEndHi, runEndLo)) {
                break;
            }
            long afterLo = runEndLo + 1;
            out.add(afterLo == 0 ? runEndHi + 1 : runEndHi, afterLo, outside);
        }
        return out.build();
    }

    /** Columns {startHi, startLo, endHi, endLo} of the spans, ordered by start. */
    private static long[][] sortByStart(Axis axis, List<Span> spans) {
        int n = spans.size();
        long[][] columns = new long[4][n];
        if (axis.width() == 1) {
            // Keys of one-long axes fit in 32 bits: sort (start, end) packed in a primitive
            // long, with the sign bit flipped so that signed order is unsigned order.
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = (spans.get(i).startLo << 32 | spans.get(i).endLo) ^ Long.MIN_VALUE;
            }
            Arrays.sort(packed);
            for (int i = 0; i < n; i++) {
                long p = packed[i] ^ Long.MIN_VALUE;
                columns[1][i] = p >>> 32;
                columns[3][i] = p & 0xFFFF_FFFFL;
            }
            return columns;
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Span.BY_START);
        for (int i = 0; i < n; i++) {
            Span s = sorted.get(i);
            columns[0][i] = s.startHi;
            columns[1][i] = s.startLo;
            columns[2][i] = s.endHi;
            columns[3][i] = s.endLo;
        }
        return columns;
    }

    /**
     * The pointwise combination of two maps over the same axis, by one sweep over both sorted
     * boundary lists: O(n + m) calls of {@code f}.
     */
    static Partition combine(Partition a, Partition b, BiFunction<Object, Object, Object> f) {
        return combine(a, b, f, value -> false, value -> false);
    }

    /**
     * As {@link #combine(Partition, Partition, BiFunction)}, told which values decide the result
     * alone: where {@code aDecides} holds for a value of {@code a}, {@code f} of it and any value
     * of {@code b} is the same (as an intersection with an empty cell is empty), so the
     * boundaries of {@code b} inside that interval are skipped by a galloping search instead of
     * swept; likewise for {@code bDecides}. A small set meeting a large one (one rule against
     * the union of 10,000) then costs about the small one's size times a logarithm, not the
     * large one's size.
     */
    static Partition combine(Partition a, Partition b, BiFunction<Object, Object, Object> f,
            Predicate<Object> aDecides, Predicate<Object> bDecides) {
        if (a.axis != b.axis) {
            throw new IllegalArgumentException("partitions over different axes: " + a.axis + ", " + b.axis);
        }
        Builder out = new Builder(a.axis, Math.min(a.size() + b.size(), 2 * Math.min(a.size(), b.size()) + 16));
        int i = 0;
        int j = 0;
        long hi = 0;
        long lo = 0;
        while (true) {
            out.add(hi, lo, f.apply(a.values[i], b.values[j]));
            if (aDecides.test(a.values[i])) {
                j = i + 1 < a.size() ? lastStartingBefore(b, j, a.hi(i + 1), a.lo(i + 1)) : b.size() - 1;
            } else if (bDecides.test(b.values[j])) {
                i = j + 1 < b.size() ? lastStartingBefore(a, i, b.hi(j + 1), b.lo(j + 1)) : a.size() - 1;
            }
            boolean moreA = i + 1 < a.size();
            boolean moreB = j + 1 < b.size();
            if (!moreA && !moreB) {
                return out.build();
            }
            int c = !moreA ? 1 : !moreB ? -1 : Axis.compare(a.hi(i + 1), a.lo(i + 1), b.hi(j + 1), b.lo(j + 1));
            if (c <= 0) {
                i++;
                hi = a.hi(i);
                lo = a.lo(i);
            }
            if (c >= 0) {
                j++;
                hi = b.hi(j);
                lo = b.lo(j);
            }
        }
    }

    /**
     * The last interval of {@code p}, from {@code from} on, that starts before key (hi, lo):
     * galloping (steps of 1, 2, 4...) then binary search, so O(log k) for a skip of k intervals.
     */
    private static int lastStartingBefore(Partition p, int from, long hi, long lo) {
        int known = from;
        int step = 1;
        int probe = from + 1;
        while (probe < p.size() && Axis.compare(p.hi(probe), p.lo(probe), hi, lo) < 0) {
            known = probe;
            step <<= 1;
            probe = from + step;
        }
        int low = known;
        int high = Math.min(probe, p.size()) - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (Axis.compare(p.hi(mid), p.lo(mid), hi, lo) < 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** This map with {@code f} applied to every value. */
    Partition map(UnaryOperator<Object> f) {
        Builder out = new Builder(axis, size());
        for (int i = 0; i < size(); i++) {
            out.add(hi(i), lo(i), f.apply(values[i]));
        }
        return out.build();
    }

    /** A map of the same shape whose every value is empty. */
    static Object emptyLike(Object value) {
        if (value instanceof Boolean) {
            return Boolean.FALSE;
        }
        Partition p = (Partition) value;
        return p.empty && p.size() == 1 ? p : p.map(Partition::emptyLike);
    }

    static boolean isEmptyValue(Object value) {
        return value instanceof Boolean b ? !b : ((Partition) value).empty;
    }

    static boolean isFullValue(Object value) {
        return value instanceof Boolean b ? b : ((Partition) value).full;
    }

    Axis axis() {
        return axis;
    }

    /** Number of maximal intervals, at least 1. */
    int size() {
        return values.length;
    }

    boolean isEmpty() {
        return empty;
    }

    boolean isFull() {
        return full;
    }

    Object value(int interval) {
        return values[interval];
    }

    /** High long of the first key of an interval (0 on axes of one long). */
    long hi(int interval) {
        return axis.width() == 2 ? starts[2 * interval] : 0;
    }

    long lo(int interval) {
        return axis.width() == 2 ? starts[2 * interval + 1] : starts[interval];
    }

    /** High long of the last key of an interval. */
    long endHi(int interval) {
        if (interval + 1 == size()) {
            return axis.maxHi();
        }
        long nextLo = lo(interval + 1);
        return nextLo == 0 ? hi(interval + 1) - 1 : hi(interval + 1);
    }

    long endLo(int interval) {
        return interval + 1 == size() ? axis.maxLo() : lo(interval + 1) - 1;
    }

    /** The interval holding a key: binary search, O(log n). */
    int indexOf(long hi, long lo) {
        int low = 0;
        int high = size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (Axis.compare(hi(mid), lo(mid), hi, lo) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    Object get(long hi, long lo) {
        return values[indexOf(hi, lo)];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Partition other) || hash != other.hash || axis != other.axis
                || !Arrays.equals(starts, other.starts)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != other.values[i] && !values[i].equals(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(axis.name()).append('{');
        for (int i = 0; i < size(); i++) {
            s.append(i == 0 ? "" : ", ").append(Long.toUnsignedString(lo(i))).append("..: ").append(values[i]);
        }
        return s.append('}').toString();
    }

    /** Appends intervals in ascending order, merging neighbours with equal values. */
    static final class Builder {
        private final Axis axis;
        private long[] starts;
        private Object[] values;
        private int size;

        Builder(Axis axis, int expected) {
            this.axis = axis;
            int capacity = Math.max(1, expected);
            this.starts = new long[capacity * axis.width()];
            this.values = new Object[capacity];
        }

        /** From key (hi, lo) on, the value is {@code value}; keys never decrease. */
        void add(long hi, long lo, Object value) {
            Objects.requireNonNull(value, "value");
            if (size > 0 && hi == lastHi() && lo == lastLo()) {
                // The previous interval turned out empty: overwrite it.
                size--;
            }
            if (size > 0 && sameValue(values[size - 1], value)) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                starts = Arrays.copyOf(starts, size * 2 * axis.width());
            }
            if (axis.width() == 2) {
                starts[2 * size] = hi;
                starts[2 * size + 1] = lo;
            } else {
                starts[size] = lo;
            }
            values[size++] = value;
        }

        Partition build() {
            if (size == 0 || firstStartIsNotZero()) {
                throw new IllegalStateException("a partition starts at key 0");
            }
            return new Partition(axis, Arrays.copyOf(starts, size * axis.width()), Arrays.copyOf(values, size));
        }

        private boolean firstStartIsNotZero() {
            return axis.width() == 2 ? starts[0] != 0 || starts[1] != 0 : starts[0] != 0;
        }

        private long lastHi() {
            return axis.width() == 2 ? starts[2 * (size - 1)] : 0;
        }

        private long lastLo() {
            return axis.width() == 2 ? starts[2 * (size - 1) + 1] : starts[size - 1];
        }

        private static boolean sameValue(Object a, Object b) {
            return a == b || a.equals(b);
        }
    }
}
