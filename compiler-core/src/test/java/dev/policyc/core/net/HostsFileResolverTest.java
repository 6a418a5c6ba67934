package dev.policyc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Severity;
import dev.policyc.core.diag.SourceSpan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostsFileResolverTest {

    private static HostsFileResolver.Loaded load(String text) {
        return HostsFileResolver.parse("hosts", text);
    }

    private static List<String> addresses(HostsFileResolver resolver, String name) {
        Resolution r = resolver.resolve(name);
        return assertInstanceOf(Resolution.Addresses.class, r, () -> name + " -> " + r).addresses().stream()
                .map(a -> a.toCanonicalString())
                .toList();
    }

    @Test
    void readsNamesAliasesCommentsAndBlankLines() {
        HostsFileResolver.Loaded loaded = load("""
                # a comment line
                127.0.0.1\tlocalhost

                140.82.112.5  api.github.com  github-api   # trailing comment
                2606:50c0::5  api.github.com
                """);
        assertEquals(List.of(), loaded.diagnostics());
        HostsFileResolver hosts = loaded.resolver();
        assertEquals(List.of("127.0.0.1"), addresses(hosts, "localhost"));
        assertEquals(List.of("140.82.112.5", "2606:50c0::5"), addresses(hosts, "api.github.com"));
        assertEquals(List.of("140.82.112.5"), addresses(hosts, "github-api"));
        assertEquals(Set.of("localhost", "api.github.com", "github-api"), hosts.names());
    }

    @Test
    void severalLinesAccumulateWithoutDuplicatesIpv4First() {
        HostsFileResolver hosts = load("""
                2001:db8::2 multi
                192.0.2.9 multi
                192.0.2.1 multi
                192.0.2.9 multi
                2001:db8::1 multi
                """).resolver();
        assertEquals(List.of("192.0.2.1", "192.0.2.9", "2001:db8::1", "2001:db8::2"), addresses(hosts, "multi"));
    }

    @Test
    void namesAreCaseInsensitiveAndIgnoreTheTrailingDot() {
        HostsFileResolver hosts = load("192.0.2.1 Api.Example.COM.\r\n192.0.2.2 other.example.com\n").resolver();
        assertEquals(List.of("192.0.2.1"), addresses(hosts, "api.example.com"));
        assertEquals(List.of("192.0.2.1"), addresses(hosts, "API.EXAMPLE.COM."));
        assertEquals(List.of("192.0.2.2"), addresses(hosts, "Other.Example.Com."));
    }

    @Test
    void unknownNameHasNoAddressesWithAReason() {
        Resolution r = load("192.0.2.1 known").resolver().resolve("unknown.example");
        assertEquals(new Resolution.NoAddresses("not listed in hosts file hosts"), r);
    }

    @Test
    void badAddressIsReportedAtItsTokenAndTheLineSkipped() {
        HostsFileResolver.Loaded loaded = load("""
                192.0.2.1 good
                  010.0.0.1 octal
                fe80::1%lo0 zoned
                not-an-address name
                192.0.2.0/24 net
                192.0.2.2 good
                """);
        List<Diagnostic> d = loaded.diagnostics();
        assertEquals(4, d.size(), d::toString);
        assertTrue(d.stream().allMatch(x -> x.severity() == Severity.ERROR && x.code().equals("hosts-file")));
        assertEquals(new SourceSpan("hosts", 2, 3, 9), d.get(0).span());
        assertTrue(d.get(0).message().contains("leading zero"));
        assertEquals("write '10.0.0.1'", d.get(0).hint());
        assertEquals(new SourceSpan("hosts", 3, 1, 11), d.get(1).span());
        assertTrue(d.get(1).message().contains("zone id"));
        assertEquals(new SourceSpan("hosts", 4, 1, 14), d.get(2).span());
        assertEquals(new SourceSpan("hosts", 5, 1, 12), d.get(3).span());
        HostsFileResolver hosts = loaded.resolver();
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), addresses(hosts, "good"));
        assertEquals(Set.of("good"), hosts.names());
    }

    @Test
    void addressWithoutNameIsReported() {
        HostsFileResolver.Loaded loaded = load("192.0.2.1 ok\n\t192.0.2.7   # nothing after\n");
        assertEquals(1, loaded.diagnostics().size());
        Diagnostic d = loaded.diagnostics().get(0);
        assertEquals(new SourceSpan("hosts", 2, 2, 9), d.span());
        assertEquals("no host name after address '192.0.2.7'", d.message());
        assertTrue(d.hint() != null && d.hint().contains("192.0.2.7 host.example.com"));
    }

    @Test
    void aLoneDotIsNotAName() {
        HostsFileResolver.Loaded loaded = load("192.0.2.1 . real");
        assertEquals(1, loaded.diagnostics().size());
        assertEquals(new SourceSpan("hosts", 1, 11, 1), loaded.diagnostics().get(0).span());
        assertEquals(List.of("192.0.2.1"), addresses(loaded.resolver(), "real"));
    }

    @Test
    void emptyTextIsAnEmptyHostsFile() {
        HostsFileResolver.Loaded loaded = load("");
        assertEquals(List.of(), loaded.diagnostics());
        assertInstanceOf(Resolution.NoAddresses.class, loaded.resolver().resolve("localhost"));
    }
}
