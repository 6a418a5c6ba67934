package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Family;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden rules file, as committed, passes {@code iptables-restore --test} (the v4 files) or
 * {@code ip6tables-restore --test} (the v6 files). With the nf_tables backend of iptables 1.8.9
 * {@code --test} parses the file and sends the transaction, which the kernel checks and aborts
 * ({@code strace}: the batch's {@code sendmsg} takes as long as the abort's RCU grace period), so
 * it applies nothing; it runs in a namespace of the test's own all the same.
 * {@link IptNamespaceRootTest} loads the files for real. Needs iptables, ip and root; each file is
 * reported skipped, with the reason, otherwise.
 */
@Tag("root")
class IptRestoreCheckAsRootTest {

    static Set<String> goldenRulesFiles() throws IOException {
        return IptablesGoldenTest.goldenRulesFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenRulesFiles")
    void goldenFilePassesRestoreTest(String file) throws IOException {
        Optional<String> reason = IptCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        Family family = file.endsWith(".v6.rules") ? Family.IPV6 : Family.IPV4;
        String rules = IptablesGoldenTest.read(file);
        try (ScratchNamespace namespace = ScratchNamespace.create()) {
            IptCommand.Result checked = namespace.restore(family, rules, "--test");
            assertTrue(checked.ok(), file + " rejected by " + IptSyntax.restoreTool(family) + " --test:\n" + checked.output());
            assertTrue(IptText.appendCommands(namespace.saveFilter(family)).isEmpty(), "--test applied nothing");
        }
    }
}
