package dev.policyc.core.flowset;

import static dev.policyc.core.flowset.Fixtures.box;
import static dev.policyc.core.flowset.Fixtures.flow;
import static dev.policyc.core.flowset.Fixtures.ip;
import static dev.policyc.core.flowset.Fixtures.protocols;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PortSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowSetTest {

    private static final ImmutableRangeSet<Integer> ANY = ImmutableRangeSet.of(Range.closed(0, 255));
    private static final ImmutableRangeSet<Integer> TCP = protocols(6);

    @Test
    void emptyAndAllAreComplements() {
        assertTrue(FlowSet.empty().isEmpty());
        assertTrue(FlowSet.all().isAll());
        assertFalse(FlowSet.all().isEmpty());
        assertEquals(FlowSet.all(), FlowSet.empty().complement());
        assertEquals(FlowSet.empty(), FlowSet.all().complement());
        assertTrue(FlowSet.all().contains(flow("in 255 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(FlowSet.empty().contains(flow("out tcp 0.0.0.0 1")));
    }

    @Test
    void singleFlowExcludesItsNeighbours() {
        FlowSet one = FlowSet.of(flow("out tcp 10.0.0.5 443"));
        assertTrue(one.contains(flow("out tcp 10.0.0.5 443")));
        assertFalse(one.contains(flow("out tcp 10.0.0.5 442")));
        assertFalse(one.contains(flow("out tcp 10.0.0.5 444")));
        assertFalse(one.contains(flow("out tcp 10.0.0.4 443")));
        assertFalse(one.contains(flow("out tcp 10.0.0.6 443")));
        assertFalse(one.contains(flow("in tcp 10.0.0.5 443")));
        assertFalse(one.contains(flow("out udp 10.0.0.5 443")));
        assertFalse(one.contains(flow("out tcp ::a00:5 443")));
    }

    @Test
    void portsKeepOnlyTcpAndUdpFlows() {
        FlowSet withPorts = box(Direction.OUT, ANY, "192.0.2.0/24", Optional.of(PortSet.of(53)));
        assertTrue(withPorts.contains(flow("out udp 192.0.2.7 53")));
        assertTrue(withPorts.contains(flow("out tcp 192.0.2.7 53")));
        assertFalse(withPorts.contains(flow("out icmp 192.0.2.7")));
        assertFalse(withPorts.contains(flow("out 47 192.0.2.7")));

        FlowSet everyPort = box(Direction.OUT, ANY, "192.0.2.0/24", Optional.empty());
        assertTrue(everyPort.contains(flow("out icmp 192.0.2.7")));
        assertTrue(everyPort.contains(flow("out 0 192.0.2.0")));
        assertTrue(everyPort.contains(flow("out tcp 192.0.2.255 65535")));
        assertFalse(everyPort.contains(flow("out tcp 192.0.3.0 1")));
    }

    @Test
    void equalSetsBuiltDifferentlyAreEqual() {
        FlowSet halves = box(Direction.IN, TCP, "10.0.0.0/24", Optional.empty())
                .union(box(Direction.IN, TCP, "10.0.1.0/24", Optional.empty()));
        FlowSet whole = box(Direction.IN, TCP, "10.0.0.0/23", Optional.empty());
        assertEquals(whole, halves);
        assertEquals(whole.hashCode(), halves.hashCode());

        FlowSet allPortsOneByOne = box(Direction.IN, TCP, "10.0.0.0/23", Optional.of(PortSet.range(1, 100)))
                .union(box(Direction.IN, TCP, "10.0.0.0/23", Optional.of(PortSet.range(101, 65535))));
        assertEquals(whole, allPortsOneByOne);
        assertNotEquals(whole, box(Direction.IN, TCP, "10.0.0.0/22", Optional.empty()));
    }

    @Test
    void everyProtocolWithoutPortsEqualsItsPieces() {
        FlowSet all = box(Direction.OUT, ANY, "::/0", Optional.empty());
        FlowSet pieces = FlowSet.unionAll(List.of(
                box(Direction.OUT, ImmutableRangeSet.of(Range.closed(0, 5)), "::/0", Optional.empty()),
                box(Direction.OUT, protocols(6, 17), "::/0", Optional.of(PortSet.range(1, 65535))),
                box(Direction.OUT, ImmutableRangeSet.of(Range.closed(7, 16)), "::/0", Optional.empty()),
                box(Direction.OUT, ImmutableRangeSet.of(Range.closed(18, 255)), "::/0", Optional.empty())));
        assertEquals(all, pieces);
    }

    @Test
    void addressAxisEndsAreReachable() {
        FlowSet top4 = box(Direction.OUT, TCP, "255.255.255.254/31", Optional.empty());
        assertTrue(top4.contains(flow("out tcp 255.255.255.255 1")));
        assertFalse(top4.contains(flow("out tcp 255.255.255.253 1")));
        FlowSet top6 = box(Direction.OUT, TCP, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127", Optional.empty());
        assertTrue(top6.contains(flow("out tcp ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 1")));
        // Where the low 64 bits carry into the high 64: 0:0:0:1:: follows 0:0:0:0:ffff:ffff:ffff:ffff.
        FlowSet carry = box(Direction.OUT, TCP, "0:0:0:1::/64", Optional.empty());
        assertTrue(carry.contains(flow("out tcp 0:0:0:1:: 1")));
        assertFalse(carry.contains(flow("out tcp ::ffff:ffff:ffff:ffff 1")));
        // Addresses at and above 8000:: are "negative" as signed longs.
        FlowSet upper = box(Direction.OUT, TCP, "8000::/1", Optional.empty());
        assertTrue(upper.contains(flow("out tcp 8000:: 1")));
        assertFalse(upper.contains(flow("out tcp 7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 1")));
    }

    @Test
    void sequentialRangesAreAcceptedAndOthersRejected() {
        FlowSet range = FlowSet.box(Set.of(Direction.OUT), TCP,
                List.of(ip("10.0.0.5").spanWithRange(ip("10.0.0.9"))), Optional.empty());
        assertTrue(range.contains(flow("out tcp 10.0.0.9 1")));
        assertFalse(range.contains(flow("out tcp 10.0.0.10 1")));
        assertThrows(IllegalArgumentException.class,
                () -> FlowSet.box(Set.of(Direction.OUT), TCP, List.of(ip("10.*.0.1")), Optional.empty()));
    }

    @Test
    void boxesDescribeTheSetForPeople() {
        FlowSet set = box(Direction.OUT, protocols(6, 17), "10.0.0.0/8", Optional.of(PortSet.union(
                        List.of(PortSet.of(80), PortSet.of(443)))))
                .union(box(Direction.IN, ANY, "2001:db8::1", Optional.empty()));
        List<String> lines = set.boxes().stream().map(FlowBox::toString).toList();
        assertEquals(List.of("out {tcp, udp} 10.0.0.0/8 port {80, 443}", "in any 2001:db8::1"), lines);

        FlowSet range = FlowSet.box(Set.of(Direction.OUT), protocols(1),
                List.of(ip("10.0.0.5").spanWithRange(ip("10.0.0.250"))), Optional.empty());
        assertEquals("out icmp 10.0.0.5-10.0.0.250", range.boxes().get(0).toString());
        FlowSet twoBlocks = FlowSet.box(Set.of(Direction.OUT), protocols(1),
                List.of(ip("10.0.0.0").spanWithRange(ip("10.0.0.5"))), Optional.empty());
        assertEquals("out icmp {10.0.0.0/30, 10.0.0.4/31}", twoBlocks.boxes().get(0).toString());
        assertEquals(List.of(ip("10.0.0.0/30"), ip("10.0.0.4/31")), twoBlocks.boxes().get(0).cidrs());
    }

    @Test
    void complementOfOneProtocolGroupsTheRest() {
        FlowSet notTcp = box(Direction.OUT, ANY, "0.0.0.0/0", Optional.empty())
                .difference(box(Direction.OUT, TCP, "0.0.0.0/0", Optional.empty()));
        assertEquals(List.of("out {0-5, 7-255} 0.0.0.0/0"), notTcp.boxes().stream().map(FlowBox::toString).toList());
        assertEquals(notTcp, FlowSet.unionAll(notTcp.boxes().stream().map(FlowSet::of).toList()));
    }

    @Test
    void anyMemberPrefersReadableFlowsAndBelongsToTheSet() {
        assertTrue(FlowSet.empty().anyMember().isEmpty());
        FlowSet set = box(Direction.OUT, ANY, "192.0.2.0/24", Optional.empty());
        assertEquals(Optional.of(flow("out tcp 192.0.2.0 1")), set.anyMember());
        FlowSet odd = box(Direction.IN, protocols(47, 50), "2001:db8::/32", Optional.empty());
        Flow member = odd.anyMember().orElseThrow();
        assertEquals(flow("in 47 2001:db8::"), member);
        assertTrue(odd.contains(member));
    }

    @Test
    void emptyPartsGiveTheEmptySet() {
        assertEquals(FlowSet.empty(), FlowSet.box(Set.of(), ANY, List.of(ip("0.0.0.0/0")), Optional.empty()));
        assertEquals(FlowSet.empty(), FlowSet.box(Set.of(Direction.IN), ImmutableRangeSet.of(), List.of(ip("::/0")),
                Optional.empty()));
        assertEquals(FlowSet.empty(), FlowSet.box(Set.of(Direction.IN), ANY, List.of(), Optional.empty()));
        assertEquals(FlowSet.empty(), box(Direction.IN, protocols(1), "0.0.0.0/0", Optional.of(PortSet.of(1))));
        assertEquals(FlowSet.empty(), FlowSet.unionAll(List.of()));
    }

    @Test
    void containsAllAndSymmetricDifference() {
        FlowSet big = box(Direction.OUT, TCP, "10.0.0.0/8", Optional.empty());
        FlowSet small = box(Direction.OUT, TCP, "10.1.0.0/16", Optional.of(PortSet.of(22)));
        assertTrue(big.containsAll(small));
        assertFalse(small.containsAll(big));
        assertEquals(big.difference(small), big.symmetricDifference(small));
        assertTrue(big.symmetricDifference(big).isEmpty());
    }
}
