package dev.policyc.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Range;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowBox;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.net.AddressSyntax;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Where the verdict of a policy can change: the first and last address of every block a rule
 * names and the addresses just outside it, the ends of every port range and the ports just
 * outside, the protocols rules name. Grouped in {@link Focus}es, one per rule (its own edges)
 * and one for all edges together, so that a generated flow sits on the edges of one rule in
 * every dimension at once.
 */
final class Boundaries {

    /** Protocol numbers every focus without protocols of its own tries, best first. */
    private static final ImmutableList<Integer> ANY_PROTOCOL = ImmutableList.of(
            Protocol.TCP.number(), Protocol.UDP.number(), Protocol.ICMP.number(), Protocol.ICMPV6.number(), 47);
    /** Protocols in {@link #ANY_PROTOCOL}'s order first, then by number. */
    private static final java.util.function.Function<Integer, Integer> ANY_PROTOCOL_ORDER =
            p -> ANY_PROTOCOL.contains(p) ? ANY_PROTOCOL.indexOf(p) - 256 : p;
    private static final Comparator<IPAddress> ADDRESS_ORDER = Comparator
            .comparing((IPAddress a) -> AddressSyntax.familyOf(a))
            .thenComparing(IPAddress::getValue);

    private Boundaries() {}

    /**
     * Candidates for each part of a flow; a generated flow takes one of each (by index) and may
     * move the address and port a little (by offset). Every list is non-empty, best first.
     */
    record Focus(List<Direction> directions, List<Integer> protocols, List<IPAddress> addresses, List<Integer> ports) {
        Focus {
            directions = ImmutableList.copyOf(directions);
            protocols = ImmutableList.copyOf(protocols);
            addresses = ImmutableList.copyOf(addresses);
            ports = ImmutableList.copyOf(ports);
            if (directions.isEmpty() || protocols.isEmpty() || addresses.isEmpty() || ports.isEmpty()) {
                throw new IllegalArgumentException("a focus has candidates for every part of a flow");
            }
        }

        /**
         * The flow of these choices: indexes are taken modulo the number of candidates; an
         * {@code icmp} choice with an IPv6 address becomes {@code icmpv6} and the other way round,
         * so every flow can be written in {@code policyc eval}'s syntax.
         */
        Flow flow(int direction, int protocol, int address, BigInteger addressOffset, int port, int portOffset) {
            IPAddress at = moved(addresses.get(address % addresses.size()), addressOffset);
            int number = protocols.get(protocol % protocols.size());
            if (at.isIPv6() && number == Protocol.ICMP.number()) {
                number = Protocol.ICMPV6.number();
            } else if (at.isIPv4() && number == Protocol.ICMPV6.number()) {
                number = Protocol.ICMP.number();
            }
            boolean hasPorts = number == Protocol.TCP.number() || number == Protocol.UDP.number();
            OptionalInt chosenPort = hasPorts
                    ? OptionalInt.of(Math.max(PortSet.MIN, Math.min(PortSet.MAX, ports.get(port % ports.size()) + portOffset)))
                    : OptionalInt.empty();
            return new Flow(directions.get(direction % directions.size()), number, at, chosenPort);
        }
    }

    /**
     * The foci of some policies and flow sets, in three kinds: {@code global} has every edge of
     * everything; {@code singles} one per rule and per box of a set, with that item's own edges
     * (the global candidates where it names nothing); {@code pairs} one per two items of the same
     * direction, with the edges of both, where the interplay of an allow and a deny rule shows.
     */
    record Foci(Focus global, List<Focus> singles, List<Focus> pairs) {
        Foci {
            singles = ImmutableList.copyOf(singles);
            pairs = ImmutableList.copyOf(pairs);
        }

        /**
         * By {@code kind} modulo 6: 0 the global focus, 1-2 a single, 3-5 a pair (a smaller kind
         * when there is none). Pairs weigh most: most mistakes sit where two rules meet.
         */
        Focus pick(int kind, int index) {
            int weight = kind % 6;
            if (weight >= 3 && !pairs.isEmpty()) {
                return pairs.get(index % pairs.size());
            }
            if (weight >= 1 && !singles.isEmpty()) {
                return singles.get(index % singles.size());
            }
            return global;
        }
    }

    /** What one rule or box constrains; an empty list means it names nothing there. */
    private record Item(Direction direction, List<Integer> protocols, List<IPAddress> addresses, List<Integer> ports) {}

