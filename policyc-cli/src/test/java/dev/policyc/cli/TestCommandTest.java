package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code policyc test}: expectations beside policies, failures with counterexamples, JUnit XML. */
class TestCommandTest {

    private static final String SAMPLES = "../samples/policies/";
    private static final String WEBAPP = SAMPLES + "webapp.policy";
    private static final String HOSTS = SAMPLES + "hosts";

    private static final String POLICY = """
            policy web {
                allow in tcp from cidr 192.168.1.0/24 port 22
                allow in tcp port 8080
            }
            """;

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.run(Subcommands.BUILT_IN, args);
    }

    private Path policyWithExpectations(String expectations) throws IOException {
        Path policy = tmp.resolve("web.policy");
        Files.writeString(policy, POLICY);
        Files.writeString(tmp.resolve("web.policy.expect"), expectations);
        return policy;
    }

    @Test
    void theSampleMeetsItsExpectations() throws IOException {
        CliRun run = run("test", WEBAPP, "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("", run.err());
        long expectations = Files.readAllLines(Path.of(WEBAPP + ".expect")).stream()
                .filter(l -> l.matches("(expect|never|always) .*")).count();
        assertTrue(run.out().startsWith("policy webapp (" + WEBAPP + ")\n"), run.out());
        assertTrue(run.out().contains("  ok    " + WEBAPP + ".expect:6  expect allow out tcp 10.20.1.5 5432\n"), run.out());
        assertTrue(run.out().endsWith("\n" + expectations + " passed, 0 failed\n"), run.out());
        assertFalse(run.out().contains("FAIL"), run.out());
    }

    @Test
    void aFailureShowsTheCounterexampleAndTheRuleThatDecidedIt() throws IOException {
        Path policy = policyWithExpectations("""
                expect allow in tcp 192.168.1.7 22
                expect deny in tcp 192.168.1.7 22
                never allow in tcp from outside 10.0.0.0/8 port 22     # admins only from 10/8
                always allow in port 8080
                """);
        CliRun run = run("test", policy.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        String expect = policy + ".expect";
        assertEquals(String.join("\n",
                "policy web (" + policy + ")",
                "  ok    " + expect + ":1  expect allow in tcp 192.168.1.7 22",
                "  FAIL  " + expect + ":2  expect deny in tcp 192.168.1.7 22",
                "          counterexample: in tcp 192.168.1.7 22 is allowed, expected deny",
                "          decided by " + policy + ":2  allow in tcp from cidr 192.168.1.0/24 port 22"
                        + "  [matches cidr 192.168.1.0/24]",
                "  FAIL  " + expect + ":3  never allow in tcp from outside 10.0.0.0/8 port 22",
                "          counterexample: in tcp 192.168.1.0 22 is allowed, expected deny",
                "          decided by " + policy + ":2  allow in tcp from cidr 192.168.1.0/24 port 22"
                        + "  [matches cidr 192.168.1.0/24]",
                "          every such flow: in tcp 192.168.1.0/24 port 22",
                "  FAIL  " + expect + ":4  always allow in port 8080",
                "          counterexample: in udp 0.0.0.0 8080 is denied, expected allow",
                "          decided by the default for in flows: deny (implicit: the policy sets none)",
                "          every such flow (2 ranges): in udp 0.0.0.0/0 port 8080; in udp ::/0 port 8080",
                "1 passed, 3 failed",
                ""), run.out());
        assertEquals("", run.err());
    }

    @Test
    void anExpectationsFileMayBeNamedInsteadOfItsPolicy() throws IOException {
        Path policy = policyWithExpectations("policy web\nalways allow in tcp port 8080\n");
        CliRun run = run("test", policy + ".expect", policy.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().endsWith("\n1 passed, 0 failed\n"), "tested once: " + run.out());
    }

    @Test
    void syntaxErrorsAreLocatedAndTheGoodLinesStillRun() throws IOException {
        Path policy = policyWithExpectations("expect allow in tcp 192.168.1.7 22\nnever allow in tcp port 0\n");
        CliRun run = run("test", policy.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().endsWith("1 passed, 0 failed\n"), run.out());
        assertTrue(run.err().contains(policy + ".expect:2:25: error: port 0 is out of range\n"
                + "never allow in tcp port 0\n"
                + "                        ^\n"
                + "hint: ports are 1-65535\n"), run.err());
    }

    @Test
    void aMissingExpectationsFileOrPolicyIsAnError() throws IOException {
        Path policy = tmp.resolve("lonely.policy");
        Files.writeString(policy, POLICY);
        CliRun missing = run("test", policy.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("error: no expectations for " + policy + ": " + policy + ".expect does not exist"),
                missing.err());
        assertTrue(missing.out().endsWith("0 passed, 0 failed\n"), missing.out());

        Path named = policyWithExpectations("policy wbe\nexpect allow in tcp 1.1.1.1 8080\n");
        CliRun unknown = run("test", named.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains(named + ".expect:1:1: error: no policy 'wbe' in " + named), unknown.err());
        assertTrue(unknown.err().contains("hint: did you mean 'web'?"), unknown.err());
    }

    @Test
    void aFileOfSeveralPoliciesNeedsPolicyLines() throws IOException {
        Path two = tmp.resolve("two.policy");
        Files.writeString(two, "policy a {\n    allow out tcp port 1\n}\npolicy b {\n    allow out tcp port 2\n}\n");
        Files.writeString(tmp.resolve("two.policy.expect"), "expect allow out tcp 1.1.1.1 1\n"
                + "policy b\nexpect allow out tcp 1.1.1.1 2\nexpect deny out tcp 1.1.1.1 1\n");
        CliRun run = run("test", two.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("two.policy.expect:1:1: error: " + two + " has 2 policies; say which these"
                + " expectations are about"), run.err());
        assertTrue(run.err().contains("hint: put 'policy NAME' on a line before them, NAME one of a, b"), run.err());
        assertTrue(run.out().contains("policy b (" + two + ")"), run.out());
        assertTrue(run.out().endsWith("2 passed, 0 failed\n"), run.out());
    }

    @Test
    void theJUnitReportHasACaseAnExpectationAndErrorsForWhatCouldNotRun() throws Exception {
        Path policy = policyWithExpectations("""
                expect allow in tcp 192.168.1.7 22
                never allow in tcp from outside 10.0.0.0/8 port 22
                expect allow in tcp <1.2.3.4> 22
                """);
        Path report = tmp.resolve("report.xml");
        CliRun run = run("test", policy.toString(), tmp.resolve("missing.policy").toString(), "--junit-xml", report.toString());
        assertEquals(1, run.exitCode());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element root = xml.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("2", root.getAttribute("errors"));
        NodeList cases = xml.getElementsByTagName("testcase");
        Element failed = (Element) cases.item(1);
        assertEquals("line 2: never allow in tcp from outside 10.0.0.0/8 port 22", failed.getAttribute("name"));
        assertEquals("2", failed.getAttribute("line"));
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("counterexample: in tcp 192.168.1.0 22 is allowed, expected deny", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("decided by " + policy + ":2"), failure.getTextContent());
        Element syntax = (Element) cases.item(2);
        Element error = (Element) syntax.getElementsByTagName("error").item(0);
        assertEquals("flow-syntax", error.getAttribute("type"));
        assertTrue(error.getTextContent().contains("expect allow in tcp <1.2.3.4> 22"), error.getTextContent());
        Element missing = (Element) ((Element) cases.item(3)).getElementsByTagName("error").item(0);
        assertEquals(TestCommand.MISSING_EXPECTATIONS, missing.getAttribute("type"));
    }

    @Test
    void aReportThatCannotBeWrittenIsAnError() throws IOException {
        Path policy = policyWithExpectations("always allow in tcp port 8080\n");
        CliRun run = run("test", policy.toString(), "--junit-xml", tmp.resolve("no/such/dir/r.xml").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("error: cannot write the JUnit report"), run.err());
        assertTrue(run.out().endsWith("1 passed, 0 failed\n"), run.out());
    }
}
