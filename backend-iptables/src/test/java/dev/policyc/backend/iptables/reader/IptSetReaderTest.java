package dev.policyc.backend.iptables.reader;

import static dev.policyc.backend.iptables.reader.IptFiles.CLOSED;
import static dev.policyc.backend.iptables.reader.IptFiles.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ArtifactReaders;
import dev.policyc.core.verify.ReadResult;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The {@code iptables-ipset} reader on hand-written files: sets matched by {@code -m set} mean
 * their elements, and every set file line it does not take, or that ipset would refuse, is an
 * error at its line.
 */
class IptSetReaderTest {

    private static final String SET = "create S hash:net family inet hashsize 64 maxelem 65536\nadd S 192.0.2.1\nadd S 198.51.100.0/24\n";
    private static final String ALLOW_S = "-A OUTPUT -p tcp -m set --match-set S dst -m tcp --dport 443 -j ACCEPT";

    @Test
    void itIsRegisteredForTheIpsetTarget() {
        assertEquals(Backends.discover().find("iptables-ipset").orElseThrow().id(), new IptSetReader().targetId());
        assertTrue(ArtifactReaders.discover().find("iptables-ipset").orElseThrow() instanceof IptSetReader);
    }

    @Test
    void aSetMatchMeansItsElements() {
        ArtifactMeaning meaning = meaning(SET, file(ALLOW_S));
        assertEquals(Verdict.ALLOW, meaning.verdict(flow("192.0.2.1", 443)));
        assertEquals(Verdict.ALLOW, meaning.verdict(flow("198.51.100.77", 443)));
        assertEquals(Verdict.DENY, meaning.verdict(flow("192.0.2.2", 443)));
        assertEquals(Verdict.DENY, meaning.verdict(flow("192.0.2.1", 80)));
    }

    @Test
    void aRuleMatchingAnUnknownSetOrOneOfTheOtherFamilyIsRefused() {
        assertFirstError(SET, file(ALLOW_S.replace(" S ", " T ")), IptReader.INVALID, "p.v4.rules", "there is no set T");
        String v6 = "create S6 hash:net family inet6\nadd S6 2001:db8::/32\n";
        assertFirstError(SET + v6, file(ALLOW_S.replace(" S ", " S6 ")), IptReader.INVALID, "p.v4.rules", "family inet6");
        assertFirstError(SET, file(ALLOW_S.replace(" dst ", " dst,dst ")), IptReader.UNSUPPORTED, "p.v4.rules", "one flag");
        assertFirstError(SET, file(ALLOW_S.replace(" dst ", " ")), IptReader.INVALID, "p.v4.rules", "flags");
        assertFirstError(SET, file(ALLOW_S.replace(" dst ", " dst --return-nomatch ")), IptReader.UNSUPPORTED, "p.v4.rules",
                "--return-nomatch");
    }

    @Test
    void theIptablesReaderDoesNotTakeSets() {
        ReadResult read = new IptReader().read(List.of(Artifact.file("p.v4.rules", file(ALLOW_S)), Artifact.file("p.v6.rules", CLOSED),
                Artifact.file("p.ipset", SET)));
        assertTrue(read.hasErrors());
        assertEquals(List.of(IptReader.LAYOUT, IptReader.UNSUPPORTED), read.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void setFileLinesIpsetWouldRefuseOrTheReaderDoesNotTakeAreErrorsAtTheirLine() {
        String create = "create S hash:net family inet\n";
        List<List<String>> cases = List.of(
                List.of("flush S\n", IptReader.UNSUPPORTED),
                List.of("create S hash:ip family inet\n", IptReader.UNSUPPORTED),
                List.of("create S hash:net family inet timeout 5\n", IptReader.UNSUPPORTED),
                List.of("create S hash:net family inet7\n", IptReader.INVALID),
                List.of(create + "add S 192.0.2.1 nomatch\n", IptReader.UNSUPPORTED),
                List.of(create + create, IptReader.INVALID),
                List.of("add S 192.0.2.1\n", IptReader.INVALID),
                List.of(create + "add S 192.0.2.1\nadd S 192.0.2.1\n", IptReader.INVALID),
                List.of(create + "add S 2001:db8::1\n", IptReader.INVALID),
                List.of(create + "add S 192.0.2.1/24\n", IptReader.UNSUPPORTED),
                List.of(create + "add S 0.0.0.0/0\n", IptReader.INVALID),
                List.of(create + "add S 192.0.2.300\n", IptReader.UNSUPPORTED),
                List.of("create S hash:net family inet maxelem 1\nadd S 192.0.2.1\nadd S 192.0.2.2\n", IptReader.INVALID),
                List.of("create S hash:net family inet maxelem 0x10\n", IptReader.INVALID));
        for (List<String> c : cases) {
            String text = "# hand-written\n" + c.get(0);
            int lastLine = (int) text.lines().count();
            ReadResult read = read(text, file("-A OUTPUT -j ACCEPT"));
            assertTrue(read.hasErrors(), text);
            assertFalse(read.policies().containsKey("p"), "files with errors have no meaning");
            Diagnostic first = read.diagnostics().get(0);
            assertEquals(c.get(1), first.code(), text + first);
            assertEquals("p.ipset", first.span().file(), text);
            assertEquals(lastLine, first.span().line(), text + first);
        }
    }

    @Test
    void withoutASetFileThereAreNoSets() {
        ReadResult read = new IptSetReader().read(List.of(Artifact.file("p.v4.rules", file(ALLOW_S)), Artifact.file("p.v6.rules", CLOSED)));
        assertEquals(IptReader.INVALID, read.diagnostics().get(0).code());
        ReadResult plain = new IptSetReader().read(List.of(Artifact.file("p.v4.rules", file("-A OUTPUT -j ACCEPT")),
                Artifact.file("p.v6.rules", CLOSED)));
        assertEquals(List.of(), plain.diagnostics());
    }

    private static void assertFirstError(String sets, String v4, String code, String inFile, String says) {
        ReadResult read = read(sets, v4);
        assertTrue(read.hasErrors(), v4);
        assertFalse(read.policies().containsKey("p"));
        Diagnostic first = read.diagnostics().get(0);
        assertEquals(code, first.code(), first.toString());
        assertEquals(inFile, first.span().file());
        assertEquals(IptFiles.FIRST_LINE, first.span().line());
        assertTrue(first.message().contains(says), first.message());
    }

    private static ReadResult read(String sets, String v4) {
        return new IptSetReader().read(List.of(Artifact.file("p.v4.rules", v4), Artifact.file("p.v6.rules", CLOSED),
                Artifact.file("p.ipset", sets), Artifact.file("p.sh", "#!/bin/sh\n")));
    }

    private static ArtifactMeaning meaning(String sets, String v4) {
        ReadResult read = read(sets, v4);
        assertEquals(List.of(), read.diagnostics());
        return read.policies().get("p");
    }

    private static Flow flow(String address, int port) {
        return new Flow(Direction.OUT, 6, new IPAddressString(address).getAddress(), OptionalInt.of(port));
    }
}
