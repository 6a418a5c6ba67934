package dev.policyc.core.net;

import com.google.common.collect.ImmutableList;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * What a {@link NameResolver} found for one DNS name: its addresses, or why it has none.
 * "Not found" is an ordinary answer, never an exception, because a policy may name a host that
 * does not resolve where it is compiled.
 */
public sealed interface Resolution permits Resolution.Addresses, Resolution.NoAddresses {

    /**
     * The addresses of a name, both families.
     *
     * @param addresses single addresses without prefix length and never IPv4-mapped, without
     *                  duplicates, IPv4 before IPv6 and ascending within a family, so that the same
     *                  answer in another order gives the same rules; never empty
     */
    record Addresses(ImmutableList<IPAddress> addresses) implements Resolution {
        /** IPv4 first, then by numeric value. */
        private static final Comparator<IPAddress> ORDER =
                Comparator.<IPAddress>comparingInt(a -> a.isIPv4() ? 4 : 6).thenComparing(IPAddress::getValue, BigInteger::compareTo);

        public Addresses {
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("a name with addresses has at least one; use NoAddresses");
            }
            for (IPAddress a : addresses) {
                if (a.isMultiple()) {
                    throw new IllegalArgumentException("not a single address: " + a);
                }
                if (a.isIPv6() && a.toIPv6().isIPv4Mapped()) {
                    throw new IllegalArgumentException("IPv4-mapped addresses are given in IPv4 form: " + a);
                }
            }
            addresses = addresses.stream()
                    .map(IPAddress::withoutPrefixLength)
                    .distinct()
                    .sorted(ORDER)
                    .collect(ImmutableList.toImmutableList());
        }

        public static Addresses of(Collection<? extends IPAddress> addresses) {
            return new Addresses(ImmutableList.copyOf(addresses));
        }
    }

    /**
     * @param reason why there are none: a lower-case phrase that completes
     *               "{@code dns "NAME" has no addresses: }", such as {@code not listed in hosts file hosts}
     */
    record NoAddresses(String reason) implements Resolution {
        public NoAddresses {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
