package dev.policyc.backend.nftables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
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
     * A named set: of addresses ({@code type ipv4_addr}), or of concatenations
     * ({@code type ipv4_addr . inet_proto . inet_service}).
     *
     * @param type     the type of each field, in order
     * @param elements one value per field each, in the order of {@code type}
     */
    record SetDecl(String name, SourceSpan span, ImmutableList<FieldType> type, ImmutableList<Element> elements)
            implements TableItem {}

    /** The data types of set fields that the reader takes, and the key each goes with. */
    enum FieldType {
        IPV4_ADDR("ipv4_addr"), IPV6_ADDR("ipv6_addr"), INET_PROTO("inet_proto"), INET_SERVICE("inet_service");

        private final String nftName;

        FieldType(String nftName) {
            this.nftName = nftName;
        }

        /** The type's name in nft: {@code ipv4_addr}. */
        String nftName() {
            return nftName;
        }

        static FieldType address(Family family) {
            return family == Family.IPV4 ? IPV4_ADDR : IPV6_ADDR;
        }

        /** The type of the values {@code key} reads. */
        static FieldType of(Key key) {
            if (key instanceof AddressKey a) {
                return address(a.family());
            }
            return key instanceof ProtocolKey ? INET_PROTO : INET_SERVICE;
        }
    }

    /**
     * One element of a set or of an anonymous set of concatenations.
     *
     * @param fields one value per field of the set's type, in order
     */
    record Element(ImmutableList<FieldValue> fields, SourceSpan span) {}

    /** The value of one field of an element. */
    sealed interface FieldValue permits AddressField, ProtocolField, PortField {}

    /** An address or a prefix block (a single address is a full-length block). */
    record AddressField(IPAddress block) implements FieldValue {}

    /** A protocol number. */
    record ProtocolField(int protocol) implements FieldValue {}

    /** A port or a closed port range, 0-65535 as written. */
    record PortField(Range<Integer> ports) implements FieldValue {}

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
    sealed interface Match permits CtState, Interface, Address, NfProto, L4Proto, Port, IcmpType, Concatenation {}

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

    /**
     * {@code ip daddr . meta l4proto . th dport @set}: the fields of the packet named by
     * {@code keys}, joined, must be an element of the set.
     */
    record Concatenation(ImmutableList<Key> keys, ConcatenationValue value, SourceSpan span) implements Match {}

    /** One field of a concatenation. */
    sealed interface Key permits AddressKey, ProtocolKey, PortKey {}

    /** {@code ip saddr}, {@code ip6 daddr}. */
    record AddressKey(Family family, boolean source, SourceSpan span) implements Key {}

    /** {@code meta l4proto}. */
    record ProtocolKey() implements Key {}

    /**
     * {@code th dport}, {@code tcp dport}, {@code udp dport}.
     *
     * @param protocols the protocols whose ports it reads: tcp for {@code tcp dport}; for
     *                  {@code th dport}, tcp and udp, the protocols the flow model has ports for
     * @param anyProtocol true for {@code th dport}, which reads two bytes of any protocol's header
     */
    record PortKey(ImmutableRangeSet<Integer> protocols, boolean anyProtocol, SourceSpan span) implements Key {}

    /** What a concatenation is looked up in. */
    sealed interface ConcatenationValue permits SetReference, Elements {}

    /** Elements written in the rule, or those of the set it named once resolved. */
    record Elements(ImmutableList<Element> elements) implements ConcatenationValue {}

    /** The addresses an {@link Address} match compares with. */
    sealed interface AddressValue permits Literal, SetReference {}

    /** Addresses written in the rule: one, or an anonymous set. */
    record Literal(ImmutableList<IPAddress> blocks) implements AddressValue {}

    /** {@code @name}: a named set of the table. */
    record SetReference(String name) implements AddressValue, ConcatenationValue {}
}
