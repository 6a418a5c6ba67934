package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.backend.iptables.reader.IptReader;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Family;
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
 * Grounds the reader's claims about iptables in iptables itself: what the reader calls broken
 * syntax or invalid (something iptables refuses), {@code iptables-restore} (or
 * {@code ip6tables-restore}) refuses to load; what it reads, or refuses only as unsupported,
 * outside the model or badly laid out (text iptables loads but whose meaning it would bend or the
 * model cannot say), it loads. Each case is loaded for real with {@code --noflush}, as the
 * policy's script does, into a network namespace of its own ({@code --test} of iptables-nft
 * 1.8.9 misses refusals that only the kernel makes). Needs iptables, ip and root; each case is
 * reported skipped, with the reason, otherwise.
 */
@Tag("root")
class IptReaderAgreesWithIptablesAsRootTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("every construct read", Family.IPV4, file(
                        ":C - [0:0]",
                        "-F FORWARD",
                        "-A INPUT -i lo -m comment --comment \"base: loopback\" -j ACCEPT",
                        "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                        "-A INPUT -m conntrack --ctstate INVALID -j DROP",
                        "-A INPUT -j C",
                        "-A C -s 10.0.0.0/8 -j RETURN",
                        "-A C -s 192.0.2.1/32 -p tcp -m conntrack --ctstate NEW -m tcp --dport 22 -m comment --comment "
                                + "\"a \\\"quoted\\\" \\\\ comment\" -j LOG --log-prefix \"p:3 \"",
                        "-A C -s 192.0.2.1 -p TCP -m conntrack --ctstate new -m tcp --dport 22 -j ACCEPT",
                        "-A C -p udp -m multiport --dports 53,1000:2000 -j ACCEPT",
                        "-A C -p icmp -m icmp --icmp-type echo-request -j ACCEPT",
                        "-A C -p 47 -j DROP",
                        "-A C -p udp -m udp --dport 60000: -j DROP",
                        "-A C",
                        "-A OUTPUT -o lo -j ACCEPT",
                        "-A OUTPUT -d 198.51.100.0/24 -p all -j ACCEPT"), Optional.empty()),
                Arguments.of("every construct read, IPv6", Family.IPV6, file(
                        "-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 135 -j ACCEPT",
                        "-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type echo-request -j ACCEPT",
                        "-A INPUT -s 2001:db8::/32 -p tcp -m tcp --dport :1024 -j ACCEPT",
                        "-A OUTPUT -d 2001:db8::1/128 -p icmpv6 -j ACCEPT"), Optional.empty()),
                invalid("a jump to a chain not declared", "-A INPUT -j NOWHERE"),
                invalid("a jump to a chain declared later", "-A INPUT -j LATER", ":LATER - [0:0]"),
                invalid("a jump to a built-in chain", "-A OUTPUT -j INPUT"),
                invalid("a rule in a chain not declared", "-A NOWHERE -j ACCEPT"),
                invalid("a flush of a chain not declared", "-F NOWHERE"),
                invalid("a loop of jumps", ":A - [0:0]", ":B - [0:0]", "-A A -j B", "-A B -j A", "-A INPUT -j A"),
                invalid("a chain named after a target", ":ACCEPT - [0:0]"),
                invalid("a chain name of 29 characters", ":ABCDEFGHIJKLMNOPQRSTUVWXYZ123 - [0:0]"),
                invalid("a built-in policy RETURN", ":OUTPUT RETURN [0:0]"),
                invalid("-m tcp without -p tcp", "-A INPUT -m tcp --dport 22 -j ACCEPT"),
                invalid("-m tcp with -p udp", "-A INPUT -p udp -m tcp --dport 22 -j ACCEPT"),
                invalid("multiport without a protocol", "-A INPUT -m multiport --dports 1,2 -j ACCEPT"),
                invalid("multiport with 16 ports", "-A INPUT -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15,16 -j ACCEPT"),
                invalid("a multiport range of one port", "-A INPUT -p tcp -m multiport --dports 5:5 -j ACCEPT"),
                invalid("a port above 65535", "-A INPUT -p tcp -m tcp --dport 70000 -j ACCEPT"),
                invalid("a port range backwards", "-A INPUT -p tcp -m tcp --dport 9:2 -j ACCEPT"),
                invalid("conntrack without an option", "-A INPUT -m conntrack -j ACCEPT"),
                invalid("an empty conntrack state", "-A INPUT -m conntrack --ctstate NEW, -j ACCEPT"),
                invalid("comment without an option", "-A INPUT -m comment -j ACCEPT"),
                invalid("two -s", "-A INPUT -s 10.0.0.0/8 -s 11.0.0.0/8 -j ACCEPT"),
                invalid("-o in INPUT", "-A INPUT -o lo -j ACCEPT"),
                invalid("an IPv6 address for iptables", "-A INPUT -s 2001:db8::1 -j ACCEPT"),
                invalid("icmp6 for iptables", "-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT"),
                Arguments.of("an IPv4 address for ip6tables", Family.IPV6, file("-A INPUT -s 192.0.2.1 -j ACCEPT"),
                        Optional.of(IptReader.INVALID)),
                Arguments.of("icmp6 without -p for ip6tables", Family.IPV6, file("-A INPUT -m icmp6 --icmpv6-type 128 -j ACCEPT"),
                        Optional.of(IptReader.INVALID)),
                whole("no COMMIT", IptReader.SYNTAX, file().replace("COMMIT\n", "")),
                whole("a rule after COMMIT", IptReader.SYNTAX, file() + "-A INPUT -j ACCEPT\n"),
                whole("an indented comment", IptReader.SYNTAX, file("  # a comment?")),
                whole("a comment after a rule", IptReader.SYNTAX, file("-A INPUT -j ACCEPT # a comment?")),
                whole("text after a closing quote", IptReader.SYNTAX, file("-A INPUT -m comment --comment \"a\"b -j ACCEPT")),
                whole("a line of blanks", IptReader.SYNTAX, file("   ")),
                whole("a chain without a policy", IptReader.SYNTAX, file(":C")),
                whole("line ends CRLF", IptReader.SYNTAX, file().replace("\n", "\r\n")),
                whole("a table iptables does not have", IptReader.SYNTAX, file().replace("*filter", "*filters")),
                loads("an address with a leading zero (iptables reads it as octal)", IptReader.UNSUPPORTED, "-A INPUT -s 010.0.0.1 -j ACCEPT"),
                loads("a short IPv4 address", IptReader.UNSUPPORTED, "-A INPUT -s 10.1/16 -j ACCEPT"),
                loads("a prefix with host bits (iptables masks them)", IptReader.UNSUPPORTED, "-A INPUT -s 10.0.0.1/8 -j ACCEPT"),
                loads("a port with a leading zero", IptReader.UNSUPPORTED, "-A INPUT -p tcp -m tcp --dport 010 -j ACCEPT"),
                loads("a service name", IptReader.UNSUPPORTED, "-A INPUT -p tcp -m tcp --dport ssh -j ACCEPT"),
                loads("a policy on a user chain", IptReader.UNSUPPORTED, ":C ACCEPT [0:0]"),
                loads("words after a chain's policy", IptReader.UNSUPPORTED, ":INPUT DROP [0:0] extra"),
                loads("an open quote (iptables 1.8 takes the rest of the line)", IptReader.UNSUPPORTED,
                        "-A INPUT -m comment --comment \"open -j ACCEPT"),
                loads("a comment of 256 bytes", IptReader.UNSUPPORTED, "-A INPUT -m comment --comment \"" + "x".repeat(256) + "\" -j ACCEPT"),
                loads("a match after the target", IptReader.UNSUPPORTED, "-A INPUT -j ACCEPT -p tcp"),
                loads("a target the reader does not take", IptReader.UNSUPPORTED, "-A INPUT -j REJECT"),
                loads("the container's own address", IptReader.OUTSIDE_MODEL, "-A INPUT -d 10.0.0.1 -j ACCEPT"),
                loads("a source port", IptReader.OUTSIDE_MODEL, "-A INPUT -p tcp -m tcp --sport 22 -j ACCEPT"),
                loads("an interface other than loopback", IptReader.OUTSIDE_MODEL, "-A OUTPUT -o eth0 -j ACCEPT"),
                whole("INPUT not emptied before its rules (loads, but keeps earlier rules ahead)", IptReader.LAYOUT, file().replace("-F INPUT\n", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void iptablesAgrees(String name, Family family, String rules, Optional<String> readerError) {
        Optional<String> reason = IptCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        String closed = file();
        ReadResult read = new IptReader().read(List.of(
                Artifact.file("p.v4.rules", family == Family.IPV4 ? rules : closed),
                Artifact.file("p.v6.rules", family == Family.IPV6 ? rules : closed)));
        Optional<String> firstError = read.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).findFirst();
        assertEquals(readerError, firstError, () -> "the reader's findings: " + read.diagnostics());
        boolean iptablesShouldLoad = readerError.isEmpty()
                || !(readerError.get().equals(IptReader.SYNTAX) || readerError.get().equals(IptReader.INVALID));
        try (ScratchNamespace namespace = ScratchNamespace.create()) {
            IptCommand.Result loaded = namespace.restore(family, rules, "--noflush");
            assertEquals(iptablesShouldLoad, loaded.ok(), () -> IptSyntax.restoreTool(family) + " says:\n" + loaded.output());
        }
    }

    /** A file owning INPUT and OUTPUT, with these lines before COMMIT. */
    private static String file(String... lines) {
        StringBuilder s = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:OUTPUT DROP [0:0]\n-F INPUT\n-F OUTPUT\n");
        for (String line : lines) {
            s.append(line).append('\n');
        }
        return s.append("COMMIT\n").toString();
    }

    private static Arguments invalid(String name, String... lines) {
        return Arguments.of(name, Family.IPV4, file(lines), Optional.of(IptReader.INVALID));
    }

    /** An IPv4 case given as the whole file. */
    private static Arguments whole(String name, String code, String rules) {
        return Arguments.of(name, Family.IPV4, rules, Optional.of(code));
    }

    private static Arguments loads(String name, String code, String... lines) {
        return Arguments.of(name, Family.IPV4, file(lines), Optional.of(code));
    }
}
