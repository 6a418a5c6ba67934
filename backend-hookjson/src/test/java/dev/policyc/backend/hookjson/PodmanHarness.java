package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policyc.core.ir.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the podman end-to-end tests share: a work directory every user can read, a
 * containers.conf for this machine kind (runc, ulimits it may set), a tiny image made from the
 * host's static busybox with a probe script, bundles and their broken variants, and running
 * podman as root or as another user.
 */
final class PodmanHarness implements AutoCloseable {

    /** The page every test server answers with. */
    static final String PAGE = "policyc-ok";
    /** Linux capability number of CAP_NET_ADMIN, a bit of CapEff. */
    static final int CAP_NET_ADMIN = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The probe, run as the container's command: prints {@code started}, then for each
     * {@code ADDRESS:PORT} argument whether an HTTP request there gets the test page ({@code open})
     * or not ({@code blocked}), then its CapEff line.
     */
    /** Where a container's probe writes its report, when the directory is mounted. */
    static final String REPORT_DIR = "/report";

    static final String PROBE = """
            #!/bin/sh
            if [ -d /report ]; then exec >/report/probe.txt; fi
            echo started
            for t in "$@"; do
                a=${t%:*}
                p=${t##*:}
                if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 "$a" "$p" 2>/dev/null | grep -q policyc-ok; then
                    echo "$t open"
                else
                    echo "$t blocked"
                fi
            done
            grep CapEff /proc/self/status
            """;

    final Path work;
    final String image;
    final Path containersConf;
    final Path www;

    PodmanHarness() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        try {
            work = Files.createDirectories(Path.of("/tmp", "policyc-e2e-" + id));
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            containersConf = write(work.resolve("containers.conf"), """
                    [containers]
                    default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
                    [engine]
                    runtime = "runc"
                    """, false);
            www = Files.createDirectories(work.resolve("www"));
            write(www.resolve("index.html"), PAGE + "\n", false);
            image = "localhost/policyc-e2e-" + id + ":latest";
            rootfsTar();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the podman tests cannot run here, or empty. */
    static Optional<String> unavailable(String... moreTools) {
        List<String> tools = new ArrayList<>(List.of("podman", "runc", "ip", "nft", "tar", "unshare"));
        tools.addAll(List.of(moreTools));
        Optional<String> missing = HostTools.rootUnavailable(tools.toArray(String[]::new));
        if (missing.isPresent()) {
            return missing.map(m -> m + " (Debian: apt-get install -y podman runc slirp4netns uidmap busybox-static nftables"
                    + " iptables iproute2; .ci/run installs them)");
        }
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            return Optional.of("/bin/busybox is missing (Debian package busybox-static), the test image is made from it");
        }
        return Optional.empty();
    }

    /** A rootfs with busybox and the probe, as a tar that {@code podman import} reads. */
    private void rootfsTar() throws IOException {
        Path root = Files.createDirectories(work.resolve("rootfs"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String applet : List.of("sh", "nc", "grep", "cat", "sleep", "echo", "true", "ls", "ip")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        for (String dir : List.of("etc", "proc", "sys", "dev", "tmp")) {
            Files.createDirectories(root.resolve(dir));
        }
        write(root.resolve("probe.sh"), PROBE, true);
        HostTools.Result tar = HostTools.run(List.of(HostTools.path("tar"), "-C", root.toString(), "-cf",
                work.resolve("rootfs.tar").toString(), "."));
        assertTrue(tar.ok(), tar::toString);
        Files.setPosixFilePermissions(work.resolve("rootfs.tar"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** A bundle of {@code program} installed at {@code work/NAME}. */
    Path bundle(String name, Program program) {
        return Bundles.write(program, work.resolve(name), false);
    }

    /**
     * A hooks directory (outside the bundle) whose hook runs with {@code PATH} set to a directory
     * of the hook's tools without nft, iptables-restore and ip6tables-restore: a host with neither.
     */
    Path hooksDirWithoutFirewallTools(Path bundle) {
        try {
            Path tools = HostTools.toolDir(work.resolve("no-firewall-tools"),
                    Set.of("nft", "iptables-restore", "ip6tables-restore"));
            Path hooks = Files.createDirectories(work.resolve("hooks-without-tools"));
            ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(bundle.resolve(BundleLayout.HOOK_CONFIG)));
            ((ObjectNode) config.get("hook")).putArray("env").add("PATH=" + tools);
            write(hooks.resolve("policyc.json"), JSON.writeValueAsString(config), false);
            return hooks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the probe printed: target to "open" or "blocked", and "CapEff" to its hex value. */
    /** A fresh directory, writable by any container user (rootless ones included), for one probe's report. */
    Path probeDirectory() {
        try {
            Path dir = Files.createTempDirectory(work, "report-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code result} with the probe's report as its standard output, when the container wrote one. */
    static HostTools.Result withReport(HostTools.Result result, Path reportDir) {
        Path report = reportDir.resolve("probe.txt");
        try {
            return Files.exists(report) ? new HostTools.Result(result.exit(), Files.readString(report), result.stderr()) : result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> probed(HostTools.Result result) {
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.stdout().startsWith("started\n"), result::toString);
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : result.stdout().lines().skip(1).toList()) {
            String[] parts = line.trim().split("\\s+");
            seen.put(parts[0].replace(":", "").equals("CapEff") ? "CapEff" : parts[0], parts[parts.length - 1]);
        }
        return seen;
    }

    static void assertNoNetAdmin(Map<String, String> probed) {
        long capEff = Long.parseLong(probed.get("CapEff"), 16);
        assertEquals(0, capEff & (1L << CAP_NET_ADMIN), "CapEff " + probed.get("CapEff") + " holds CAP_NET_ADMIN");
    }

    /** podman refused to start the container, and the hook said why in its one line. */
    static void refused(HostTools.Result result, String reason) {
        assertFalse(result.ok(), result::toString);
        assertFalse(result.stdout().contains("started"), () -> "the container ran: " + result);
        List<String> hookLines = result.stderr().lines().filter(l -> l.contains("policyc-hook: ")).toList();
        assertEquals(1, hookLines.size(), result::toString);
        assertTrue(hookLines.get(0).contains(reason), () -> "expected '" + reason + "' in: " + result);
    }

    static Path write(Path file, String text, boolean executable) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        return file;
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + work, e);
        }
    }
}
