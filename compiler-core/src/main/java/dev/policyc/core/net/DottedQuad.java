package dev.policyc.core.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.Optional;

/**
 * A fast path for the commonest literal of all, a plain dotted-quad IPv4 address with an
 * optional prefix length ({@code 10.1.2.0/24}): read with a few comparisons and handed to the
 * IPAddress library as a number, instead of through {@code IPAddressString}, whose general
 * parser costs several microseconds a literal before the JIT has compiled it (a tenth of a
 * 10,000-prefix compile). It accepts only texts the strict syntax accepts, with the same
 * result; anything else, valid or not, is left to the library, which also words the errors.
 * {@code DottedQuadProperties} checks both claims against the library.
 */
final class DottedQuad {

    private DottedQuad() {}

    /**
     * The address (with its prefix length, if written) when {@code text} is four decimal
     * octets of 0..255 without leading zeros, optionally followed by {@code /N} with N in
     * 0..32 and no leading zero; else empty.
     */
    static Optional<IPAddress> parse(String text) {
        int length = text.length();
        int at = 0;
        int value = 0;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (at >= length || text.charAt(at) != '.') {
                    return Optional.empty();
                }
                at++;
            }
            int start = at;
            int number = 0;
            while (at < length && at - start < 4 && isDigit(text.charAt(at))) {
                number = number * 10 + (text.charAt(at) - '0');
                at++;
            }
            int digits = at - start;
            if (digits == 0 || digits > 3 || number > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return Optional.empty();
            }
            value = (value << 8) | number;
        }
        if (at == length) {
            return Optional.of(new IPv4Address(value));
        }
        if (text.charAt(at) != '/') {
            return Optional.empty();
        }
        at++;
        int start = at;
        int prefix = 0;
        while (at < length && at - start < 3 && isDigit(text.charAt(at))) {
            prefix = prefix * 10 + (text.charAt(at) - '0');
            at++;
        }
        int digits = at - start;
        if (at != length || digits == 0 || digits > 2 || prefix > 32 || (digits > 1 && text.charAt(start) == '0')) {
            return Optional.empty();
        }
        return Optional.of(new IPv4Address(value, prefix));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
