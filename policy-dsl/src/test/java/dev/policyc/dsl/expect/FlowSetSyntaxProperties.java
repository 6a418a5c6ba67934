package dev.policyc.dsl.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The flow set of a description holds exactly the flows a plain reading of it accepts: random
 * descriptions against random flows, both drawn from a few addresses and ports so that they meet.
 */
class FlowSetSyntaxProperties {

    private static final List<String> BLOCKS = List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "2001:db8::/32", "2001:db8::5");
    private static final List<Integer> PORTS = List.of(21, 22, 23, 80, 443);

    /** A description and what it means, as a predicate written without flow sets. */
    record Described(String text, Direction direction, List<Integer> protocols, List<String> blocks, boolean outside,
            List<Integer> ports, boolean notPorts) {

        boolean holds(Flow flow) {
            if (flow.direction() != direction) {
                return false;
            }
            boolean protocolOk = protocols.isEmpty()
                    ? ports.isEmpty() || flow.port().isPresent()
                    : protocols.contains(flow.protocol())
                            && Protocol.ofNumber(flow.protocol()).map(p -> p.existsIn(flow.family())).orElse(true);
            boolean inBlocks = blocks.stream().map(b -> new IPAddressString(b).getAddress())
                    .anyMatch(b -> b.getIPVersion() == flow.address().getIPVersion() && b.contains(flow.address()));
            boolean addressOk = blocks.isEmpty() || (outside != inBlocks);
            boolean portOk = ports.isEmpty() || flow.port().isPresent() && (notPorts != ports.contains(flow.port().getAsInt()));
            return protocolOk && addressOk && portOk;
        }
    }

    @Provide
    Arbitrary<Described> descriptions() {
        Arbitrary<List<Integer>> protocols = Arbitraries.of(List.<Integer>of(), List.of(6), List.of(17), List.of(6, 17),
                List.of(1), List.of(58), List.of(1, 58), List.of(47));
        return Combinators.combine(Arbitraries.of(Direction.values()), protocols,
                        Arbitraries.of(BLOCKS).set().ofMaxSize(3).map(List::copyOf), Arbitraries.of(true, false),
                        Arbitraries.of(PORTS).set().ofMaxSize(2).map(List::copyOf), Arbitraries.of(true, false))
                .as((direction, protos, blocks, outside, ports, notPorts) -> {
                    boolean portable = protos.stream().allMatch(p -> p == 6 || p == 17);
                    List<Integer> usedPorts = portable ? ports : List.of();
                    StringBuilder text = new StringBuilder(direction.keyword());
                    if (!protos.isEmpty()) {
                        text.append(" {").append(String.join(", ", protos.stream().map(String::valueOf).toList())).append('}');
                    }
                    if (!blocks.isEmpty()) {
                        text.append(direction == Direction.IN ? " from " : " to ").append(outside ? "outside " : "")
                                .append("{ ").append(String.join(", ", blocks)).append(" }");
                    }
                    if (!usedPorts.isEmpty()) {
                        text.append(" port ").append(notPorts ? "not " : "")
                                .append("{").append(String.join(",", usedPorts.stream().map(String::valueOf).toList())).append('}');
                    }
                    return new Described(text.toString(), direction, protos, blocks, outside && !blocks.isEmpty(),
                            usedPorts, notPorts && !usedPorts.isEmpty());
                });
    }

    @Provide
    Arbitrary<Flow> flows() {
        Arbitrary<IPAddress> addresses = Arbitraries.of("10.1.2.3", "10.1.2.4", "10.2.0.0", "11.0.0.0", "9.255.255.255",
                "2001:db8::5", "2001:db8::6", "2001:db9::").map(a -> new IPAddressString(a).getAddress());
        return Combinators.combine(Arbitraries.of(Direction.values()), Arbitraries.of(6, 17, 1, 58, 47), addresses,
                        Arbitraries.of(PORTS))
                .as((direction, protocol, address, port) -> {
                    int p = address.isIPv6() && protocol == 1 ? 58 : address.isIPv4() && protocol == 58 ? 1 : protocol;
                    return new Flow(direction, p, address, p == 6 || p == 17 ? OptionalInt.of(port) : OptionalInt.empty());
                });
    }

    @Property
    void theSetHoldsExactlyTheFlowsTheDescriptionNames(@ForAll("descriptions") Described described,
            @ForAll("flows") Flow flow) {
        FlowSetSyntax.Result result = FlowSetSyntax.parse(described.text());
        if (result instanceof FlowSetSyntax.Malformed bad) {
            // Only a description that holds no flow is refused; then no flow may satisfy it.
            assertEquals("this describes no flow at all", bad.message(), described::text);
            assertEquals(false, described.holds(flow), described::text);
            return;
        }
        FlowSet set = ((FlowSetSyntax.Parsed) result).flows();
        assertEquals(described.holds(flow), set.contains(flow), () -> described.text() + " / " + flow);
    }
}
