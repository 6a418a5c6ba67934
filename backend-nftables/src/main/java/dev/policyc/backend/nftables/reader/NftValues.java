package dev.policyc.backend.nftables.reader;

import dev.policyc.core.verify.ReadFailure;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.core.ir.Family;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values of nft matches read here: addresses, ports, protocols, states, ICMP types. */
final class NftValues {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    /** Dotted quads only, without leading zeros. */
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}(/(3[0-2]|[12]?[0-9]))?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))?");
    /** nft hands IPv4 text it cannot parse strictly to the C library, which reads {@code 010} as octal 8. */
    private static final Pattern LEADING_ZERO = Pattern.compile("(^|\\.)0[0-9]");
    private static final Pattern PORTS = Pattern.compile("([0-9]{1,5})(-([0-9]{1,5}))?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,3}");

    /** The protocol names nft knows that a ruleset here may use. */
    private static final ImmutableMap<String, Integer> PROTOCOLS = ImmutableMap.<String, Integer>builder()
            .put("icmp", 1).put("igmp", 2).put("tcp", 6).put("udp", 17).put("dccp", 33).put("gre", 47)
            .put("esp", 50).put("ah", 51).put("ipv6-icmp", 58).put("icmpv6", 58).put("sctp", 132).put("udplite", 136)
            .build();

    private static final ImmutableSet<String> CT_STATES = ImmutableSet.of("new", "established", "related", "invalid", "untracked");

    private static final ImmutableSet<String> ICMP_TYPES = ImmutableSet.of(
            "echo-reply", "destination-unreachable", "source-quench", "redirect", "echo-request", "router-advertisement",
            "router-solicitation", "time-exceeded", "parameter-problem", "timestamp-request", "timestamp-reply",
            "info-request", "info-reply", "address-mask-request", "address-mask-reply");

    private static final ImmutableSet<String> ICMPV6_TYPES = ImmutableSet.of(
            "destination-unreachable", "packet-too-big", "time-exceeded", "parameter-problem", "echo-request",
            "echo-reply", "mld-listener-query", "mld-listener-report", "mld-listener-done", "mld-listener-reduction",
            "nd-router-solicit", "nd-router-advert", "nd-neighbor-solicit", "nd-neighbor-advert", "nd-redirect",
            "router-renumbering", "ind-neighbor-solicit", "ind-neighbor-advert", "mld2-listener-report");

    private NftValues() {}

    /** An address or prefix of {@code family}: a single address, or a prefix block without host bits. */
    static IPAddress block(Token token, Family family) {
        if (family == Family.IPV4 && LEADING_ZERO.matcher(token.text()).find()) {
            throw new ReadFailure(NftReader.UNSUPPORTED, token.span(), token.shown() + " has a number with a leading zero, which nft reads as octal",
                    "write the address without leading zeros");
        }
        Pattern syntax = family == Family.IPV4 ? IPV4 : IPV6;
        String kind = family == Family.IPV4 ? "an IPv4 address or prefix" : "an IPv6 address or prefix";
        IPAddress address = syntax.matcher(token.text()).matches() ? new IPAddressString(token.text()).getAddress() : null;
        if (address == null || address.isIPv4() != (family == Family.IPV4)) {
            throw new ReadFailure(NftReader.INVALID, token.span(), token.shown() + " is not " + kind, null);
        }
        if (address.getNetworkPrefixLength() != null && !address.isPrefixBlock()) {
            // nft masks them away; policyc never writes them, so they are a sign of a slip, not a meaning to take.
            throw new ReadFailure(NftReader.UNSUPPORTED, token.span(), "prefix " + token.shown() + " has host bits set, which nft ignores",
                    "write the network address, " + address.toPrefixBlock().toCanonicalString());
        }
        return address;
    }

    /** {@code 53} or {@code 1000-2000}, as a closed range within 0-65535. */
    static Range<Integer> portRange(Token token) {
        Matcher m = PORTS.matcher(token.text());
        if (!m.matches()) {
            throw new ReadFailure(NftReader.UNSUPPORTED, token.span(), token.shown() + " is not a port or a port range",
                    "the reader takes port numbers and ranges such as 80 or 1000-2000");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(3) == null ? first : Integer.parseInt(m.group(3));
        if (last > 65535 || first > last) {
            throw new ReadFailure(NftReader.INVALID, token.span(), token.shown() + " is not a port range within 0-65535", null);
        }
        return Range.closed(first, last);
    }

    /** A protocol name or number 0-255. */
    static int protocol(Token token) {
        Integer named = PROTOCOLS.get(token.text());
        if (named != null) {
            return named;
        }
        if (NUMBER.matcher(token.text()).matches() && Integer.parseInt(token.text()) <= 255) {
            return Integer.parseInt(token.text());
        }
        throw new ReadFailure(NftReader.UNSUPPORTED, token.span(), token.shown() + " is not a protocol the reader knows",
                "use a protocol number 0-255 or one of " + String.join(", ", PROTOCOLS.keySet()));
    }

    /** {@code ipv4} or {@code ipv6}. */
    static Family nfproto(Token token) {
        return switch (token.text()) {
            case "ipv4" -> Family.IPV4;
            case "ipv6" -> Family.IPV6;
            default -> throw new ReadFailure(NftReader.UNSUPPORTED, token.span(),
                    token.shown() + " is not a family the reader knows", "use ipv4 or ipv6");
        };
    }

    /** True for {@code new}; false for the other conntrack states. */
    static boolean isNewState(Token token) {
        if (!CT_STATES.contains(token.text())) {
            throw new ReadFailure(NftReader.UNSUPPORTED, token.span(), token.shown() + " is not a conntrack state the reader knows",
                    "use " + String.join(", ", CT_STATES));
        }
        return token.text().equals("new");
    }

    /** True for {@code echo-request}, the one ICMP type the flow model has; false for the other types. */
    static boolean isEchoRequest(Token token, Family family) {
        ImmutableSet<String> known = family == Family.IPV4 ? ICMP_TYPES : ICMPV6_TYPES;
        if (!known.contains(token.text())) {
            throw new ReadFailure(NftReader.UNSUPPORTED, token.span(),
                    token.shown() + " is not an " + (family == Family.IPV4 ? "icmp" : "icmpv6") + " type the reader knows",
                    "use a type name such as echo-request");
        }
        return token.text().equals("echo-request");
    }
}
