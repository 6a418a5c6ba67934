package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link PodmanScenarios} with real rootful podman: containers join a network namespace of the
 * test's own ({@code --network ns:...}), joined by a veth pair to a peer namespace with servers
 * at documentation addresses ({@link PeerNetwork}): 192.0.2.10:80 allowed, 192.0.2.20:80 not,
 * 192.0.2.20:8080 allowed by a {@code dns} name that the container's hosts file resolves when it
 * starts, [2001:db8::10]:80 not. Needs root, podman, runc and busybox-static; skipped with the
 * reason otherwise.
 */
@Tag("root")
@Tag("podman")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodmanRootTest extends PodmanScenarios {

    private static final String NAMED = "192.0.2.20:8080";

    private PeerNetwork net;

    @BeforeAll
    void setUp() {
        Optional<String> reason = PodmanHarness.unavailable();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        harness = new PodmanHarness();
        podman = Podman.asRoot(harness);
        HostTools.Result imported = podman.run("import", "-q", harness.work.resolve("rootfs.tar").toString(), harness.image);
        assertTrue(imported.ok(), imported::toString);
        program = HookTestPolicies.program(HookTestPolicies.web(), HookTestPolicies.other());
        bundle = harness.bundle("bundle", program);
        net = PeerNetwork.create(harness.www);
    }

    @AfterAll
    void tearDown() {
        if (net != null) {
            net.close();
        }
        if (podman != null) {
            podman.run("rmi", "-f", harness.image);
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Override
    String policy() {
        return "web";
    }

    @Override
    String otherPolicy() {
        return "other";
    }

    @Override
    String allowed() {
        return "192.0.2.10:80";
    }

    @Override
    String blocked() {
        return "192.0.2.20:80";
    }

    @Override
    String ipv6() {
        return "2001:db8::10:80";
    }

    @Override
    List<String> targets() {
        return List.of(allowed(), blocked(), ipv6(), NAMED);
    }

    /** The test's namespace; named.test in the hosts file; a nameserver in the peer where nothing answers. */
    @Override
    List<String> ownNetwork() {
        return List.of("--network=ns:/run/netns/" + net.container, "--add-host", HookTestPolicies.NAME + ":192.0.2.20",
                "--dns", PeerNetwork.NAMESERVER);
    }

    @Override
    void forgetRules() {
        net.flush();
    }

    @Override
    void alsoSeenByAnAnnotatedContainer(Map<String, String> seen) {
        assertEquals("open", seen.get(NAMED), () -> "dns \"named.test\" resolved when the container started: " + seen);
        String rules = net.ruleset();
        assertTrue(rules.contains("table inet policyc_web"), rules);
        assertTrue(rules.contains("elements = { " + PeerNetwork.NAMESERVER + " }"), "resolver from the container's resolv.conf: " + rules);
    }

    @Override
    void nothingApplied() {
        assertEquals("", net.ruleset());
    }

    @Override
    String rulesOfTheSharedNamespace() {
        return net.ruleset().replaceAll("counter packets \\d+ bytes \\d+", "counter");
    }

    @Test
    void anUnannotatedContainerLeavesNoRules() {
        PodmanHarness.probed(run());
        assertEquals("", net.ruleset());
    }
}
