package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableSet;
import dev.policyc.core.backend.Quoting;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.net.PrefixBlocks;
import inet.ipaddr.IPAddress;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The words of nftables syntax that policyc uses, spelled in one place. */
final class NftSyntax {

    /**
     * nft has no escapes inside a quoted string: it ends at the next {@code "}, so a quote in user
     * text becomes {@code '}. The kernel keeps at most 128 bytes of a rule comment.
     */
    static final Quoting COMMENT = Quoting.withoutEscapes('"', '\'', 128);

    /** The kernel's log prefix holds 127 bytes and a terminating NUL. */
    static final Quoting LOG_PREFIX = Quoting.withoutEscapes('"', '\'', 127);

    private NftSyntax() {}

    /** The address family keyword of a match: {@code ip} or {@code ip6}. */
    static String addressFamily(Family family) {
        return family == Family.IPV4 ? "ip" : "ip6";
    }

    /** The set element type of a family: {@code ipv4_addr} or {@code ipv6_addr}. */
    static String addressType(Family family) {
        return family == Family.IPV4 ? "ipv4_addr" : "ipv6_addr";
    }

    /** {@code meta nfproto} value of a family. */
    static String nfproto(Family family) {
        return family == Family.IPV4 ? "ipv4" : "ipv6";
    }

    /** The remote address of a flow: the destination of an {@code out} flow, the source of an {@code in} flow. */
    static String remoteAddress(Direction direction) {
        return direction == Direction.OUT ? "daddr" : "saddr";
    }

    /** The hook and chain of a direction. */
    static String hook(Direction direction) {
        return direction == Direction.OUT ? "output" : "input";
    }

    /** The protocol name nft prints back ({@code ipv6-icmp} rather than {@code icmpv6}). */
    static String protocol(Protocol protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case ICMPV6 -> "ipv6-icmp";
        };
    }

    /** {@code tcp} or {@code { tcp, udp }}, by number as {@code nft list} prints them. */
    static String protocols(ImmutableSet<Protocol> protocols) {
        return braced(protocols.stream()
                .sorted(Comparator.comparingInt(Protocol::number))
                .map(NftSyntax::protocol)
                .toList());
    }

    /** {@code 53}, {@code 8000-8080} or {@code { 80, 443 }}. */
    static String ports(PortSet ports) {
        return braced(ports.closedRanges().stream()
                .map(r -> r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1])
                .toList());
    }

    /** A block as nft writes it: a single address without {@code /32} or {@code /128}, else a prefix. */
    static String address(IPAddress block) {
        String first = PrefixBlocks.firstAddressText(block);
        return prefixLength(block) == block.getBitCount() ? first : first + "/" + prefixLength(block);
    }

    /** The prefix length of a block; a single address without one is a full-length block. */
    static int prefixLength(IPAddress block) {
        Integer length = block.getPrefixLength();
        return length == null ? block.getBitCount() : length;
    }

    /** One item bare, several in an anonymous set. */
    static String braced(List<String> items) {
        return items.size() == 1 ? items.get(0) : items.stream().collect(Collectors.joining(", ", "{ ", " }"));
    }
}
