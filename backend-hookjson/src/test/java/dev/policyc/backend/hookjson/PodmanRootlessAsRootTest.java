package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link PodmanScenarios} with real rootless podman, the main case: a dedicated user made for the
 * test ({@link RootlessUser}), slirp4netns with host loopback, where the container sees the
 * host's 127.0.0.1 as 10.0.2.2 and its ::1 as fd00::2. Two servers on host loopback ports, one
 * allowed and one not, and the allowed one on ::1 for IPv6; nothing leaves the machine. Run as
 * root, which sets up the user; skipped with the reason when root, podman or the rootless tools
 * are missing.
 */
@Tag("root")
@Tag("podman")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodmanRootlessAsRootTest extends PodmanScenarios {

    private RootlessUser user;
    private final List<Process> servers = new ArrayList<>();
    private int open;
    private int closed;

    @BeforeAll
    void setUp() {
        Optional<String> reason = PodmanHarness.unavailable("slirp4netns").or(RootlessUser::unavailable);
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        harness = new PodmanHarness();
        user = RootlessUser.create();
        podman = Podman.asUser(harness, user);
        HostTools.Result imported = podman.run("import", "-q", harness.work.resolve("rootfs.tar").toString(), harness.image);
        assertTrue(imported.ok(), imported::toString);
        open = freeLoopbackPort();
        closed = freeLoopbackPort();
        for (String listen : List.of("127.0.0.1:" + open, "127.0.0.1:" + closed, "[::1]:" + open)) {
            servers.add(HostTools.serve(List.of(), listen, harness.www));
            HostTools.awaitPage(List.of(), listen, PodmanHarness.PAGE);
        }
        program = HookTestPolicies.program(HookTestPolicies.loop(open), HookTestPolicies.other());
        bundle = harness.bundle("bundle", program);
    }

    @AfterAll
    void tearDown() {
        HostTools.stop(servers);
        if (user != null) {
            user.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Override
    String policy() {
        return "loop";
    }

    @Override
    String otherPolicy() {
        return "other";
    }

    @Override
    String allowed() {
        return "10.0.2.2:" + open;
    }

    @Override
    String blocked() {
        return "10.0.2.2:" + closed;
    }

    @Override
    String ipv6() {
        return "fd00::2:" + open;
    }

    /** slirp4netns with host loopback; a nameserver on the container's own loopback, where nothing answers. */
    @Override
    List<String> ownNetwork() {
        return List.of("--network=slirp4netns:allow_host_loopback=true", "--dns", "127.0.0.1");
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
}
