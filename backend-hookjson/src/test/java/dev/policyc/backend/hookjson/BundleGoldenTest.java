package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Program;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bundle of the test policies against {@code golden/web-other.bundle}: the listing of every
 * file with its mode, then the text of the files this module writes itself (the hook
 * configuration, the manifests, the README). The rulesets have their own goldens in
 * backend-nftables, the hook program is tested by running it, and SHA256SUMS by recomputing it.
 *
 * <p>Run with {@code -Dpolicyc.golden.update=true} to rewrite the golden file after a deliberate
 * change (then review the diff); on a mismatch the output is left beside it as {@code .actual}.
 */
class BundleGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/web-other.bundle");
    private static final Set<String> SHOWN = Set.of("hooks.d/policyc.json", "policies/web.hook", "policies/other.hook", "README.md");

    @Test
    void bundleMatchesItsGolden() throws IOException {
        Program program = HookTestPolicies.program(HookTestPolicies.web(), HookTestPolicies.other());
        EmitResult result = Bundles.emit(program, new EmitOptions("policyc 0.1.0").withInstallDir("/opt/policyc/demo"));
        assertFalse(result.hasErrors(), result.diagnostics()::toString);
        String text = render(result.artifacts());
        Path actual = GOLDEN.resolveSibling(GOLDEN.getFileName() + ".actual");
        if (Boolean.getBoolean("policyc.golden.update")) {
            Files.writeString(GOLDEN, text, StandardCharsets.UTF_8);
            Files.deleteIfExists(actual);
            return;
        }
        if (!Files.exists(GOLDEN)) {
            Files.writeString(actual, text, StandardCharsets.UTF_8);
            fail("no golden file " + GOLDEN + "; output written to " + actual + "; review it and run with -Dpolicyc.golden.update=true");
        }
        String expected = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        if (!expected.equals(text)) {
            Files.writeString(actual, text, StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(actual);
        }
        assertEquals(expected, text, "bundle differs from " + GOLDEN + " (actual in " + actual + ")");
    }

    private static String render(List<Artifact> artifacts) {
        StringBuilder out = new StringBuilder("# files\n");
        for (Artifact artifact : artifacts) {
            out.append(artifact.executable() ? "rwx " : "rw- ").append(artifact.path()).append('\n');
        }
        for (Artifact artifact : artifacts) {
            if (SHOWN.contains(artifact.path())) {
                out.append("\n# ").append(artifact.path()).append('\n').append(artifact.content());
            }
        }
        return out.toString();
    }
}
