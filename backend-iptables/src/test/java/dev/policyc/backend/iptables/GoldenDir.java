package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Program;
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

/**
 * The golden files of one target: what the backend registered as {@code backendId} emits for
 * {@code program}, one file of the directory per artifact.
 *
 * <p>Run with {@code -Dpolicyc.golden.update=true} to rewrite the golden files after a deliberate
 * change (then review the diff). On a mismatch the output is left next to the golden file as
 * {@code FILE.actual}.
 */
record GoldenDir(Path dir, String backendId, Program program) {

    /** The {@code iptables} target's goldens: {@code NAME.v4.rules}, {@code NAME.v6.rules} and {@code NAME.sh} per policy. */
    static GoldenDir iptables() {
        return new GoldenDir(Path.of("src/test/resources/golden"), IptablesBackend.ID, GoldenPolicies.program());
    }

    /** The {@code iptables-ipset} target's goldens: also {@code NAME.ipset} per policy. */
    static GoldenDir ipset() {
        return new GoldenDir(Path.of("src/test/resources/golden-ipset"), IpsetBackend.ID, GoldenPolicies.ipsetProgram());
    }

    private static final String ACTUAL = ".actual";
    private static final boolean UPDATE = Boolean.getBoolean("policyc.golden.update");

    /** The golden files in the source tree (not the {@code .actual} ones), by file name. */
    Set<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(ACTUAL))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The golden files whose names end in {@code suffix}. */
    Set<String> files(String suffix) throws IOException {
        return files().stream().filter(n -> n.endsWith(suffix)).collect(Collectors.toCollection(TreeSet::new));
    }

    String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    EmitResult emit() {
        Backend backend = Backends.discover().find(backendId)
                .orElseThrow(() -> new AssertionError(backendId + " backend not registered with ServiceLoader"));
        return Backends.emit(backend, program, EmitOptions.defaults());
    }

    /** One test per emitted file, comparing it with its golden file, and one that every golden file was emitted. */
    List<DynamicTest> comparisons() throws IOException {
        EmitResult result = emit();
        assertEquals(List.of(), result.diagnostics(), "the golden policies emit without findings");
        assertEquals(result, emit(), "emission is deterministic");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> emitted = new TreeSet<>();
        for (Artifact artifact : result.artifacts()) {
            emitted.add(artifact.path());
            tests.add(DynamicTest.dynamicTest(artifact.path(), () -> compare(artifact)));
        }
        Set<String> stale = files().stream().filter(n -> !emitted.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        tests.add(DynamicTest.dynamicTest("every golden file has a policy",
                () -> assertTrue(stale.isEmpty(), "golden files without a policy in GoldenPolicies: " + stale)));
        return tests;
    }

    private void compare(Artifact artifact) throws IOException {
        assertEquals(artifact.path().endsWith(".sh"), artifact.executable(), "only the script is executable");
        Path golden = dir.resolve(artifact.path());
        Path actual = dir.resolve(artifact.path() + ACTUAL);
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
