package dev.policyc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only "localhost" reaches the real resolver; every other case answers from a stand-in lookup. */
class SystemResolverTest {

    @Test
    void localhostResolvesToLoopback() {
        Resolution r = new SystemResolver().resolve("localhost");
        Resolution.Addresses found = assertInstanceOf(Resolution.Addresses.class, r);
        assertTrue(found.addresses().stream().allMatch(a -> a.isLoopback()), found::toString);
    }

    @Test
    void unknownHostBecomesNoAddressesWithTheReason() {
        SystemResolver resolver = new SystemResolver(name -> {
            throw new UnknownHostException(name + ": Name or service not known");
        });
        assertEquals(new Resolution.NoAddresses("the system resolver does not know it (nowhere.invalid: Name or service not known)"),
                resolver.resolve("nowhere.invalid"));
    }

    @Test
    void refusedLookupBecomesNoAddresses() {
        SystemResolver resolver = new SystemResolver(name -> {
            throw new SecurityException("denied");
        });
        assertEquals(new Resolution.NoAddresses("the system resolver may not be asked (denied)"), resolver.resolve("x.example"));
    }

    @Test
    void emptyNameIsNeverLookedUp() {
        SystemResolver resolver = new SystemResolver(name -> {
            throw new AssertionError("looked up an empty name");
        });
        assertInstanceOf(Resolution.NoAddresses.class, resolver.resolve(""));
    }

    @Test
    void addressesOfBothFamiliesWithoutScopeIdsOrMappedForm() throws UnknownHostException {
        InetAddress v6WithScope = java.net.Inet6Address.getByAddress("h", InetAddress.getByName("fe80::1").getAddress(), 2);
        InetAddress v4 = InetAddress.getByAddress("h", new byte[] {(byte) 192, 0, 2, 1});
        SystemResolver resolver = new SystemResolver(name -> new InetAddress[] {v6WithScope, v4});
        Resolution.Addresses found = assertInstanceOf(Resolution.Addresses.class, resolver.resolve("h"));
        assertEquals(List.of("192.0.2.1", "fe80::1"), found.addresses().stream().map(a -> a.toCanonicalString()).toList());
    }
}
