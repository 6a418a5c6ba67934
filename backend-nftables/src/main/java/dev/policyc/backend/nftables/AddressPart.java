package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableList;
import inet.ipaddr.IPAddress;

/**
 * The literal addresses one nft rule matches: a rule of its own is written once per part, each
 * line matching its part's addresses, in a named set when there are several.
 *
 * <p>Most rules have one part, all their addresses. A rule with at least {@link #SPLIT_HOSTS_AT}
 * single addresses and some prefixes gets two: its hosts, looked up in a plain (hash) set, and
 * its prefixes, in an interval set. A hash lookup costs about the same whatever the set's size,
 * while the kernel's single-field interval set (an rbtree holding two nodes per element) costs
 * a walk of about log2(2n) nodes, each a likely cache miss. The second line costs every packet
 * it reaches a few more expressions, which run in sequence out of one rule blob; with 64 hosts
 * out of the tree it saves at least 7 levels of the walk, which makes the trade worth it. Below
 * that the single interval set is kept. (Reasoned from the data structures; then measured by
 * bench/ruleset-bench.sh at 10,000 addresses, 9 in 10 of them hosts: a packet accepted through
 * the hash set costs 1.00-1.06x a ruleset without the rule, against 1.19-1.24x with the single
 * interval set, and a miss, which walks both lines, 1.23x against 1.25x.) The hosts and prefixes of a rule are disjoint (its blocks are a minimal
 * cover), so at most one of the two lines matches a packet: verdict, log and count stay those
 * of one rule.
 *
 * @param setName   the part's set, when it needs one: {@code r3_v4}, or {@code r3_v4_hosts} and
 *                  {@code r3_v4_nets} for a split rule
 * @param addresses the part's blocks; empty for a rule on every address or on a runtime set
 */
record AddressPart(String setName, ImmutableList<IPAddress> addresses) {

    /** Single addresses a rule must have, besides prefixes, to be split; see the class comment. */
    static final int SPLIT_HOSTS_AT = 64;

    AddressPart {
        addresses = ImmutableList.copyOf(addresses);
    }

    /** The parts of {@code rule}, hosts first. */
    static ImmutableList<AddressPart> of(NftRule rule) {
        if (rule.addresses().isEmpty()) {
            return ImmutableList.of(new AddressPart("", ImmutableList.of()));
        }
        ImmutableList<IPAddress> hosts = rule.addresses().stream().filter(AddressPart::isHost).collect(ImmutableList.toImmutableList());
        if (hosts.size() < SPLIT_HOSTS_AT || hosts.size() == rule.addresses().size()) {
            return ImmutableList.of(new AddressPart(rule.setName(), rule.addresses()));
        }
        ImmutableList<IPAddress> prefixes = rule.addresses().stream().filter(a -> !isHost(a)).collect(ImmutableList.toImmutableList());
        return ImmutableList.of(new AddressPart(rule.setName() + "_hosts", hosts), new AddressPart(rule.setName() + "_nets", prefixes));
    }

    /** True when more than one block is matched, which nftables does best with a named set. */
    boolean needsSet() {
        return addresses.size() > 1;
    }

    /** True when the set must be an interval set: some element is a prefix. */
    boolean hasPrefixes() {
        return addresses.stream().anyMatch(a -> !isHost(a));
    }

    private static boolean isHost(IPAddress block) {
        return NftSyntax.prefixLength(block) == block.getBitCount();
    }
}
