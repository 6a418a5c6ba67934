package dev.policyc.backend.iptables.reader;

import static dev.policyc.backend.iptables.reader.IptFiles.CLOSED;
import static dev.policyc.backend.iptables.reader.IptFiles.errors;
import static dev.policyc.backend.iptables.reader.IptFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.verify.ReadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the reader refuses, and with which code: nothing it does not understand is skipped. */
class IptReaderRefusalsTest {

    @Test
    void whatTheReaderDoesNotKnowIsAnErrorAtItsLine() {
        List<Diagnostic> found = errors(file("-A INPUT -m mark --mark 1 -j ACCEPT", "-A INPUT -p tcp -j ACCEPT",
                "-A INPUT -p tcp -m tcp --tcp-flags SYN SYN -j ACCEPT"));
        assertEquals(List.of(IptReader.UNSUPPORTED, IptReader.UNSUPPORTED), found.stream().map(Diagnostic::code).toList());
        assertEquals(List.of(IptFiles.FIRST_LINE, IptFiles.FIRST_LINE + 2), found.stream().map(d -> d.span().line()).toList());
        assertEquals("p.v4.rules", found.get(0).span().file());
        assertEquals("the reader does not know the match 'mark'", found.get(0).message());
        assertEquals(13, found.get(0).span().column(), "at 'mark', after '-A INPUT -m '");
        assertEquals(4, found.get(0).span().length());
        assertEquals(24, found.get(1).span().column(), "at '--tcp-flags', after '-A INPUT -p tcp -m tcp '");
    }

    @Test
    void otherRulesAreRefusedToo() {
        assertFirstCode(IptReader.UNSUPPORTED, List.of("-A INPUT -j REJECT", "-A INPUT -g OTHER", "-A INPUT ! -s 10.0.0.0/8 -j ACCEPT",
                "-A INPUT -s 10.0.0.0/8,10.1.0.0/16 -j ACCEPT", "-A INPUT -p tcp -m tcp --dport ssh -j ACCEPT",
                "-A INPUT -p tcp -m tcp --dport 010 -j ACCEPT", "-A INPUT -p gre -j ACCEPT", "-A INPUT -s example.com -j ACCEPT",
                "-A INPUT -s 10.0.0.0/255.0.0.0 -j ACCEPT", "-A INPUT -s 10.1/16 -j ACCEPT", "-A INPUT -j ACCEPT -m comment --comment x",
                "-A INPUT -j LOG --log-level 4", "-A INPUT -p tcp -m tcp --dport 1 -m tcp --dport 2 -j ACCEPT",
                "-A INPUT -m state --state NEW -j ACCEPT", "-A INPUT -p icmp -m icmp --icmp-type 8/0 -j ACCEPT",
                "-I INPUT -j ACCEPT", "-N OTHER", "-P INPUT ACCEPT", "*nat", ":OTHER ACCEPT [0:0]", "-c 1 2 -A INPUT -j ACCEPT",
                "-A INPUT --dport 22 -j ACCEPT", "-A INPUT -m comment --comment \"" + "x".repeat(256) + "\" -j ACCEPT",
                "-A INPUT -j LOG --log-prefix \"" + "x".repeat(30) + "\"", "-A INPUT -m comment --comment \"open -j ACCEPT"));
    }

