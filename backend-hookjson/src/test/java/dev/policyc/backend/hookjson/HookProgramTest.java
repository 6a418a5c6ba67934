package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook program on its own, in the test's own network namespace, on every failure it must
 * detect before it touches any network: each makes it exit 1 with exactly one line on stderr.
 * None of these cases reaches nft or iptables (the ones that could, if a check were broken, are
 * built so that a later check still stops them), so they run anywhere, as any user.
 */
class HookProgramTest {

    @TempDir
    Path tmp;

    private Path bundleDir;

    @BeforeEach
    void writeBundle() {
        bundleDir = Bundles.write(HookTestPolicies.program(HookTestPolicies.web(), HookTestPolicies.other()),
                tmp.resolve("bundle"), false);
    }

    private HostTools.Result hook(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", bundleDir.resolve("bin/policyc-hook").toString()));
        command.addAll(List.of(args));
        return HostTools.run(command, Map.of(), stdin, 30);
    }

    private HostTools.Result apply(FakeContainer container) {
        return hook(container.state(), "apply", bundleDir.toString());
    }

    private FakeContainer container() {
        return new FakeContainer(tmp.resolve("ctr"));
    }

    /** Exit 1 and one line on stderr that contains {@code reason}. */
    private static void refused(HostTools.Result result, String reason) {
        assertEquals(1, result.exit(), result::toString);
        assertEquals(1, result.stderrLines().size(), () -> "one line on stderr: " + result);
        String line = result.stderrLines().get(0);
        assertTrue(line.startsWith("policyc-hook: ") && line.contains(reason), () -> "expected '" + reason + "' in: " + line);
    }

    @Test
    void theScriptIsPlainShAndPassesShellcheck() {
        HostTools.Result syntax = HostTools.run(List.of("/bin/sh", "-n", bundleDir.resolve("bin/policyc-hook").toString()));
        assertTrue(syntax.ok(), syntax::toString);
        Optional<Path> shellcheck = HostTools.executable("shellcheck");
        Assumptions.assumeTrue(shellcheck.isPresent(), "skipped the shellcheck part: shellcheck is not installed");
        HostTools.Result checked = HostTools.run(List.of(shellcheck.get().toString(), "-s", "sh",
                bundleDir.resolve("bin/policyc-hook").toString()));
        assertTrue(checked.ok(), checked::toString);
    }

    @Test
    void theScriptSpellsTheLayoutAsTheBackendDoes() {
        String script = HookProgram.text();
        for (String fixed : List.of("\"$dir/bin/policyc-hook\"", "bin/policyc-hook \"policies/$policy.hook\"", "/SHA256SUMS",
                "\"" + BundleLayout.MANIFEST_HEADER + "\"", "policies/$policy.nft", "policies/$policy.v$version.rules",
                "s/^table inet \\(policyc_[a-z0-9-]*\\)$/\\1/p", "'policyc\\.policy'")) {
            assertTrue(script.contains(fixed), fixed);
        }
        assertEquals("bin/policyc-hook", BundleLayout.HOOK_PROGRAM);
        assertEquals("policies/web.hook", BundleLayout.manifest("web"));
        assertEquals("policies/web.v6.rules", BundleLayout.iptablesRules("web", 6));
        assertEquals("policyc.policy", BundleLayout.ANNOTATION);
    }

