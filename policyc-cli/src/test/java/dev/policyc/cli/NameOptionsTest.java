package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --hosts, --resolve and --resolver: checked as options, and a broken hosts file reported once. */
class NameOptionsTest {

    private static final String WEBAPP = "../samples/policies/webapp.policy";

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.run(Subcommands.BUILT_IN, args);
    }

    @Test
    void aMalformedResolverIsACommandLineErrorEvenWhenThePolicyHasErrorsToo() throws IOException {
        Path bad = tmp.resolve("bad.policy");
        Files.writeString(bad, "policy p {\n    allow out tcp to host 10.0.0.1/8 port 443\n}\n");
        CliRun run = run("eval", bad.toString(), "--resolver", "1.2.3");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--resolver 1.2.3: '1.2.3' is not a valid IP address"), run.err());
    }

    @Test
    void hostsAndResolveExcludeEachOther() {
        CliRun run = run("compile", WEBAPP, "--target", "nftables", "--hosts", "../samples/policies/hosts", "--resolve");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--hosts and --resolve exclude each other; choose one"), run.err());
    }

    @Test
    void aBrokenHostsFileIsReportedOnceThoughDiffReadsItForBothVersions() throws IOException {
        Path hosts = tmp.resolve("hosts");
        Files.writeString(hosts, "1.2.3 broken.example\n");
        CliRun run = run("diff", WEBAPP, WEBAPP, "--hosts", hosts.toString(), "--resolver", "10.0.2.3");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().split("error: '1.2.3' is not a valid IP address", -1).length - 1, run.err());
        assertTrue(run.err().endsWith("1 error\n"), run.err());
    }

    @Test
    void anUnreadableHostsFileIsNamedWithAHint() {
        CliRun run = run("eval", WEBAPP, "--hosts", tmp.resolve("missing").toString(), "--resolver", "10.0.2.3");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("policyc: error: cannot read " + tmp.resolve("missing") + ": no such file\n"
                + "hint: check the path; it is taken relative to the current directory\n"), run.err());
    }
}
