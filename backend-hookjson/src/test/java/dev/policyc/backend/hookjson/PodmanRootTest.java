package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bundle with real rootful podman: containers join a network namespace of the test's own
 * ({@code --network ns:...}), joined by a veth pair to a peer namespace with servers at
 * documentation addresses (see {@link PeerNetwork}). Shows that an annotated container reaches
 * what its policy allows and nothing else (IPv6 included) without CAP_NET_ADMIN, that an
 * unannotated container is left alone, and that every fail-closed case refuses to start. Needs
 * root, podman, runc and busybox-static; skipped with the reason otherwise.
 */
@Tag("root")
@Tag("podman")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodmanRootTest {

    private static final String ALLOWED = "192.0.2.10:80";
    private static final String BLOCKED = "192.0.2.20:80";
    private static final String NAMED = "192.0.2.20:8080";
    private static final String IPV6 = "2001:db8::10:80";
    private static final List<String> TARGETS = List.of(ALLOWED, BLOCKED, NAMED, IPV6);

    private PodmanHarness harness;
    private PeerNetwork net;
    private Podman podman;
    private Path bundle;
    private final List<String> containers = new ArrayList<>();

    @BeforeAll
    void setUp() {
        Optional<String> reason = PodmanHarness.unavailable();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        harness = new PodmanHarness();
        podman = Podman.asRoot(harness);
        HostTools.Result imported = podman.run("import", "-q", harness.work.resolve("rootfs.tar").toString(), harness.image);
        assertTrue(imported.ok(), imported::toString);
        bundle = harness.bundle("bundle", HookTestPolicies.program(HookTestPolicies.web(), HookTestPolicies.other()));
        net = PeerNetwork.create(harness.www);
    }

    @AfterEach
    void removeContainersAndRules() {
        for (String name : containers) {
            podman.run("rm", "-f", "-t", "0", name);
        }
        containers.clear();
        if (net != null) {
            net.flush();
        }
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

    /** podman run --rm in the test's namespace with this bundle's hooks, then the probe. */
    private HostTools.Result run(Path hooksDir, List<String> options, List<String> probe) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--hooks-dir", hooksDir.toString()));
        if (options.stream().noneMatch(o -> o.startsWith("--network=container:"))) {
            // A container that joins another's network has that one's hosts and resolv.conf.
            args.addAll(nameOptions());
        }
        if (options.stream().noneMatch(o -> o.startsWith("--network"))) {
            args.add("--network=ns:/run/netns/" + net.container);
        }
        args.addAll(options);
        args.add(harness.image);
        args.addAll(List.of("sh", "/probe.sh"));
        args.addAll(probe);
        return podman.run(args);
    }

    /** named.test in the container's hosts file; its nameserver in the peer, where nothing answers. */
    private static List<String> nameOptions() {
        return List.of("--add-host", HookTestPolicies.NAME + ":192.0.2.20", "--dns", PeerNetwork.NAMESERVER);
    }

    private HostTools.Result run(String... options) {
        return run(bundle.resolve("hooks.d"), List.of(options), TARGETS);
    }

    @Test
    void anAnnotatedContainerReachesWhatItsPolicyAllowsAndNothingElse() {
        Map<String, String> seen = PodmanHarness.probed(run("--annotation", "policyc.policy=web"));
        assertEquals("open", seen.get(ALLOWED), seen::toString);
        assertEquals("blocked", seen.get(BLOCKED), seen::toString);
        assertEquals("open", seen.get(NAMED), () -> "dns \"named.test\" resolved when the container started: " + seen);
        assertEquals("blocked", seen.get(IPV6), seen::toString);
        PodmanHarness.assertNoNetAdmin(seen);
        String rules = net.ruleset();
        assertTrue(rules.contains("table inet policyc_web"), rules);
        assertTrue(rules.contains("elements = { " + PeerNetwork.NAMESERVER + " }"), "resolver from the container's resolv.conf: " + rules);
    }

    @Test
    void anUnannotatedContainerIsLeftAlone() {
        Map<String, String> seen = PodmanHarness.probed(run());
        for (String target : TARGETS) {
            assertEquals("open", seen.get(target), seen::toString);
        }
        assertEquals("", net.ruleset(), "no rules in the container's namespace");
    }

    @Test
    void unknownPoliciesAndMisspeltKeysDoNotStart() {
        PodmanHarness.refused(run("--annotation", "policyc.policy=webb"), "unknown policy 'webb'");
        PodmanHarness.refused(run("--annotation", "Policyc.policy=web"), "unknown annotation key 'Policyc.policy'");
    }

    @Test
    void theHostsNetworkIsRefusedAndTheHostsRulesetUntouched() {
        String before = hostTables();
        PodmanHarness.refused(run(bundle.resolve("hooks.d"), List.of("--annotation", "policyc.policy=web", "--network", "host"),
                TARGETS), "shares the host's network namespace");
        assertEquals(before, hostTables());
        assertFalse(before.contains("policyc_"), before);
    }

    @Test
    void keepingCapNetAdminIsRefused() {
        PodmanHarness.refused(run("--annotation", "policyc.policy=web", "--cap-add", "NET_ADMIN"), "would keep CAP_NET_ADMIN");
        PodmanHarness.refused(run("--annotation", "policyc.policy=web", "--privileged"), "would keep CAP_NET_ADMIN");
    }

    @Test
    void withoutNftOrIptablesRestoreNothingStarts() {
        PodmanHarness.refused(run(harness.hooksDirWithoutFirewallTools(bundle), List.of("--annotation", "policyc.policy=web"),
                TARGETS), "neither nft nor iptables-restore works here");
    }

    @Test
    void aBundleThatDoesNotMatchItsChecksumsIsRefused() {
        Path tampered = harness.bundle("tampered", HookTestPolicies.program(HookTestPolicies.web()));
        PodmanHarness.tamper(tampered, "web");
        PodmanHarness.refused(run(tampered.resolve("hooks.d"), List.of("--annotation", "policyc.policy=web"), TARGETS),
                "checksum mismatch");
        assertEquals("", net.ruleset());
    }

    @Test
    void aRulesetThatFailsToLoadIsRefusedAndLeavesNothing() {
        Path broken = harness.bundle("broken", HookTestPolicies.program(HookTestPolicies.web()));
        PodmanHarness.breakRuleset(broken, "web");
        PodmanHarness.refused(run(broken.resolve("hooks.d"), List.of("--annotation", "policyc.policy=web"), TARGETS),
                "nft could not apply policy 'web', nothing changed");
        assertEquals("", net.ruleset());
    }

    @Test
    void aSharedNamespaceTakesTheSamePolicyAgainButNoOther() {
        String first = "policyc-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(first);
        List<String> detached = new ArrayList<>(List.of("run", "-d", "--name", first, "--hooks-dir", bundle.resolve("hooks.d").toString(),
                "--network=ns:/run/netns/" + net.container, "--annotation", "policyc.policy=web"));
        detached.addAll(nameOptions());
        detached.addAll(List.of(harness.image, "sleep", "60"));
        HostTools.Result started = podman.run(detached);
        assertTrue(started.ok(), started::toString);
        String rules = net.ruleset();
        PodmanHarness.refused(run(bundle.resolve("hooks.d"), List.of("--network=container:" + first, "--annotation",
                "policyc.policy=other"), TARGETS), "shared with a container under policy 'web'");
        Map<String, String> again = PodmanHarness.probed(run(bundle.resolve("hooks.d"),
                List.of("--network=container:" + first, "--annotation", "policyc.policy=web"), List.of(ALLOWED, BLOCKED)));
        assertEquals("open", again.get(ALLOWED), again::toString);
        assertEquals("blocked", again.get(BLOCKED), again::toString);
        assertEquals(withoutCounters(rules), withoutCounters(net.ruleset()), "applying the same policy again changed nothing");
    }

    private static String withoutCounters(String ruleset) {
        return ruleset.replaceAll("counter packets \\d+ bytes \\d+", "counter");
    }

    private static String hostTables() {
        HostTools.Result tables = HostTools.run(List.of(HostTools.path("nft"), "list", "tables"));
        assertTrue(tables.ok(), tables::toString);
        return tables.stdout();
    }
}
