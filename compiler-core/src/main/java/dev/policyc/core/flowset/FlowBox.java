package dev.policyc.core.flowset;

import com.google.common.collect.BoundType;
import com.google.common.collect.DiscreteDomain;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A product of intervals: one direction, some protocol numbers, one contiguous address range
 * of one family, and the ports. {@link FlowSet#boxes()} describes a set as disjoint boxes;
 * {@link FlowSet#of(FlowBox)} turns a box back into a set.
 *
 * @param protocols protocol numbers (0-255), never empty; kept in Guava's canonical form, so
 *                  equal sets are equal
 * @param ports     empty: every port of tcp and udp, and the port-less flows of every other
 *                  protocol; present: just these tcp/udp ports (other protocols then contribute
 *                  nothing, as they have no ports)
 */
public record FlowBox(
        Direction direction, ImmutableRangeSet<Integer> protocols, IPAddressSeqRange addresses, Optional<PortSet> ports) {

    /** Above this many prefix blocks, an address range prints as {@code first-last}. */
    private static final int MAX_PRINTED_BLOCKS = 4;
    private static final Range<Integer> PROTOCOL_NUMBERS = Range.closedOpen(0, 256);

    public FlowBox {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(ports, "ports");
        protocols = canonicalProtocols(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("a box has at least one protocol");
        }
    }

    public Family family() {
        return addresses.getLower().isIPv4() ? Family.IPV4 : Family.IPV6;
    }

    /** The address range as the fewest prefix blocks (CIDRs), in ascending order. */
    public ImmutableList<IPAddress> cidrs() {
        return ImmutableList.copyOf(addresses.spanWithPrefixBlocks());
    }

    /**
     * For people: {@code out {tcp, udp} 10.0.0.0/8 port {80, 443}}. Protocols print by keyword
     * where the language has one, {@code any} when all 256 numbers are in; addresses as CIDRs
     * (a single address bare), or {@code first-last} when that takes many blocks.
     */
    @Override
    public String toString() {
        String text = direction.keyword() + " " + protocolText() + " " + addressText();
        return ports.map(p -> text + " port " + portText(p)).orElse(text);
    }

    private String protocolText() {
        if (protocols.encloses(PROTOCOL_NUMBERS)) {
            return "any";
        }
        List<String> parts = protocols.asRanges().stream()
                .map(r -> {
                    int first = r.lowerEndpoint();
                    int last = r.upperEndpoint() - 1;
                    return first == last ? protocolName(first) : first + "-" + last;
                })
                .toList();
        return braced(parts);
    }

    private static String portText(PortSet ports) {
        return braced(ports.closedRanges().stream().map(r -> r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]).toList());
    }

    private static String protocolName(int number) {
        return Protocol.ofNumber(number).map(Protocol::keyword).orElse(Integer.toString(number));
    }

    private String addressText() {
        IPAddress[] blocks = addresses.spanWithPrefixBlocks();
        if (blocks.length > MAX_PRINTED_BLOCKS) {
            return addresses.getLower().toCanonicalString() + "-" + addresses.getUpper().toCanonicalString();
        }
        List<String> parts = List.of(blocks).stream()
                .map(b -> b.isMultiple() ? b.toCanonicalString() : b.withoutPrefixLength().toCanonicalString())
                .toList();
        return braced(parts);
    }

    private static String braced(List<String> parts) {
        return parts.size() == 1 ? parts.get(0) : parts.stream().collect(Collectors.joining(", ", "{", "}"));
    }

    /** Closed-open ranges, as Guava canonicalises discrete ranges: equal sets, equal values. */
    static ImmutableRangeSet<Integer> canonicalProtocols(RangeSet<Integer> protocols) {
        Objects.requireNonNull(protocols, "protocols");
        if (protocols instanceof ImmutableRangeSet<Integer> immutable && isCanonical(immutable)) {
            // Boxes of one set share their protocols; re-building them for each of 100,000 boxes showed.
            return immutable;
        }
        TreeRangeSet<Integer> out = TreeRangeSet.create();
        for (Range<Integer> r : protocols.asRanges()) {
            out.add(r.canonical(DiscreteDomain.integers()));
        }
        if (!out.isEmpty() && !PROTOCOL_NUMBERS.encloses(out.span())) {
            throw new IllegalArgumentException("protocol numbers outside 0-255: " + protocols);
        }
        return ImmutableRangeSet.copyOf(out);
    }

    private static boolean isCanonical(ImmutableRangeSet<Integer> protocols) {
        for (Range<Integer> r : protocols.asRanges()) {
            if (!r.hasLowerBound() || !r.hasUpperBound() || r.lowerBoundType() != BoundType.CLOSED
                    || r.upperBoundType() != BoundType.OPEN || r.lowerEndpoint() < 0 || r.upperEndpoint() > 256) {
                return false;
            }
        }
        return true;
    }
}