    @Test
    void whatIptablesRefusesIsInvalid() {
        assertFirstCode(IptReader.INVALID, List.of("-A INPUT -s 2001:db8::1 -j ACCEPT", "-A INPUT -p tcp -m tcp --dport 70000 -j ACCEPT",
                "-A INPUT -p tcp -m tcp --dport 9:2 -j ACCEPT", "-A INPUT -m tcp --dport 22 -j ACCEPT",
                "-A INPUT -p udp -m tcp --dport 22 -j ACCEPT", "-A INPUT -m multiport --dports 1,2 -j ACCEPT",
                "-A INPUT -p tcp -m multiport --dports 5:5 -j ACCEPT", "-A INPUT -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15,16 -j ACCEPT",
                "-A INPUT -m conntrack -j ACCEPT", "-A INPUT -m comment -j ACCEPT", "-A INPUT -m conntrack --ctstate NEW, -j ACCEPT",
                "-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT", "-A INPUT -s 10.0.0.0/8 -s 11.0.0.0/8 -j ACCEPT",
                "-A INPUT -o lo -j ACCEPT", "-A OUTPUT -i lo -j ACCEPT", "-A INPUT -j NOWHERE", "-A INPUT -j OUTPUT",
                "-A NOWHERE -j ACCEPT", "-F NOWHERE", ":ACCEPT - [0:0]", ":ABCDEFGHIJKLMNOPQRSTUVWXYZ123 - [0:0]",
                ":INPUT RETURN [0:0]", "-A INPUT -p tcp -m tcp --dport", "-A INPUT -j"));
        assertEquals(IptReader.INVALID, errors(CLOSED, file("-A INPUT -s 192.0.2.1 -j ACCEPT")).get(0).code());
        assertEquals(IptReader.INVALID, errors(CLOSED, file("-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT")).get(0).code());
        List<Diagnostic> loop = errors(file("DROP", "DROP", List.of(":A - [0:0]", ":B - [0:0]", "-A A -j B", "-A B -j A", "-A INPUT -j A")));
        assertEquals(List.of(IptReader.INVALID), loop.stream().map(Diagnostic::code).toList());
        assertTrue(loop.get(0).message().contains("A -> B -> A"), loop.get(0).message());
    }

    @Test
    void brokenStructureIsASyntaxError() {
        String plain = file();
        assertCodes(IptReader.SYNTAX, plain.replace("COMMIT\n", ""));
        assertCodes(IptReader.SYNTAX, plain + "-A INPUT -j ACCEPT\n");
        assertCodes(IptReader.SYNTAX, plain.replace("*filter\n", "*filter\n*filter\n"));
        assertCodes(IptReader.SYNTAX, "COMMIT\n" + plain);
        assertCodes(IptReader.SYNTAX, file("  # an indented comment is an argument"));
        assertCodes(IptReader.SYNTAX, file("-A INPUT -j ACCEPT # a comment after a rule is an argument too"));
        assertCodes(IptReader.SYNTAX, file("   "));
        assertCodes(IptReader.SYNTAX, file("-A INPUT -m comment --comment \"a\"b -j ACCEPT"));
        assertCodes(IptReader.SYNTAX, file(":INPUT"));
        assertCodes(IptReader.UNSUPPORTED, file(":INPUT DROP junk"));
        assertCodes(IptReader.SYNTAX, plain.replace("\n", "\r\n"));
        assertCodes(IptReader.SYNTAX, plain.replace("*filter", "*filters"));
    }

    @Test
    void matchesOutsideTheFlowModelAreErrors() {
        assertCodes(IptReader.OUTSIDE_MODEL, file("-A INPUT -d 10.0.0.1 -j ACCEPT"));
        assertCodes(IptReader.OUTSIDE_MODEL, file("-A OUTPUT -s 10.0.0.1 -j ACCEPT"));
        assertCodes(IptReader.OUTSIDE_MODEL, file("-A INPUT -p tcp -m tcp --sport 22 -j ACCEPT"));
        assertCodes(IptReader.OUTSIDE_MODEL, file("-A INPUT -p udp -m multiport --ports 53 -j ACCEPT"));
        assertCodes(IptReader.OUTSIDE_MODEL, file("-A INPUT -p sctp -m multiport --dports 53 -j ACCEPT"));
        assertCodes(IptReader.OUTSIDE_MODEL, file("-A OUTPUT -o eth0 -j ACCEPT"));
        assertCodes(IptReader.OUTSIDE_MODEL, file("-A INPUT -m conntrack --ctstate NEW,DNAT -j ACCEPT"));
        // In a user chain iptables takes either interface; the reader refuses the one the hook does not have.
        assertCodes(IptReader.UNSUPPORTED, file("DROP", "DROP", List.of(":C - [0:0]", "-A C -o lo -j ACCEPT", "-A INPUT -j C")));
    }

