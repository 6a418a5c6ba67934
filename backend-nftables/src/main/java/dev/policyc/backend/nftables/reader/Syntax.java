package dev.policyc.backend.nftables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import java.util.Optional;

/**
 * What {@link NftParser} makes of a script: its commands, each checked for syntax but not yet
 * for meaning (set references and which chain a match sits in are {@link RulesetEvaluator}'s).
 */
final class Syntax {

    private Syntax() {}

    /** A top-level command of the script. */
    sealed interface Command permits TableBlock, DeleteTable {}

    /** {@code table inet NAME { ... }}: creates the table if need be and adds its items. */
    record TableBlock(String name, SourceSpan span, ImmutableList<TableItem> items) implements Command {}

    /** {@code delete table inet NAME}. */
    record DeleteTable(String name, SourceSpan span) implements Command {}

    sealed interface TableItem permits SetDecl, ChainDecl {}

    /**
     * A named set of addresses.
     *
     * @param elements prefix blocks of {@code type}'s family (single addresses as full-length blocks)
     */
    record SetDecl(String name, SourceSpan span, Family type, ImmutableList<IPAddress> elements) implements TableItem {}

    /**
     * A base chain of type filter on the input or output hook.
     *
     * @param direction  {@code in} for the input hook, {@code out} for output
     * @param policy     what the chain does with packets no rule decides
     * @param policySpan where the chain's policy is said (its header when it is not said)
     */
    record ChainDecl(String name, SourceSpan span, Direction direction, Verdict policy, SourceSpan policySpan,
            String header, ImmutableList<RuleDecl> rules) implements TableItem {}

    /**
     * One rule: all of its matches must hold for its verdict, if it has one, to apply.
     *
     * @param text    the rule as written, for people
     * @param verdict {@code accept} or {@code drop}; empty for a rule that only counts or logs
     */
    record RuleDecl(SourceSpan span, String text, ImmutableList<Match> matches, Optional<Verdict> verdict) {}

    /** One condition of a rule. */
    sealed interface Match permits CtState, Interface, Address, NfProto, L4Proto, Port, IcmpType {}

    /** {@code ct state ...}: new flows match exactly when the states include {@code new}. */
    record CtState(boolean includesNew) implements Match {}

    /** {@code iif "lo"} and the like; {@code input} for {@code iif}/{@code iifname}. */
    record Interface(String name, boolean input, SourceSpan span) implements Match {}

    /** {@code ip saddr 10.0.0.0/8}, {@code ip6 daddr @r3_v6}; {@code source} for {@code saddr}. */
    record Address(Family family, boolean source, AddressValue value, SourceSpan span) implements Match {}

    /** {@code meta nfproto ipv4}. */
    record NfProto(ImmutableSet<Family> families) implements Match {}

    /** {@code meta l4proto { tcp, udp }}: protocol numbers. */
    record L4Proto(ImmutableRangeSet<Integer> protocols) implements Match {}

    /**
     * {@code tcp dport 443}, {@code th dport 53}: a destination port of one of {@code protocols}.
     *
     * @param ports 0-65535 as written; flows have ports 1-65535
     */
    record Port(ImmutableRangeSet<Integer> protocols, ImmutableRangeSet<Integer> ports) implements Match {}

    /**
     * {@code icmp type ...}, {@code icmpv6 type ...}. The flow model takes ICMP flows to be echo
     * requests, so only whether the types include {@code echo-request} matters. In an inet table
     * nft puts {@code meta nfproto ipv4} (ipv6) and {@code meta l4proto icmp} (ipv6-icmp) before
     * the type, so the match keeps to its family.
     */
    record IcmpType(Family family, boolean echoRequest, SourceSpan span) implements Match {}

    /** The addresses an {@link Address} match compares with. */
    sealed interface AddressValue permits Literal, SetReference {}

    /** Addresses written in the rule: one, or an anonymous set. */
    record Literal(ImmutableList<IPAddress> blocks) implements AddressValue {}

    /** {@code @name}: a named set of the table. */
    record SetReference(String name) implements AddressValue {}
}
