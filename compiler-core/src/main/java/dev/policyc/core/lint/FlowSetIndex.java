package dev.policyc.core.lint;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.flowset.FlowSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A balanced tree of unions over a list of flow sets (typically the sets some rules match),
 * built with O(n) set operations. It answers, without comparing every pair:
 * <ul>
 *   <li>{@link #union()}: the flows in at least one set;
 *   <li>{@link #coveredTwice()}: the flows in at least two sets, so that for a set {@code s} of
 *       the list, the union of all the <em>others</em> within {@code s} is
 *       {@code coveredTwice() ∩ s};
 *   <li>{@link #overlapping}: which sets meet a query set, visiting only the subtrees whose union
 *       meets it.
 * </ul>
 * Immutable; the sets are those given at construction.
 */
public final class FlowSetIndex {

    private final ImmutableList<FlowSet> sets;
    private final Node root;
    private final FlowSet coveredTwice;

    private record Node(int from, int to, FlowSet union, Node left, Node right) {
        boolean isLeaf() {
            return left == null;
        }
    }

    private record Built(Node node, FlowSet twice) {}

    private FlowSetIndex(ImmutableList<FlowSet> sets) {
        this.sets = sets;
        if (sets.isEmpty()) {
            this.root = null;
            this.coveredTwice = FlowSet.empty();
        } else {
            Built built = build(0, sets.size());
            this.root = built.node;
            this.coveredTwice = built.twice;
        }
    }

    public static FlowSetIndex of(List<FlowSet> sets) {
        return new FlowSetIndex(ImmutableList.copyOf(sets));
    }

    private Built build(int from, int to) {
        if (to - from == 1) {
            return new Built(new Node(from, to, sets.get(from), null, null), FlowSet.empty());
        }
        int mid = (from + to) >>> 1;
        Built left = build(from, mid);
        Built right = build(mid, to);
        FlowSet union = left.node.union.union(right.node.union);
        // Twice in the whole: twice on one side, or once on each side.
        FlowSet twice = left.twice.union(right.twice).union(left.node.union.intersection(right.node.union));
        return new Built(new Node(from, to, union, left.node, right.node), twice);
    }

    public ImmutableList<FlowSet> sets() {
        return sets;
    }

    /** The flows in at least one of the sets. */
    public FlowSet union() {
        return root == null ? FlowSet.empty() : root.union;
    }

    /** The flows in at least two of the sets. */
    public FlowSet coveredTwice() {
        return coveredTwice;
    }

    /** The positions, ascending, of the sets that share a flow with {@code query}. */
    public ImmutableList<Integer> overlapping(FlowSet query) {
        List<Integer> found = new ArrayList<>();
        if (root != null && !query.isEmpty()) {
            collect(root, query, found);
        }
        return ImmutableList.copyOf(found);
    }

    private static void collect(Node node, FlowSet query, List<Integer> found) {
        if (node.union.intersection(query).isEmpty()) {
            return;
        }
        if (node.isLeaf()) {
            found.add(node.from);
            return;
        }
        collect(node.left, query, found);
        collect(node.right, query, found);
    }
}
