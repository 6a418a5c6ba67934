package dev.policyc.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast path reads exactly what the IPAddress library reads, and never accepts what it refuses. */
class DottedQuadProperties {

    @Property(tries = 3000)
    void acceptsOnlyWhatTheStrictLibraryReadsTheSame(@ForAll("quadLike") String text) {
        Optional<IPAddress> fast = DottedQuad.parse(text);
        if (fast.isEmpty()) {
            return;
        }
        IPAddress library;
        try {
            library = new IPAddressString(text, AddressSyntax.STRICT).toAddress();
        } catch (AddressStringException e) {
            throw new AssertionError("the fast path accepted '" + text + "', which the library refuses: " + e.getMessage());
        }
        assertEquals(library, fast.get(), text);
        assertEquals(library.getNetworkPrefixLength(), fast.get().getNetworkPrefixLength(), text);
        assertEquals(library.isPrefixBlock(), fast.get().isPrefixBlock(), text);
        assertEquals(library.toCanonicalString(), fast.get().toCanonicalString(), text);
    }

    @Property(tries = 1000)
    void readsEveryPlainQuadItself(@ForAll("plainQuads") String text) {
        assertTrue(DottedQuad.parse(text).isPresent(), text);
    }

    /** Plain quads, with and without prefix lengths, and near misses of every kind. */
    @Provide
    Arbitrary<String> quadLike() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789./:xa -").ofMinLength(0).ofMaxLength(22);
        Arbitrary<String> mutated = Combinators.combine(plainQuads(), Arbitraries.integers().between(0, 40),
                Arbitraries.of("0", "00", ".", "/", "9", "256", "/33", "/08", "::", " ", "", "1000"))
                .as((quad, at, insert) -> {
                    int cut = Math.min(at, quad.length());
                    return quad.substring(0, cut) + insert + quad.substring(cut);
                });
        return Arbitraries.oneOf(plainQuads(), mutated, noise);
    }

    @Provide
    Arbitrary<String> plainQuads() {
        Arbitrary<Integer> octet = Arbitraries.oneOf(Arbitraries.integers().between(0, 255), Arbitraries.of(0, 9, 10, 99, 100, 255));
        Arbitrary<String> prefix = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(0, 32).map(n -> "/" + n));
        return Combinators.combine(octet, octet, octet, octet, prefix)
                .as((a, b, c, d, p) -> a + "." + b + "." + c + "." + d + p);
    }
}
