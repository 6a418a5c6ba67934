package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policyc doctor} on a machine laid out in a temporary directory, with a stand-in podman.
 * The hook program's own {@code check} runs for real (it needs sh and sha256sum).
 */
class DoctorCommandTest {

    @TempDir
    Path tmp;

    private FakeMachine machine;
    private Path bundle;

    @BeforeEach
    void setUp() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        machine = new FakeMachine(tmp, FakeMachine.someUser());
        machine.write("web.policy", "policy web {\n    allow out tcp to cidr 192.0.2.0/24 port 443\n}\n");
        bundle = tmp.resolve("prefix/lib/policyc/bundle");
    }

    private void install(String mode) {
        CliRun run = machine.install(tmp.resolve("web.policy").toString(), "--prefix", tmp.resolve("prefix").toString(), mode);
        assertEquals(0, run.exitCode(), run::toString);
    }

    private static void failed(CliRun run, String line) {
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("FAIL  " + line), () -> "expected 'FAIL  " + line + "' in:\n" + run.out());
    }

    @Test
    void rootlessWithoutHooksDirFailsAndSaysHowToFixIt() {
        CliRun run = machine.doctor("--rootless");
        failed(run, "hooks_dir: no hooks_dir set: rootless podman runs no hooks");
        assertTrue(run.out().contains("fix: policyc install FILE, or add under [engine] in "
                + machine.home.resolve(".config/containers/containers.conf")), run::out);
        assertTrue(run.out().contains("ok    podman: podman version 4.3.1"), run::out);
        assertTrue(run.out().endsWith("1 problem found\n"), run::out);
    }

    @Test
    void afterInstallEveryCheckPasses() {
        install("--rootless");
        CliRun run = machine.doctor("--rootless");
        assertEquals(0, run.exitCode(), run::out);
        assertTrue(run.out().contains("ok    hooks_dir: " + bundle + "/hooks.d (hooks_dir in "
                + machine.home.resolve(".config/containers/containers.conf") + ")"), run::out);
        assertTrue(run.out().contains("ok    policyc hook: " + bundle + "/hooks.d/policyc.json"), run::out);
        assertTrue(run.out().contains("ok    bundle: " + bundle + " (policies: policyc-canary, web;"), run::out);
        assertTrue(run.out().contains("ok    canary policy"), run::out);
        assertFalse(run.out().contains("FAIL"), run::out);
        assertTrue(run.out().endsWith("all checks passed\n"), run::out);
    }

    @Test
    void rootfulInstallIsFoundThroughTheLinkInPodmansDefaultDirectory() {
        install("--rootful");
        CliRun run = new FakeMachine(tmp, 0).doctor("--rootful");
        if (ProcessOwner.uid() == 0) {
            // Run by another user, the bundle is theirs, not root's, and the permission check says so.
            assertEquals(0, run.exitCode(), run::out);
        }
        assertTrue(run.out().contains("ok    policyc hook: " + tmp.resolve("etc/containers/oci/hooks.d/policyc.json")
                + " -> " + bundle + "/hooks.d/policyc.json"), run::out);
        assertTrue(run.out().contains("(no hooks_dir set: podman's default directories)"), run::out);
    }

    @Test
    void aChangedBundleFileFailsTheChecksum() throws IOException {
        install("--rootless");
        Files.writeString(bundle.resolve("policies/web.nft"), "# changed\n", java.nio.file.StandardOpenOption.APPEND);
        failed(machine.doctor("--rootless"), "bundle: policyc-hook: checksum mismatch in " + bundle + ": policies/web.nft: FAILED");
    }

    @Test
    void aBundleOthersCanWriteFails() throws IOException {
        install("--rootless");
        Files.setPosixFilePermissions(bundle.resolve("policies/web.nft"), PosixFilePermissions.fromString("rw-rw-r--"));
        failed(machine.doctor("--rootless"), "permissions: " + bundle.resolve("policies/web.nft") + " is writable by group or others");
    }

    @Test
    void twoPolicycHooksFail() throws IOException {
        install("--rootless");
        Path other = tmp.resolve("other-hooks");
        Files.createDirectories(other);
        Files.copy(bundle.resolve("hooks.d/policyc.json"), other.resolve("policyc-again.json"));
        machine.write("home/user/.config/containers/containers.conf",
                "[engine]\nhooks_dir = [\"" + bundle + "/hooks.d\", \"" + other + "\"]\n");
        failed(machine.doctor("--rootless"), "policyc hook: 2 policyc hooks");
    }

    @Test
    void aHookFileOfTheSameNameInALaterDirectoryReplacesTheEarlierOne() throws IOException {
        install("--rootless");
        Path later = tmp.resolve("later-hooks");
        Files.createDirectories(later);
        Files.writeString(later.resolve("policyc.json"), "{\"version\":\"1.0.0\",\"hook\":{\"path\":\"/bin/true\"},"
                + "\"when\":{\"always\":true},\"stages\":[\"prestart\"]}");
        machine.write("home/user/.config/containers/containers.conf",
                "[engine]\nhooks_dir = [\"" + bundle + "/hooks.d\", \"" + later + "\"]\n");
        failed(machine.doctor("--rootless"), "policyc hook: none of");
    }

    @Test
    void aHooksDirectoryWithoutThePolicycHookFails() {
        machine.write("home/user/.config/containers/containers.conf", "[engine]\nhooks_dir = [\"/nonexistent/hooks\"]\n");
        failed(machine.doctor("--rootless"), "policyc hook: none of /nonexistent/hooks holds a policyc hook");
    }

    @Test
    void missingPodmanFails() {
        machine.podmanInstalled = false;
        CliRun run = machine.doctor("--rootless");
        failed(run, "podman: not found");
        assertTrue(run.out().contains("fix: install podman"), run::out);
    }

    @Test
    void podmanInfoFailingIsReported() {
        machine.podmanAnswers.put("info", new HostCommands.Result(125, "", "Error: cannot set up namespace\n"));
        failed(machine.doctor("--rootless"), "podman info: Error: cannot set up namespace");
    }

    @Test
    void rootlessModeRunByRootIsAMistake() {
        FakeMachine asRoot = new FakeMachine(tmp, 0);
        CliRun run = asRoot.doctor("--rootless");
        failed(run, "mode: podman run by root is rootful");
    }

    @Test
    void anUnreadableConfigurationIsAWarningAndTheRestStillRuns() {
        install("--rootless");
        machine.write("home/user/.config/containers/containers.conf.d/broken.conf", "[engine\n");
        CliRun run = machine.doctor("--rootless");
        assertTrue(run.out().contains("warn  configuration: cannot read "
                + machine.home.resolve(".config/containers/containers.conf.d/broken.conf")), run::out);
    }
}
