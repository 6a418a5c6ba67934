package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Program;
import dev.policyc.core.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Compared as {@link GoldenFiles} compares every backend's ({@code -Dpolicyc.golden.update=true}
 * rewrites them).
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

    /** The golden files in the source tree (not the {@code .actual} ones), by file name. */
    Set<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(GoldenFiles.ACTUAL))
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
        assertEquals(result, emit(), "emission is deterministic");
        for (Artifact artifact : result.artifacts()) {
            assertEquals(artifact.path().endsWith(".sh"), artifact.executable(), "only the script is executable: " + artifact.path());
        }
        return GoldenFiles.comparisons(result, dir, files());
    }
}