    @Test
    void chainsMustBeTheFilesOwn() {
        String keepsInput = file().replace("-F INPUT\n", "");
        List<Diagnostic> found = errors(keepsInput);
        assertEquals(List.of(IptReader.LAYOUT), found.stream().map(Diagnostic::code).toList());
        assertTrue(found.get(0).hint().contains("-F INPUT"), found.get(0).hint());
        // A policy the file does not set is refused only where flows reach it.
        List<Diagnostic> unset = errors(file().replace(":OUTPUT DROP [0:0]\n", ""));
        assertEquals(List.of(IptReader.LAYOUT), unset.stream().map(Diagnostic::code).toList());
        assertTrue(unset.get(0).message().contains("can reach the end of chain OUTPUT, whose policy the file does not set"),
                unset.get(0).message());
        assertTrue(unset.get(0).hint().contains(":OUTPUT DROP [0:0]"), unset.get(0).hint());
        assertCodes(IptReader.LAYOUT, file().replace(":OUTPUT DROP [0:0]\n", ":OUTPUT - [0:0]\n"));
        assertCodes(IptReader.LAYOUT, file("-A OUTPUT -p tcp -j DROP").replace(":OUTPUT DROP [0:0]\n", ""));
        assertCodes(IptReader.LAYOUT, file().replace("-F INPUT\n", "-A INPUT -j ACCEPT\n-F INPUT\n").replace("-F OUTPUT\n", "-A OUTPUT -j DROP\n"));
        // Flushing the whole table empties the built-in chains too.
        assertTrue(IptFiles.meaning(file().replace("-F INPUT\n-F OUTPUT\n", "-F\n")).accepted().isEmpty());
    }

    @Test
    void aPolicyNeedsBothFilesAndEachOnce() {
        ReadResult v4Only = new IptReader().read(List.of(Artifact.file("p.v4.rules", CLOSED), Artifact.file("p.sh", "#!/bin/sh\n")));
        assertEquals(List.of(IptReader.LAYOUT), v4Only.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(v4Only.diagnostics().get(0).message().contains("p.v6.rules"), v4Only.diagnostics().toString());
        assertTrue(v4Only.policies().isEmpty());
        ReadResult twice = new IptReader().read(List.of(Artifact.file("p.v4.rules", CLOSED), Artifact.file("p.v6.rules", CLOSED),
                Artifact.file("out/p.v4.rules", CLOSED)));
        assertEquals(List.of(IptReader.LAYOUT), twice.diagnostics().stream().map(Diagnostic::code).toList());
        assertFalse(twice.policies().containsKey("p"), "neither file is taken as the policy's");
        ReadResult other = new IptReader().read(List.of(Artifact.file("p.nft", CLOSED), Artifact.file("v4.rules", CLOSED)));
        assertEquals(2, other.diagnostics().size());
        ReadResult oneBroken = new IptReader().read(List.of(Artifact.file("p.v4.rules", CLOSED), Artifact.file("p.v6.rules", "junk\n")));
        assertEquals(List.of(IptReader.SYNTAX), oneBroken.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(oneBroken.policies().isEmpty());
        ReadResult two = new IptReader().read(List.of(Artifact.file("dir/p.v4.rules", CLOSED), Artifact.file("dir/p.v6.rules", CLOSED),
                Artifact.file("q.v6.rules", CLOSED), Artifact.file("q.v4.rules", CLOSED)));
        assertEquals(List.of(), two.diagnostics());
        assertEquals(List.of("p", "q"), List.copyOf(two.policies().keySet()));
    }

    /** Each of {@code lines}, alone in a file, is an error whose first finding has {@code code}. */
    private static void assertFirstCode(String code, List<String> lines) {
        for (String line : lines) {
            List<Diagnostic> found = errors(file(line));
            assertEquals(code, found.get(0).code(), line + ": " + found);
        }
    }

    private static void assertCodes(String code, String v4) {
        List<Diagnostic> found = errors(v4);
        assertTrue(found.stream().anyMatch(d -> d.code().equals(code)), "expected " + code + " in " + found + " for:\n" + v4);
    }
}
