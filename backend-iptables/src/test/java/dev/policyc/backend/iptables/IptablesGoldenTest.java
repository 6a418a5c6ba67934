package dev.policyc.backend.iptables;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares what the {@code iptables} backend emits for {@link GoldenPolicies} with the files in
 * {@code golden/}: {@code NAME.v4.rules}, {@code NAME.v6.rules} and {@code NAME.sh} per policy
 * (see {@link GoldenDir} for rewriting them).
 */
class IptablesGoldenTest {

    private static final GoldenDir GOLDEN = GoldenDir.iptables();

    /** The golden files in the source tree (not the {@code .actual} ones), by file name. */
    static Set<String> goldenFiles() throws IOException {
        return GOLDEN.files();
    }

    /** The golden rules files, by file name. */
    static Set<String> goldenRulesFiles() throws IOException {
        return GOLDEN.files(".rules");
    }

    static String read(String file) throws IOException {
        return GOLDEN.read(file);
    }

    @TestFactory
    List<DynamicTest> emittedFilesMatchTheGoldenFiles() throws IOException {
        return GOLDEN.comparisons();
    }
}
