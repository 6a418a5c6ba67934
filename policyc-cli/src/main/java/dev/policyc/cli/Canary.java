package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.cli.PodmanSetup.PodmanMode;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Program;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code doctor --canary}: throwaway containers that prove the hook is in force.
 *
 * <ol>
 *   <li>A container annotated {@code policyc.policy=policyc-canary} starts (through the
 *       configured hooks directories, or a temporary bundle when the installed one lacks the
 *       canary policy), and its network namespace, seen from the host with {@code nsenter}
 *       ({@code podman unshare nsenter} when rootless), holds the policy's table.
 *   <li>Only then, from that namespace, a UDP packet to 192.0.2.1 (a documentation address)
 *       must fail at once with EPERM: dropped before it leaves, so nothing is ever sent.
 *   <li>Its process lacks CAP_NET_ADMIN (and CAP_NET_RAW), read from {@code /proc/PID/status}.
 *   <li>A container without the annotation has no policyc table.
 *   <li>A container naming a policy the bundle lacks does not start.
 * </ol>
 * The containers, and the image when the canary made it, are removed afterwards.
 */
final class Canary {

    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_NET_RAW = 13;
    private static final Duration PODMAN_TIMEOUT = Duration.ofSeconds(120);

    private final CliContext context;
    private final CommandSpec spec;
    private final Host host;
    private final String podman;
    private final PodmanMode mode;
    private final DoctorReport report;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> containers = new ArrayList<>();

    Canary(CliContext context, CommandSpec spec, Host host, Path podman, PodmanMode mode, DoctorReport report) {
        this.context = context;
        this.spec = spec;
        this.host = host;
        this.podman = podman.toString();
        this.mode = mode;
        this.report = report;
    }

    /** Runs the canary with the installed {@code hook} (if any) and {@code image} (null: a throwaway one). */
    void run(Optional<InstalledHook> hook, String image) throws IOException {
        Path work = Files.createTempDirectory("policyc-canary-");
        Optional<String> madeImage = Optional.empty();
        try {
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
            List<String> hooksDir = List.of();
            boolean inBundle = hook.isPresent()
                    && Files.isRegularFile(hook.get().bundle().resolve("policies/" + CanaryPolicy.NAME + ".hook"));
            if (!inBundle) {
                Optional<Path> temporary = temporaryBundle(work.resolve("bundle"));
                if (temporary.isEmpty()) {
                    return;
                }
                hooksDir = List.of("--hooks-dir", temporary.get().resolve("hooks.d").toString());
                report.warn("canary", "the installed bundle has no " + CanaryPolicy.NAME + ": using a temporary bundle,"
                        + " which proves the hook works on this host but not that podman runs the installed one");
            }
            if (image == null) {
                madeImage = throwawayImage(work);
                if (madeImage.isEmpty()) {
                    return;
                }
            }
            String canaryImage = madeImage.orElse(image);
            probe(hooksDir, canaryImage);
        } finally {
            for (String container : containers) {
                host.commands().run(List.of(podman, "rm", "-f", "-t", "0", container), Map.of(), PODMAN_TIMEOUT);
            }
            madeImage.ifPresent(i -> host.commands().run(List.of(podman, "rmi", "-f", i), Map.of(), PODMAN_TIMEOUT));
            BundleInstaller.deleteTree(work);
        }
    }

    private void probe(List<String> hooksDir, String image) {
        String guarded = "policyc-canary-" + id;
        HostCommands.Result started = podman(concat(List.of("run", "-d", "--name", guarded, "--cap-drop", "NET_RAW",
                "--annotation", "policyc.policy=" + CanaryPolicy.NAME), hooksDir, List.of(image, "sleep", "120")));
        containers.add(guarded);
        if (!started.ok()) {
            report.fail("canary: container under policy " + CanaryPolicy.NAME, "did not start: " + started.firstLine(),
                    "fix what the line above says, then run 'policyc doctor --canary' again");
            return;
        }
        Optional<Long> pid = pid(guarded);
        if (pid.isEmpty()) {
            report.fail("canary: container under policy " + CanaryPolicy.NAME, "started, but podman gives no process id",
                    "check 'podman ps -a'");
            return;
        }
        Optional<String> tables = tables(pid.get());
        String table = "policyc_" + CanaryPolicy.NAME;
        if (tables.isEmpty()) {
            return;
        }
        if (!tables.get().contains(table)) {
            report.fail("canary: hook applied the policy", "the container's network namespace has no " + table
                    + ": the hook did not run", "check that podman reads the hooks directory: 'policyc doctor' above");
            return;
        }
        report.ok("canary: hook applied the policy", "table " + table + " is in the container's network namespace");
        blocked(pid.get());
        capabilities(pid.get());
        untouched(image, table);
        refusesUnknown(hooksDir, image);
    }

