package dev.policyc.dsl.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Severity;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expectations files: sections, the four set forms, and a located error for each bad line. */
class ExpectationParserTest {

    private static final String FILE = "w.policy.expect";

    @Test
    void readsSectionsFlowsAndSets() {
        ExpectationFile file = ExpectationParser.parse(FILE, """
                # leading comment
                expect allow out tcp 10.0.0.1 443     # before any header: the only policy
                policy web
                expect deny  in udp 2001:db8::1 53
                never allow in tcp from outside 10.0.0.0/8 port 22
                always deny out to 169.254.169.254
                never deny in tcp port 8080
                always allow in tcp port 8080
                policy other-one
                expect allow out icmp 192.0.2.1
                """);
        assertEquals(List.of(), file.diagnostics());
        assertEquals(3, file.sections().size());
        assertEquals(7, file.size());
        assertEquals(Optional.empty(), file.sections().get(0).policy());
        assertEquals(Optional.of("web"), file.sections().get(1).policy());
        assertEquals("w.policy.expect:3:1", file.sections().get(1).header().orElseThrow().position());

        Expectation.OneFlow first = assertInstanceOf(Expectation.OneFlow.class, file.sections().get(0).expectations().get(0));
        assertEquals(Verdict.ALLOW, first.required());
        assertEquals("out tcp 10.0.0.1 443", first.flow().toString());
        assertEquals("expect allow out tcp 10.0.0.1 443", first.text());
        assertEquals("w.policy.expect:2", first.span().fileAndLine());

        List<Expectation> web = file.sections().get(1).expectations();
        assertEquals(List.of(Verdict.DENY, Verdict.DENY, Verdict.DENY, Verdict.ALLOW, Verdict.ALLOW),
                web.stream().map(Expectation::required).toList());
        assertEquals(((Expectation.EveryFlow) web.get(3)).flows(), ((Expectation.EveryFlow) web.get(4)).flows());
        assertEquals("expect deny in udp 2001:db8::1 53", web.get(0).text(), "whitespace is folded");
    }

    @Test
    void eachBadLineIsALocatedErrorWithAHintAndTheRestStillCounts() {
        ExpectationFile file = ExpectationParser.parse(FILE, String.join("\n",
                "expect allow out tcp 10.0.0.1",
                "expect accept out tcp 10.0.0.1 443",
                "nevr allow in port 22",
                "never allow",
                "never allow in tcp to 1.1.1.1",
                "policy Web",
                "policy web extra",
                "expect",
                "expect deny out udp 10.0.0.1 53",
                ""));
        List<String> found = file.diagnostics().stream()
                .map(d -> d.span().position() + " " + d.message() + " | " + d.hint())
                .toList();
        assertEquals(List.of(
                "w.policy.expect:1:30 missing port: tcp flows have a destination port | add it, as in 'out tcp 10.0.0.1 443'",
                "w.policy.expect:2:8 'accept' is not a verdict | write 'allow'",
                "w.policy.expect:3:1 'nevr' does not start an expectation | did you mean 'never'?",
                "w.policy.expect:4:12 missing flows after 'never allow' | write them as in 'never allow in tcp port 22'",
                "w.policy.expect:5:20 'in ... to' contradicts itself: 'to' names the peer of out flows | write 'from' for in flows",
                "w.policy.expect:6:8 'Web' is not a policy name"
                        + " | policy names are a lower-case letter, then up to 23 lower-case letters, digits or '-'",
                "w.policy.expect:7:12 unexpected 'extra' after the policy name | write 'policy NAME' alone on its line",
                "w.policy.expect:8:7 missing 'allow' or 'deny' after 'expect' | write 'expect allow ...' or 'expect deny ...'"),
                found);
        assertTrue(file.diagnostics().stream().allMatch(Diagnostic::isError));
        assertEquals(List.of("flow-syntax", "expect-syntax"),
                file.diagnostics().stream().map(Diagnostic::code).distinct().toList());
        assertEquals(1, file.size(), "the good line still counts");
    }

    @Test
    void emptyFilesAndSectionsAreWarnedAbout() {
        ExpectationFile empty = ExpectationParser.parse(FILE, "# nothing yet\n");
        assertEquals(List.of("expect-empty"), empty.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(Severity.WARNING, empty.diagnostics().get(0).severity());
        assertFalse(empty.hasErrors());

        ExpectationFile header = ExpectationParser.parse(FILE, "policy a\npolicy b\nexpect allow out tcp 1.1.1.1 1\n");
        assertEquals(List.of("w.policy.expect:1:1 no expectations for policy a"), header.diagnostics().stream()
                .map(d -> d.span().position() + " " + d.message()).toList());
        assertEquals(2, header.sections().size());
    }
}
