package dev.policyc.backend.iptables;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.PortSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The destination ports of one iptables rule. One range is a plain {@code --dport}; more need
 * {@code -m multiport}, which takes at most {@link #MAX_SLOTS} ports, a range counting as two,
 * so a larger port set is split over several rules.
 *
 * @param ranges disjoint, ascending, at least one, at most {@link #MAX_SLOTS} slots
 */
record PortGroup(ImmutableList<Range> ranges) {

    /** How many ports {@code -m multiport} takes in one rule (the kernel's XT_MULTI_PORTS). */
    static final int MAX_SLOTS = 15;

    /** The closed range {@code first..last}; one port when they are equal. */
    record Range(int first, int last) {
        Range {
            if (first < PortSet.MIN || last > PortSet.MAX || first > last) {
                throw new IllegalArgumentException("not a port range: " + first + "-" + last);
            }
        }

        boolean contains(int port) {
            return first <= port && port <= last;
        }

        /** Multiport slots this range takes: a single port one, a range two. */
        int slots() {
            return first == last ? 1 : 2;
        }
    }

    PortGroup {
        ranges = ImmutableList.copyOf(ranges);
        if (ranges.isEmpty() || slots(ranges) > MAX_SLOTS) {
            throw new IllegalArgumentException("a port group holds 1 to " + MAX_SLOTS + " slots: " + ranges);
        }
    }

    /** {@code ports} cut, in order, into the fewest groups that multiport accepts. */
    static ImmutableList<PortGroup> split(PortSet ports) {
        ImmutableList.Builder<PortGroup> groups = ImmutableList.builder();
        List<Range> current = new ArrayList<>();
        for (int[] r : ports.closedRanges()) {
            Range range = new Range(r[0], r[1]);
            if (slots(current) + range.slots() > MAX_SLOTS) {
                groups.add(new PortGroup(ImmutableList.copyOf(current)));
                current.clear();
            }
            current.add(range);
        }
        groups.add(new PortGroup(ImmutableList.copyOf(current)));
        return groups.build();
    }

    boolean contains(int port) {
        return ranges.stream().anyMatch(r -> r.contains(port));
    }

    /** True when one {@code --dport} match says it all. */
    boolean isSingleRange() {
        return ranges.size() == 1;
    }

    private static int slots(List<Range> ranges) {
        return ranges.stream().mapToInt(Range::slots).sum();
    }
}
