package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The index answers exactly as comparing a new element with every element taken would. */
class ElementIndexProperties {

    private static final NftRule MEMBER = new NftRule(TestIr.rule(Verdict.ALLOW, Direction.OUT).build(), 1,
            Optional.of(Family.IPV4), ImmutableList.of(), ImmutableSet.of());

    @Property(tries = 300)
    void findsAnOverlapExactlyWhenComparingWithEveryElementDoes(@ForAll("elementLists") List<MergedRule.Element> elements) {
        ElementIndex index = new ElementIndex();
        List<MergedRule.Element> taken = new ArrayList<>();
        for (MergedRule.Element element : elements) {
            boolean expected = taken.stream().anyMatch(element::overlaps);
            assertEquals(expected, index.overlapsAny(element), () -> element + " against " + taken);
            if (!expected) {
                index.add(element);
                taken.add(element);
            }
        }
    }

    /** Elements of one family, crowded into a small space so that blocks nest and ports meet. */
    @Provide
    Arbitrary<List<MergedRule.Element>> elementLists() {
        return Arbitraries.of(Family.IPV4, Family.IPV6).flatMap(family -> element(family).list().ofMaxSize(40));
    }

    private static Arbitrary<MergedRule.Element> element(Family family) {
        Arbitrary<IPAddress> block = family == Family.IPV4
                ? Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(16, 32))
                        .as((low, length) -> block("10.0.0." + low, length + 0, 32))
                : Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                                Arbitraries.of(0, 1, 48, 64, 100, 120, 126, 128))
                        .as((a, b, length) -> block("2001:db8::" + Integer.toHexString(a) + ":" + Integer.toHexString(b), length, 128));
        Arbitrary<int[]> ports = Combinators.combine(Arbitraries.integers().between(1, 20), Arbitraries.integers().between(0, 5))
                .as((first, extra) -> new int[] {first, first + extra});
        return Combinators.combine(block, Arbitraries.of(Protocol.TCP, Protocol.UDP), ports)
                .as((address, protocol, range) -> new MergedRule.Element(address, protocol, range[0], range[1], MEMBER));
    }

    /** The block of {@code length} bits around {@code address} (a single address at full length). */
    private static IPAddress block(String address, int length, int bits) {
        IPAddress a = new IPAddressString(address).getAddress();
        return length == bits ? a : a.toPrefixBlock(length);
    }
}
