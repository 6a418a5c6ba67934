package dev.policyc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Family;
import dev.policyc.core.testing.IrArbitraries;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PrefixBlocks} against the IPAddress library, which computes the same things on
 * {@code BigInteger}s: the minimal cover is the library's merge, in the same order, and a cut
 * range is the library's span of prefix blocks.
 */
class PrefixBlocksProperties {

    @Provide
    Arbitrary<List<IPAddress>> blockLists() {
        // Prefix blocks, and single addresses without prefix length as 'host A' gives them.
        Arbitrary<IPAddress> block = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, IrArbitraries.blocks().map(b -> b.block())),
                net.jqwik.api.Tuple.of(1, IrArbitraries.addresses()));
        return block.list().ofMaxSize(40);
    }

    @Property(tries = 400)
    void theMinimalCoverIsTheLibrarysMerge(@ForAll("blockLists") List<IPAddress> blocks) {
        List<IPAddress> expected = new ArrayList<>();
        if (!blocks.isEmpty()) {
            IPAddress.DualIPv4Pv6Arrays merged = IPAddress.mergeToDualPrefixBlocks(blocks.toArray(IPAddress[]::new));
            for (IPAddress[] family : new IPAddress[][] {merged.addressesIPv4, merged.addressesIPv6}) {
                Arrays.stream(family).sorted(PrefixBlocks.ORDER).map(PrefixBlocksProperties::withLength).forEach(expected::add);
            }
        }
        List<IPAddress> cover = PrefixBlocks.minimalCover(blocks);
        assertEquals(expected, cover);
        assertEquals(expected.stream().map(IPAddress::toCanonicalString).toList(),
                cover.stream().map(IPAddress::toCanonicalString).toList(), "same prefix lengths too");
    }

    /** An IPv4 input that overlaps and touches no other input is in the cover as that very object. */
    @Property(tries = 200)
    void anInputStandingAloneIsKeptAsThatVeryObject(@ForAll("blockLists") List<IPAddress> blocks) {
        List<IPAddress> cover = PrefixBlocks.minimalCover(blocks);
        for (IPAddress input : blocks) {
            if (!input.isIPv4() || input.getNetworkPrefixLength() == null) {
                continue;
            }
            long first = input.getLower().getValue().longValue();
            long last = input.getUpper().getValue().longValue();
            boolean alone = blocks.stream().filter(b -> b != input && b.isIPv4()).noneMatch(b ->
                    b.getLower().getValue().longValue() <= last + 1 && b.getUpper().getValue().longValue() >= first - 1);
            if (alone) {
                assertTrue(cover.stream().anyMatch(c -> c == input), input + " is in the cover as a new object");
            }
        }
    }

    @Property(tries = 400)
    void aCutRangeIsTheLibrarysSpanOfPrefixBlocks(@ForAll("families") Family family,
            @ForAll("indices") int a, @ForAll("indices") int b) {
        IPAddress x = IrArbitraries.addressOf(family, IrArbitraries.maxValue(family).shiftRight(3).multiply(java.math.BigInteger.valueOf(a)).divide(java.math.BigInteger.valueOf(1000)));
        IPAddress y = IrArbitraries.addressOf(family, IrArbitraries.maxValue(family).shiftRight(3).multiply(java.math.BigInteger.valueOf(b)).divide(java.math.BigInteger.valueOf(1000)).add(java.math.BigInteger.valueOf(b % 7)));
        IPAddress first = x.compareTo(y) <= 0 ? x : y;
        IPAddress last = x.compareTo(y) <= 0 ? y : x;
        List<String> expected = Arrays.stream(first.spanWithRange(last).spanWithPrefixBlocks())
                .map(PrefixBlocksProperties::withLength).map(IPAddress::toCanonicalString).toList();
        assertEquals(expected, PrefixBlocks.cut(first, last).stream().map(IPAddress::toCanonicalString).toList());
    }

    /** A list is its own minimal cover exactly when the cover equals it. */
    @Property(tries = 600)
    void isMinimalCoverSaysWhetherTheCoverIsTheListItself(@ForAll("blockLists") List<IPAddress> blocks) {
        List<IPAddress> cover = PrefixBlocks.minimalCover(blocks);
        assertTrue(PrefixBlocks.isMinimalCover(cover), cover.toString());
        assertEquals(cover.equals(blocks), PrefixBlocks.isMinimalCover(blocks), blocks + " against its cover " + cover);
        // Lists that are minimal but written with hosts without prefix length, as policies write them.
        List<IPAddress> bare = cover.stream()
                .map(b -> b.getNetworkPrefixLength() == b.getBitCount() ? b.withoutPrefixLength() : b)
                .toList();
        assertTrue(PrefixBlocks.isMinimalCover(bare), bare.toString());
    }

    @Property(tries = 300)
    void theFirstAddressIsWrittenAsTheLibraryWritesIt(@ForAll("blockLists") List<IPAddress> blocks) {
        for (IPAddress block : blocks) {
            assertEquals(block.getLower().withoutPrefixLength().toCanonicalString(), PrefixBlocks.firstAddressText(block));
        }
    }

    @Provide
    Arbitrary<Family> families() {
        return IrArbitraries.families();
    }

    @Provide
    Arbitrary<Integer> indices() {
        return Arbitraries.integers().between(0, 1000);
    }

    private static IPAddress withLength(IPAddress block) {
        return block.getNetworkPrefixLength() == null ? block.toPrefixBlock(block.getBitCount()) : block;
    }
}
