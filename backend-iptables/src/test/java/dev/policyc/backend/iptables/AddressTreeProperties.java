package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Family;
import dev.policyc.core.net.PrefixBlocks;
import dev.policyc.core.testing.IrArbitraries;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The address tree, walked as netfilter walks chains (a jump that matches nothing falls back to
 * the rule after it), matches an address exactly when one of its blocks holds it; every block is
 * in one leaf, in order; inner nodes have two entries, leaves at most the leaf size; a branch's
 * prefix is the smallest that covers its blocks; and a packet tries at most
 * {@code 2 * depth + leafSize} rules.
 */
class AddressTreeProperties {

    @Property(tries = 300)
    void theTreeMatchesExactlyTheAddressesOfItsBlocks(@ForAll("blockLists") List<IPAddress> blocks) {
        AddressTree.Node root = AddressTree.of(blocks, AddressChains.LEAF_SIZE);
        Statistics.collect(root.depth() == 1 ? "one chain" : root.depth() == 2 ? "two levels" : "deeper");
        for (IPAddress address : probes(blocks)) {
            int[] tried = {0};
            boolean inTree = walk(root, address, tried);
            assertEquals(blocks.stream().anyMatch(b -> b.contains(address)), inTree, address::toString);
            assertTrue(tried[0] <= 2 * root.depth() + AddressChains.LEAF_SIZE, () -> address + " tried " + tried[0] + " rules");
        }
    }

    @Property(tries = 300)
    void everyBlockIsInOneLeafInOrderAndNodesAreSmall(@ForAll("blockLists") List<IPAddress> blocks) {
        AddressTree.Node root = AddressTree.of(blocks, AddressChains.LEAF_SIZE);
        List<IPAddress> inTree = new ArrayList<>();
        check(root, inTree);
        assertEquals(blocks, inTree);
        assertEquals(blocks.size() <= AddressChains.LEAF_SIZE, root.chains() == 1, "one chain exactly when the blocks fit a leaf");
        assertTrue(root.depth() <= blocks.get(0).getBitCount() + 1);
    }

    /** Adds the blocks under {@code node} to {@code found}, checking each node's shape on the way. */
    private static void check(AddressTree.Node node, List<IPAddress> found) {
        boolean leaf = node.entries().stream().allMatch(e -> e instanceof AddressTree.Block);
        assertTrue(leaf ? node.entries().size() <= AddressChains.LEAF_SIZE : node.entries().size() == 2,
                () -> "a leaf of at most the leaf size, or an inner node of two halves: " + node);
        for (AddressTree.Entry entry : node.entries()) {
            if (entry instanceof AddressTree.Branch branch) {
                List<IPAddress> below = new ArrayList<>();
                check(branch.child(), below);
                assertTrue(below.size() > 1, "a single block is matched directly");
                assertEquals(AddressTree.cover(below), branch.match(), "a branch is the smallest prefix over its blocks");
                found.addAll(below);
            } else {
                found.add(entry.match());
            }
        }
    }

    /** What netfilter does: the first entry that holds the address; a jump that decides nothing falls back. */
    private static boolean walk(AddressTree.Node node, IPAddress address, int[] tried) {
        for (AddressTree.Entry entry : node.entries()) {
            tried[0]++;
            if (!entry.match().contains(address)) {
                continue;
            }
            if (entry instanceof AddressTree.Branch branch) {
                if (walk(branch.child(), address, tried)) {
                    return true;
                }
            } else {
                return true;
            }
        }
        return false;
    }

    /** The first and last address of each block and those just outside it. */
    private static List<IPAddress> probes(List<IPAddress> blocks) {
        Family family = blocks.get(0).isIPv4() ? Family.IPV4 : Family.IPV6;
        BigInteger max = IrArbitraries.maxValue(family);
        List<IPAddress> probes = new ArrayList<>();
        for (IPAddress block : blocks) {
            BigInteger first = block.getLower().getValue();
            BigInteger last = block.getUpper().getValue();
            for (BigInteger v : List.of(first.subtract(BigInteger.ONE), first, last, last.add(BigInteger.ONE))) {
                if (v.signum() >= 0 && v.compareTo(max) <= 0) {
                    probes.add(IrArbitraries.addressOf(family, v));
                }
            }
        }
        return probes;
    }

    /**
     * Minimal covers of up to 400 blocks of one family, crowded into a small range (hosts and short
     * prefixes that touch and nest) or spread over the whole space, so that trees are of every depth.
     */
    @Provide
    Arbitrary<List<IPAddress>> blockLists() {
        return IrArbitraries.families().flatMap(family -> Combinators.combine(
                        IrArbitraries.addresses(family),
                        Arbitraries.integers().between(0, 16383).list().ofMinSize(1).ofMaxSize(400)
                                .withSizeDistribution(RandomDistribution.uniform()),
                        Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 6)))
                                .list().ofSize(400),
                        // Few short ones, which would swallow the rest.
                        IrArbitraries.blocks().filter(b -> b.family() == family && b.block().getPrefixLength() != null
                                && b.block().getPrefixLength() >= b.block().getBitCount() / 2).list().ofMaxSize(20))
                .as((base, offsets, shorter, spread) -> {
                    List<IPAddress> blocks = new ArrayList<>();
                    int bits = base.getBitCount();
                    for (int i = 0; i < offsets.size(); i++) {
                        BigInteger value = base.getValue().add(BigInteger.valueOf(offsets.get(i)));
                        if (value.compareTo(IrArbitraries.maxValue(family)) <= 0) {
                            blocks.add(IrArbitraries.addressOf(family, value).toPrefixBlock(bits - shorter.get(i)));
                        }
                    }
                    spread.forEach(b -> blocks.add(b.block()));
                    return (List<IPAddress>) PrefixBlocks.minimalCover(blocks);
                }))
                .filter(list -> !list.isEmpty());
    }
}
