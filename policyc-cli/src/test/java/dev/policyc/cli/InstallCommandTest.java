package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policyc install} on a machine laid out in a temporary directory (no real configuration is touched). */
class InstallCommandTest {

    private static final String POLICY = """
            policy web {
                allow out tcp to cidr 192.0.2.0/24 port 443
            }
            """;

    @TempDir
    Path tmp;

    private FakeMachine machine;
    private Path policy;
    private Path prefix;
    private Path bundle;

    @BeforeEach
    void setUp() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        machine = new FakeMachine(tmp, FakeMachine.someUser());
        policy = machine.write("web.policy", POLICY);
        prefix = tmp.resolve("prefix");
        bundle = prefix.resolve("lib/policyc/bundle");
    }

    private CliRun install(String... more) {
        return machine.install(Stream.concat(Stream.of(policy.toString(), "--prefix", prefix.toString()), Stream.of(more))
                .toArray(String[]::new));
    }

    @Test
    void rootlessInstallWritesTheBundleAndTheUsersContainersConf() {
        CliRun run = install("--rootless");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(BundleInstaller.isBundle(bundle));
        assertTrue(Files.isRegularFile(bundle.resolve("policies/web.nft")));
        assertTrue(Files.isRegularFile(bundle.resolve("policies/policyc-canary.nft")), "the canary policy is in the bundle");
        assertTrue(Files.isExecutable(bundle.resolve("bin/policyc-hook")));
        assertTrue(machine.read(bundle.resolve("hooks.d/policyc.json")).contains(bundle + "/bin/policyc-hook"));
        Path conf = machine.home.resolve(".config/containers/containers.conf");
        assertEquals("[engine]\nhooks_dir = [\"" + bundle + "/hooks.d\"]\n", machine.read(conf));
        assertTrue(run.out().contains("create " + conf), run::out);
        assertTrue(run.out().contains("podman run --cap-drop NET_RAW --annotation policyc.policy=web IMAGE"), run::out);
    }

    @Test
    void installingAgainReplacesTheBundleAndLeavesTheConfigurationAlone() throws IOException {
        machine.write("home/user/.config/containers/containers.conf", "[engine]\nruntime = \"runc\"  # here\n");
        assertEquals(0, install("--rootless").exitCode());
        Path conf = machine.home.resolve(".config/containers/containers.conf");
        String configured = machine.read(conf);
        assertEquals("[engine]\nhooks_dir = [\"" + bundle + "/hooks.d\"]\nruntime = \"runc\"  # here\n", configured);
        Files.writeString(policy, POLICY.replace("443", "8443"));
        CliRun again = install("--rootless");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("nothing to do"), again::out);
        assertEquals(configured, machine.read(conf));
        assertTrue(machine.read(bundle.resolve("policies/web.nft")).contains("8443"));
        try (Stream<Path> left = Files.list(bundle.getParent())) {
            assertEquals(List.of(bundle), left.toList(), "no staging or old bundle is left beside it");
        }
    }

    @Test
    void theSystemsHooksDirIsKeptWhenTheUserFileTakesOver() {
        machine.write("etc/containers/containers.conf", "[engine]\nhooks_dir = [\"/opt/site-hooks\"]\n");
        assertEquals(0, install("--rootless").exitCode());
        assertEquals("[engine]\nhooks_dir = [\"/opt/site-hooks\", \"" + bundle + "/hooks.d\"]\n",
                machine.read(machine.home.resolve(".config/containers/containers.conf")));
    }

    @Test
    void theUsersDropInThatSetsHooksDirLastIsTheOneEdited() {
        machine.write("home/user/.config/containers/containers.conf", "[engine]\nhooks_dir = [\"/a\"]\n");
        Path dropIn = machine.write("home/user/.config/containers/containers.conf.d/50-mine.conf",
                "[engine]\nhooks_dir = [\"/b\"]\n");
        assertEquals(0, install("--rootless").exitCode());
        assertEquals("[engine]\nhooks_dir = [\"/b\", \"" + bundle + "/hooks.d\"]\n", machine.read(dropIn));
        assertEquals("[engine]\nhooks_dir = [\"/a\"]\n",
                machine.read(machine.home.resolve(".config/containers/containers.conf")));
    }

    @Test
    void dryRunChangesNothing() {
        CliRun run = install("--rootless", "--dry-run");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("dry run: nothing was changed"), run::out);
        assertFalse(Files.exists(prefix));
        assertFalse(Files.exists(machine.home.resolve(".config")));
    }

    @Test
    void rootfulWithoutHooksDirLinksTheHookIntoPodmansDefaultDirectory() throws IOException {
        CliRun run = install("--rootful");
        assertEquals(0, run.exitCode(), run::toString);
        Path link = tmp.resolve("etc/containers/oci/hooks.d/policyc.json");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(bundle.resolve("hooks.d/policyc.json"), Files.readSymbolicLink(link));
        assertFalse(Files.exists(tmp.resolve("etc/containers/containers.conf.d")), "no configuration written");
        CliRun again = install("--rootful");
        assertTrue(again.out().contains("already links to"), again::out);
    }

    @Test
    void rootfulWithHooksDirSetGetsADropIn() {
        machine.write("etc/containers/containers.conf", "[engine]\nhooks_dir = [\"/opt/hooks\"]\n");
        assertEquals(0, install("--rootful").exitCode());
        assertEquals("[engine]\nhooks_dir = [\"/opt/hooks\", \"" + bundle + "/hooks.d\"]\n",
                machine.read(tmp.resolve("etc/containers/containers.conf.d/policyc.conf")));
    }

    @Test
    void aDropInThatWouldOverrideOursIsRefusedAndNothingIsWritten() {
        Path late = machine.write("etc/containers/containers.conf.d/zz-site.conf", "[engine]\nhooks_dir = [\"/opt/hooks\"]\n");
        CliRun run = install("--rootful");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("refused: " + late + " sets hooks_dir after policyc's drop-in would"), run::out);
        assertTrue(run.out().contains("hooks_dir = [\"/opt/hooks\", \"" + bundle + "/hooks.d\"]"), run::out);
        assertFalse(Files.exists(prefix), "no bundle written");
    }

    @Test
    void aFileTooComplexToEditIsRefusedWithTheLineToAdd() {
        Path conf = machine.write("home/user/.config/containers/containers.conf", "engine = { runtime = \"runc\" }\n");
        CliRun run = install("--rootless");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("engine is written as an inline table"), run::out);
        assertTrue(run.out().contains("hooks_dir = [\"" + bundle + "/hooks.d\"]"), run::out);
        assertEquals("engine = { runtime = \"runc\" }\n", machine.read(conf));
    }

    @Test
    void containersConfIsTheFileEditedWhenSet() {
        Path only = machine.write("only.conf", "[containers]\nx = 1\n");
        machine.containersConf = java.util.Optional.of(only);
        assertEquals(0, install("--rootful").exitCode());
        assertEquals("[containers]\nx = 1\n\n[engine]\nhooks_dir = [\"" + tmp.resolve("usr/share/containers/oci/hooks.d")
                + "\", \"" + tmp.resolve("etc/containers/oci/hooks.d") + "\", \"" + bundle + "/hooks.d\"]\n",
                machine.read(only));
    }

    @Test
    void aDirectoryThatIsNotABundleIsNeverReplaced() throws IOException {
        machine.write("prefix/lib/policyc/bundle/precious.txt", "mine");
        CliRun run = install("--rootless");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("is not a policyc bundle"), run::out);
        assertEquals("mine", machine.read(bundle.resolve("precious.txt")));
    }

    @Test
    void aPlaceOthersCanWriteIsRefused() throws IOException {
        Files.createDirectories(prefix);
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxrwxrwx"));
        CliRun run = install("--rootless");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains(prefix + " is writable by group or others"), run::out);
    }

    @Test
    void theCanaryNameIsReserved() {
        machine.write("web.policy", "policy policyc-canary {\n    default deny\n}\n");
        CliRun run = install("--rootless");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("reserved"), run::err);
    }

    @Test
    void aPolicyWithErrorsInstallsNothing() {
        machine.write("web.policy", "policy web {\n    allow out tcp to $nope port 443\n}\n");
        CliRun run = install("--rootless");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("undefined name $nope"), run::err);
        assertFalse(Files.exists(prefix));
    }

    @Test
    void onlyTheChosenPoliciesAndTheCanaryAreInstalled() {
        machine.write("web.policy", POLICY + "policy other {\n    allow out udp to cidr 198.51.100.0/24 port 53\n}\n");
        assertEquals(0, install("--rootless", "--policy", "other").exitCode());
        assertFalse(Files.exists(bundle.resolve("policies/web.hook")));
        assertTrue(Files.exists(bundle.resolve("policies/other.hook")));
        assertTrue(Files.exists(bundle.resolve("policies/policyc-canary.hook")));
    }
}
