package dev.policyc.backend.iptables;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.net.PrefixBlocks;
import inet.ipaddr.IPAddress;
import java.util.List;

/**
 * The address blocks of one rule and one family as a binary trie on prefix bits, so that a packet
 * walks about {@code 2 * depth + leafSize} rules instead of one per block: iptables has no address
 * sets without ipset, but a chain that a {@code -d PREFIX} rule jumps into is seen only by the
 * packets inside that prefix.
 *
 * <p>A node stands for the smallest prefix P that covers its blocks. It splits them by the bit
 * after P into its two halves, both non-empty since P is the smallest; a half that is one block
 * (the half itself or a smaller block inside it) is matched directly, any other half becomes a
 * child node for the smallest prefix covering its blocks (so a chain of single-child nodes is
 * never made: the trie is path-compressed). A node of at most {@code leafSize} blocks is a leaf
 * that matches each directly. The blocks are disjoint, so their order in a node does not change
 * which one a packet matches; it is ascending, for a stable output.
 *
 * <p>Prefixes come from the IPAddress library ({@link IPAddress#coverWithPrefixBlock},
 * {@link IPAddress#toPrefixBlock(int)}) and block order from {@link PrefixBlocks#ORDER}.
 */
final class AddressTree {

    /** One rule of a node's chain. */
    sealed interface Entry permits Block, Branch {
        /** What the rule matches: {@code -d} or {@code -s} this block. */
        IPAddress match();
    }

    /** A block matched directly: the rule takes the verdict. */
    record Block(IPAddress match) implements Entry {}

    /** The child node for prefix {@code match}: the rule jumps to its chain. */
    record Branch(IPAddress match, Node child) implements Entry {}

    /**
     * The rules of one chain of the tree.
     *
     * @param entries at least one; their blocks and prefixes are disjoint and ascending
     */
    record Node(ImmutableList<Entry> entries) {

        Node {
            entries = ImmutableList.copyOf(entries);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("a node holds at least one entry");
            }
        }

        /** This node's chain and those of the nodes below it. */
        int chains() {
            return 1 + entries.stream().mapToInt(e -> e instanceof Branch b ? b.child().chains() : 0).sum();
        }

        /** The most chains a packet walks through, this one included. */
        int depth() {
            return 1 + entries.stream().mapToInt(e -> e instanceof Branch b ? b.child().depth() : 0).max().orElse(0);
        }
    }

    private AddressTree() {}

    /**
     * The tree of {@code blocks}: a single leaf when there are at most {@code leafSize}.
     *
     * @param blocks   disjoint prefix blocks of one family, in {@link PrefixBlocks#ORDER}, at least one
     *                 (as {@link PrefixBlocks#minimalCover} gives them)
     * @param leafSize at least 2
     */
    static Node of(List<IPAddress> blocks, int leafSize) {
        if (blocks.isEmpty() || leafSize < 2) {
            throw new IllegalArgumentException("needs blocks and a leaf size of at least 2");
        }
        for (int i = 1; i < blocks.size(); i++) {
            if (PrefixBlocks.ORDER.compare(blocks.get(i - 1), blocks.get(i)) >= 0
                    || blocks.get(i - 1).getIPVersion() != blocks.get(i).getIPVersion()) {
                throw new IllegalArgumentException("blocks not ascending or of two families: " + blocks.get(i - 1) + ", " + blocks.get(i));
            }
        }
        return node(ImmutableList.copyOf(blocks), leafSize);
    }

    /** The smallest prefix block that holds every one of {@code blocks} (ascending, disjoint). */
    static IPAddress cover(List<IPAddress> blocks) {
        return blocks.get(0).coverWithPrefixBlock(blocks.get(blocks.size() - 1));
    }

    private static Node node(ImmutableList<IPAddress> blocks, int leafSize) {
        if (blocks.size() <= leafSize) {
            return new Node(blocks.stream().<Entry>map(Block::new).collect(ImmutableList.toImmutableList()));
        }
        IPAddress prefix = cover(blocks);
        // More than one disjoint block: the cover is larger than each, so it has two halves.
        IPAddress upperHalf = prefix.getUpper().toPrefixBlock(prefix.getPrefixLength() + 1);
        int split = firstAtOrAfter(blocks, upperHalf);
        return new Node(ImmutableList.of(half(blocks.subList(0, split), leafSize), half(blocks.subList(split, blocks.size()), leafSize)));
    }

    private static Entry half(ImmutableList<IPAddress> blocks, int leafSize) {
        return blocks.size() == 1 ? new Block(blocks.get(0)) : new Branch(cover(blocks), node(blocks, leafSize));
    }

    /** The index of the first block that starts at or after the start of {@code bound}: a binary search. */
    private static int firstAtOrAfter(List<IPAddress> blocks, IPAddress bound) {
        PrefixBlocks.Key start = PrefixBlocks.Key.of(bound.getLower());
        int low = 0;
        int high = blocks.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (PrefixBlocks.Key.of(blocks.get(mid)).compareTo(start) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
