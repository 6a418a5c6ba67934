package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook program applying policies for real, inside a network namespace this test creates
 * (and deletes), fed a made-up container state and config.json: what podman would do, without
 * podman. Lookups read the made-up container's hosts file; its nameserver is 127.0.0.1 in the
 * namespace, where nothing listens, and every other route ends in a black hole. Needs root, ip,
 * nft and iptables-restore; skipped with the reason otherwise.
 */
@Tag("root")
class HookNamespaceRootTest {

    private static final String WEB_HOSTS = "127.0.0.1 localhost\n192.0.2.20 named.test\n2001:db8::20 named.test\n";

    @TempDir
    Path tmp;

    private TestNamespace ns;
    private Path bundleDir;

    @BeforeEach
    void setUp() {
        Optional<String> reason = HostTools.rootUnavailable("ip", "nft", "iptables-restore", "ip6tables-restore", "unshare");
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        bundleDir = Bundles.write(Bundles.withIptables(), HookTestPolicies.program(
                HookTestPolicies.web(), HookTestPolicies.other(), HookTestPolicies.lookup()), tmp.resolve("bundle"), false);
        ns = TestNamespace.create("policyc-hooktest");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private FakeContainer container(String policy) {
        return new FakeContainer(tmp.resolve("ctr-" + policy)).annotate("policyc.policy", policy).hosts(WEB_HOSTS)
                .resolvConf("search example\nnameserver 127.0.0.1\nnameserver 2001:db8::53%d0\n");
    }

    private HostTools.Result apply(Path bundle, FakeContainer container, Map<String, String> env) {
        return ns.exec(List.of("/bin/sh", bundle.resolve("bin/policyc-hook").toString(), "apply", bundle.toString()),
                env, container.state());
    }

    private HostTools.Result apply(FakeContainer container) {
        return apply(bundleDir, container, Map.of());
    }

    private static void applied(HostTools.Result result) {
        assertEquals(0, result.exit(), result::toString);
        assertEquals("", result.stderr(), result::toString);
    }

    private static void refused(HostTools.Result result, String reason) {
        assertEquals(1, result.exit(), result::toString);
        assertEquals(1, result.stderrLines().size(), () -> "one line on stderr: " + result);
        assertTrue(result.stderrLines().get(0).contains(reason), () -> "expected '" + reason + "' in: " + result);
    }

    private String nft(String... args) {
        List<String> command = new ArrayList<>(List.of(HostTools.path("nft")));
        command.addAll(List.of(args));
        HostTools.Result result = ns.exec(command, Map.of(), "");
        assertTrue(result.ok(), result::toString);
        return result.stdout();
    }

    /** The ruleset without counters, which change with traffic. */
    private String ruleset() {
        return nft("list", "ruleset").replaceAll("counter packets \\d+ bytes \\d+", "counter");
    }

    private String set(String table, String set) {
        return nft("list", "set", "inet", table, set);
    }

    @Test
    void appliesThePolicyWithItsNamesAndNameservers() {
        applied(apply(container("web")));
        assertEquals(List.of("table inet policyc_web"), nft("list", "tables").lines().toList());
        assertTrue(set("policyc_web", "dns_1_v4").contains("elements = { 192.0.2.20 }"), set("policyc_web", "dns_1_v4"));
        assertTrue(set("policyc_web", "dns_1_v6").contains("elements = { 2001:db8::20 }"), set("policyc_web", "dns_1_v6"));
        assertTrue(set("policyc_web", "resolver_v4").contains("elements = { 127.0.0.1 }"));
        assertTrue(set("policyc_web", "resolver_v6").contains("elements = { 2001:db8::53 }"), "zone id dropped");
        String rules = ruleset();
        assertTrue(rules.contains("ip daddr 192.0.2.10 tcp dport 80 counter accept"), rules);
        assertTrue(rules.contains("type filter hook output priority filter; policy drop;"), rules);
    }

    /** Fedora's /bin/sh is bash, Alpine's busybox: the program is plain POSIX sh for all of them. */
    @Test
    void bashAndBusyboxRunTheProgramAsDashDoes() {
        applied(apply(container("web")));
        String byDash = ruleset();
        for (List<String> shell : List.of(List.of("bash", "--posix"), List.of("/bin/busybox", "sh"))) {
            if (HostTools.executable(shell.get(0).replace("/bin/", "")).isEmpty()) {
                continue;
            }
            nft("flush", "ruleset");
            List<String> command = new ArrayList<>(shell);
            command.addAll(List.of(bundleDir.resolve("bin/policyc-hook").toString(), "apply", bundleDir.toString()));
            applied(ns.exec(command, Map.of(), container("web").state()));
            assertEquals(byDash, ruleset(), String.join(" ", shell));
            refused(ns.exec(command, Map.of(), container("webb").state()), "unknown policy 'webb'");
        }
    }

    @Test
    void aContainerWithTheSamePolicyAppliesItAgainAndChangesNothing() {
        applied(apply(container("web")));
        String first = ruleset();
        applied(apply(container("web")));
        assertEquals(first, ruleset());
    }

    @Test
    void aContainerWithAnotherPolicyCannotJoinTheNamespace() {
        applied(apply(container("web")));
        String before = ruleset();
        refused(apply(container("other")), "shared with a container under policy 'web'");
        assertEquals(before, ruleset(), "the first container's rules stay as they were");
    }

    @Test
    void reapplyingKeepsAddressesAnotherContainerFoundWhenItsOwnLookupFails() {
        applied(apply(container("web")));
        HostTools.Result again = apply(container("web").hosts("127.0.0.1 localhost\n").resolvConf("nameserver 127.0.0.1\n"));
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.stderr().contains("policyc-hook: warning: dns names of policy 'web' did not resolve"), again::toString);
        assertTrue(again.stderr().contains("kept the addresses already in dns_1_v4"), again::toString);
        assertTrue(set("policyc_web", "dns_1_v4").contains("elements = { 192.0.2.20 }"));
    }

