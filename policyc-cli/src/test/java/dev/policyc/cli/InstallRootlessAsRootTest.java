package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.backend.hookjson.RootlessUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole rootless story with real podman, as a user would live it: a dedicated user made for
 * the test ({@link RootlessUser}) runs {@code policyc doctor} (which must fail: rootless podman
 * runs no hooks until configured), {@code policyc install} (which writes
 * {@code ~/.local/lib/policyc/bundle} and adds it to {@code hooks_dir} in the user's
 * containers.conf, keeping what was there), then {@code policyc doctor --canary}, which must
 * pass: throwaway containers prove the configured hook enforces the policy. The user's
 * containers.conf starts with what this machine needs (runc, ulimits it may set). Everything is
 * removed afterwards, the user with its home and container storage. Needs root; skipped with
 * the reason elsewhere.
 */
@Tag("root")
@Tag("podman")
class InstallRootlessAsRootTest {

    private static final String USER = "policyc-inst";
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    @Test
    void installThenDoctorCanaryAsARootlessUser() throws IOException {
        Optional<String> reason = unavailable();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        Path work = Files.createTempDirectory("policyc-inst-");
        try (RootlessUser user = RootlessUser.create(USER)) {
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            String classPath = readableClassPath(work.resolve("cp"));
            Path policy = work.resolve("web.policy");
            Files.writeString(policy, "policy web {\n    allow out tcp to cidr 192.0.2.0/24 port 443\n}\n");
            Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-r--r--"));
            Path conf = user.home.resolve(".config/containers/containers.conf");
            String machineSettings = """
                    [containers]
                    default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

                    [engine]
                    runtime = "runc"
                    """;
            Files.createDirectories(conf.getParent());
            Files.writeString(conf, machineSettings, StandardCharsets.UTF_8);
            HostCommands.Result chown = run(List.of("chown", "-R", user.name + ":", user.home.resolve(".config").toString()));
            assertTrue(chown.ok(), chown::toString);

            HostCommands.Result before = policyc(user, classPath, "doctor");
            assertEquals(1, before.exit(), before::toString);
            assertTrue(before.stdout().contains("FAIL  hooks_dir: no hooks_dir set: rootless podman runs no hooks"), before::toString);

            HostCommands.Result installed = policyc(user, classPath, "install", policy.toString());
            assertEquals(0, installed.exit(), installed::toString);
            Path bundle = user.home.resolve(".local/lib/policyc/bundle");
            assertEquals(machineSettings.replace("[engine]\n", "[engine]\nhooks_dir = [\"" + bundle + "/hooks.d\"]\n"),
                    Files.readString(conf), "hooks_dir added under [engine], the rest kept");
            assertEquals(user.uid, (Integer) Files.getAttribute(bundle.resolve("bin/policyc-hook"), "unix:uid"));

            HostCommands.Result doctor = policyc(user, classPath, "doctor", "--canary");
            assertEquals(0, doctor.exit(), doctor::toString);
            for (String line : List.of("ok    canary: hook applied the policy", "ok    canary: traffic blocked",
                    "ok    canary: capabilities", "ok    canary: other containers untouched", "ok    canary: fails closed",
                    "all checks passed")) {
                assertTrue(doctor.stdout().contains(line), () -> "expected '" + line + "' in " + doctor);
            }
            HostCommands.Result left = asUser(user, List.of("podman", "ps", "-a", "--format", "{{.Names}}"));
            assertEquals("", left.stdout().strip(), "the canary removed its containers");
        } finally {
            deleteTree(work);
        }
    }

    private static Optional<String> unavailable() {
        HostCommands host = HostCommands.system();
        if (ProcessOwner.uid() != 0) {
            return Optional.of("needs root to make a rootless test user; running as uid " + ProcessOwner.uid());
        }
        for (String tool : List.of("podman", "runc", "slirp4netns", "nft", "nsenter", "bash", "tar")) {
            if (host.find(tool).isEmpty()) {
                return Optional.of(tool + " is not installed (Debian: podman runc slirp4netns uidmap nftables"
                        + " busybox-static; .ci/run installs them)");
            }
        }
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            return Optional.of("/bin/busybox (busybox-static) is missing; the canary image is made from it");
        }
        return RootlessUser.unavailable();
    }

    /** policyc, run by {@code user} with the test's classes, copied where the user can read them. */
    private static HostCommands.Result policyc(RootlessUser user, String classPath, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        return asUser(user, command);
    }

    private static HostCommands.Result asUser(RootlessUser user, List<String> command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", user.name, "--", "env", "-i", "HOME=" + user.home,
                "USER=" + user.name, "LC_ALL=C", "PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"));
        full.addAll(command);
        return HostCommands.system().run(full, Map.of(), TIMEOUT);
    }

    private static HostCommands.Result run(List<String> command) {
        return HostCommands.system().run(command, Map.of(), TIMEOUT);
    }

    /** This JVM's class path, copied into {@code dir} (readable by every user), as a class path string. */
    private static String readableClassPath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve(Integer.toString(n++) + (Files.isDirectory(from) ? "" : ".jar"));
            copy(from, to);
            entries.add(to.toString());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
