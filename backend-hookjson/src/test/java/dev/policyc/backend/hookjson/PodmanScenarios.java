package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Program;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end scenarios that rootful and rootless podman share, run by {@link PodmanRootTest}
 * and {@link PodmanRootlessAsRootTest}: an annotated container reaches what its policy allows and
 * nothing else (IPv6 included) without CAP_NET_ADMIN, an unannotated one is left alone, and
 * every fail-closed case refuses to start. Subclasses set up podman, the network and the
 * bundle, whose first policy allows {@link #allowed()} and whose second is another policy.
 */
abstract class PodmanScenarios {

    protected PodmanHarness harness;
    protected Podman podman;
    protected Program program;
    protected Path bundle;
    private final List<String> containers = new ArrayList<>();

    /** The policy the annotated containers run under, and another one of the bundle. */
    abstract String policy();

    abstract String otherPolicy();

    /** ADDRESS:PORT targets: allowed by {@link #policy()}, not allowed, and an IPv6 one not allowed. */
    abstract String allowed();

    abstract String blocked();

    abstract String ipv6();

    /** The {@code podman run} options that give a container its own network (and, for rootful, names). */
    abstract List<String> ownNetwork();

    /** Empties whatever rules a container left in a network namespace that outlives it. */
    void forgetRules() {}

    /** More that an annotated container's probe must show. */
    void alsoSeenByAnAnnotatedContainer(Map<String, String> seen) {}

    /** Checks, where the test can see the container's namespace, that a refused container left no rules. */
    void nothingApplied() {}

    /** The rules of the first container's namespace, where the test can see them, without counters. */
    String rulesOfTheSharedNamespace() {
        return "";
    }

    List<String> targets() {
        return List.of(allowed(), blocked(), ipv6());
    }

    @AfterEach
    void removeContainers() {
        for (String name : containers) {
            podman.run("rm", "-f", "-t", "0", name);
        }
        containers.clear();
        forgetRules();
    }

    /** {@code podman run --rm} with {@code hooksDir}, then the probe of {@link #targets()}. */
    HostTools.Result run(Path hooksDir, List<String> options) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--hooks-dir", hooksDir.toString()));
        if (options.stream().noneMatch(o -> o.startsWith("--network"))) {
            args.addAll(ownNetwork());
        }
        // As the bundle's README says to run containers: without the raw sockets that bypass
        // netfilter. The hook refuses containers that keep CAP_NET_RAW.
        if (!options.contains("NET_RAW") && !options.contains("--privileged")) {
            args.addAll(List.of("--cap-drop", "NET_RAW"));
        }
        args.addAll(options);
        // The probe writes its report into a bind mount rather than to podman's attach stream,
        // which can lose the last lines of a container that exits at once (podman issues 2692,
        // 10323); an unlucky run under load saw only "started".
        Path report = harness.probeDirectory();
        args.addAll(List.of("-v", report + ":" + PodmanHarness.REPORT_DIR));
        args.addAll(List.of(harness.image, "sh", "/probe.sh"));
        args.addAll(targets());
        return PodmanHarness.withReport(podman.run(args), report);
    }

    HostTools.Result run(String... options) {
        return run(bundle.resolve("hooks.d"), List.of(options));
    }

    String annotation() {
        return "policyc.policy=" + policy();
    }

    @Test
    void anAnnotatedContainerReachesWhatItsPolicyAllowsAndNothingElse() {
        Map<String, String> seen = PodmanHarness.probed(run("--annotation", annotation()));
        assertEquals("open", seen.get(allowed()), seen::toString);
        assertEquals("blocked", seen.get(blocked()), seen::toString);
        assertEquals("blocked", seen.get(ipv6()), seen::toString);
        PodmanHarness.assertNoNetAdmin(seen);
        alsoSeenByAnAnnotatedContainer(seen);
    }

    @Test
    void anUnannotatedContainerIsLeftAlone() {
        Map<String, String> seen = PodmanHarness.probed(run());
        for (String target : targets()) {
            assertEquals("open", seen.get(target), () -> "without the hook every server answers, IPv6 included: " + seen);
        }
    }

    @Test
    void unknownPoliciesAndMisspeltKeysDoNotStart() {
        PodmanHarness.refused(run("--annotation", annotation() + "x"), "unknown policy '" + policy() + "x'");
        PodmanHarness.refused(run("--annotation", "Policyc.policy=" + policy()), "unknown annotation key 'Policyc.policy'");
    }

    @Test
    void theHostsNetworkIsRefusedAndTheHostsRulesetUntouched() {
        String before = hostTables();
        PodmanHarness.refused(run(bundle.resolve("hooks.d"), List.of("--annotation", annotation(), "--network=host")),
                "shares the host's network namespace");
        assertEquals(before, hostTables());
        assertFalse(before.contains("policyc_"), before);
    }

    @Test
    void keepingCapNetAdminIsRefused() {
        PodmanHarness.refused(run("--annotation", annotation(), "--cap-add", "NET_ADMIN"), "would keep CAP_NET_ADMIN");
        PodmanHarness.refused(run("--annotation", annotation(), "--privileged"), "would keep CAP_NET_ADMIN");
    }

    @Test
    void keepingCapNetRawIsRefused() {
        PodmanHarness.refused(run("--annotation", annotation(), "--cap-add", "NET_RAW"), "would keep CAP_NET_RAW");
    }

    @Test
    void withoutNftOrIptablesRestoreNothingStarts() {
        PodmanHarness.refused(run(harness.hooksDirWithoutFirewallTools(bundle), List.of("--annotation", annotation())),
                "neither nft nor iptables-restore works here");
    }

    @Test
    void aBundleThatDoesNotMatchItsChecksumsIsRefused() {
        Path tampered = harness.bundle("tampered", program);
        Bundles.tamper(tampered, policy());
        PodmanHarness.refused(run(tampered.resolve("hooks.d"), List.of("--annotation", annotation())), "checksum mismatch");
        nothingApplied();
    }

    @Test
    void aRulesetThatFailsToLoadIsRefused() {
        Path broken = harness.bundle("broken", program);
        Bundles.breakRuleset(broken, policy());
        PodmanHarness.refused(run(broken.resolve("hooks.d"), List.of("--annotation", annotation())),
                "nft could not apply policy '" + policy() + "', nothing changed");
        nothingApplied();
    }

    @Test
    void aSharedNamespaceTakesTheSamePolicyAgainButNoOther() {
        String first = "policyc-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        containers.add(first);
        List<String> detached = new ArrayList<>(List.of("run", "-d", "--name", first, "--hooks-dir",
                bundle.resolve("hooks.d").toString(), "--annotation", annotation(), "--cap-drop", "NET_RAW"));
        detached.addAll(ownNetwork());
        detached.addAll(List.of(harness.image, "sleep", "60"));
        HostTools.Result started = podman.run(detached);
        assertTrue(started.ok(), started::toString);
        String rules = rulesOfTheSharedNamespace();
        String joined = "--network=container:" + first;
        PodmanHarness.refused(run(bundle.resolve("hooks.d"), List.of(joined, "--annotation", "policyc.policy=" + otherPolicy())),
                "shared with a container under policy '" + policy() + "'");
        Map<String, String> again = PodmanHarness.probed(run(bundle.resolve("hooks.d"), List.of(joined, "--annotation", annotation())));
        assertEquals("open", again.get(allowed()), again::toString);
        assertEquals("blocked", again.get(blocked()), again::toString);
        assertEquals(rules, rulesOfTheSharedNamespace(), "applying the same policy again changed nothing");
    }

    static String hostTables() {
        HostTools.Result tables = HostTools.run(List.of(HostTools.path("nft"), "list", "tables"));
        assertTrue(tables.ok(), tables::toString);
        return tables.stdout();
    }
}