    @Test
    void aNameThatDoesNotResolveAllowsNothingAndIsReported() {
        HostTools.Result result = apply(container("lookup").resolvConf("nameserver 127.0.0.1\n"));
        assertEquals(0, result.exit(), result::toString);
        assertEquals(List.of("policyc-hook: warning: dns names of policy 'lookup' did not resolve, so they allow nothing: missing.test"),
                result.stderrLines());
        assertFalse(set("policyc_lookup", "dns_1_v4").contains("elements"));
    }

    @Test
    void withStrictDnsANameThatDoesNotResolveStopsTheContainer() {
        Path strict = Bundles.write(HookTestPolicies.program(HookTestPolicies.lookup()), tmp.resolve("strict"), true);
        refused(apply(strict, container("lookup").resolvConf("nameserver 127.0.0.1\n"), Map.of()), "did not resolve: missing.test (compiled with --strict-dns)");
        assertEquals("", nft("list", "tables"), "nothing applied");
    }

    @Test
    void aRulesetThatFailsToLoadChangesNothing() {
        applied(apply(container("web")));
        String before = ruleset();
        Bundles.breakRuleset(bundleDir, "web");
        refused(apply(container("web")), "nft could not apply policy 'web', nothing changed");
        assertEquals(before, ruleset(), "the transaction was rolled back whole");
    }

    @Test
    void withoutNftTheIptablesFallbackIsApplied() {
        Path path = HostTools.toolDir(tmp.resolve("no-nft"), Set.of("nft"));
        applied(apply(bundleDir, container("other"), Map.of("PATH", path.toString())));
        HostTools.Result v4 = ns.exec(HostTools.path("iptables-save"), "-t", "filter");
        HostTools.Result v6 = ns.exec(HostTools.path("ip6tables-save"), "-t", "filter");
        for (HostTools.Result saved : List.of(v4, v6)) {
            assertTrue(saved.stdout().contains(":pc_other - [0:0]"), saved::toString);
            assertTrue(saved.stdout().contains(":OUTPUT DROP"), saved::toString);
            assertTrue(saved.stdout().contains("--comment \"policyc other\""), saved::toString);
        }
        refused(apply(bundleDir, container("lookup"), Map.of("PATH", path.toString())),
                "nft does not work here and policy 'lookup' uses dns or resolver");
    }

    @Test
    void theIptablesFallbackChecksItsRulesBeforeLoadingThem() throws IOException {
        Path rules = bundleDir.resolve("policies/other.v6.rules");
        Files.writeString(rules, Files.readString(rules).replace(":OUTPUT DROP", ":OUTPUT ACCEPT"), StandardCharsets.UTF_8);
        Path path = HostTools.toolDir(tmp.resolve("no-nft"), Set.of("nft"));
        refused(apply(bundleDir, container("other"), Map.of("PATH", path.toString())),
                "checksum mismatch in " + bundleDir + ": policies/other.v6.rules: FAILED");
        HostTools.Result v4 = ns.exec(HostTools.path("iptables-save"), "-t", "filter");
        assertFalse(v4.stdout().contains("pc_other"), v4::toString);
    }