    static Foci of(Collection<PolicyIr> policies, Collection<FlowSet> sets) {
        List<Item> items = new ArrayList<>();
        for (PolicyIr policy : policies) {
            for (Rule rule : policy.rules()) {
                items.add(new Item(rule.direction(), rule.protocols().stream().map(Protocol::number).toList(),
                        addressEdges(rule), portEdges(rule.ports().orElse(null))));
            }
        }
        for (FlowSet set : sets) {
            for (FlowBox box : set.boxes()) {
                List<Integer> protocols = box.protocols().encloses(Range.closedOpen(0, 256))
                        ? List.of()
                        : ANY_PROTOCOL.stream().filter(p -> box.protocols().contains(p)).toList();
                if (!box.protocols().encloses(Range.closedOpen(0, 256)) && protocols.isEmpty()) {
                    protocols = List.of(box.protocols().span().lowerEndpoint());
                }
                items.add(new Item(box.direction(), protocols, edges(box.addresses().getLower(), box.addresses().getUpper()),
                        portEdges(box.ports().orElse(null))));
            }
        }
        TreeSet<IPAddress> allAddresses = new TreeSet<>(ADDRESS_ORDER);
        for (Family family : Family.values()) {
            allAddresses.add(lowest(family));
            allAddresses.add(highest(family));
        }
        TreeSet<Integer> allPorts = new TreeSet<>(List.of(PortSet.MIN, PortSet.MAX));
        List<Integer> allProtocols = new ArrayList<>(ANY_PROTOCOL);
        for (Item item : items) {
            allAddresses.addAll(item.addresses());
            allPorts.addAll(item.ports());
            item.protocols().forEach(p -> addIfAbsent(allProtocols, p));
        }
        Item everything = new Item(null, List.copyOf(allProtocols), List.copyOf(allAddresses), List.copyOf(allPorts));
        Focus global = new Focus(List.of(Direction.values()), everything.protocols(), everything.addresses(), everything.ports());
        List<Focus> singles = items.stream().map(item -> focus(item, item, everything)).toList();
        List<Focus> pairs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                if (items.get(i).direction() == items.get(j).direction()) {
                    pairs.add(focus(items.get(i), items.get(j), everything));
                }
            }
        }
        return new Foci(global, singles, pairs);
    }

    /** The candidates of two items together; where neither names anything, everyone's. */
    private static Focus focus(Item a, Item b, Item everything) {
        return new Focus(List.of(a.direction()),
                union(a.protocols(), b.protocols(), everything.protocols(), Comparator.comparingInt(ANY_PROTOCOL_ORDER::apply)),
                union(a.addresses(), b.addresses(), everything.addresses(), ADDRESS_ORDER),
                union(a.ports(), b.ports(), everything.ports(), Comparator.naturalOrder()));
    }

    private static <T> List<T> union(List<T> a, List<T> b, List<T> fallback, Comparator<? super T> order) {
        if (a.isEmpty() && b.isEmpty()) {
            return fallback;
        }
        TreeSet<T> out = new TreeSet<>(order);
        out.addAll(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    private static void addIfAbsent(List<Integer> list, int value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    private static List<IPAddress> sorted(Collection<IPAddress> addresses) {
        TreeSet<IPAddress> set = new TreeSet<>(ADDRESS_ORDER);
        set.addAll(addresses);
        return List.copyOf(set);
    }

    private static List<IPAddress> addressEdges(Rule rule) {
        List<IPAddress> out = new ArrayList<>();
        for (Endpoint endpoint : rule.peer().orElse(ImmutableList.of())) {
            IPAddress block = ((Endpoint.Block) endpoint).block();
            out.addAll(edges(block.getLower().withoutPrefixLength(), block.getUpper().withoutPrefixLength()));
        }
        return out;
    }

    /** The first and last address of a range and their outside neighbours, where they exist. */
    private static List<IPAddress> edges(IPAddress lower, IPAddress upper) {
        Family family = AddressSyntax.familyOf(lower);
        List<IPAddress> out = new ArrayList<>(4);
        BigInteger low = lower.getValue();
        BigInteger high = upper.getValue();
        if (low.signum() > 0) {
            out.add(address(family, low.subtract(BigInteger.ONE)));
        }
        out.add(address(family, low));
        out.add(address(family, high));
        if (high.compareTo(highest(family).getValue()) < 0) {
            out.add(address(family, high.add(BigInteger.ONE)));
        }
        return out;
    }

    private static List<Integer> portEdges(PortSet ports) {
        if (ports == null) {
            return List.of();
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (int[] range : ports.closedRanges()) {
            int first = range[0];
            int last = range[1];
            if (first > PortSet.MIN) {
                out.add(first - 1);
            }
            out.add(first);
            out.add(last);
            if (last < PortSet.MAX) {
                out.add(last + 1);
            }
        }
        return List.copyOf(out);
    }

    /** {@code address} moved by {@code offset}, kept inside its family. */
    static IPAddress moved(IPAddress address, BigInteger offset) {
        Family family = AddressSyntax.familyOf(address);
        BigInteger value = address.getValue().add(offset);
        BigInteger max = highest(family).getValue();
        if (value.signum() < 0) {
            value = BigInteger.ZERO;
        } else if (value.compareTo(max) > 0) {
            value = max;
        }
        return address(family, value);
    }

    static IPAddress address(Family family, BigInteger value) {
        Objects.requireNonNull(value, "value");
        return family == Family.IPV4 ? new IPv4Address(value.intValue()) : new IPv6Address(value);
    }

    static IPAddress lowest(Family family) {
        return address(family, BigInteger.ZERO);
    }

    static IPAddress highest(Family family) {
        return address(family, BigInteger.ONE.shiftLeft(family.bits()).subtract(BigInteger.ONE));
    }
}
