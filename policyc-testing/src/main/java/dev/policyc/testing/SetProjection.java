package dev.policyc.testing;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowBox;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.net.AddressSyntax;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Moves a flow into a flow set: into the nearest box (same direction, family and protocol if
 * one has them, then the closest addresses), clamping the address and port to the box's edges.
 * A flow already in the set stays as it is; a flow just outside lands on the set's boundary,
 * which is where a flow near a boundary should land.
 */
final class SetProjection {

    private final ImmutableList<FlowBox> boxes;

    /** @throws IllegalArgumentException for an empty set, which no flow can be moved into */
    SetProjection(FlowSet set) {
        if (set.isEmpty()) {
            throw new IllegalArgumentException("the flow set is empty: no flow can be moved into it");
        }
        this.boxes = set.boxes();
    }

    Flow project(Flow flow) {
        FlowBox box = boxes.stream().min(Comparator
                        .comparingInt((FlowBox b) -> b.direction() == flow.direction() ? 0 : 1)
                        .thenComparingInt(b -> b.family() == flow.family() ? 0 : 1)
                        .thenComparingInt(b -> b.protocols().contains(flow.protocol()) ? 0 : 1)
                        .thenComparing(b -> distance(b, flow.address())))
                .orElseThrow();
        int protocol = box.protocols().contains(flow.protocol()) && protocolFits(flow.protocol(), box)
                ? flow.protocol()
                : firstProtocol(box);
        IPAddress address = clamp(flow.address(), box);
        boolean hasPorts = protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number();
        OptionalInt port = OptionalInt.empty();
        if (hasPorts) {
            int wanted = flow.port().orElse(PortSet.MIN);
            port = OptionalInt.of(box.ports().map(p -> nearest(p, wanted)).orElse(wanted));
        }
        return new Flow(box.direction(), protocol, address, port);
    }

    /** A box with ports holds only tcp and udp flows; icmp and icmpv6 only in their own family. */
    private static boolean protocolFits(int protocol, FlowBox box) {
        boolean hasPorts = protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number();
        if (box.ports().isPresent() && !hasPorts) {
            return false;
        }
        return Protocol.ofNumber(protocol).map(p -> p.existsIn(box.family())).orElse(true);
    }

    /** The box's most readable protocol: tcp, udp, icmp or icmpv6 when in it, else its lowest. */
    private static int firstProtocol(FlowBox box) {
        for (Protocol p : List.of(Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ICMPV6)) {
            if (box.protocols().contains(p.number()) && protocolFits(p.number(), box)) {
                return p.number();
            }
        }
        return box.protocols().span().lowerEndpoint();
    }

    private static BigInteger distance(FlowBox box, IPAddress address) {
        if (AddressSyntax.familyOf(address) != box.family()) {
            return BigInteger.ZERO;
        }
        BigInteger value = address.getValue();
        BigInteger low = box.addresses().getLower().getValue();
        BigInteger high = box.addresses().getUpper().getValue();
        if (value.compareTo(low) < 0) {
            return low.subtract(value);
        }
        return value.compareTo(high) > 0 ? value.subtract(high) : BigInteger.ZERO;
    }

    private static IPAddress clamp(IPAddress address, FlowBox box) {
        IPAddress low = box.addresses().getLower().withoutPrefixLength();
        IPAddress high = box.addresses().getUpper().withoutPrefixLength();
        if (AddressSyntax.familyOf(address) != box.family() || address.getValue().compareTo(low.getValue()) < 0) {
            return low;
        }
        return address.getValue().compareTo(high.getValue()) > 0 ? high : address;
    }

    private static int nearest(PortSet ports, int wanted) {
        int best = -1;
        for (int[] range : ports.closedRanges()) {
            int candidate = Math.max(range[0], Math.min(range[1], wanted));
            if (best < 0 || Math.abs(candidate - wanted) < Math.abs(best - wanted)) {
                best = candidate;
            }
        }
        return best;
    }
}
