package dev.policyc.backend.iptables;

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
 * Compares what the backend emits for {@link GoldenPolicies} with the files in {@code golden/}:
 * {@code NAME.v4.rules}, {@code NAME.v6.rules} and {@code NAME.sh} per policy.
 *
 * <p>Run with {@code -Dpolicyc.golden.update=true} to rewrite the golden files after a deliberate
 * change (then review the diff). On a mismatch the output is left next to the golden file as
 * {@code FILE.actual}.
 */
class IptablesGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String ACTUAL = ".actual";
    private static final boolean UPDATE = Boolean.getBoolean("policyc.golden.update");

    /** The golden files in the source tree (not the {@code .actual} ones), by file name. */
    static Set<String> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(ACTUAL))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The golden rules files, by file name. */
    static Set<String> goldenRulesFiles() throws IOException {
        return goldenFiles().stream().filter(n -> n.endsWith(".rules")).collect(Collectors.toCollection(TreeSet::new));
    }

    static String read(String file) throws IOException {
        return Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
    }

    static EmitResult emitGoldens() {
        Backend iptables = Backends.discover().find(IptablesBackend.ID)
                .orElseThrow(() -> new AssertionError("iptables backend not registered with ServiceLoader"));
        return Backends.emit(iptables, GoldenPolicies.program(), EmitOptions.defaults());
    }

    @TestFactory
    List<DynamicTest> emittedFilesMatchTheGoldenFiles() throws IOException {
        EmitResult result = emitGoldens();
        assertEquals(List.of(), result.diagnostics(), "the golden policies emit without findings");
        assertEquals(result, emitGoldens(), "emission is deterministic");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> emitted = new TreeSet<>();
        for (Artifact artifact : result.artifacts()) {
            emitted.add(artifact.path());
            tests.add(DynamicTest.dynamicTest(artifact.path(), () -> compare(artifact)));
        }
        Set<String> stale = goldenFiles().stream().filter(n -> !emitted.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        tests.add(DynamicTest.dynamicTest("every golden file has a policy",
                () -> assertTrue(stale.isEmpty(), "golden files without a policy in GoldenPolicies: " + stale)));
        return tests;
    }

    private static void compare(Artifact artifact) throws IOException {
        assertEquals(artifact.path().endsWith(".sh"), artifact.executable(), "only the script is executable");
        Path golden = GOLDEN.resolve(artifact.path());
        Path actual = GOLDEN.resolve(artifact.path() + ACTUAL);
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
