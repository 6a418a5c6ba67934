package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.backend.nftables.reader.NftReader;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.verify.ReadResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grounds the reader's claims about nft in nft itself: what the reader calls invalid (something
 * nft refuses) or broken syntax, {@code nft -c -f} refuses; what it reads, or refuses only as
 * unsupported (text whose meaning nft would bend, such as octal or masked addresses), nft loads.
 * Needs nft and root ({@code nft -c} asks the kernel and keeps nothing); each case is reported
 * skipped, with the reason, otherwise.
 */
@Tag("root")
class NftReaderAgreesWithNftAsRootTest {

    private static final String HEAD = "table inet policyc_p {}\ndelete table inet policyc_p\ntable inet policyc_p {\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("every construct read", HEAD
                        + "\tset s4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\tcomment \"x\"\n\t\telements = { 10.0.0.0/8, 192.0.2.1 }\n\t}\n"
                        + "\tset s6 { type ipv6_addr; elements = { 2001:db8::1, 2001:db8::2 }; }\n"
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n"
                        + "\t\tiif \"lo\" counter accept comment \"base\"\n"
                        + "\t\tct state established,related counter accept\n"
                        + "\t\tct state invalid counter drop\n"
                        + "\t\tct state { new, established } ip saddr @s4 meta l4proto { tcp, udp } th dport { 53, 1000-2000 } accept\n"
                        + "\t\tct state new ip6 saddr @s6 tcp dport 22 counter log prefix \"p: \" drop comment \"c\"\n"
                        + "\t\tmeta nfproto ipv4 meta l4proto icmp accept\n"
                        + "\t\ticmpv6 type { echo-request, nd-neighbor-solicit } accept\n"
                        + "\t\tcounter comment \"default\"\n\t}\n"
                        + "\tchain second {\n\t\ttype filter hook input priority filter\n\t\tip6 saddr { 2001:db8::/32, ::1 } udp dport 0-10 drop\n\t}\n"
                        + "\tchain output {\n\t\ttype filter hook output priority 0; policy accept;\n"
                        + "\t\toif \"lo\" accept\n\t\tip daddr 192.0.2.0/24 meta l4proto 47 drop\n\t}\n}\n", Optional.empty()),
                Arguments.of("concatenations", HEAD
                        + "\tset c4 {\n\t\ttype ipv4_addr . inet_proto . inet_service\n\t\tflags interval\n\t\tcounter\n\t\tcomment \"p:1,2\"\n"
                        + "\t\telements = {\n\t\t\t10.20.0.0/16 . tcp . 5432 comment \"p:1 db\",\n\t\t\t192.0.2.80 . udp . 1000-2000 comment \"p:2\"\n\t\t}\n\t}\n"
                        + "\tset c6 { type ipv6_addr . inet_proto . inet_service; counter; elements = { 2001:db8::1 . tcp . 443 } }\n"
                        + "\tchain output {\n\t\ttype filter hook output priority 0; policy drop;\n"
                        + "\t\tct state new ip daddr . meta l4proto . th dport @c4 counter accept comment \"p:1,2\"\n"
                        + "\t\tct state new ip6 daddr . meta l4proto . th dport @c6 counter drop\n"
                        + "\t\tip daddr . tcp dport { 192.0.2.0/24 . 22, 198.51.100.1 . 80-81 } accept\n\t}\n}\n", Optional.empty()),
                Arguments.of("a prefix in a concatenated set without flags interval", HEAD
                        + "\tset s { type ipv4_addr . inet_proto . inet_service; elements = { 10.0.0.0/8 . tcp . 22 }; }\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("a port range in a concatenated set without flags interval", HEAD
                        + "\tset s { type ipv4_addr . inet_proto . inet_service; elements = { 10.0.0.1 . tcp . 22-23 }; }\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("overlapping elements of a concatenated set", HEAD
                        + "\tset s { type ipv4_addr . inet_proto . inet_service; flags interval; "
                        + "elements = { 10.0.0.0/8 . tcp . 80, 10.1.0.0/16 . tcp . 80-90 }; }\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("an element with a field missing", HEAD
                        + "\tset s { type ipv4_addr . inet_proto . inet_service; elements = { 10.0.0.1 . tcp }; }\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("a concatenated set of another type", HEAD
                        + "\tset s { type ipv4_addr . inet_service; elements = { 10.0.0.1 . 22 }; }\n"
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tip saddr . meta l4proto . th dport @s accept\n\t}\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("a prefix in a set without flags interval", HEAD
                        + "\tset s { type ipv4_addr; elements = { 10.0.0.0/8 }; }\n}\n", Optional.of(NftReader.INVALID)),
                Arguments.of("overlapping elements", HEAD
                        + "\tset s { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 10.1.0.0/16 }; }\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("deleting a table that is not there", "delete table inet policyc_p\ntable inet policyc_p {\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("a set of the other family", HEAD + "\tset s { type ipv4_addr; elements = { 10.0.0.1 }; }\n"
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tip6 saddr @s accept\n\t}\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("a set not declared", HEAD
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tip saddr @s accept\n\t}\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("an address with a leading zero (nft reads it as octal)", HEAD
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tip saddr 010.0.0.1 accept\n\t}\n}\n",
                        Optional.of(NftReader.UNSUPPORTED)),
                Arguments.of("a prefix with host bits (nft masks them)", HEAD
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tip saddr 10.0.0.1/8 accept\n\t}\n}\n",
                        Optional.of(NftReader.UNSUPPORTED)),
                Arguments.of("an input interface in an output chain", HEAD
                        + "\tchain output {\n\t\ttype filter hook output priority 0; policy drop;\n\t\tiif \"lo\" accept\n\t}\n}\n",
                        Optional.of(NftReader.UNSUPPORTED)),
                Arguments.of("a port above 65535", HEAD
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\ttcp dport 70000 accept\n\t}\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("a policy on a chain without a hook", HEAD + "\tchain input {\n\t\tpolicy drop\n\t}\n}\n",
                        Optional.of(NftReader.INVALID)),
                Arguments.of("two closing braces on one line", HEAD
                        + "\tchain input { type filter hook input priority 0; policy drop; } }\n", Optional.of(NftReader.SYNTAX)),
                Arguments.of("an unterminated string", HEAD
                        + "\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\taccept comment \"x\n\t}\n}\n",
                        Optional.of(NftReader.SYNTAX)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nftAgrees(String name, String script, Optional<String> readerError) {
        Optional<String> reason = NftCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        ReadResult read = new NftReader().read(List.of(Artifact.file("p.nft", script)));
        Optional<String> firstError = read.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).findFirst();
        assertEquals(readerError, firstError, () -> "the reader's findings: " + read.diagnostics());
        NftCommand.Result nft = NftCommand.check(script);
        boolean nftShouldLoad = readerError.isEmpty() || readerError.get().equals(NftReader.UNSUPPORTED);
        assertEquals(nftShouldLoad, nft.ok(), () -> "nft -c says:\n" + nft.output());
    }
}
