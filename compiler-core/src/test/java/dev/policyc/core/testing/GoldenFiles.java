package dev.policyc.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.policyc.core.backend.Artifact;
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
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden-file tests of a backend: each file it emits compared with the file of the same name in
 * a directory of the source tree, for every backend the same way.
 *
 * <p>Run with {@code -Dpolicyc.golden.update=true} to rewrite the golden files after a deliberate
 * change (then review the diff). On a mismatch the output is left next to the golden file as
 * {@code FILE.actual}, for a diff.
 */
public final class GoldenFiles {

    /** The suffix of the output left beside a golden file it does not match. */
    public static final String ACTUAL = ".actual";
    private static final boolean UPDATE = Boolean.getBoolean("policyc.golden.update");

    private GoldenFiles() {}

    /**
     * One test per artifact of {@code result}, comparing it with its golden file in {@code dir},
     * and one that each of {@code goldens} (file names in {@code dir}) was emitted, so that a
     * golden file whose policy is gone does not linger.
     */
    public static List<DynamicTest> comparisons(EmitResult result, Path dir, Set<String> goldens) {
        assertEquals(List.of(), result.diagnostics(), "the golden policies emit without findings");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> emitted = new TreeSet<>();
        for (Artifact artifact : result.artifacts()) {
            emitted.add(artifact.path());
            tests.add(DynamicTest.dynamicTest(artifact.path(), () -> compare(artifact, dir)));
        }
        Set<String> stale = goldens.stream().filter(n -> !emitted.contains(n)).collect(Collectors.toCollection(TreeSet::new));
        tests.add(DynamicTest.dynamicTest("every golden file has a policy",
                () -> assertTrue(stale.isEmpty(), "golden files without a policy in the golden corpus: " + stale)));
        return tests;
    }

    /** Compares {@code artifact} with its golden file in {@code dir} (or rewrites that, when updating). */
    public static void compare(Artifact artifact, Path dir) throws IOException {
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
