package dev.policyc.dsl.testing;

import com.google.common.collect.ImmutableSet;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Valid literals of the policy language, weighted towards their boundaries: the first and last
 * addresses, prefixes of length 0, 1, 31, 32, 127 and 128, ports 1 and 65535, names and DNS
 * labels of the longest allowed length. Every literal is accepted by a correct checker.
 */
public final class LiteralArbitraries {

    /** The reserved words of the language, which no name may be. */
    public static final ImmutableSet<String> KEYWORDS = ImmutableSet.of(
            "policy", "define", "net", "ports", "default", "allow", "deny", "in", "out", "tcp", "udp",
            "icmp", "icmpv6", "to", "from", "host", "cidr", "dns", "resolver", "any", "port", "log",
            "comment", "include");

    /** Text pieces for comments: quotes, backslashes, {@code #}, braces and non-ASCII letters. */
    private static final List<String> COMMENT_PIECES = List.of(
            "a", "web", "DB", "7", " ", " ", "\"", "\\", "#", "$x", "{", "}", ",", "=", "é", "ß", "日本", "🙂", "→");

    private LiteralArbitraries() {}

    /** Dotted-quad IPv4 addresses without leading zeros, {@code 0.0.0.0} and {@code 255.255.255.255} often. */
    public static Arbitrary<String> ipv4Hosts() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of("0.0.0.0", "255.255.255.255")),
                Tuple.of(6, ipv4Values().map(bits -> new IPv4Address(bits).toCanonicalString())));
    }

    /** IPv4 prefixes without host bits, {@code /0}, {@code /1}, {@code /31} and {@code /32} often. */
    public static Arbitrary<String> ipv4Prefixes() {
        return Combinators.combine(ipv4Values(), prefixLengths(32))
                .as((bits, length) -> new IPv4Address(bits, length).toPrefixBlock().toCanonicalString());
    }

    /**
     * IPv6 addresses in compressed, full or upper-case form, {@code ::} and {@code ffff:...} often;
     * never IPv4-mapped ({@code ::ffff:0:0/96}), which the language forbids.
     */
    public static Arbitrary<String> ipv6Hosts() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")),
                Tuple.of(6, Combinators.combine(ipv6Values(), ipv6Spellings()).as((address, spelling) -> spelling.text(address))));
    }

    /** IPv6 prefixes without host bits, {@code /0}, {@code /1}, {@code /127} and {@code /128} often; never IPv4-mapped. */
    public static Arbitrary<String> ipv6Prefixes() {
        Arbitrary<IPv6Address> blocks = Combinators.combine(ipv6Values(), prefixLengths(128))
                .as((address, length) -> address.toPrefixBlock(length))
                .filter(block -> !block.isIPv4Mapped());
        return Combinators.combine(blocks, ipv6Spellings())
                .as((block, spelling) -> spelling.text(block.getLower().withoutPrefixLength()) + "/" + block.getPrefixLength());
    }

    /** Ports 1 to 65535, the two ends often. */
    public static Arbitrary<Integer> ports() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(1, 65535)),
                Tuple.of(4, Arbitraries.integers().between(1, 65535)));
    }

    /**
     * RFC 1123 host names: labels of 1 to 63 letters, digits and inner hyphens, at most 253
     * characters in all, and a last label starting with a letter so that no name looks like an
     * address. Lower case only.
     */
    public static Arbitrary<String> dnsNames() {
        Arbitrary<String> usual = Combinators.combine(dnsLabels().list().ofMaxSize(3), topLabels())
                .as((labels, top) -> labels.isEmpty() ? top : String.join(".", labels) + "." + top)
                .filter(name -> name.length() <= 253);
        Arbitrary<String> longest = Combinators.combine(dnsLabels(63), dnsLabels(63), dnsLabels(63), topLabels(61))
                .as((a, b, c, top) -> a + "." + b + "." + c + "." + top);
        return Arbitraries.frequencyOf(Tuple.of(8, usual), Tuple.of(1, longest));
    }

    /** Policy names matching {@code [a-z][a-z0-9-]{0,23}}, keywords excluded. */
    public static Arbitrary<String> policyNames() {
        return names("abcdefghijklmnopqrstuvwxyz0123456789-", 24);
    }

    /** Define names matching {@code [a-z][a-z0-9_]{0,31}}, keywords excluded. */
    public static Arbitrary<String> defineNames() {
        return names("abcdefghijklmnopqrstuvwxyz0123456789_", 32);
    }

    /** Text for {@code comment "..."}: quotes, backslashes, {@code #}, unicode; no control characters. */
    public static Arbitrary<String> commentStrings() {
        return Arbitraries.of(COMMENT_PIECES).list().ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    /** Text of a {@code #} comment as the AST keeps it: without the {@code #}, without trailing blanks. */
    public static Arbitrary<String> commentLines() {
        return commentStrings().map(String::stripTrailing);
    }

    private static Arbitrary<String> names(String chars, int maxLength) {
        Arbitrary<String> rest = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().withChars(chars).ofMaxLength(maxLength - 1)),
                Tuple.of(1, Arbitraries.strings().withChars(chars).ofLength(maxLength - 1)));
        return Combinators.combine(Arbitraries.chars().range('a', 'z'), rest)
                .as((first, tail) -> first + tail)
                .filter(name -> !KEYWORDS.contains(name));
    }

    private static Arbitrary<String> dnsLabels() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 12).flatMap(LiteralArbitraries::dnsLabels)),
                Tuple.of(1, dnsLabels(63)));
    }

    private static Arbitrary<String> dnsLabels(int length) {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofLength(length)
                .filter(label -> label.charAt(0) != '-' && label.charAt(label.length() - 1) != '-');
    }

    private static Arbitrary<String> topLabels() {
        return Arbitraries.integers().between(2, 10).flatMap(LiteralArbitraries::topLabels);
    }

    private static Arbitrary<String> topLabels(int length) {
        return dnsLabels(length).filter(label -> Character.isLetter(label.charAt(0)));
    }

    private static Arbitrary<Integer> prefixLengths(int bits) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0, 1, bits - 1, bits)),
                Tuple.of(2, Arbitraries.integers().between(0, bits)));
    }

    private static Arbitrary<Integer> ipv4Values() {
        Arbitrary<Integer> octet = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0, 255)),
                Tuple.of(3, Arbitraries.integers().between(0, 255)));
        return octet.list().ofSize(4).map(o -> o.get(0) << 24 | o.get(1) << 16 | o.get(2) << 8 | o.get(3));
    }

    private static Arbitrary<IPv6Address> ipv6Values() {
        Arbitrary<Integer> segment = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(0xffff)),
                Tuple.of(3, Arbitraries.integers().between(0, 0xffff)));
        return segment.list().ofSize(8).map(segments -> {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[2 * i] = (byte) (segments.get(i) >> 8);
                bytes[2 * i + 1] = (byte) (int) segments.get(i);
            }
            return new IPv6Address(bytes);
        }).filter(address -> !address.isIPv4Mapped());
    }

    private enum Ipv6Spelling {
        COMPRESSED, FULL, UPPER_CASE;

        String text(IPv6Address address) {
            return switch (this) {
                case COMPRESSED -> address.toCanonicalString();
                case FULL -> address.toFullString();
                case UPPER_CASE -> address.toCanonicalString().toUpperCase(Locale.ROOT);
            };
        }
    }

    private static Arbitrary<Ipv6Spelling> ipv6Spellings() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Ipv6Spelling.COMPRESSED)),
                Tuple.of(1, Arbitraries.just(Ipv6Spelling.FULL)),
                Tuple.of(1, Arbitraries.just(Ipv6Spelling.UPPER_CASE)));
    }
}
