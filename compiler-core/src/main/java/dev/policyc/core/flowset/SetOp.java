package dev.policyc.core.flowset;

import java.util.HashMap;
import java.util.Map;

/**
 * A boolean set operation, lifted level by level through nested {@link Partition}s.
 *
 * <p>Two things keep it fast. Shortcuts: an empty, full or identical operand often decides the
 * result without a sweep, so untouched cells cost nothing. Memoisation: one rule's address map
 * is shared by every protocol and direction cell the rule covers, so the pair of operands
 * repeats; each distinct pair (by identity) is swept once per operation, not once per cell.
 * The same holds for port sets along the address axis, and it keeps results shared.
 */
enum SetOp {
    UNION,
    INTERSECTION,
    DIFFERENCE,
    SYMMETRIC_DIFFERENCE;

    boolean test(boolean a, boolean b) {
        return switch (this) {
            case UNION -> a || b;
            case INTERSECTION -> a && b;
            case DIFFERENCE -> a && !b;
            case SYMMETRIC_DIFFERENCE -> a != b;
        };
    }

    /** True when a first operand of this value makes the result the same whatever the second is. */
    boolean decidesAsFirst(Object value) {
        return switch (this) {
            case UNION -> Partition.isFullValue(value);
            case INTERSECTION, DIFFERENCE -> Partition.isEmptyValue(value);
            case SYMMETRIC_DIFFERENCE -> false;
        };
    }

    /** True when a second operand of this value makes the result the same whatever the first is. */
    boolean decidesAsSecond(Object value) {
        return switch (this) {
            case UNION, DIFFERENCE -> Partition.isFullValue(value);
            case INTERSECTION -> Partition.isEmptyValue(value);
            case SYMMETRIC_DIFFERENCE -> false;
        };
    }

    /** Applies this operation to two partitions of the same shape. */
    Partition apply(Partition a, Partition b) {
        return (Partition) new Run(this).apply(a, b);
    }

    /** Operand pairs compared by identity: equal-but-distinct maps just miss the memo. */
    private record Operands(Object a, Object b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Operands other && a == other.a && b == other.b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    /** One application of an operation: owns the memo, which lives no longer than the call. */
    private static final class Run {
        private final SetOp op;
        private final Map<Operands, Object> memo = new HashMap<>();

        Run(SetOp op) {
            this.op = op;
        }

        Object apply(Object x, Object y) {
            if (x instanceof Boolean a) {
                return op.test(a, (Boolean) y);
            }
            Partition p = (Partition) x;
            Partition q = (Partition) y;
            Object decided = shortcut(p, q);
            if (decided != null) {
                return decided;
            }
            Operands key = new Operands(p, q);
            Object known = memo.get(key);
            if (known == null) {
                // Not computeIfAbsent: the sweep recurses into this same map.
                known = Partition.combine(p, q, this::apply, op::decidesAsFirst, op::decidesAsSecond);
                memo.put(key, known);
            }
            return known;
        }

        private Object shortcut(Partition p, Partition q) {
            return switch (op) {
                case UNION -> p.isEmpty() || q.isFull() ? q : q.isEmpty() || p.isFull() || p == q ? p : null;
                case INTERSECTION -> p.isFull() || q.isEmpty() ? q : q.isFull() || p.isEmpty() || p == q ? p : null;
                case DIFFERENCE -> p.isEmpty() || q.isEmpty() ? p : p == q || q.isFull() ? Partition.emptyLike(p) : null;
                case SYMMETRIC_DIFFERENCE -> p.isEmpty() ? q : q.isEmpty() ? p : p == q ? Partition.emptyLike(p) : null;
            };
        }
    }
}
