package dev.policyc.backend.iptables;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares what the {@code iptables-ipset} backend emits for {@link GoldenPolicies#ipsetProgram}
 * with the files in {@code golden-ipset/}: {@code NAME.v4.rules}, {@code NAME.v6.rules},
 * {@code NAME.ipset} and {@code NAME.sh} per policy (see {@link GoldenDir} for rewriting them).
 */
class IpsetGoldenTest {

    @TestFactory
    List<DynamicTest> emittedFilesMatchTheGoldenFiles() throws IOException {
        return GoldenDir.ipset().comparisons();
    }
}
