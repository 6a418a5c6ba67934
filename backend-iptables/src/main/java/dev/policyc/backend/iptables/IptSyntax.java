package dev.policyc.backend.iptables;

import dev.policyc.core.backend.Quoting;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.PrefixBlocks;
import inet.ipaddr.IPAddress;
import java.util.stream.Collectors;

/**
 * The words of iptables-restore syntax that policyc uses, spelled in one place and, where there is
 * a choice, the way {@code iptables-save} prints them back, so that the kernel's listing reads
 * like the file.
 */
final class IptSyntax {

    /**
     * Inside double quotes iptables-restore reads a backslash as "take the next character as it
     * is", so a quote or a backslash of user text is escaped. The comment match keeps at most 255
     * bytes (iptables-nft cuts longer ones silently, iptables-legacy refuses them).
     */
    static final Quoting COMMENT = Quoting.withBackslashEscapes('"', 255);

    /** The LOG target keeps at most 29 bytes of prefix (iptables-nft cuts, iptables-legacy refuses). */
    static final Quoting LOG_PREFIX = Quoting.withBackslashEscapes('"', 29);

    /** Neighbour discovery: router solicitation and advertisement, neighbour solicitation and advertisement, redirect. */
    static final int[] NEIGHBOUR_DISCOVERY_TYPES = {133, 134, 135, 136, 137};

    private IptSyntax() {}

    /** The tool that loads a family's file. */
    static String restoreTool(Family family) {
        return family == Family.IPV4 ? "iptables-restore" : "ip6tables-restore";
    }

    /** The file of a policy for one family: {@code webapp.v4.rules}. */
    static String fileName(String policyName, Family family) {
        return policyName + ".v" + family.version() + ".rules";
    }

    /** The option that matches the remote address: the destination going out, the source coming in. */
    static String remoteAddressOption(Direction direction) {
        return direction == Direction.OUT ? "-d" : "-s";
    }

    /** The flag of {@code -m set --match-set NAME FLAG} that matches the remote address, as {@link #remoteAddressOption}. */
    static String remoteAddressFlag(Direction direction) {
        return direction == Direction.OUT ? "dst" : "src";
    }

    /** The option that matches the loopback device on the side of the container. */
    static String loopbackOption(Direction direction) {
        return direction == Direction.OUT ? "-o lo" : "-i lo";
    }

    /** A block with its length, as iptables-save prints it: {@code 10.0.0.1/32}, {@code 2001:db8::/32}. */
    static String address(IPAddress block) {
        return PrefixBlocks.firstAddressText(block) + "/" + prefixLength(block);
    }

    /** The prefix length of a block, also of a single address given without one ({@code /32}, {@code /128}). */
    static int prefixLength(IPAddress block) {
        return block.getMinPrefixLengthForBlock();
    }

    /** The name {@code -p} takes, as iptables-save prints it ({@code ipv6-icmp} for icmpv6). */
    static String protocol(Protocol protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case ICMPV6 -> "ipv6-icmp";
        };
    }

    /**
     * The destination-port match of a tcp or udp rule: {@code -m tcp --dport 22},
     * {@code -m udp --dport 1000:2000} or {@code -m multiport --dports 80,443,8000:8080}.
     */
    static String ports(Protocol protocol, PortGroup group) {
        if (group.isSingleRange()) {
            return "-m " + protocol(protocol) + " --dport " + range(group.ranges().get(0));
        }
        return "-m multiport --dports " + group.ranges().stream().map(IptSyntax::range).collect(Collectors.joining(","));
    }

    private static String range(PortGroup.Range range) {
        return range.first() == range.last() ? Integer.toString(range.first()) : range.first() + ":" + range.last();
    }

    /** The target of a verdict. */
    static String target(Verdict verdict) {
        return verdict == Verdict.ALLOW ? "ACCEPT" : "DROP";
    }
}
