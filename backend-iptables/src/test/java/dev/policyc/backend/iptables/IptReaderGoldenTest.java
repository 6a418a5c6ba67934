package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.backend.iptables.reader.IptReader;
import dev.policyc.backend.iptables.reader.IptSetReader;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ArtifactReader;
import dev.policyc.core.verify.ReadResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The reader on the golden files, which are checked in and reviewed by hand: each pair of rules
 * files must mean exactly what the policy it was written for means. This lives beside the golden
 * test to reach {@link GoldenPolicies}; the reader itself sees only the files' text.
 */
class IptReaderGoldenTest {

    @TestFactory
    List<DynamicTest> everyGoldenPairMeansItsPolicy() throws IOException {
        return everyGoldenMeansItsPolicy(GoldenDir.iptables(), new IptReader(), List.of(".v4.rules", ".v6.rules", ".sh"));
    }

    @TestFactory
    List<DynamicTest> everyIpsetGoldenMeansItsPolicy() throws IOException {
        return everyGoldenMeansItsPolicy(GoldenDir.ipset(), new IptSetReader(), List.of(".v4.rules", ".v6.rules", ".ipset", ".sh"));
    }

    private static List<DynamicTest> everyGoldenMeansItsPolicy(GoldenDir golden, ArtifactReader reader, List<String> suffixes)
            throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (PolicyIr policy : golden.program().policies()) {
            String name = policy.name();
            List<Artifact> files = new ArrayList<>();
            for (String suffix : suffixes) {
                files.add(Artifact.file(name + suffix, golden.read(name + suffix)));
            }
            tests.add(DynamicTest.dynamicTest(name, () -> {
                ReadResult read = reader.read(files);
                assertEquals(List.of(), read.diagnostics(), "the golden files read without findings");
                ArtifactMeaning meaning = read.policies().get(name);
                FlowSet expected = PolicyMeaning.accepted(policy);
                assertEquals(expected, meaning.accepted(), () -> "only the policy accepts " + expected.difference(meaning.accepted())
                        + "; only the files accept " + meaning.accepted().difference(expected));
            }));
        }
        return tests;
    }

    @Test
    void everyGoldenRulesFileBelongsToAGoldenPolicy() throws IOException {
        List<String> names = GoldenPolicies.program().policies().stream().map(PolicyIr::name).toList();
        for (String file : IptablesGoldenTest.goldenRulesFiles()) {
            assertTrue(names.contains(file.replaceFirst("\\.v[46]\\.rules$", "")), file);
        }
    }

    @Test
    void theGoldenPoliciesAreNotAllAlike() {
        // Guards the test above against comparing sets that say nothing: the goldens differ in meaning.
        Program program = GoldenPolicies.program();
        FlowSet webapp = PolicyMeaning.accepted(program.policy("webapp").orElseThrow());
        FlowSet mixed = PolicyMeaning.accepted(program.policy("mixed").orElseThrow());
        assertFalse(webapp.equals(mixed));
        assertTrue(PolicyMeaning.accepted(program.policy("empty").orElseThrow()).isEmpty());
    }

}
