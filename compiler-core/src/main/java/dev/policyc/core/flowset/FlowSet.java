package dev.policyc.core.flowset;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import inet.ipaddr.format.IPAddressRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An exact, immutable set of flows: {@code (direction, family, protocol 0-255, address, port)},
 * where only tcp (6) and udp (17) flows have a port (1-65535) and every other protocol has the
 * single port-less flow per address. Equal sets are {@code equals} with equal hash codes,
 * whatever built them.
 *
 * <p>Representation: four nested canonical interval maps ({@link Partition}): the four
 * (family, direction) cells, then protocol numbers, then addresses (32 or 128 bits), then
 * ports. Neighbouring intervals never hold equal values and equal sub-maps are shared, so a
 * rule without protocols is one protocol interval, not 256 cells. Set operations sweep the
 * sorted boundaries: O(n + m) per distinct pair of address maps; membership is O(log n).
 */
public final class FlowSet {

    private static final Partition EMPTY_PORTS = Partition.constant(Axis.PORT, Boolean.FALSE);
    private static final Partition FULL_PORTS = Partition.constant(Axis.PORT, Boolean.TRUE);
    private static final ImmutableRangeSet<Integer> ALL_PROTOCOLS = ImmutableRangeSet.of(Range.closedOpen(0, 256));
    private static final ImmutableRangeSet<Integer> PORTED_PROTOCOLS = FlowBox.canonicalProtocols(
            ImmutableRangeSet.<Integer>builder()
                    .add(Range.singleton(Protocol.TCP.number()))
                    .add(Range.singleton(Protocol.UDP.number()))
                    .build());
    private static final FlowSet EMPTY = filled(EMPTY_PORTS);
    private static final FlowSet ALL = filled(FULL_PORTS);

    private final Partition root;

    private FlowSet(Partition root) {
        this.root = root;
    }

    public static FlowSet empty() {
        return EMPTY;
    }

    /** Every flow of the universe. */
    public static FlowSet all() {
        return ALL;
    }

    /** The set holding just this flow. */
    public static FlowSet of(Flow flow) {
        RangeSet<Integer> protocol = ImmutableRangeSet.of(Range.singleton(flow.protocol()));
        return box(Set.of(flow.direction()), protocol, List.of(flow.address()),
                flow.port().isPresent() ? Optional.of(PortSet.of(flow.port().getAsInt())) : Optional.empty());
    }

    /** The flows of one box (see {@link FlowBox#ports()} for what ports mean). */
    public static FlowSet of(FlowBox box) {
        return box(Set.of(box.direction()), box.protocols(), List.of(box.addresses()), box.ports());
    }

    /**
     * A product set: every flow whose direction, protocol, address and port are all in the given
     * parts.
     *
     * @param protocols protocol numbers 0-255
     * @param addresses sequential ranges of either family: single addresses, prefix blocks,
     *                  {@code IPAddressSeqRange}s; to mean every address pass {@code 0.0.0.0/0}
     *                  and {@code ::/0}
     * @param ports     empty: every port of tcp/udp and the port-less flows of the other
     *                  protocols; present: only these tcp/udp ports
     */
    public static FlowSet box(Set<Direction> directions, RangeSet<Integer> protocols,
            Collection<? extends IPAddressRange> addresses, Optional<PortSet> ports) {
        return box(directions, protocols, protocols, addresses, ports);
    }

