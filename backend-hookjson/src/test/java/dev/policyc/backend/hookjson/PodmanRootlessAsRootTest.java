package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bundle with real rootless podman, the main case: a dedicated user made for the test
 * ({@link RootlessUser}), slirp4netns with host loopback, where the container sees the host's
 * 127.0.0.1 as 10.0.2.2 and its ::1 as fd00::2. Two servers on host loopback ports, one allowed
 * and one not; nothing leaves the machine. Shows the same as {@link PodmanRootTest}: allowed
 * reachable, others and IPv6 blocked, no CAP_NET_ADMIN inside, unannotated containers left alone,
 * and every fail-closed case refusing to start. Run as root, which sets up the user; skipped
 * with the reason when root, podman or the rootless tools are missing.
 */
@Tag("root")
@Tag("podman")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodmanRootlessAsRootTest {

    private static final List<String> NETWORK = List.of("--network=slirp4netns:allow_host_loopback=true", "--dns", "127.0.0.1");

    private PodmanHarness harness;
    private RootlessUser user;
    private Podman podman;
    private Path bundle;
    private final List<Process> servers = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    private String allowed;
    private String blocked;
    private String ipv6;

    @BeforeAll
    void setUp() {
        Optional<String> reason = PodmanHarness.unavailable("slirp4netns").or(RootlessUser::unavailable);
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        harness = new PodmanHarness();
        user = RootlessUser.create();
        podman = Podman.asUser(harness, user);
        HostTools.Result imported = podman.run("import", "-q", harness.work.resolve("rootfs.tar").toString(), harness.image);
        assertTrue(imported.ok(), imported::toString);
        int open = freeLoopbackPort();
        int closed = freeLoopbackPort();
        serve("127.0.0.1:" + open);
        serve("127.0.0.1:" + closed);
        serve("[::1]:" + open);
        allowed = "10.0.2.2:" + open;
        blocked = "10.0.2.2:" + closed;
        ipv6 = "fd00::2:" + open;
        bundle = harness.bundle("bundle", HookTestPolicies.program(HookTestPolicies.loop(open), HookTestPolicies.other()));
    }

    @AfterEach
    void removeContainers() {
        for (String name : containers) {
            podman.run("rm", "-f", "-t", "0", name);
        }
        containers.clear();
    }

    @AfterAll
    void tearDown() {
        for (Process server : servers) {
            server.destroy();
            try {
                if (!server.waitFor(5, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (user != null) {
            user.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    private HostTools.Result run(Path hooksDir, List<String> options) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--hooks-dir", hooksDir.toString()));
        if (options.stream().noneMatch(o -> o.startsWith("--network"))) {
            args.addAll(NETWORK);
        }
        args.addAll(options);
        args.addAll(List.of(harness.image, "sh", "/probe.sh", allowed, blocked, ipv6));
        return podman.run(args);
    }

    private HostTools.Result run(String... options) {
        return run(bundle.resolve("hooks.d"), List.of(options));
    }

    @Test
    void anAnnotatedContainerReachesWhatItsPolicyAllowsAndNothingElse() {
        Map<String, String> seen = PodmanHarness.probed(run("--annotation", "policyc.policy=loop"));
        assertEquals("open", seen.get(allowed), seen::toString);
        assertEquals("blocked", seen.get(blocked), seen::toString);
        assertEquals("blocked", seen.get(ipv6), seen::toString);
        PodmanHarness.assertNoNetAdmin(seen);
    }

    @Test
    void anUnannotatedContainerIsLeftAlone() {
        Map<String, String> seen = PodmanHarness.probed(run());
        assertEquals(Map.of(allowed, "open", blocked, "open", ipv6, "open"),
                Map.of(allowed, seen.get(allowed), blocked, seen.get(blocked), ipv6, seen.get(ipv6)),
                "without the hook every server answers, IPv6 included");
    }

    @Test
    void unknownPoliciesAreRefused() {
        PodmanHarness.refused(run("--annotation", "policyc.policy=lop"), "unknown policy 'lop'");
    }

    @Test
    void theHostsNetworkIsRefusedAndTheHostsRulesetUntouched() {
        String before = hostTables();
        PodmanHarness.refused(run(bundle.resolve("hooks.d"), List.of("--annotation", "policyc.policy=loop", "--network=host")),
                "shares the host's network namespace");
        assertEquals(before, hostTables());
        assertFalse(before.contains("policyc_"), before);
    }

    @Test
    void keepingCapNetAdminIsRefused() {
        PodmanHarness.refused(run("--annotation", "policyc.policy=loop", "--cap-add", "NET_ADMIN"), "would keep CAP_NET_ADMIN");
        PodmanHarness.refused(run("--annotation", "policyc.policy=loop", "--privileged"), "would keep CAP_NET_ADMIN");
    }

    @Test
    void withoutNftOrIptablesRestoreNothingStarts() {
        PodmanHarness.refused(run(harness.hooksDirWithoutFirewallTools(bundle), List.of("--annotation", "policyc.policy=loop")),
                "neither nft nor iptables-restore works here");
    }

    @Test
    void aBundleThatDoesNotMatchItsChecksumsIsRefused() {
        Path tampered = harness.bundle("tampered", HookTestPolicies.program(HookTestPolicies.other()));
        PodmanHarness.tamper(tampered, "other");
        PodmanHarness.refused(run(tampered.resolve("hooks.d"), List.of("--annotation", "policyc.policy=other")), "checksum mismatch");
    }

    @Test
    void aRulesetThatFailsToLoadIsRefused() {
        Path broken = harness.bundle("broken", HookTestPolicies.program(HookTestPolicies.other()));
        PodmanHarness.breakRuleset(broken, "other");
        PodmanHarness.refused(run(broken.resolve("hooks.d"), List.of("--annotation", "policyc.policy=other")),
                "nft could not apply policy 'other', nothing changed");
    }

    @Test
    void aSharedNamespaceTakesTheSamePolicyAgainButNoOther() {
        String first = "policyc-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(first);
        List<String> detached = new ArrayList<>(List.of("run", "-d", "--name", first, "--hooks-dir", bundle.resolve("hooks.d").toString(),
                "--annotation", "policyc.policy=loop"));
        detached.addAll(NETWORK);
        detached.addAll(List.of(harness.image, "sleep", "60"));
        HostTools.Result started = podman.run(detached);
        assertTrue(started.ok(), started::toString);
        PodmanHarness.refused(run(bundle.resolve("hooks.d"), List.of("--network=container:" + first, "--annotation",
                "policyc.policy=other")), "shared with a container under policy 'loop'");
        Map<String, String> again = PodmanHarness.probed(run(bundle.resolve("hooks.d"),
                List.of("--network=container:" + first, "--annotation", "policyc.policy=loop")));
        assertEquals("open", again.get(allowed), again::toString);
        assertEquals("blocked", again.get(blocked), again::toString);
    }

    /** A server on host loopback, answering with the test page; stopped in {@link #tearDown()}. */
    private void serve(String listen) {
        try {
            servers.add(new ProcessBuilder("/bin/busybox", "httpd", "-f", "-p", listen, "-h", harness.www.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String address = listen.substring(0, listen.lastIndexOf(':')).replace("[", "").replace("]", "");
        String port = listen.substring(listen.lastIndexOf(':') + 1);
        for (int i = 0; i < 50; i++) {
            HostTools.Result answer = HostTools.run(List.of("/bin/busybox", "nc", "-w", "1", address, port), Map.of(),
                    "GET / HTTP/1.0\r\n\r\n", 10);
            if (answer.stdout().contains(PodmanHarness.PAGE)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("server " + listen + " does not answer");
    }

    /** A port free on 127.0.0.1 and ::1 when asked (the servers bind it right after). */
    private static int freeLoopbackPort() {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket v4 = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = v4.getLocalPort();
                try (ServerSocket v6 = new ServerSocket(port, 1, InetAddress.getByName("::1"))) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no free loopback port");
    }

    private static String hostTables() {
        HostTools.Result tables = HostTools.run(List.of(HostTools.path("nft"), "list", "tables"));
        assertTrue(tables.ok(), tables::toString);
        return tables.stdout();
    }
}
