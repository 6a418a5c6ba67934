package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares what the backend emits for {@link GoldenPolicies} with {@code golden/NAME.nft}, and for
 * the unbound {@link GoldenPolicies#runtimeProgram()} with {@code golden/runtime/NAME.nft}.
 *
 * <p>Run with {@code -Dpolicyc.golden.update=true} to rewrite the golden files after a deliberate
 * change (then review the diff). On a mismatch the output is left next to the golden file as
 * {@code NAME.nft.actual}.
 */
class NftablesGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Path RUNTIME_GOLDEN = GOLDEN.resolve("runtime");
    private static final boolean UPDATE = Boolean.getBoolean("policyc.golden.update");

    /** The golden files in the source tree, by policy name. */
    static Set<String> goldenNames() throws IOException {
        return goldenNames(GOLDEN);
    }

    /** The golden files in {@code dir}, by policy name. */
    static Set<String> goldenNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".nft"))
                    .map(n -> n.substring(0, n.length() - ".nft".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static EmitResult emitGoldens() {
        Backend nftables = Backends.discover().find(NftablesBackend.ID)
                .orElseThrow(() -> new AssertionError("nftables backend not registered with ServiceLoader"));
        return Backends.emit(nftables, GoldenPolicies.program(), EmitOptions.defaults());
    }

    /** The runtime-set output, as a bundle that resolves names at run time gets it. */
    static EmitResult emitRuntimeGoldens() {
        return new NftablesBackend().emit(GoldenPolicies.runtimeProgram(), EmitOptions.defaults());
    }

    @TestFactory
    List<DynamicTest> goldenFiles() throws IOException {
        EmitResult result = emitGoldens();
        assertEquals(result, emitGoldens(), "emission is deterministic");
        return compareAll(result, GOLDEN);
    }

    @TestFactory
    List<DynamicTest> runtimeSetGoldenFiles() throws IOException {
        EmitResult result = emitRuntimeGoldens();
        assertEquals(result, emitRuntimeGoldens(), "emission is deterministic");
        return compareAll(result, RUNTIME_GOLDEN);
    }

    private static List<DynamicTest> compareAll(EmitResult result, Path dir) throws IOException {
        assertEquals(List.of(), result.diagnostics(), "the golden policies emit without findings");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> emitted = new TreeSet<>();
        for (Artifact artifact : result.artifacts()) {
            emitted.add(artifact.path());
            tests.add(DynamicTest.dynamicTest(artifact.path(), () -> compare(artifact, dir)));
        }
        Set<String> stale = goldenNames(dir).stream().map(n -> n + ".nft").filter(n -> !emitted.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        tests.add(DynamicTest.dynamicTest("every golden file has a policy",
                () -> assertTrue(stale.isEmpty(), "golden files without a policy in GoldenPolicies: " + stale)));
        return tests;
    }

    private static void compare(Artifact artifact, Path dir) throws IOException {
        assertEquals(false, artifact.executable(), "nft files are loaded with nft -f, not run");
        Path golden = dir.resolve(artifact.path());
        Path actual = dir.resolve(artifact.path() + ".actual");
        if (UPDATE) {
            Files.writeString(golden, artifact.content(), StandardCharsets.UTF_8);
            Files.deleteIfExists(actual);
            return;
        }
        if (!Files.exists(golden)) {
            Files.writeString(actual, artifact.content(), StandardCharsets.UTF_8);
            fail("no golden file " + golden + "; output written to " + actual
                    + "; review it and run with -Dpolicyc.golden.update=true");
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(artifact.content())) {
            Files.writeString(actual, artifact.content(), StandardCharsets.UTF_8);
            assertEquals(expected, artifact.content(), "output differs from " + golden + " (actual in " + actual
                    + "; -Dpolicyc.golden.update=true rewrites the golden files)");
        }
        Files.deleteIfExists(actual);
    }
}
