package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import java.util.Comparator;
import java.util.Objects;

/**
 * Several {@link NftRule}s of one chain, verdict and family written as one rule that looks up
 * a concatenated interval set of (remote address, protocol, destination port) elements:
 * {@code ip daddr . meta l4proto . th dport @allow_out_v4}. See {@link RuleMerger} for which
 * rules qualify and why the merge keeps the chain's meaning.
 *
 * @param setName the concatenated set, {@code allow_out_v4}
 * @param members the merged rules, in chain order; at least two, all of {@code family}
 */
record MergedRule(String setName, Direction direction, Verdict verdict, Family family, ImmutableList<NftRule> members)
        implements ChainEntry {

    MergedRule {
        Objects.requireNonNull(setName, "setName");
        members = ImmutableList.copyOf(members);
        if (members.size() < 2) {
            throw new IllegalArgumentException("a merged rule has two members or more");
        }
        for (NftRule member : members) {
            if (!RuleMerger.qualifies(member) || member.family().orElseThrow() != family
                    || member.source().direction() != direction || member.source().verdict() != verdict) {
                throw new IllegalArgumentException("rule at " + member.source().span() + " cannot be merged into " + setName);
            }
        }
    }

    /**
     * One element: {@code 10.20.0.0/16 . tcp . 5432}. Its port range is one the policy wrote
     * (a single port when {@code firstPort == lastPort}), never one made up by joining ports.
     */
    record Element(IPAddress address, Protocol protocol, int firstPort, int lastPort, NftRule member) {

        /** True when some packet matches both: nft refuses such pairs in a concatenated interval set. */
        boolean overlaps(Element other) {
            return protocol == other.protocol
                    && firstPort <= other.lastPort && other.firstPort <= lastPort
                    && (address.contains(other.address) || other.address.contains(address));
        }

        /** Where the element comes from: its rule's file:line and the user's comment. */
        String comment() {
            SourceSpan span = member.source().span();
            return member.source().comment().map(c -> span.fileAndLine() + " " + c).orElse(span.fileAndLine());
        }
    }

    /** The elements of one rule: every address, protocol and port range of it. */
    static ImmutableList<Element> elementsOf(NftRule rule) {
        ImmutableList.Builder<Element> elements = ImmutableList.builder();
        for (IPAddress address : rule.addresses()) {
            for (Protocol protocol : rule.protocols().stream().sorted(Comparator.comparingInt(Protocol::number)).toList()) {
                for (int[] range : rule.ports().orElseThrow().closedRanges()) {
                    elements.add(new Element(address, protocol, range[0], range[1], rule));
                }
            }
        }
        return elements.build();
    }

    /** The elements of every member, in member order. */
    ImmutableList<Element> elements() {
        return members.stream().flatMap(m -> elementsOf(m).stream()).collect(ImmutableList.toImmutableList());
    }
}
