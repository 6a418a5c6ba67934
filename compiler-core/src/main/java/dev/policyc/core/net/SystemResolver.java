package dev.policyc.core.net;

import com.google.common.collect.ImmutableList;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A {@link NameResolver} that asks the machine's resolver ({@code --resolve}) through
 * {@link InetAddress#getAllByName}: hosts file, DNS, whatever the system is configured with.
 * Answers may differ from run to run and machine to machine; {@link HostsFileResolver} is the
 * reproducible choice.
 */
public final class SystemResolver implements NameResolver {

    /** The JDK lookup, replaceable so that tests can answer without a network. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] allByName(String name) throws UnknownHostException;
    }

    private final Lookup lookup;

    public SystemResolver() {
        this(InetAddress::getAllByName);
    }

    SystemResolver(Lookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public Resolution resolve(String name) {
        // getAllByName("") answers the loopback address, which no policy author means.
        if (name.isBlank()) {
            return new Resolution.NoAddresses("the name is empty");
        }
        InetAddress[] found;
        try {
            found = lookup.allByName(name);
        } catch (UnknownHostException e) {
            return new Resolution.NoAddresses("the system resolver does not know it" + detail(e));
        } catch (SecurityException e) {
            return new Resolution.NoAddresses("the system resolver may not be asked" + detail(e));
        }
        if (found == null || found.length == 0) {
            return new Resolution.NoAddresses("the system resolver returned no address");
        }
        IPAddressGenerator generator = new IPAddressGenerator();
        ImmutableList.Builder<IPAddress> addresses = ImmutableList.builder();
        for (InetAddress a : found) {
            // From the raw bytes, so that an IPv6 scope id (fe80::1%eth0) does not become a zone.
            IPAddress address = generator.from(a.getAddress());
            if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
                address = address.toIPv6().getEmbeddedIPv4Address();
            }
            addresses.add(address);
        }
        return new Resolution.Addresses(addresses.build());
    }

    private static String detail(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
    }
}