    /** A UDP packet to a documentation address, from the guarded namespace: sent only after the table was seen there. */
    private void blocked(long pid) {
        Optional<Path> bash = host.commands().find("bash");
        if (bash.isEmpty()) {
            report.skip("canary: traffic blocked", "no bash on this host to send the probe");
            return;
        }
        HostCommands.Result sent = host.commands().run(concat(nsenter(pid), List.of(bash.get().toString(), "-c",
                "echo policyc-canary > /dev/udp/192.0.2.1/9")), Map.of(), PODMAN_TIMEOUT);
        if (!sent.ok() && sent.stderr().contains("Operation not permitted")) {
            report.ok("canary: traffic blocked", "UDP to 192.0.2.1 port 9 from the container's namespace failed with EPERM");
        } else {
            report.fail("canary: traffic blocked", sent.ok() ? "UDP to 192.0.2.1 port 9 was sent" : "the probe failed"
                    + " otherwise: " + sent.firstLine(), "look at the table: nsenter -t PID -n nft list ruleset");
        }
    }

    private void capabilities(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
            String capEff = status.lines().filter(l -> l.startsWith("CapEff:")).map(l -> l.substring(7).strip())
                    .findFirst().orElse("");
            long bits = Long.parseUnsignedLong(capEff, 16);
            if ((bits & (1L << CAP_NET_ADMIN)) != 0 || (bits & (1L << CAP_NET_RAW)) != 0) {
                report.fail("canary: capabilities", "CapEff " + capEff + " holds CAP_NET_ADMIN or CAP_NET_RAW",
                        "the hook should have refused this container: reinstall the bundle");
            } else {
                report.ok("canary: capabilities", "CapEff " + capEff + ": no CAP_NET_ADMIN, no CAP_NET_RAW");
            }
        } catch (IOException | NumberFormatException e) {
            report.fail("canary: capabilities", "cannot read the container's CapEff: " + e.getMessage(),
                    "check /proc/" + pid + "/status");
        }
    }

    private void untouched(String image, String table) {
        String plain = "policyc-canary-" + id + "-plain";
        HostCommands.Result started = podman(List.of("run", "-d", "--name", plain, image, "sleep", "120"));
        containers.add(plain);
        Optional<Long> pid = started.ok() ? pid(plain) : Optional.empty();
        if (pid.isEmpty()) {
            report.fail("canary: other containers untouched", "a container without the annotation did not start: "
                    + started.firstLine(), "check 'podman run IMAGE' on its own");
            return;
        }
        Optional<String> tables = tables(pid.get());
        if (tables.isPresent() && tables.get().contains("policyc_")) {
            report.fail("canary: other containers untouched", "a container without the annotation has a policyc table",
                    "a hook runs for every container: look at the hooks directories");
        } else if (tables.isPresent()) {
            report.ok("canary: other containers untouched", "a container without the annotation has no policyc table");
        }
    }

    private void refusesUnknown(List<String> hooksDir, String image) {
        String unknown = "policyc-canary-" + id + "-unknown";
        HostCommands.Result started = podman(concat(List.of("run", "--rm", "--name", unknown, "--cap-drop", "NET_RAW",
                "--annotation", "policyc.policy=policyc-no-such-policy"), hooksDir, List.of(image, "true")));
        containers.add(unknown);
        String line = started.stderr().lines().filter(l -> l.contains("policyc-hook: ")).findFirst()
                .map(l -> l.substring(l.indexOf("policyc-hook: "))).orElse(started.firstLine());
        if (!started.ok() && line.contains("unknown policy")) {
            report.ok("canary: fails closed", "a container naming a policy the bundle lacks did not start (" + line + ")");
        } else {
            report.fail("canary: fails closed", started.ok() ? "a container naming an unknown policy started"
                    : "it did not start, but not because of the hook: " + line, "reinstall the bundle");
        }
    }

    /** The policyc table names in the namespace of {@code pid}, or empty after a failure (reported). */
    private Optional<String> tables(long pid) {
        Optional<Path> nft = host.commands().find("nft");
        Optional<Path> iptablesSave = host.commands().find("iptables-save");
        List<String> list = nft.isPresent() ? List.of(nft.get().toString(), "list", "tables")
                : iptablesSave.map(p -> List.of(p.toString(), "-t", "filter")).orElse(List.of());
        if (list.isEmpty()) {
            report.fail("canary: hook applied the policy", "neither nft nor iptables-save to look into the namespace",
                    "install nftables");
            return Optional.empty();
        }
        HostCommands.Result listed = host.commands().run(concat(nsenter(pid), list), Map.of(), PODMAN_TIMEOUT);
        if (!listed.ok()) {
            report.fail("canary: hook applied the policy", "cannot list the tables of the container's network namespace: "
                    + listed.firstLine(), "check that nsenter (util-linux) works" + (mode == PodmanMode.ROOTLESS
                            ? " under 'podman unshare'" : ""));
            return Optional.empty();
        }
        // iptables marks a policy's namespace with a chain pc_NAME; nft with a table policyc_NAME.
        return Optional.of(listed.stdout().replace(":pc_", "policyc_"));
    }

    /** The command prefix that enters the network namespace of {@code pid}. */
    private List<String> nsenter(long pid) {
        String nsenter = host.commands().find("nsenter").map(Path::toString).orElse("nsenter");
        List<String> enter = List.of(nsenter, "-t", Long.toString(pid), "-n");
        return mode == PodmanMode.ROOTLESS ? concat(List.of(podman, "unshare"), enter, List.of()) : enter;
    }

    private Optional<Long> pid(String container) {
        HostCommands.Result inspected = podman(List.of("inspect", "--format", "{{.State.Pid}}", container));
        try {
            long pid = Long.parseLong(inspected.stdout().strip());
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A bundle of the canary policy alone, compiled for {@code dir}; empty after errors (reported). */
    private Optional<Path> temporaryBundle(Path dir) throws IOException {
        Backend backend = Backends.discover(Canary.class.getClassLoader()).find("oci-hook").orElseThrow();
        PolicyLoading loading = new PolicyLoading(context, spec);
        EmitResult bundle = Backends.emit(backend, new Program(ImmutableList.of(CanaryPolicy.policy())),
                EmitOptions.defaults().withInstallDir(dir.toString()));
        loading.add(bundle.diagnostics());
        if (loading.hasErrors()) {
            loading.report();
            report.fail("canary", "could not compile the canary bundle", "report this as a bug");
            return Optional.empty();
        }
        BundleInstaller.install(dir, bundle.artifacts());
        return Optional.of(dir);
    }

    /** An image made from the host's static busybox; empty when there is none (reported). */
    private Optional<String> throwawayImage(Path work) throws IOException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox) || dynamicallyLinked(busybox)) {
            report.fail("canary: image", "no static /bin/busybox to make a throwaway image from",
                    "apt-get install busybox-static, or give --canary-image IMAGE (with sleep and true)");
            return Optional.empty();
        }
        Path bin = Files.createDirectories(work.resolve("rootfs/bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : List.of("sh", "sleep", "true")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        for (String dir : List.of("etc", "proc", "sys", "dev", "tmp")) {
            Files.createDirectories(work.resolve("rootfs").resolve(dir));
        }
        String tar = host.commands().find("tar").map(Path::toString).orElse("tar");
        Path archive = work.resolve("rootfs.tar");
        HostCommands.Result packed = host.commands().run(List.of(tar, "-C", work.resolve("rootfs").toString(), "-cf",
                archive.toString(), "."));
        String name = "localhost/policyc-canary-" + id + ":latest";
        HostCommands.Result imported = packed.ok() ? podman(List.of("import", "-q", archive.toString(), name)) : packed;
        if (!imported.ok()) {
            report.fail("canary: image", "could not make a throwaway image: " + imported.firstLine(),
                    "give --canary-image IMAGE (with sleep and true)");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /**
     * True when {@code binary} is an ELF file with a program interpreter (PT_INTERP), that is,
     * dynamically linked: Debian's busybox package is, busybox-static is not, and only a static
     * one runs in an image without libraries.
     */
    static boolean dynamicallyLinked(Path binary) throws IOException {
        java.nio.ByteBuffer elf = java.nio.ByteBuffer.wrap(Files.readAllBytes(binary));
        if (elf.limit() < 64 || elf.getInt(0) != 0x7f454c46) {
            return true;
        }
        boolean wide = elf.get(4) == 2;
        elf.order(elf.get(5) == 1 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        long tableOffset = wide ? elf.getLong(0x20) : Integer.toUnsignedLong(elf.getInt(0x1c));
        int entrySize = Short.toUnsignedInt(elf.getShort(wide ? 0x36 : 0x2a));
        int entries = Short.toUnsignedInt(elf.getShort(wide ? 0x38 : 0x2c));
        for (int i = 0; i < entries; i++) {
            long at = tableOffset + (long) i * entrySize;
            if (at + 4 > elf.limit()) {
                return true;
            }
            if (elf.getInt((int) at) == 3) {
                return true;
            }
        }
        return false;
    }

    private HostCommands.Result podman(List<String> args) {
        return host.commands().run(concat(List.of(podman), args, List.of()), Map.of(), PODMAN_TIMEOUT);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return concat(a, b, List.of());
    }
}
