package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        for (String fixed : List.of("\"$dir/bin/policyc-hook\"", "name == \"bin/policyc-hook\"", "\"/SHA256SUMS\"",
                "\"" + BundleLayout.MANIFEST_HEADER + "\"", "\"$dir/policies/$policy.hook\"", "\"$dir/policies/$policy.nft\"",
                "\"policies/\" policy \".hook\"", "\"policies/\" policy \".nft\"", "\"policies/\" policy \".v4.rules\"",
                "\"policies/\" policy \".v6.rules\"", "policies/$policy.v$version.rules", "\"table inet policyc_\"",
                "\"table inet $table\"", "SEP \"annotations\" SEP \"policyc.policy\"")) {
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

    /** A start hashes the files it reads: the program, the manifest and the ruleset of its policy. */
    @Test
    void aStartChecksTheFilesItReadsAndCheckChecksThemAll() throws IOException {
        Bundles.tamper(bundleDir, "other");
        Files.writeString(bundleDir.resolve("README.md"), "edited\n", StandardCharsets.UTF_8);
        refused(apply(container().annotate("policyc.policy", "web")), "runs in the network namespace of the processes that started it");
        refused(apply(container().annotate("policyc.policy", "other")), "checksum mismatch in " + bundleDir + ": policies/other.nft: FAILED");
        refused(hook("", "check", bundleDir.toString()), "README.md: FAILED");

        Path manifest = bundleDir.resolve("policies/web.hook");
        Files.writeString(manifest, Files.readString(manifest) + "strict-dns yes\n", StandardCharsets.UTF_8);
        refused(apply(container().annotate("policyc.policy", "web")), "checksum mismatch in " + bundleDir + ": policies/web.hook: FAILED");
        Path program = bundleDir.resolve("bin/policyc-hook");
        Files.writeString(program, Files.readString(program) + "# edited\n", StandardCharsets.UTF_8);
        refused(apply(container().annotate("policyc.policy", "web")), "checksum mismatch in " + bundleDir + ": bin/policyc-hook: FAILED");
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
    void theStatesOwnKeysAreFoundByTheirPlaceWhateverTheOrderOrTheAnnotations() {
        // Past the bundle path, the hook stops at the network namespace check: it runs in ours.
        String pastTheBundle = "runs in the network namespace of the processes that started it";
        refused(hook(container().annotate("policyc.policy", "web").stateAnnotationsFirst(), "apply", bundleDir.toString()),
                pastTheBundle);
        refused(hook(container().annotate("policyc.policy", "web").annotate("bundle", "/elsewhere").annotate("id", "$(x)")
                .stateAnnotationsFirst(), "apply", bundleDir.toString()), pastTheBundle);
        refused(hook(container().annotate("policyc.policy", "web").annotate("bundle", "/elsewhere").state(),
                "apply", bundleDir.toString()), pastTheBundle);
    }

    /**
     * Annotation keys and values are the container creator's input: the hook only compares and
     * prints them, so none is ever run, whatever it holds. Every case is refused (its name is not a
     * policy's, its key is unknown, or it passes and the hook stops at the namespace check), and
     * no command in them left its marker.
     */
    @Test
    void hostileAnnotationsAreDataNeverCode() {
        Path marker = tmp.resolve("marker");
        String touch = "touch " + marker;
        List<String> hostile = List.of("$(" + touch + ")", "`" + touch + "`", "'; " + touch + "; '", "\"; " + touch + "; \"",
                "web; " + touch, "web\n" + touch, "web\nakey policyc.policy", "web\u0001", "\\", "${IFS}$(" + touch + ")", "*",
                "../../web", "web\" policy web", "web\"}", "web\u2028policy web");
        String pastTheState = "runs in the network namespace of the processes that started it";
        for (String value : hostile) {
            refused(apply(container().annotate("policyc.policy", value)), "is not a policy name");
            refused(apply(container().annotate("policyc.policy", "web").annotate("policyc." + value, "web")), "unknown annotation key 'policyc.");
            refused(apply(container().annotate("policyc.policy", "web").annotate("note", value).annotate(value, value)), pastTheState);
        }
        HostTools.Result key = apply(container().annotate("policyc.policy", "web").annotate("policyc.$(" + touch + ")", "web"));
        assertEquals(List.of("policyc-hook: unknown annotation key 'policyc.$(" + touch + ")': keys starting with policyc are reserved,"
                + " use policyc.policy=NAME; refusing to start"), key.stderrLines(), "printed as it is, not expanded");
        assertFalse(Files.exists(marker), "a command of an annotation ran");
    }

    /** Raw line breaks and control bytes inside a string (not JSON, but a runtime could write them) add no line and no key. */
    @Test
    void rawLineBreaksInAValueCannotForgeWhatTheHookRead() {
        String state = container().annotate("policyc.policy", "PLACE").state();
        HostTools.Result forged = hook(state.replace("PLACE", "x\nstate ok\npolicy web\rbundle /\u0001"), "apply", bundleDir.toString());
        refused(forged, "the policyc.policy annotation 'x state ok policy web bundle /?' is not a policy name");
    }

    @Test
    void aStateThatNamesItsBundleTwiceIsRefused() {
        String state = container().annotate("policyc.policy", "web").state();
        String twice = state.replaceFirst("\"bundle\":", "\"bundle\":\"/elsewhere\",\"bundle\":");
        refused(hook(twice, "apply", bundleDir.toString()), "names no absolute bundle path");
    }

    @Test
    void inputThatIsNotJsonIsRefused() {
        String state = container().annotate("policyc.policy", "web").state();
        for (String broken : List.of("policyc.policy=web", "[" + state + "]", state.substring(0, state.length() - 1),
                state + "}", state.replace("\"pid\":1", "\"pid\":1x"), state.replace(",\"status\"", "\"status\""),
                "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "," + state.substring(1))) {
            refused(hook(broken, "apply", bundleDir.toString()), "the container state on stdin is not JSON this hook can read");
        }
        refused(hook(" \n\t ", "apply", bundleDir.toString()), "no container state on stdin");
        refused(hook("{\"big\":\"" + "x".repeat(1 << 20) + "\"," + state.substring(1), "apply", bundleDir.toString()),
                "(or more than 1 MiB)");
    }

    @Test
    void aConfigThatIsNotJsonIsRefused() throws IOException {
        String state = container().annotate("policyc.policy", "web").state();
        Path config = tmp.resolve("ctr/config.json");
        Files.writeString(config, Files.readString(config).replace("\"linux\":{", "\"linux\":{{"));
        refused(hook(state, "apply", bundleDir.toString()), "config.json is not JSON this hook can read");
    }

    @Test
    void aStateWithoutAnAbsoluteBundleIsRefused() {
        String state = container().annotate("policyc.policy", "web").state().replaceFirst("\"bundle\":\"/", "\"bundle\":\"");
        refused(hook(state, "apply", bundleDir.toString()), "names no absolute bundle path");
        String missing = container().annotate("policyc.policy", "web").state().replaceFirst("\"bundle\":\"/", "\"bundle\":\"/nonexistent/");
        refused(hook(missing, "apply", bundleDir.toString()), "cannot read /nonexistent/");
    }
}
