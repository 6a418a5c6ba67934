package dev.policyc.backend.iptables;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.TextWriter;
import dev.policyc.core.ir.Rule;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The extra chains of one rules file ({@link PolicyChains.Extra}): for each rule of many address
 * blocks, the address chain its guards jump to, the tree below it ({@link AddressTree}) and, for
 * a logged rule, the verdict chain its blocks jump to. Their names are numbered in the order they
 * are made, so the same policy always gives the same names.
 *
 * <p>An address chain only ever decides or returns: a packet that matches none of its blocks
 * reaches the end of each chain it entered, and falling off the end of a user chain returns to
 * the rule after the jump, one level at a time, up to the rule after the guard in the policy's
 * chain. So the guard and its chains match exactly the packets the rule's flat form did, at the
 * same place among the other rules, and first-match order is unchanged.
 */
final class AddressChains {

    /**
     * A rule gets a guard and an address chain when it has more blocks (in one family) than
     * this. The guard costs one rule and one jump more than the flat form, which repeats the
     * protocol, port, state and comment matches on every block (once per protocol and port group
     * too); with up to 4 blocks the flat form is at most 4 rules per group, about what the guard
     * and chain cost to load and walk, and it keeps small rules readable on one line each.
     */
    static final int GUARD_ABOVE = 4;

    /**
     * The most blocks a leaf of the tree matches one by one. A packet walks about
     * {@code 2 * depth + LEAF_SIZE} rules, and a tree of N blocks has about {@code 2N / LEAF_SIZE}
     * chains, each of which iptables-restore declares and the kernel keeps (with the nf_tables
     * backend a chain costs about as much to load as several rules). At 32, 10,000 blocks make
     * about 600 chains, fewer than 10% extra rules, and a packet walks about 50 rules instead of
     * 10,000; halving the leaf doubles the chains for a few rules less per packet.
     */
    static final int LEAF_SIZE = 32;

    private final PolicyChains chains;
    private final TextWriter out = new TextWriter("");
    private final List<String> declared = new ArrayList<>();

    /** The extra chains of one rules file of the policy of {@code chains}, none yet. */
    AddressChains(PolicyChains chains) {
        this.chains = chains;
    }

    /** True when {@code blocks} of one rule and family are better matched by a guard and an address chain. */
    static boolean wantsGuard(int blocks) {
        return blocks > GUARD_ABOVE;
    }

    /** The extra chains made so far, in order. */
    ImmutableList<String> declared() {
        return ImmutableList.copyOf(declared);
    }

    /** Their rules, each chain after a comment line. */
    String text() {
        return out.text();
    }

    /**
     * Makes the chain of the verdict of a logged rule: LOG with {@code logPrefix}, then the
     * verdict, both with the rule's {@code comment} match, as the flat form writes them.
     *
     * @return its name, the target of the rule's blocks
     */
    String verdictChain(Rule source, String comment, String logPrefix) {
        String chain = next(PolicyChains.Extra.VERDICT);
        out.comment("#", chain + ": log, then " + source.verdict().keyword() + ", for " + source.span().fileAndLine());
        out.line("-A " + chain + " " + comment + " -j LOG --log-prefix " + logPrefix);
        out.line("-A " + chain + " " + comment + " -j " + IptSyntax.target(source.verdict()));
        return chain;
    }

    /**
     * Makes the address chain of {@code source}'s {@code blocks} and the tree below it.
     *
     * @param blocks ascending, disjoint, of one family, more than {@link #GUARD_ABOVE}
     * @param target what a packet inside one of them jumps to: ACCEPT, DROP or a verdict chain
     * @return the address chain's name, which the guards jump to
     */
    String addressChain(Rule source, List<IPAddress> blocks, String target) {
        // Each rule's chains are walked in its direction only, so they match the remote address by -d or by -s.
        String option = IptSyntax.remoteAddressOption(source.direction());
        AddressTree.Node root = AddressTree.of(blocks, LEAF_SIZE);
        String chain = next(PolicyChains.Extra.ADDRESSES);
        String shape = root.chains() == 1 ? "" : String.format(Locale.ROOT, ", a tree of %,d chains %d deep with at most %d a leaf",
                root.chains(), root.depth(), LEAF_SIZE);
        out.comment("#", chain + ": the " + String.format(Locale.ROOT, "%,d", blocks.size()) + " address blocks of "
                + source.span().fileAndLine() + shape);
        node(chain, root, option, target);
        return chain;
    }

    /** Writes a node's chain, then those of its children, each whole before the next. */
    private void node(String chain, AddressTree.Node node, String option, String target) {
        List<String> children = new ArrayList<>();
        for (AddressTree.Entry entry : node.entries()) {
            String jump = target;
            if (entry instanceof AddressTree.Branch) {
                jump = next(PolicyChains.Extra.TREE);
                children.add(jump);
            }
            out.line("-A " + chain + " " + option + " " + IptSyntax.address(entry.match()) + " -j " + jump);
        }
        int child = 0;
        for (AddressTree.Entry entry : node.entries()) {
            if (entry instanceof AddressTree.Branch branch) {
                String name = children.get(child++);
                out.comment("#", name + ": " + IptSyntax.address(branch.match()));
                node(name, branch.child(), option, target);
            }
        }
    }

    private String next(PolicyChains.Extra kind) {
        String name = chains.extra(kind, declared.size() + 1);
        declared.add(name);
        return name;
    }
}
