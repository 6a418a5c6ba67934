package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check, eval, explain and fmt, run in-process on the sample policies and on bad input. */
class PolicyCommandsTest {

    private static final String SAMPLES = "../samples/policies/";
    private static final String WEBAPP = SAMPLES + "webapp.policy";
    private static final String HOSTS = SAMPLES + "hosts";

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.run(Subcommands.BUILT_IN, args);
    }

    private static CliRun runWithInput(String stdin, String... args) {
        return CliRun.runWithInput(Subcommands.BUILT_IN, Map.of(), false, stdin, args);
    }

    @Test
    void checkAcceptsTheSamplesSilently() {
        CliRun run = run("check", WEBAPP, SAMPLES + "shop-backend.policy", SAMPLES + "webapp.yaml");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void checkReportsEveryErrorWithLocationCaretAndHint() throws IOException {
        Path bad = tmp.resolve("bad.policy");
        Files.writeString(bad, "define ports web = 443\npolicy p {\n    allow out tcp to $wbe port $web\n"
                + "    allow out tcp to cidr 10.0.0.1/8 port 443\n}\n");
        CliRun run = run("check", bad.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(bad + ":3:22: error: undefined name $wbe\n"
                + "    allow out tcp to $wbe port $web\n"
                + "                     ^~~~\n"), run.err());
        assertTrue(run.err().contains(bad + ":4:27: error: '10.0.0.1/8' has host bits set"), run.err());
        assertTrue(run.err().contains("hint: write 'cidr 10.0.0.0/8' for the network"), run.err());
        assertTrue(run.err().contains("2 errors"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void checkOfAMissingFileSaysSo() {
        CliRun run = run("check", "no/such.policy");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot read no/such.policy: no such file"), run.err());
    }

    @Test
    void evalPrintsAVerdictALineAndFailsAtTheEndOnAMalformedLine() {
        String flows = "out tcp 10.20.1.5 5432\nout tcp 10.20.99.5 5432\n\n# a comment\nout tcp 1.1.1.1\n"
                + "in tcp 2001:db8::1 8080\nout 47 10.20.1.1\n";
        CliRun run = runWithInput(flows, "eval", WEBAPP, "--policy", "webapp", "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals(1, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("allow", lines[0]);
        assertEquals("deny", lines[1]);
        assertTrue(lines[2].startsWith("error: line 5, column 16: "), lines[2]);
        assertEquals("allow", lines[3]);
        assertEquals("deny", lines[4]);
        assertEquals(5, lines.length);
    }

    @Test
    void evalWithWellFormedFlowsSucceeds() {
        CliRun run = runWithInput("out udp 1.1.1.1 53\n", "eval", SAMPLES + "only-cloudflare.policy");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("allow\n", run.out());
    }

    @Test
    void evalWithoutAddressesForDnsNamesSaysWhatToGive() {
        CliRun run = runWithInput("out tcp 1.1.1.1 53\n", "eval", WEBAPP);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("hint: give --hosts FILE or --resolve"), run.err());
        assertTrue(run.err().contains("hint: give --resolver ADDR"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void evalOfAFileWithSeveralPoliciesNeedsOneNamed() throws IOException {
        Path two = tmp.resolve("two.policy");
        Files.writeString(two, "policy a {\n    allow out tcp port 1\n}\npolicy b {\n    allow out tcp port 2\n}\n");
        CliRun run = run("eval", two.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("has 2 policies (a, b); choose one with --policy NAME"), run.err());
        assertEquals(2, run("eval", two.toString(), "--policy", "c").exitCode());
    }

    @Test
    void explainNamesTheDecidingRulesAndTheOverriddenOnes() {
        CliRun run = run("explain", WEBAPP, "--flow", "out tcp 10.20.99.5 5432", "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("deny: out tcp 10.20.99.5 5432  (policy webapp)\n"), run.out());
        assertTrue(run.out().contains("webapp.policy:12  deny out to cidr 10.20.99.0/24 log  [matches cidr 10.20.99.0/24]"),
                run.out());
        assertTrue(run.out().contains("webapp.policy:6  allow out tcp to cidr 10.20.0.0/16 port 5432 comment \"database\""),
                run.out());
    }

    @Test
    void explainSaysWhenTheDefaultDecides() {
        CliRun run = run("explain", SAMPLES + "shop-backend.policy", "--flow", "out udp 8.8.8.8 53",
                "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("no rule matches; the default for out flows decides: deny (")
                && run.out().contains("shop-backend.policy:21), logged"), run.out());
    }

    @Test
    void explainRejectsAMalformedFlowAsACommandLineError() {
        CliRun run = run("explain", WEBAPP, "--flow", "sideways tcp 1.1.1.1 53");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'sideways' is not a direction"), run.err());
    }

    @Test
    void fmtCheckAndWrite() throws IOException {
        Path file = tmp.resolve("p.policy");
        Files.writeString(file, "policy p{allow out tcp to 192.0.2.1 port {443}   # web\n}");
        CliRun check = run("fmt", "--check", file.toString());
        assertEquals(1, check.exitCode());
        assertTrue(check.err().contains("not in canonical form"), check.err());
        CliRun show = run("fmt", file.toString());
        assertEquals("policy p {\n    allow out tcp to host 192.0.2.1 port 443  # web\n}\n", show.out());
        assertEquals(0, run("fmt", "--write", file.toString()).exitCode());
        assertEquals(show.out(), Files.readString(file));
        assertEquals(0, run("fmt", "--check", file.toString()).exitCode());
    }

    @Test
    void fmtConvertsBetweenDslAndYaml() throws IOException {
        CliRun yaml = run("fmt", "--to", "yaml", SAMPLES + "only-cloudflare.policy");
        assertEquals(0, yaml.exitCode(), yaml.err());
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, yaml.out());
        CliRun back = run("fmt", "--to", "dsl", file.toString());
        assertEquals("policy only-cloudflare {\n    allow out to host 1.1.1.1\n}\n", back.out());
        assertEquals(2, run("fmt", "--write", file.toString()).exitCode());
    }

    @Test
    void fmtOfAFileWithSyntaxErrorsReportsThemAndPrintsNothing() throws IOException {
        Path file = tmp.resolve("broken.policy");
        Files.writeString(file, "policy p {\n    allow out tcp to\n}\n");
        CliRun run = run("fmt", file.toString());
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("broken.policy:2:"), run.err());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"check", "eval", "explain", "fmt", "diff", "compile", "verify", "test"}) {
            CliRun run = run(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Examples:"), command + ": " + run.out());
        }
    }

    @Test
    void diffShowsExactlyTheFlowsThatChangeVerdict() throws IOException {
        Path changed = tmp.resolve("new.policy");
        Files.writeString(changed, Files.readString(Path.of(WEBAPP))
                .replace("define ports web = { 80, 443 }", "define ports web = { 80, 443, 8443 }")
                .replace("    allow in tcp from cidr 192.168.1.0/24 port 22\n", ""));
        CliRun run = run("diff", WEBAPP, changed.toString(), "--hosts", HOSTS, "--resolver", "10.0.2.3", "--exit-code");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("policy webapp:\n"
                + "  newly accepted (2 ranges):\n"
                + "    + out tcp 192.0.2.140 port 8443\n"
                + "    + out tcp 2001:db8:140::1 port 8443\n"
                + "  newly dropped (1 range):\n"
                + "    - in tcp 192.168.1.0/24 port 22\n", run.out());
        CliRun json = run("diff", WEBAPP, changed.toString(), "--hosts", HOSTS, "--resolver", "10.0.2.3", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"cidrs\" : [ \"192.168.1.0/24\" ]"), json.out());
        assertTrue(json.out().contains("\"protocols\" : [ \"tcp\" ]"), json.out());
    }

    @Test
    void diffOfTwoTextsWithTheSameMeaningSaysEquivalent() throws IOException {
        Path reformatted = tmp.resolve("same.policy");
        Files.writeString(reformatted, run("fmt", WEBAPP).out()
                .replace("allow out icmp to cidr 192.0.2.0/24", "allow out icmp to { cidr 192.0.2.0/25, cidr 192.0.2.128/25 }"));
        CliRun run = run("diff", "--exit-code", WEBAPP, reformatted.toString(), "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("policy webapp: equivalent (the same flows are accepted)\n", run.out());
    }

    @Test
    void compileToNftablesPrintsOrWritesTheRuleset() throws IOException {
        CliRun printed = run("compile", WEBAPP, "--target", "nftables", "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals(0, printed.exitCode(), printed.err());
        assertTrue(printed.out().contains("table inet policyc_webapp {\n"), printed.out());
        assertTrue(printed.out().contains("10.20.0.0/16 . tcp . 5432 comment "
                + "\"../samples/policies/webapp.policy:6 database\""), printed.out());
        Path dir = tmp.resolve("out");
        CliRun written = run("compile", WEBAPP, "--target", "nftables", "-o", dir.toString(),
                "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals(0, written.exitCode(), written.err());
        assertEquals(printed.out(), Files.readString(dir.resolve("webapp.nft")));
    }

    @Test
    void compileToIptablesIpsetWritesTheSetsBesideTheRulesAndVerifyProvesThem() throws IOException {
        Path policy = tmp.resolve("many.policy");
        Files.writeString(policy, "policy many {\n    allow out tcp to { host 192.0.2.1, host 192.0.2.3, host 192.0.2.5, host 192.0.2.7,"
                + " host 192.0.2.9 } port 443\n}\n");
        Path dir = tmp.resolve("out");
        CliRun written = run("compile", policy.toString(), "--target", "iptables-ipset", "-o", dir.toString());
        assertEquals(0, written.exitCode(), written.err());
        for (String file : List.of("many.v4.rules", "many.v6.rules", "many.ipset", "many.sh")) {
            assertEquals(file.endsWith(".sh"), Files.isExecutable(dir.resolve(file)), file);
        }
        assertTrue(Files.readString(dir.resolve("many.ipset")).contains("\nadd PC-many-"), "the five hosts are in a set");
        assertTrue(Files.readString(dir.resolve("many.v4.rules")).contains(" -m set --match-set PC-many-"));
        CliRun verified = run("verify", "--target", "iptables-ipset", policy.toString());
        assertEquals(0, verified.exitCode(), verified.err());
        assertEquals("iptables-ipset: many: equivalent\n", verified.out());
        assertTrue(run("compile", "--help").out().contains("iptables-ipset"), "the help lists the target");
    }

    @Test
    void compileWritesNothingWhenThePolicyHasErrors() throws IOException {
        Path bad = tmp.resolve("bad.policy");
        Files.writeString(bad, "policy p {\n    allow out tcp to host 10.0.0.1/8 port 443\n}\n");
        Path dir = tmp.resolve("out");
        CliRun run = run("compile", bad.toString(), "--target", "nftables", "-o", dir.toString());
        assertEquals(1, run.exitCode());
        assertFalse(Files.exists(dir), "no output directory after errors");
        assertEquals(2, run("compile", WEBAPP, "--target", "pf").exitCode());
    }

    @Test
    void verifyProvesEveryVerifiableTargetEquivalentForTheSamples() {
        CliRun run = run("verify", WEBAPP, SAMPLES + "shop-backend.policy", "--paranoid");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("nftables: webapp: equivalent\n"), run.out());
        assertTrue(run.out().contains("nftables: shop-backend: equivalent\n"), run.out());
        assertTrue(run.out().contains("iptables: webapp: equivalent\n"), run.out());
        assertTrue(run.out().contains("iptables-ipset: shop-backend: equivalent\n"), run.out());
        assertFalse(run.out().contains("MISMATCH"), run.out());
    }

    @Test
    void verifyRejectsATargetWithoutAReader() {
        CliRun run = run("verify", "--target", "pf", WEBAPP);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("cannot verify target 'pf'"), run.err());
    }
}
