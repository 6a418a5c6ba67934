package dev.policyc.core.net;

import dev.policyc.core.ir.Family;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The strict address syntax of the policy language and of {@code policyc eval}: dotted-quad
 * IPv4 without leading zeros, RFC 4291 IPv6 text without zone ids, and no IPv4-mapped IPv6
 * ({@code ::ffff:a.b.c.d}), whose meaning differs between iptables and nftables and which a
 * container never sees on the wire. Parsing is done by the IPAddress library; this class only
 * narrows what it accepts and words the errors for policy authors.
 */
public final class AddressSyntax {

    static final IPAddressStringParameters STRICT = strictParameters();
    /** The library rejects "/0" when prefix leading zeros are banned, so that check is ours. */
    private static final Pattern PREFIX_LENGTH_WITH_LEADING_ZERO = Pattern.compile(".*/0\\d+$");

    private AddressSyntax() {}

    /** What came of parsing one literal: an address or prefix block, or why not. */
    public sealed interface Parsed permits Ok, Bad {}

    /** @param address a single address (no prefix length) or a prefix block */
    public record Ok(IPAddress address) implements Parsed {
        public Ok {
            Objects.requireNonNull(address);
        }
    }

    /** @param hint how to fix it, or {@code null} */
    public record Bad(String message, String hint) implements Parsed {}

    /** A single address, as in {@code host A} or a flow given to {@code eval}. */
    public static Parsed host(String text) {
        if (text.contains("/")) {
            return new Bad("'" + text + "' is a prefix, not a single address",
                    "write 'cidr " + text + "' for a network");
        }
        return check(text, false);
    }

    /** A prefix {@code A/N} without host bits, as in {@code cidr P}. */
    public static Parsed prefix(String text) {
        if (!text.contains("/")) {
            return new Bad("'" + text + "' has no prefix length", "write 'host " + text + "' for a single address");
        }
        return check(text, true);
    }

    /** A bare literal: a prefix when it has a '/', else a single address. */
    public static Parsed hostOrPrefix(String text) {
        return text.contains("/") ? check(text, true) : check(text, false);
    }

    private static Parsed check(String text, boolean isPrefix) {
        Optional<IPAddress> quad = DottedQuad.parse(text);
        if (quad.isPresent()) {
            return checked(text, quad.get(), isPrefix);
        }
        if (text.indexOf('%') >= 0) {
            int zone = text.indexOf('%');
            return new Bad("'" + text + "' has a zone id (" + text.substring(zone) + "); zone ids are not allowed",
                    "write '" + text.substring(0, zone) + "'");
        }
        int slash = text.lastIndexOf('/');
        // The regular expression only on a text that may match it: it showed on 100,000 prefixes.
        if (slash >= 0 && slash + 2 < text.length() && text.charAt(slash + 1) == '0'
                && PREFIX_LENGTH_WITH_LEADING_ZERO.matcher(text).matches()) {
            String fixed = text.substring(0, text.lastIndexOf('/') + 1)
                    + Integer.parseInt(text.substring(text.lastIndexOf('/') + 1).replaceFirst("^0+(?=\\d)", ""));
            return new Bad("prefix length of '" + text + "' has a leading zero", "write '" + fixed + "'");
        }
        IPAddress address;
        try {
            address = new IPAddressString(text, STRICT).toAddress();
        } catch (AddressStringException e) {
            return explain(text, e);
        }
        return checked(text, address, isPrefix);
    }

    /** What the language makes of a literal the library has read as {@code address}. */
    private static Parsed checked(String text, IPAddress address, boolean isPrefix) {
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            String v4 = address.toIPv6().getEmbeddedIPv4Address().withoutPrefixLength().toCanonicalString();
            return new Bad("'" + text + "' is an IPv4-mapped IPv6 address, which is not allowed",
                    "write the IPv4 form '" + v4 + (isPrefix ? "/" + Math.max(0, address.getNetworkPrefixLength() - 96) : "") + "'");
        }
        if (!isPrefix) {
            return new Ok(address.withoutPrefixLength());
        }
        if (!address.isPrefixBlock()) {
            String network = address.toPrefixBlock().toCanonicalString();
            String host = address.withoutPrefixLength().toCanonicalString();
            return new Bad("'" + text + "' has host bits set",
                    "write 'cidr " + network + "' for the network, or 'host " + host + "' for the single address");
        }
        return new Ok(address);
    }

    private static Bad explain(String text, AddressStringException e) {
        if (text.matches("(?:.*[.:])?0\\d+(?:[.:/].*)?") && !text.contains(":")) {
            String fixed = text.replaceAll("(?<![0-9])0+(?=[0-9])", "");
            return new Bad("'" + text + "' has a leading zero in an IPv4 address, which some tools read as octal",
                    "write '" + fixed + "'");
        }
        String reason = e.getMessage();
        int cut = reason == null ? -1 : reason.indexOf("error: ");
        String detail = cut >= 0 ? reason.substring(cut + "error: ".length()) : "malformed";
        return new Bad("'" + text + "' is not a valid IP address or prefix: " + detail,
                "write an IPv4 address like 192.0.2.1, an IPv6 address like 2001:db8::1, or a prefix like 10.0.0.0/8");
    }

    /** The family of a parsed address. */
    public static Family familyOf(IPAddress address) {
        return address.isIPv4() ? Family.IPV4 : Family.IPV6;
    }

    private static IPAddressStringParameters strictParameters() {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .allowAll(false)
                .allowMask(false)
                .allowSingleSegment(false)
                .allowPrefixOnly(false)
                .allow_inet_aton(false)
                .setRangeOptions(RangeParameters.NO_RANGE);
        b.getIPv4AddressParametersBuilder()
                .allowLeadingZeros(false)
                .allowUnlimitedLeadingZeros(false)
                .allowBinary(false);
        b.getIPv6AddressParametersBuilder()
                .allowZone(false)
                .allowBinary(false);
        return b.toParams();
    }
}
