package dev.policyc.backend.iptables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import java.util.Optional;

/**
 * What {@link RestoreParser} makes of an iptables-restore file: its lines as commands, each
 * checked for syntax and for what iptables itself refuses in one rule, but not yet run (whether
 * the chains named exist is {@link FilterTable}'s) nor judged (which flows a match holds for
 * depends on the hook, and is {@link ChainSimulator}'s).
 */
final class Syntax {

    private Syntax() {}

    /** One line of the file that does something. */
    sealed interface Command permits OpenTable, DeclareChain, Flush, Append, Commit {
        SourceSpan span();
    }

    /** {@code *filter}: the start of a transaction on table filter. */
    record OpenTable(SourceSpan span) implements Command {}

    /**
     * {@code :NAME POLICY [packets:bytes]}: creates or empties a user chain ({@code -} as policy),
     * or sets the policy of a built-in chain.
     *
     * @param policy the built-in chain's new policy; empty for {@code -}, which leaves it as it was
     * @param text   the line as written
     */
    record DeclareChain(String name, SourceSpan span, Optional<Verdict> policy, String text) implements Command {}

    /** {@code -F CHAIN}, or {@code -F} alone for every chain of the table. */
    record Flush(Optional<String> chain, SourceSpan span) implements Command {}

    /** {@code -A CHAIN ...}. */
    record Append(String chain, SourceSpan span, Rule rule) implements Command {}

    /** {@code COMMIT}: the end of the transaction. */
    record Commit(SourceSpan span) implements Command {}

    /**
     * One rule: when every match holds, the target applies.
     *
     * @param text the line as written, for people
     */
    record Rule(SourceSpan span, String text, ImmutableList<Match> matches, Target target) {}

    /** One condition of a rule. */
    sealed interface Match permits Address, AddressSet, Protocols, Interface, CtState, Ports, IcmpEcho {}

    /** {@code -s BLOCK} ({@code source}) or {@code -d BLOCK}. */
    record Address(boolean source, IPAddress block, SourceSpan span) implements Match {}

    /**
     * {@code -m set --match-set NAME src} ({@code source}) or {@code ... dst}: the address is in
     * one of the set's blocks.
     *
     * @param span where the flag is written
     */
    record AddressSet(boolean source, String name, ImmutableList<IPAddress> blocks, SourceSpan span) implements Match {}

    /** {@code -p NAME|NUMBER}: protocol numbers ({@code all} and {@code 0} are every one). */
    record Protocols(ImmutableRangeSet<Integer> numbers) implements Match {}

    /** {@code -i NAME} ({@code input}) or {@code -o NAME}. */
    record Interface(String name, boolean input, SourceSpan span) implements Match {}

    /** {@code -m conntrack --ctstate ...}: new flows match exactly when the states include NEW. */
    record CtState(boolean includesNew) implements Match {}

    /**
     * {@code -m tcp|udp --dport ...} or {@code -m multiport --dports ...}.
     *
     * @param protocol the protocol number the rule is kept to by {@code -p} (6 or 17)
     * @param ports    0-65535 as written; flows have ports 1-65535
     */
    record Ports(int protocol, ImmutableRangeSet<Integer> ports) implements Match {}

    /**
     * {@code -m icmp --icmp-type T} or {@code -m icmp6 --icmpv6-type T}. ICMP flows of the model are
     * echo requests, so whether T is echo-request is all that matters; iptables keeps the match to
     * its protocol ({@code -p icmp} or {@code -p ipv6-icmp} is required).
     */
    record IcmpEcho(boolean echoRequest) implements Match {}

    /** What a rule does when it matches. */
    sealed interface Target permits Decide, Return, Jump, Continue {}

    /** {@code -j ACCEPT} or {@code -j DROP}: ends the packet's walk. */
    record Decide(Verdict verdict) implements Target {}

    /** {@code -j RETURN}: back to the calling chain, or to the policy of a built-in one. */
    record Return() implements Target {}

    /** {@code -j CHAIN}: into a user chain, and back when it ends or returns. */
    record Jump(String chain, SourceSpan span) implements Target {}

    /** {@code -j LOG ...} or no target: the packet goes on to the next rule. */
    record Continue() implements Target {}
}
