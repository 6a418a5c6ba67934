package dev.policyc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import dev.policyc.core.testing.TestIr;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The generators of the kernel tests keep every packet inside the documentation ranges: checked
 * here without root, so that a change that would send packets elsewhere fails everywhere.
 */
class DocumentationArbitrariesProperties {

    @Property(tries = 300)
    void everyFlowNearAPolicyIsSafeToSend(@ForAll("flowsNearPolicies") Tuple2<Direction, List<Flow>> flows) {
        Direction direction = flows.get1();
        for (Flow flow : flows.get2()) {
            assertEquals(direction, flow.direction());
            assertTrue(DocumentationArbitraries.isSafeFlowAddress(flow.address()), flow::toString);
            Protocol.ofNumber(flow.protocol()).ifPresent(p -> assertTrue(p.existsIn(flow.family()), flow::toString));
        }
    }

    @Property
    void clampingGivesTheNearestDocumentationAddress(@ForAll("values") BigInteger value) {
        for (Family family : Family.values()) {
            BigInteger v = value.mod(IrArbitraries.maxValue(family).add(BigInteger.ONE));
            BigInteger clamped = DocumentationArbitraries.clamp(family, v);
            assertTrue(inDocumentationRange(family, clamped));
            if (inDocumentationRange(family, v)) {
                assertEquals(v, clamped);
            }
            for (BigInteger step : List.of(BigInteger.ONE, BigInteger.ONE.negate())) {
                BigInteger closer = clamped.add(step);
                if (closer.subtract(v).abs().compareTo(clamped.subtract(v).abs()) < 0) {
                    assertTrue(!inDocumentationRange(family, closer), "a nearer documentation address: " + closer);
                }
            }
        }
    }

    @Example
    void edgesOutsideTheRangesMoveToTheNearestDocumentationAddress() {
        Rule rule = TestIr.rule(Verdict.ALLOW, Direction.OUT)
                .peer("192.0.2.0/24", "198.51.100.0/23", "0.0.0.0/0", "2001:db8::/32")
                .build();
        assertEquals(List.of("192.0.2.0", "192.0.2.255", "198.51.100.0", "198.51.100.255", "2001:db8::",
                        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "203.0.113.255"),
                DocumentationArbitraries.edges(List.of(rule)).stream().map(IPAddress::toCanonicalString).sorted().toList());
    }

    @Provide
    Arbitrary<Tuple2<Direction, List<Flow>>> flowsNearPolicies() {
        return Combinators.combine(DocumentationArbitraries.policies(), Arbitraries.of(Direction.class))
                .flatAs((policy, direction) -> DocumentationArbitraries.flowsNear(policy, direction).list().ofSize(40)
                        .map(flows -> Tuple.of(direction, flows)));
    }

    @Provide
    Arbitrary<BigInteger> values() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, IrArbitraries.maxValue(Family.IPV6)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, IrArbitraries.maxValue(Family.IPV4)),
                DocumentationArbitraries.addresses().map(a -> a.getValue().add(BigInteger.valueOf(300))));
    }

    private static boolean inDocumentationRange(Family family, BigInteger value) {
        return DocumentationArbitraries.isSafeFlowAddress(IrArbitraries.addressOf(family, value))
                || isLocal(family, value);
    }

    private static boolean isLocal(Family family, BigInteger value) {
        return ProbeNetwork.LOCAL_ADDRESSES.contains(IrArbitraries.addressOf(family, value));
    }
}
