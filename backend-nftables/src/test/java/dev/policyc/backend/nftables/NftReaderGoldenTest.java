package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.backend.nftables.reader.NftReader;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The reader on the golden files, which are checked in and reviewed by hand: each must mean
 * exactly what the policy it was written for means. This lives beside the golden test to reach
 * {@link GoldenPolicies}; the reader itself sees only the file's text.
 */
class NftReaderGoldenTest {

    @TestFactory
    List<DynamicTest> everyGoldenFileMeansItsPolicy() throws IOException {
        Program program = GoldenPolicies.program();
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : NftablesGoldenTest.goldenNames()) {
            String text = Files.readString(NftablesGoldenTest.GOLDEN.resolve(name + ".nft"), StandardCharsets.UTF_8);
            PolicyIr policy = program.policy(name).orElseThrow(() -> new AssertionError("no golden policy " + name));
            tests.add(DynamicTest.dynamicTest(name + ".nft", () -> {
                ReadResult read = new NftReader().read(List.of(Artifact.file(name + ".nft", text)));
                assertEquals(List.of(), read.diagnostics(), "the golden file reads without findings");
                ArtifactMeaning meaning = read.policies().get(name);
                FlowSet expected = PolicyMeaning.accepted(policy);
                assertEquals(expected, meaning.accepted(), () -> "only the policy accepts " + expected.difference(meaning.accepted())
                        + "; only the file accepts " + meaning.accepted().difference(expected));
            }));
        }
        return tests;
    }

    @Test
    void theGoldenFilesAreNotAllAlike() {
        // Guards the test above against comparing sets that say nothing: the goldens differ in meaning.
        Program program = GoldenPolicies.program();
        FlowSet webapp = PolicyMeaning.accepted(program.policy("webapp").orElseThrow());
        FlowSet mixed = PolicyMeaning.accepted(program.policy("mixed").orElseThrow());
        assertFalse(webapp.equals(mixed));
        assertTrue(PolicyMeaning.accepted(program.policy("empty").orElseThrow()).isEmpty());
    }
}
