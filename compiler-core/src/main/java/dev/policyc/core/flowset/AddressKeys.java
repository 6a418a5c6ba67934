package dev.policyc.core.flowset;

import dev.policyc.core.ir.Family;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.format.IPAddressRange;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.nio.ByteBuffer;

/** Converts between IPAddress values and the (high, low) keys of the address axes. */
final class AddressKeys {

    private AddressKeys() {}

    static Axis axisOf(Family family) {
        return family == Family.IPV4 ? Axis.IPV4 : Axis.IPV6;
    }

    static Family familyOf(IPAddressRange range) {
        IPAddress sample = range instanceof IPAddress a ? a : range.getLower();
        return sample.isIPv4() ? Family.IPV4 : Family.IPV6;
    }

    /**
     * The closed key interval of a sequential address range (a single address, a prefix block
     * or an {@link IPAddressSeqRange}).
     *
     * @throws IllegalArgumentException for a non-sequential address such as {@code 1.*.2.3}
     */
    static Partition.Span span(IPAddressRange range) {
        if (!range.isSequential()) {
            throw new IllegalArgumentException("not a sequential address range: " + range);
        }
        if (range instanceof IPv4Address v4) {
            // The common case (prefix blocks of a policy): no intermediate objects.
            return new Partition.Span(0, v4.longValue(), 0, v4.upperLongValue());
        }
        if (familyOf(range) == Family.IPV4) {
            return new Partition.Span(0, range.getLower().toIPv4().longValue(), 0, range.getUpper().toIPv4().longValue());
        }
        ByteBuffer lower = ByteBuffer.wrap(range.getBytes());
        ByteBuffer upper = ByteBuffer.wrap(range.getUpperBytes());
        return new Partition.Span(lower.getLong(0), lower.getLong(8), upper.getLong(0), upper.getLong(8));
    }

    static IPAddress address(Family family, long hi, long lo) {
        return family == Family.IPV4 ? new IPv4Address((int) lo) : new IPv6Address(hi, lo);
    }

    static IPAddressSeqRange range(Family family, long startHi, long startLo, long endHi, long endLo) {
        return address(family, startHi, startLo).spanWithRange(address(family, endHi, endLo));
    }

    /** The axis key of a single address. */
    static long[] key(IPAddress address) {
        Partition.Span s = span(address);
        return new long[] {s.startHi(), s.startLo()};
    }
}
