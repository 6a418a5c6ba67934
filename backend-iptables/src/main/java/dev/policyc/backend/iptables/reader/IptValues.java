package dev.policyc.backend.iptables.reader;

import dev.policyc.core.verify.ReadFailure;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import dev.policyc.core.ir.Family;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The values of the options read here: addresses, ports, protocols, conntrack states, ICMP types.
 * Where iptables would bend the text (octal and hexadecimal numbers, short IPv4 forms, service and
 * host names, masked host bits), the value is refused as unsupported rather than guessed at.
 */
final class IptValues {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,5}");
    private static final Pattern COUNTERS = Pattern.compile("\\[[0-9]+:[0-9]+\\]");

    /** The protocol names iptables knows without /etc/protocols, which differs between systems. */
    private static final ImmutableMap<String, Integer> PROTOCOLS = ImmutableMap.<String, Integer>builder()
            .put("all", 0).put("icmp", 1).put("tcp", 6).put("udp", 17).put("esp", 50).put("ah", 51)
            .put("icmpv6", 58).put("ipv6-icmp", 58).put("sctp", 132).put("mh", 135).put("udplite", 136)
            .build();

    private static final ImmutableSet<String> STATES_WITHOUT_NEW = ImmutableSet.of("ESTABLISHED", "RELATED", "INVALID", "UNTRACKED");

    private static final ImmutableMap<String, Integer> ICMP_TYPES = ImmutableMap.of("echo-request", 8, "echo-reply", 0);
    private static final ImmutableMap<String, Integer> ICMPV6_TYPES = ImmutableMap.<String, Integer>builder()
            .put("echo-request", 128).put("echo-reply", 129).put("router-solicitation", 133).put("router-advertisement", 134)
            .put("neighbour-solicitation", 135).put("neighbor-solicitation", 135).put("neighbour-advertisement", 136)
            .put("neighbor-advertisement", 136).put("redirect", 137)
            .build();

    /** Longest comment the comment match keeps, in bytes. */
    static final int MAX_COMMENT_BYTES = 255;
    /** Longest prefix the LOG target keeps, in bytes. */
    static final int MAX_LOG_PREFIX_BYTES = 29;

    private IptValues() {}

    /** {@code A} or {@code A/LEN} of {@code family}: a single address, or a prefix block without host bits. */
    static IPAddress block(Word word, Family family) {
        String text = word.text();
        if (text.contains(",")) {
            throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), "the reader takes one address or prefix per rule, not " + word.shown(),
                    "iptables makes one rule per address of a list; write them as rules of their own");
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Integer length = slash < 0 ? null : prefixLength(word, text.substring(slash + 1), family);
        boolean v4 = family == Family.IPV4;
        boolean looksRight = (v4 ? IPV4 : IPV6).matcher(address).matches();
        IPAddress parsed = looksRight ? new IPAddressString(address).getAddress() : null;
        if (parsed == null || parsed.isIPv4() != v4) {
            boolean otherFamily = (v4 ? IPV6 : IPV4).matcher(address).matches();
            String code = otherFamily ? IptReader.INVALID : IptReader.UNSUPPORTED;
            throw new ReadFailure(code, word.span(), word.shown() + " is not " + (v4 ? "an IPv4" : "an IPv6") + " address or prefix"
                    + (otherFamily ? ", as " + (v4 ? "iptables" : "ip6tables") + " needs" : " as the reader takes them"),
                    otherFamily ? "the " + (v4 ? "IPv6" : "IPv4") + " rules go into the other file"
                            : v4 ? "write a dotted quad without leading zeros (iptables reads 010 as octal), then /LENGTH if need be"
                                    : "write an IPv6 address, then /LENGTH if need be; host names are not taken");
        }
        if (length == null) {
            return parsed.toPrefixBlock(parsed.getBitCount());
        }
        IPAddress block = parsed.toPrefixBlock(length);
        if (!block.getLower().withoutPrefixLength().equals(parsed.withoutPrefixLength())) {
            throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), "prefix " + word.shown() + " has host bits set, which iptables masks away",
                    "write the network address, " + block.toCanonicalString());
        }
        return block;
    }

    private static int prefixLength(Word word, String text, Family family) {
        if (!DECIMAL.matcher(text).matches() || Integer.parseInt(text) > family.bits()) {
            throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), word.shown() + " has no prefix length 0-" + family.bits() + " as the reader takes them",
                    "write the length as a number, not as a mask");
        }
        return Integer.parseInt(text);
    }

    /** {@code N}, {@code N:M}, {@code :M} (from 0) or {@code N:} (to 65535), as a closed range; for {@code --dport}. */
    static Range<Integer> portRange(Word word) {
        String text = word.text();
        int colon = text.indexOf(':');
        if (colon < 0) {
            int port = port(word, text);
            return Range.closed(port, port);
        }
        int first = colon == 0 ? 0 : port(word, text.substring(0, colon));
        int last = colon == text.length() - 1 ? 65535 : port(word, text.substring(colon + 1));
        if (first > last) {
            throw new ReadFailure(IptReader.INVALID, word.span(), "port range " + word.shown() + " runs backwards, which iptables refuses");
        }
        return Range.closed(first, last);
    }

    /**
     * {@code a,b:c,...} as multiport takes it: at most 15 ports, a range counting as two, and every
     * range with both ends given and its first port below its last.
     */
    static ImmutableRangeSet<Integer> portList(Word word) {
        TreeRangeSet<Integer> ports = TreeRangeSet.create();
        int slots = 0;
        for (String item : word.text().split(",", -1)) {
            int colon = item.indexOf(':');
            if (colon < 0) {
                int port = port(word, item);
                ports.add(Range.closed(port, port));
                slots++;
                continue;
            }
            int first = port(word, item.substring(0, colon));
            int last = port(word, item.substring(colon + 1));
            if (first >= last) {
                throw new ReadFailure(IptReader.INVALID, word.span(), "multiport range " + item + " does not run upwards, which iptables refuses");
            }
            ports.add(Range.closed(first, last));
            slots += 2;
        }
        if (slots > 15) {
            throw new ReadFailure(IptReader.INVALID, word.span(), "multiport takes at most 15 ports (a range counting as two), this list has "
                    + slots, "split the list over several rules");
        }
        // Multiport matches a port in any item, so overlapping items mean their union.
        return ImmutableRangeSet.copyOf(ports);
    }

    private static int port(Word word, String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), "'" + text + "' in " + word.shown() + " is not a port number as the reader takes them",
                    "write ports as decimal numbers without leading zeros (iptables reads 010 as octal) and not as service names");
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new ReadFailure(IptReader.INVALID, word.span(), "port " + port + " is above 65535, which iptables refuses");
        }
        return port;
    }

    /** The protocol numbers of {@code -p}: one, or all of them for {@code all} and {@code 0}. */
    static ImmutableRangeSet<Integer> protocols(Word word) {
        String text = word.text().toLowerCase(Locale.ROOT);
        Integer number = PROTOCOLS.get(text);
        if (number == null && DECIMAL.matcher(text).matches() && Integer.parseInt(text) <= 255) {
            number = Integer.parseInt(text);
        }
        if (number == null) {
            throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), word.shown() + " is not a protocol the reader knows",
                    "use a decimal number 0-255 or one of " + String.join(", ", PROTOCOLS.keySet()));
        }
        return number == 0 ? ImmutableRangeSet.of(Range.closed(0, 255)) : ImmutableRangeSet.of(Range.closed(number, number));
    }

    /** Whether the states of {@code --ctstate} (a comma-separated list, in any case) include NEW. */
    static boolean includesNew(Word word) {
        boolean anyNew = false;
        for (String state : word.text().split(",", -1)) {
            String upper = state.toUpperCase(Locale.ROOT);
            if (upper.equals("SNAT") || upper.equals("DNAT")) {
                throw new ReadFailure(IptReader.OUTSIDE_MODEL, word.span(), "conntrack state " + state + " depends on address translation, "
                        + "which is outside the flow model");
            }
            if (!upper.equals("NEW") && !STATES_WITHOUT_NEW.contains(upper)) {
                throw new ReadFailure(IptReader.INVALID, word.span(), "'" + state + "' in " + word.shown() + " is not a conntrack state",
                        "use NEW, ESTABLISHED, RELATED, INVALID or UNTRACKED");
            }
            anyNew |= upper.equals("NEW");
        }
        return anyNew;
    }

    /** Whether the type of {@code --icmp-type} or {@code --icmpv6-type} is echo-request, the one type of the model. */
    static boolean isEchoRequest(Word word, Family family) {
        ImmutableMap<String, Integer> names = family == Family.IPV4 ? ICMP_TYPES : ICMPV6_TYPES;
        Integer type = names.get(word.text());
        if (type == null && DECIMAL.matcher(word.text()).matches() && Integer.parseInt(word.text()) <= 255) {
            type = Integer.parseInt(word.text());
        }
        if (type == null) {
            throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), word.shown() + " is not an ICMP type the reader takes",
                    "write the type as a number, without a code, or as one of " + String.join(", ", names.keySet()));
        }
        return type == (family == Family.IPV4 ? 8 : 128);
    }

    /** {@code text}'s length as the kernel counts it. */
    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** True for the counters of a chain declaration, {@code [packets:bytes]}. */
    static boolean isCounters(String text) {
        return COUNTERS.matcher(text).matches();
    }
}
