package dev.policyc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolutionTest {

    private static IPAddress ip(String text) {
        return new IPAddressString(text).getAddress();
    }

    @Test
    void addressesAreDistinctSortedAndWithoutPrefixLength() {
        Resolution.Addresses a = Resolution.Addresses.of(List.of(ip("2001:db8::1"), ip("10.0.0.2"), ip("10.0.0.2/32"), ip("9.255.255.255")));
        assertEquals(List.of("9.255.255.255", "10.0.0.2", "2001:db8::1"),
                a.addresses().stream().map(IPAddress::toCanonicalString).toList());
    }

    @Test
    void rejectsWhatIsNotASetOfSingleAddresses() {
        assertThrows(IllegalArgumentException.class, () -> new Resolution.Addresses(ImmutableList.of()));
        assertThrows(IllegalArgumentException.class, () -> Resolution.Addresses.of(List.of(ip("10.0.0.0/8"))));
        assertThrows(IllegalArgumentException.class, () -> Resolution.Addresses.of(List.of(ip("::ffff:10.0.0.1"))));
    }

    @Test
    void namesNormalizeToLowerCaseWithoutTrailingDot() {
        assertEquals("api.example.com", NameResolver.normalize("API.Example.com."));
        assertEquals("api.example.com", NameResolver.normalize("api.example.com"));
    }
}