    /**
     * The processes an accepted container's start costs, each a millisecond or more: the hook
     * runs with a PATH of stand-ins that log their name and run the real tool.
     */
    @Test
    void applyingAPolicyWithoutNamesStartsFiveProcesses() throws IOException {
        applied(apply(bundleDir, container("other"), Map.of("PATH", loggingTools().toString())));
        assertEquals(List.of("awk", "sha256sum", "nft", "sed", "nft"), Files.readAllLines(tmp.resolve("started.log")));
        assertEquals(List.of("table inet policyc_other"), nft("list", "tables").lines().toList());
        // Applied again, the file replaces the table whole, as nft reads it.
        Files.delete(tmp.resolve("started.log"));
        applied(apply(bundleDir, container("other"), Map.of("PATH", loggingTools().toString())));
        assertEquals(List.of("awk", "sha256sum", "nft", "nft"), Files.readAllLines(tmp.resolve("started.log")));
    }

    /**
     * A first load leaves out the file's replacing head (whose deletion would make nft wait out
     * a grace period) and must give exactly the ruleset the whole file gives.
     */
    @Test
    void aFirstLoadGivesWhatTheWholeFileGives() {
        applied(apply(container("other")));
        String first = ruleset();
        nft("flush", "ruleset");
        nft("-f", bundleDir.resolve("policies/other.nft").toString());
        assertEquals(first, ruleset());
    }

    /** nft reads the ruleset from a pipe: a reader that fails must stop the container, not hand nft less. */
    @Test
    void aRulesetThatCannotBeReadWholeStopsTheContainer() throws IOException {
        Path tools = HostTools.toolDir(tmp.resolve("failing-sed"), Set.of("sed"));
        Path standIn = tools.resolve("sed");
        Files.writeString(standIn, "#!/bin/sh\nexit 2\n");
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        refused(apply(bundleDir, container("other"), Map.of("PATH", tools.toString())), "cannot read policies/other.nft");
        assertEquals("", nft("list", "tables"), "nothing applied");
    }

    /**
     * The table appears between `nft list tables` and the load (another container of a pod):
     * {@code create table} fails, and the whole file, which replaces the table, is loaded.
     */
    @Test
    void aTableThatAppearsAfterTheListingIsReplacedWhole() throws IOException {
        applied(apply(container("other")));
        String expected = ruleset();
        Path tools = HostTools.toolDir(tmp.resolve("stale-listing"), Set.of("nft"));
        Path standIn = tools.resolve("nft");
        Files.writeString(standIn, "#!/bin/sh\nif [ \"$1 $2\" = \"list tables\" ]; then exit 0; fi\nexec '"
                + HostTools.path("nft") + "' \"$@\"\n");
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        applied(apply(bundleDir, container("other"), Map.of("PATH", tools.toString())));
        assertEquals(expected, ruleset(), "one table, its rules once");
    }

    /** With names and resolver: the lookups' own processes, then one awk for all the sets. */
    @Test
    void applyingAPolicyWithNamesStartsTheLookupsAndTwoMore() throws IOException {
        applied(apply(bundleDir, container("web"), Map.of("PATH", loggingTools().toString())));
        List<String> started = Files.readAllLines(tmp.resolve("started.log"));
        assertEquals(List.of("awk", "sha256sum", "nft", "timeout", "unshare", "sh", "mount", "mount", "getent", "getent", "awk"),
                started.subList(0, Math.min(11, started.size())), started::toString);
        assertEquals(List.of("sed", "nft"), started.subList(11, started.size()), started::toString);
        assertTrue(set("policyc_web", "dns_1_v6").contains("elements = { 2001:db8::20 }"), set("policyc_web", "dns_1_v6"));
    }

    /** A PATH of stand-ins for the hook's tools that append their name to started.log and run the real tool. */
    private Path loggingTools() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logged"));
        Path log = tmp.resolve("started.log");
        for (String tool : HostTools.HOOK_TOOLS) {
            Optional<Path> real = HostTools.executable(tool);
            if (real.isPresent()) {
                Path standIn = dir.resolve(tool);
                Files.writeString(standIn, "#!/bin/sh\necho " + tool + " >>'" + log + "'\nexec '" + real.get() + "' \"$@\"\n");
                Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return dir;
    }

    @Test
    void withoutNftOrIptablesRestoreNothingCanBeApplied() {
        Path path = HostTools.toolDir(tmp.resolve("no-tools"), Set.of("nft", "iptables-restore", "ip6tables-restore"));
        refused(apply(bundleDir, container("other"), Map.of("PATH", path.toString())),
                "neither nft nor iptables-restore works here");
    }

    @Test
    void anUnexpectedFailureStillStopsTheContainerWithOneLine() {
        Path path = HostTools.toolDir(tmp.resolve("no-awk"), Set.of("awk"));
        HostTools.Result result = apply(bundleDir, container("web"), Map.of("PATH", path.toString()));
        assertEquals(127, result.exit(), result::toString);
        assertEquals(List.of("policyc-hook: failed unexpectedly while reading the container state (status 127);"
                + " the container does not start"), result.stderrLines());
        assertEquals("", nft("list", "tables"), "nothing applied");
    }
}
