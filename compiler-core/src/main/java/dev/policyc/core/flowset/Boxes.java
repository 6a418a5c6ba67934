package dev.policyc.core.flowset;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** Reads a flow-set representation back out: as boxes for people, or as one member. */
final class Boxes {

    /** How many boxes {@link FlowSet#toString()} shows. */
    private static final int SUMMARY_BOXES = 8;
    /** The protocols a counterexample is most readable with, best first. */
    private static final int[] PREFERRED_PROTOCOLS = {
        Protocol.TCP.number(), Protocol.UDP.number(), Protocol.ICMP.number(), Protocol.ICMPV6.number()
    };

    private Boxes() {}

    static ImmutableList<FlowBox> of(Partition root) {
        ImmutableList.Builder<FlowBox> out = ImmutableList.builder();
        for (Family family : Family.values()) {
            for (Direction direction : Direction.values()) {
                Partition protocols = protocolsOf(root, family, direction);
                for (Map.Entry<Partition, TreeRangeSet<Integer>> group : groupByAddressMap(protocols).entrySet()) {
                    addBoxes(out, family, direction, ImmutableRangeSet.copyOf(group.getValue()), group.getKey());
                }
            }
        }
        return out.build();
    }

    /** Protocol numbers with equal address maps, in order of their lowest number. */
    private static Map<Partition, TreeRangeSet<Integer>> groupByAddressMap(Partition protocols) {
        Map<Partition, TreeRangeSet<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < protocols.size(); i++) {
            Partition addresses = (Partition) protocols.value(i);
            if (!addresses.isEmpty()) {
                groups.computeIfAbsent(addresses, k -> TreeRangeSet.create())
                        .add(Range.closedOpen((int) protocols.lo(i), (int) protocols.endLo(i) + 1));
            }
        }
        return groups;
    }

    private static void addBoxes(ImmutableList.Builder<FlowBox> out, Family family, Direction direction,
            ImmutableRangeSet<Integer> protocols, Partition addresses) {
        // Address intervals of one rule share one port map object: one PortSet for all of them.
        Map<Partition, Optional<PortSet>> portSets = new IdentityHashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            Partition ports = (Partition) addresses.value(i);
            if (ports.isEmpty()) {
                continue;
            }
            out.add(new FlowBox(direction, protocols,
                    AddressKeys.range(family, addresses.hi(i), addresses.lo(i), addresses.endHi(i), addresses.endLo(i)),
                    portSets.computeIfAbsent(ports, p -> p.isFull() ? Optional.empty() : Optional.of(portSet(p)))));
        }
    }

    private static PortSet portSet(Partition ports) {
        // Closed ranges straight into the constructor: the true intervals of a canonical
        // partition are already disjoint and apart.
        ImmutableRangeSet.Builder<Integer> ranges = ImmutableRangeSet.builder();
        for (int i = 0; i < ports.size(); i++) {
            if ((Boolean) ports.value(i)) {
                ranges.add(Range.closed((int) ports.lo(i) + 1, (int) ports.endLo(i) + 1));
            }
        }
        return new PortSet(ranges.build());
    }

    static Optional<Flow> anyMember(Partition root) {
        for (Family family : Family.values()) {
            for (Direction direction : Direction.values()) {
                Partition protocols = protocolsOf(root, family, direction);
                if (!protocols.isEmpty()) {
                    return Optional.of(member(family, direction, protocols));
                }
            }
        }
        return Optional.empty();
    }

    private static Flow member(Family family, Direction direction, Partition protocols) {
        int protocol = -1;
        for (int p : PREFERRED_PROTOCOLS) {
            if (!((Partition) protocols.get(0, p)).isEmpty()) {
                protocol = p;
                break;
            }
        }
        if (protocol < 0) {
            protocol = (int) protocols.lo(firstNonEmpty(protocols));
        }
        Partition addresses = (Partition) protocols.get(0, protocol);
        int at = firstNonEmpty(addresses);
        Partition ports = (Partition) addresses.value(at);
        OptionalInt port = OptionalInt.empty();
        if (protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number()) {
            port = OptionalInt.of((int) ports.lo(firstNonEmpty(ports)) + 1);
        }
        return new Flow(direction, protocol, AddressKeys.address(family, addresses.hi(at), addresses.lo(at)), port);
    }

    private static int firstNonEmpty(Partition map) {
        for (int i = 0; i < map.size(); i++) {
            if (!Partition.isEmptyValue(map.value(i))) {
                return i;
            }
        }
        throw new IllegalStateException("an empty map has no member");
    }

    private static Partition protocolsOf(Partition root, Family family, Direction direction) {
        return (Partition) root.get(0, FlowSet.slot(family, direction));
    }

    static String summary(List<FlowBox> boxes) {
        String shown = boxes.stream().limit(SUMMARY_BOXES).map(FlowBox::toString).collect(Collectors.joining("; "));
        int more = boxes.size() - SUMMARY_BOXES;
        return "FlowSet{" + shown + (more > 0 ? "; ... " + more + " more boxes" : "") + "}";
    }
}
