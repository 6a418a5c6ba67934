package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Compared as {@link GoldenFiles} compares every backend's ({@code -Dpolicyc.golden.update=true}
 * rewrites them).
 */
class NftablesGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Path RUNTIME_GOLDEN = GOLDEN.resolve("runtime");

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
        for (Artifact artifact : result.artifacts()) {
            assertEquals(false, artifact.executable(), "nft files are loaded with nft -f, not run: " + artifact.path());
        }
        Set<String> goldens = goldenNames(dir).stream().map(n -> n + ".nft").collect(Collectors.toCollection(TreeSet::new));
        return GoldenFiles.comparisons(result, dir, goldens);
    }
}
