package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.backend.RuntimeSet;
import dev.policyc.core.backend.RuntimeSets;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The runtime-set goldens as the OCI hook uses them: the file with {@code add element} lines
 * appended, loaded in one {@code nft -f}. Checked with {@code nft -c}, then loaded twice inside a
 * network namespace this test creates and deletes, to show that loading again replaces the
 * elements rather than adding to them. Needs nft, ip and root; skipped with the reason otherwise.
 */
@Tag("root")
class NftRuntimeSetsRootTest {

    private String namespace;

    @BeforeEach
    void createNamespace() {
        Optional<String> reason = NftCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        Assumptions.assumeTrue(NftCommand.executable("ip").isPresent(), "skipped: ip (iproute2) is not installed");
        namespace = "policyc-nftsets-" + UUID.randomUUID().toString().substring(0, 8);
        NftCommand.Result added = ip("netns", "add", namespace);
        Assumptions.assumeTrue(added.ok(), () -> "skipped: cannot create a network namespace: " + added.output());
    }

    @AfterEach
    void deleteNamespace() {
        if (namespace != null) {
            NftCommand.Result deleted = ip("netns", "delete", namespace);
            assertTrue(deleted.ok(), "could not delete namespace " + namespace + ": " + deleted.output());
        }
    }

    @Test
    void filledRuntimeSetsLoadInOneTransactionAndReplaceEarlierElements() throws IOException {
        for (PolicyIr policy : GoldenPolicies.runtimeProgram().policies()) {
            String script = Files.readString(
                    NftablesGoldenTest.RUNTIME_GOLDEN.resolve(policy.name() + ".nft"), StandardCharsets.UTF_8);
            List<RuntimeSet> sets = RuntimeSets.of(policy).all();
            assertFalse(sets.isEmpty(), policy.name());

            String first = script + elements(policy.name(), sets, "192.0.2.1, 192.0.2.2", "2001:db8::1, 2001:db8::2");
            NftCommand.Result checked = NftCommand.check(first);
            assertTrue(checked.ok(), policy.name() + " with elements rejected by nft -c:\n" + checked.output());
            load(first);
            String second = script + elements(policy.name(), sets, "198.51.100.9", "2001:db8::9");
            load(second);
            for (RuntimeSet set : sets) {
                String listed = nft("list", "set", "inet", TableWriter.tableName(policy.name()), set.name()).output();
                String expected = set.family() == Family.IPV4 ? "198.51.100.9" : "2001:db8::9";
                assertTrue(listed.contains("elements = { " + expected + " }"), policy.name() + " " + set.name() + ":\n" + listed);
            }
        }
        assertEquals(List.of("table inet policyc_webapp", "table inet policyc_names"),
                nft("list", "tables").output().lines().toList());
    }

    /** One {@code add element} line per set, as the hook writes them. */
    private static String elements(String policy, List<RuntimeSet> sets, String v4, String v6) {
        StringBuilder lines = new StringBuilder();
        for (RuntimeSet set : sets) {
            lines.append("add element inet ").append(TableWriter.tableName(policy)).append(' ').append(set.name())
                    .append(" { ").append(set.family() == Family.IPV4 ? v4 : v6).append(" }\n");
        }
        return lines.toString();
    }

    private void load(String script) {
        NftCommand.Result loaded = NftCommand.run(script, List.of(
                NftCommand.executable("ip").orElseThrow().toString(), "netns", "exec", namespace, NftCommand.nftPath(), "-f", "-"));
        assertTrue(loaded.ok(), "nft -f failed in " + namespace + ":\n" + loaded.output());
    }

    private NftCommand.Result nft(String... args) {
        List<String> command = new ArrayList<>(List.of(
                NftCommand.executable("ip").orElseThrow().toString(), "netns", "exec", namespace, NftCommand.nftPath()));
        command.addAll(List.of(args));
        return NftCommand.run("", command);
    }

    private static NftCommand.Result ip(String... args) {
        List<String> command = new ArrayList<>(List.of(NftCommand.executable("ip").orElseThrow().toString()));
        command.addAll(List.of(args));
        return NftCommand.run("", command);
    }
}