    /** Like {@link #box(Set, RangeSet, Collection, Optional)}, with protocols chosen per family. */
    static FlowSet box(Set<Direction> directions, RangeSet<Integer> ipv4Protocols, RangeSet<Integer> ipv6Protocols,
            Collection<? extends IPAddressRange> addresses, Optional<PortSet> ports) {
        Objects.requireNonNull(directions, "directions");
        Partition portValue = ports.map(FlowSet::portMap).orElse(FULL_PORTS);
        Map<Family, List<Partition.Span>> spans = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            spans.put(f, new ArrayList<>());
        }
        for (IPAddressRange range : addresses) {
            spans.get(AddressKeys.familyOf(range)).add(AddressKeys.span(range));
        }
        Partition.Builder slots = new Partition.Builder(Axis.SLOT, 4);
        for (Family f : Family.values()) {
            Partition addressMap = Partition.ofSpans(AddressKeys.axisOf(f), spans.get(f), portValue, EMPTY_PORTS);
            Partition noAddresses = Partition.constant(AddressKeys.axisOf(f), EMPTY_PORTS);
            ImmutableRangeSet<Integer> protocols = FlowBox.canonicalProtocols(f == Family.IPV4 ? ipv4Protocols : ipv6Protocols);
            if (ports.isPresent()) {
                // Only tcp and udp flows have ports; other protocols contribute nothing.
                protocols = FlowBox.canonicalProtocols(protocols.intersection(PORTED_PROTOCOLS));
            }
            Partition protocolMap = Partition.ofSpans(Axis.PROTOCOL, spans(protocols), addressMap, noAddresses);
            Partition noProtocols = Partition.constant(Axis.PROTOCOL, noAddresses);
            for (Direction d : Direction.values()) {
                slots.add(0, slot(f, d), directions.contains(d) ? protocolMap : noProtocols);
            }
        }
        return new FlowSet(slots.build());
    }

    /** The union of many sets, combined pairwise as a balanced tree: O(N log k) for k sets. */
    public static FlowSet unionAll(Collection<FlowSet> sets) {
        List<FlowSet> level = new ArrayList<>(sets);
        if (level.isEmpty()) {
            return EMPTY;
        }
        while (level.size() > 1) {
            List<FlowSet> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).union(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    public FlowSet union(FlowSet other) {
        return apply(SetOp.UNION, other);
    }

    public FlowSet intersection(FlowSet other) {
        return apply(SetOp.INTERSECTION, other);
    }

    /** The flows of this set that are not in {@code other}. */
    public FlowSet difference(FlowSet other) {
        return apply(SetOp.DIFFERENCE, other);
    }

    /** The flows in exactly one of the two sets (what {@code diff} reports). */
    public FlowSet symmetricDifference(FlowSet other) {
        return apply(SetOp.SYMMETRIC_DIFFERENCE, other);
    }

    /** Every flow of the universe not in this set. */
    public FlowSet complement() {
        return ALL.difference(this);
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    /** True when this is the whole universe. */
    public boolean isAll() {
        return root.isFull();
    }

    /** True when every flow of {@code other} is in this set. */
    public boolean containsAll(FlowSet other) {
        return other.difference(this).isEmpty();
    }

    public boolean contains(Flow flow) {
        Partition protocols = (Partition) root.get(0, slot(flow.family(), flow.direction()));
        Partition addresses = (Partition) protocols.get(0, flow.protocol());
        long[] key = AddressKeys.key(flow.address());
        Partition ports = (Partition) addresses.get(key[0], key[1]);
        // Port-less protocols hold the empty or the full port map: any key tells which.
        return (Boolean) ports.get(0, flow.port().orElse(1) - 1L);
    }

    /**
     * The set as disjoint boxes, ordered by family, direction, lowest protocol, then address.
     * Protocols whose address maps are equal share a box; each box is maximal along the
     * address axis for its protocols and ports. Their union is this set.
     */
    public ImmutableList<FlowBox> boxes() {
        return Boxes.of(root);
    }

    /**
     * One flow of the set, if any, for counterexamples. Deterministic; prefers tcp, then udp,
     * icmp and icmpv6, then the lowest protocol number, and the lowest address and port.
     */
    public Optional<Flow> anyMember() {
        return Boxes.anyMember(root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowSet other && root.equals(other.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    /** At most the first few boxes, then how many more. */
    @Override
    public String toString() {
        return Boxes.summary(boxes());
    }

    static int slot(Family family, Direction direction) {
        return family.ordinal() * 2 + direction.ordinal();
    }

    private FlowSet apply(SetOp op, FlowSet other) {
        return new FlowSet(op.apply(root, other.root));
    }

    /** The set whose every (family, direction, protocol, address) cell holds {@code ports}. */
    private static FlowSet filled(Partition ports) {
        Partition.Builder slots = new Partition.Builder(Axis.SLOT, 4);
        for (Family f : Family.values()) {
            Partition protocols = Partition.constant(Axis.PROTOCOL, Partition.constant(AddressKeys.axisOf(f), ports));
            for (Direction d : Direction.values()) {
                slots.add(0, slot(f, d), protocols);
            }
        }
        return new FlowSet(slots.build());
    }

    private static Partition portMap(PortSet ports) {
        List<Partition.Span> spans = ports.closedRanges().stream()
                .map(r -> new Partition.Span(0, r[0] - 1L, 0, r[1] - 1L))
                .toList();
        return Partition.ofSpans(Axis.PORT, spans, Boolean.TRUE, Boolean.FALSE);
    }

    private static List<Partition.Span> spans(ImmutableRangeSet<Integer> canonical) {
        return canonical.asRanges().stream()
                .map(r -> new Partition.Span(0, r.lowerEndpoint(), 0, r.upperEndpoint() - 1L))
                .toList();
    }
}
