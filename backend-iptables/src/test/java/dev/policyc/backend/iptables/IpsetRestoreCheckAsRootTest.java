package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code iptables-ipset} golden policy, as committed, in a namespace of the test's own:
 * {@code ipset restore} takes its set file and the kernel then holds exactly its sets; then
 * {@code iptables-restore --test} and {@code ip6tables-restore --test} take its rules files (they
 * look the sets up, so they come after). Needs iptables, ipset, ip and root; each policy is
 * reported skipped, with the reason, otherwise.
 */
@Tag("root")
class IpsetRestoreCheckAsRootTest {

    static List<String> goldenPolicies() {
        return GoldenDir.ipset().program().policies().stream().map(PolicyIr::name).toList();
    }

    /** Why the ipset tests cannot run here, or empty when they can. */
    static Optional<String> unavailableReason() {
        return IptCommand.unavailableReason()
                .or(() -> IptCommand.executable("ipset").isEmpty() ? Optional.of("ipset is not installed") : Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenPolicies")
    void goldenFilesPassIpsetRestoreAndRestoreTest(String policy) throws IOException {
        Optional<String> reason = unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        GoldenDir golden = GoldenDir.ipset();
        String sets = golden.read(IpsetFile.fileName(policy));
        try (ScratchNamespace namespace = ScratchNamespace.create()) {
            IptCommand.Result restored = namespace.ipset(sets, "restore");
            assertTrue(restored.ok(), policy + ".ipset rejected by ipset restore:\n" + restored.output());
            assertEquals(IpsetText.sets(sets), namespace.savedSets(), "the kernel holds the file's sets");
            for (Family family : Family.values()) {
                String file = IptSyntax.fileName(policy, family);
                IptCommand.Result checked = namespace.restore(family, golden.read(file), "--test");
                assertTrue(checked.ok(), file + " rejected by " + IptSyntax.restoreTool(family) + " --test:\n" + checked.output());
            }
        }
    }
}
