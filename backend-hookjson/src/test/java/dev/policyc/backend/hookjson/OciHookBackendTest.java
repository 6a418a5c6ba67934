package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.BundlingBackend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OciHookBackendTest {

    private static final String INSTALL = "/opt/policyc/web bundle";
    private static final Program PROGRAM = HookTestPolicies.program(HookTestPolicies.web(), HookTestPolicies.other());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmitResult emit(Program program, EmitOptions options) {
        return Bundles.emit(program, options);
    }

    private static EmitResult bundle() {
        return emit(PROGRAM, EmitOptions.defaults().withInstallDir(INSTALL + "/"));
    }

    private static String content(EmitResult result, String path) {
        return result.artifacts().stream().filter(a -> a.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " in " + result.artifacts())).content();
    }

    private static List<String> codes(EmitResult result) {
        return result.diagnostics().stream().map(Diagnostic::code).toList();
    }

    @Test
    void isFoundByServiceLoaderAndBundlesNftablesThenIptables() {
        Backend hook = Bundles.backend();
        assertTrue(hook instanceof OciHookBackend);
        assertEquals(Set.of(Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES, Feature.DNS_AT_RUNTIME), hook.features());
        assertEquals(List.of("nftables", "iptables"), ((BundlingBackend) hook).bundledTargets());
    }

    @Test
    void theBundleHasOneHookOneProgramAndEachPolicysFiles() {
        EmitResult result = bundle();
        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of("README.md", "SHA256SUMS", "bin/policyc-hook", "hooks.d/policyc.json",
                        "policies/other.hook", "policies/other.nft", "policies/web.hook", "policies/web.nft"),
                result.artifacts().stream().map(Artifact::path).toList());
        assertEquals(List.of("bin/policyc-hook"),
                result.artifacts().stream().filter(Artifact::executable).map(Artifact::path).toList());
        assertEquals(HookProgram.text(), content(result, "bin/policyc-hook"));
        assertEquals(result, bundle(), "emission is deterministic");
    }

    @Test
    void theHookConfigurationNamesTheProgramByAbsolutePathAndRunsAtCreateContainer() throws Exception {
        JsonNode config = JSON.readTree(content(bundle(), "hooks.d/policyc.json"));
        assertEquals("1.0.0", config.get("version").asText());
        assertEquals(INSTALL + "/bin/policyc-hook", config.at("/hook/path").asText());
        assertEquals(List.of("policyc-hook", "apply", INSTALL), texts(config.at("/hook/args")));
        assertEquals(List.of(HookConfig.PATH), texts(config.at("/hook/env")));
        assertEquals(60, config.at("/hook/timeout").asInt());
        assertEquals(List.of("createContainer"), texts(config.get("stages")));
        JsonNode annotations = config.at("/when/annotations");
        assertEquals(1, annotations.size());
        assertEquals(Set.of("version", "hook", "when", "stages"), fieldNames(config));
        assertEquals(Set.of("annotations"), fieldNames(config.get("when")));
    }

    /**
     * podman matches with Go's {@code regexp.MatchString}, which finds a match anywhere unless the
     * pattern is anchored; {@link java.util.regex.Matcher#find()} does the same for these patterns.
     */
    @Test
    void theHookRunsForEveryKeyStartingWithPolicycAndAnyValue() throws Exception {
        Map.Entry<String, JsonNode> when = JSON.readTree(content(bundle(), "hooks.d/policyc.json"))
                .at("/when/annotations").fields().next();
        Pattern key = Pattern.compile(when.getKey());
        Pattern value = Pattern.compile(when.getValue().asText());
        for (String typo : List.of("policyc.policy", "policyc.polcy", "Policyc.Policy", "POLICYC", "policyc-policy", "policyc.policy ")) {
            assertTrue(key.matcher(typo).find(), typo);
        }
        for (String other : List.of("io.policyc.policy", " policyc.policy", "polcyc.policy", "app", "")) {
            assertFalse(key.matcher(other).find(), other);
        }
        for (String any : List.of("", "web", "webb", "web\nx", "\"")) {
            assertTrue(value.matcher(any).find(), any);
        }
    }

    @Test
    void sha256sumsListsEveryOtherFileOnceWithItsHash() {
        EmitResult result = bundle();
        List<String> lines = content(result, "SHA256SUMS").lines().toList();
        List<String> expected = new ArrayList<>();
        for (Artifact artifact : result.artifacts()) {
            if (!artifact.path().equals("SHA256SUMS")) {
                expected.add(Hashing.sha256().hashString(artifact.content(), StandardCharsets.UTF_8) + "  " + artifact.path());
            }
        }
        assertEquals(expected, lines);
    }

    @Test
    void manifestsListTheRuntimeSetsOfTheNftablesRuleset() {
        EmitResult result = bundle();
        assertEquals("""
                policyc-hook manifest 1
                table inet policyc_web
                strict-dns no
                set dns_1_v4 4 dns named.test
                set dns_1_v6 6 dns named.test
                set resolver_v4 4 resolver
                set resolver_v6 6 resolver
                """, content(result, "policies/web.hook"));
        assertEquals("policyc-hook manifest 1\ntable inet policyc_other\nstrict-dns no\n", content(result, "policies/other.hook"));
        String nft = content(result, "policies/web.nft");
        for (String set : List.of("dns_1_v4", "dns_1_v6", "resolver_v4", "resolver_v6")) {
            assertTrue(nft.contains("\tset " + set + " {\n"), set + " declared in\n" + nft);
        }
        assertTrue(nft.startsWith("# policy web "), nft);
        EmitResult strict = emit(PROGRAM, EmitOptions.defaults().withInstallDir(INSTALL).withStrictDns(true));
        assertTrue(content(strict, "policies/web.hook").contains("\nstrict-dns yes\n"));
        assertTrue(content(strict, "README.md").contains("compiled with `--strict-dns`"));
    }

    @Test
    void theRulesetsAreWhatTheNftablesTargetMakesOfEachPolicyAlone() {
        EmitResult result = bundle();
        Backend nftables = Backends.discover().find("nftables").orElseThrow();
        for (PolicyIr policy : PROGRAM.policies()) {
            String alone = nftables.emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults()).artifacts().get(0).content();
            assertEquals(alone, content(result, "policies/" + policy.name() + ".nft"));
        }
    }

    @Test
    void theReadmeGivesTheExactPodmanCommandForThisInstallDirectory() {
        String readme = content(bundle(), "README.md");
        assertTrue(readme.contains(
                "podman run --hooks-dir '/opt/policyc/web bundle/hooks.d' --annotation policyc.policy=web --cap-drop NET_RAW IMAGE COMMAND"), readme);
        assertTrue(readme.contains("'/opt/policyc/web bundle/bin/policyc-hook' check '/opt/policyc/web bundle'"), readme);
        assertTrue(readme.contains("hooks_dir = [\"/opt/policyc/web bundle/hooks.d\"]"), readme);
        assertTrue(readme.contains("| web | `policies/web.nft` | none | named.test, resolver |"), readme);
        assertTrue(readme.contains("| other | `policies/other.nft` | none | nothing |"), readme);
    }

    @Test
    void theInstallDirectoryIsRequiredAbsoluteAndNormalized() {
        assertEquals(List.of(OciHookBackend.INSTALL_DIR), codes(emit(PROGRAM, EmitOptions.defaults())));
        for (String bad : List.of("relative/dir", "/opt/../etc", "/opt//x", "/opt/./x", "/", "/opt/new\nline")) {
            EmitResult result = emit(PROGRAM, EmitOptions.defaults().withInstallDir(bad));
            assertEquals(List.of(OciHookBackend.INSTALL_DIR), codes(result), bad);
            assertEquals(List.of(), result.artifacts(), bad);
            assertFalse(result.diagnostics().get(0).message().contains("\n"), "one line");
        }
    }

    @Test
    void aPolicyNameThatAnAnnotationCannotCarryIsAnError() {
        PolicyIr bad = new PolicyIr("Bad_Name", SourceSpan.at("bad.policy", 1, 1), DefaultAction.implicitDeny(),
                DefaultAction.implicitDeny(), ImmutableList.of());
        EmitResult result = emit(new Program(ImmutableList.of(bad)), EmitOptions.defaults().withInstallDir(INSTALL));
        assertEquals(List.of(OciHookBackend.INVALID_POLICY_NAME), codes(result));
        assertEquals(Optional.of(bad.span()), result.diagnostics().get(0).location());
    }

    @Test
    void withoutTheNftablesTargetThereIsNoBundle() {
        OciHookBackend hook = new OciHookBackend();
        EmitResult alone = Backends.of(List.of(hook)).bundle(hook, PROGRAM, EmitOptions.defaults().withInstallDir(INSTALL));
        assertEquals(List.of(OciHookBackend.NO_NFTABLES), codes(alone));
        assertEquals(List.of(OciHookBackend.NO_NFTABLES), codes(hook.emit(PROGRAM, EmitOptions.defaults().withInstallDir(INSTALL))));
    }

    @Test
    void theIptablesTargetGivesAFallbackToThePoliciesItCanExpress() {
        OciHookBackend hook = new OciHookBackend();
        EmitResult result = Bundles.withIptables().bundle(hook, PROGRAM, EmitOptions.defaults().withInstallDir(INSTALL));
        assertEquals(List.of(OciHookBackend.NO_IPTABLES_FALLBACK), codes(result), "web resolves names at run time");
        assertEquals(Optional.of(HookTestPolicies.web().span()), result.diagnostics().get(0).location());
        assertFalse(result.hasErrors());
        List<String> paths = result.artifacts().stream().map(Artifact::path).toList();
        assertTrue(paths.containsAll(List.of("policies/other.v4.rules", "policies/other.v6.rules")), paths.toString());
        assertFalse(paths.stream().anyMatch(p -> p.startsWith("policies/web.v") || p.endsWith(".sh")), paths.toString());
        assertEquals(FakeIptablesBackend.rules("other"), content(result, "policies/other.v4.rules"));
        assertTrue(content(result, "SHA256SUMS").contains("  policies/other.v6.rules\n"));
        assertTrue(content(result, "README.md").contains("| other | `policies/other.nft` | `policies/other.v4.rules`, `.v6.rules` | nothing |"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