    @Test
    void checkReportsTheBundle() {
        Assumptions.assumeTrue(HostTools.executable("nft").isPresent() || HostTools.executable("iptables-restore").isPresent(),
                "skipped: neither nft nor iptables-restore is installed, so check must fail here");
        HostTools.Result ok = HostTools.run(List.of("/bin/sh", bundleDir.resolve("bin/policyc-hook").toString(), "check",
                bundleDir.toString()), Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin"), "", 30);
        assertEquals(0, ok.exit(), ok::toString);
        assertTrue(ok.stdout().startsWith("policyc-hook: ok: " + bundleDir + " (policies: other, web; tools: "), ok::toString);
    }

    @Test
    void usageAndMissingState() {
        refused(hook("", "frobnicate"), "usage: policyc-hook apply|check BUNDLE_DIR");
        refused(hook("", "apply"), "usage: policyc-hook apply BUNDLE_DIR");
        refused(hook("", "apply", "relative/dir"), "must be absolute");
        refused(hook("", "apply", bundleDir.toString()), "no container state on stdin");
    }

    @Test
    void theAnnotationMustBeExactlyPolicycPolicyWithAKnownName() {
        refused(apply(container()), "no policyc.policy annotation");
        refused(apply(container().annotate("policyc.Policy", "web")), "unknown annotation key 'policyc.Policy'");
        refused(apply(container().annotate("policyc.policy", "web").annotate("policyc.strict", "yes")),
                "unknown annotation key 'policyc.strict'");
        refused(apply(container().annotate("policyc.policy", "webb")), "unknown policy 'webb' (this bundle has: other, web)");
        refused(apply(container().annotate("policyc.policy", "")), "is not a policy name");
        refused(apply(container().annotate("policyc.policy", "../web")), "is not a policy name");
        refused(apply(container().annotate("policyc.policy", "we\"b")), "is not a policy name");
        refused(apply(container().annotate("policyc.policy", "Web")), "is not a policy name");
        String twice = container().annotate("policyc.policy", "web").state().replace("\"annotations\":{",
                "\"annotations\":{\"policyc.policy\":\"other\",");
        refused(hook(twice, "apply", bundleDir.toString()), "more than one policyc.policy annotation");
    }

    @Test
    void aKeyInsideAnotherAnnotationsValueIsNotAKey() {
        String state = container().annotate("note", "{\"policyc.policy\":\"web\"}").state();
        refused(hook(state, "apply", bundleDir.toString()), "no policyc.policy annotation");
    }

    @Test
    void aFileThatDoesNotMatchSha256sumsStopsEverything() {
        Bundles.tamper(bundleDir, "web");
        refused(apply(container().annotate("policyc.policy", "web")), "checksum mismatch in " + bundleDir + ": policies/web.nft: FAILED");
        refused(hook("", "check", bundleDir.toString()), "policies/web.nft: FAILED");
    }

    @Test
    void aFileMissingFromSha256sumsStopsEverything() throws IOException {
        Path sums = bundleDir.resolve("SHA256SUMS");
        List<String> kept = Files.readAllLines(sums).stream().filter(l -> !l.endsWith("  policies/web.hook")).toList();
        Files.write(sums, kept, StandardCharsets.UTF_8);
        refused(apply(container().annotate("policyc.policy", "web")), "policies/web.hook is not listed in " + bundleDir + "/SHA256SUMS");
        Files.delete(sums);
        refused(apply(container().annotate("policyc.policy", "web")), "has no SHA256SUMS");
    }

    @Test
    void theHostsNetworkNamespaceIsRefused() {
        // An annotation "type":"network" in config.json must not pass for a namespace entry.
        refused(apply(container().annotate("policyc.policy", "web").annotate("type", "network").hostNetwork()),
                "shares the host's network namespace (--network host)");
    }

    @Test
    void aNetworkNamespaceEntryIsNotEnoughWhenTheHookRunsInItsParentsNamespace() {
        // CAP_NET_ADMIN is refused only after this check, and stops the hook if this check is broken.
        refused(apply(container().annotate("policyc.policy", "web").addCap("CAP_SYS_ADMIN")),
                "runs in the network namespace of the processes that started it");
    }

    @Test
    void keepingCapNetAdminIsRefused() {
        refused(apply(container().annotate("policyc.policy", "web").addCap("CAP_NET_ADMIN")), "would keep CAP_NET_ADMIN");
        refused(apply(container().annotate("policyc.policy", "web").noCapabilities()), "has no process.capabilities");
    }

    @Test
    void keepingCapNetRawIsRefused() {
        refused(apply(container().annotate("policyc.policy", "web").addCap("CAP_NET_RAW")), "would keep CAP_NET_RAW");
    }

    @Test
    void theStatesOwnKeysAreFoundAfterTheAnnotationsWhenTheyAreUnambiguous() {
        // Past the bundle path, the hook stops at the network namespace check: it runs in ours.
        refused(hook(container().annotate("policyc.policy", "web").stateAnnotationsFirst(), "apply", bundleDir.toString()),
                "runs in the network namespace of the processes that started it");
        refused(hook(container().annotate("policyc.policy", "web").annotate("bundle", "/elsewhere").stateAnnotationsFirst(),
                "apply", bundleDir.toString()), "names no absolute bundle path");
        refused(hook(container().annotate("policyc.policy", "web").annotate("bundle", "/elsewhere").state(),
                "apply", bundleDir.toString()), "runs in the network namespace of the processes that started it");
    }

    @Test
    void aStateWithoutAnAbsoluteBundleIsRefused() {
        String state = container().annotate("policyc.policy", "web").state().replaceFirst("\"bundle\":\"/", "\"bundle\":\"");
        refused(hook(state, "apply", bundleDir.toString()), "names no absolute bundle path");
        String missing = container().annotate("policyc.policy", "web").state().replaceFirst("\"bundle\":\"/", "\"bundle\":\"/nonexistent/");
        refused(hook(missing, "apply", bundleDir.toString()), "cannot read /nonexistent/");
    }
}
