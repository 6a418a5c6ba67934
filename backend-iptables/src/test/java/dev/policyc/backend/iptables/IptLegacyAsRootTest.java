package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden files of both iptables targets on hosts whose {@code iptables-restore} is
 * iptables-legacy (x_tables, not nf_tables), as older distributions have it: loaded with
 * {@code iptables-legacy-restore --noflush} into a namespace of the test's own, the kernel holds
 * exactly the files' rules (as {@code iptables-legacy-save} prints them, read back word by word:
 * it quotes a comment's {@code '} as {@code \'}, iptables-nft does not); and the policy's script,
 * run with the legacy tools under the names it calls, loads them twice to the same ruleset.
 * Needs the iptables-legacy tools, a kernel with x_tables, ip and root; each case is reported
 * skipped, with the reason, otherwise.
 */
@Tag("root")
class IptLegacyAsRootTest {

    private static final Map<String, String> LEGACY_TOOLS = Map.of(
            "iptables-restore", "iptables-legacy-restore", "ip6tables-restore", "ip6tables-legacy-restore",
            "iptables-save", "iptables-legacy-save", "ip6tables-save", "ip6tables-legacy-save");

    @TempDir
    Path tmp;

    static Stream<Arguments> goldenPolicies() {
        return Stream.of(GoldenDir.iptables(), GoldenDir.ipset()).flatMap(golden -> golden.program().policies().stream()
                .map(PolicyIr::name).map(policy -> Arguments.of(golden.backendId() + " " + policy, golden, policy)));
    }

    /** Why the legacy tests cannot run here, or empty when they can. */
    private static Optional<String> unavailableReason(boolean withSets) {
        Optional<String> reason = IptCommand.unavailableReason();
        for (String tool : LEGACY_TOOLS.values()) {
            if (reason.isEmpty() && IptCommand.executable(tool).isEmpty()) {
                reason = Optional.of(tool + " is not installed (Debian: it comes with the iptables package)");
            }
        }
        if (reason.isEmpty() && withSets && IptCommand.executable("ipset").isEmpty()) {
            reason = Optional.of("ipset is not installed");
        }
        return reason;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenPolicies")
    void theKernelHoldsExactlyTheRulesOfTheFiles(String name, GoldenDir golden, String policy) throws IOException {
        boolean withSets = golden.backendId().equals(IpsetBackend.ID);
        Optional<String> reason = unavailableReason(withSets);
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        try (ScratchNamespace namespace = ScratchNamespace.create()) {
            if (withSets) {
                IptCommand.Result sets = namespace.ipset(golden.read(IpsetFile.fileName(policy)), "restore");
                assertTrue(sets.ok(), () -> "ipset restore: " + sets.output());
            }
            for (Family family : Family.values()) {
                String rules = golden.read(IptSyntax.fileName(policy, family));
                String restore = LEGACY_TOOLS.get(IptSyntax.restoreTool(family));
                IptCommand.Result loaded = namespace.exec(rules, List.of(IptCommand.path(restore), "-w", "10", "--noflush"));
                assertTrue(loaded.ok(), () -> restore + " refused " + policy + ":\n" + loaded.output());
                assertEquals(IptText.byChain(IptText.appendCommands(rules)), IptText.byChain(IptText.appendCommands(legacySave(namespace, family))),
                        policy + " v" + family.version() + ": rules as the kernel holds them");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenPolicies")
    void theScriptLoadsTheFilesTwiceToTheSameRuleset(String name, GoldenDir golden, String policy) throws IOException {
        Optional<String> reason = unavailableReason(golden.backendId().equals(IpsetBackend.ID));
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        Path dir = Files.createDirectories(tmp.resolve("files"));
        for (String file : golden.files()) {
            if (file.startsWith(policy + ".")) {
                Files.writeString(dir.resolve(file), golden.read(file));
            }
        }
        Path tools = Files.createDirectories(tmp.resolve("legacy-tools"));
        for (Map.Entry<String, String> tool : LEGACY_TOOLS.entrySet()) {
            Files.createSymbolicLink(tools.resolve(tool.getKey()), Path.of(IptCommand.path(tool.getValue())));
        }
        List<String> run = List.of("env", "PATH=" + tools + ":" + System.getenv("PATH"), "sh", dir.resolve(policy + ".sh").toString());
        try (ScratchNamespace namespace = ScratchNamespace.create()) {
            List<String> saved = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                IptCommand.Result ran = namespace.exec("", run);
                assertEquals(0, ran.exitCode(), () -> policy + ".sh with the legacy tools:\n" + ran.output());
                saved.add(Stream.of(Family.values()).map(f -> legacySave(namespace, f).lines()
                        .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"))).collect(Collectors.joining("\n")));
            }
            assertEquals(saved.get(0), saved.get(1), "the second run gives the same ruleset");
            for (Family family : Family.values()) {
                String rules = golden.read(IptSyntax.fileName(policy, family));
                List<List<String>> held = IptText.appendCommands(legacySave(namespace, family));
                assertEquals(IptText.byChain(IptText.appendCommands(rules)), IptText.byChain(held), policy + " v" + family.version());
                assertEquals(List.of(), IptText.appendCommands(namespace.saveFilter(family)),
                        "nothing went to nf_tables: the script ran the legacy tools");
            }
        }
    }

    private static String legacySave(ScratchNamespace namespace, Family family) {
        return namespace.saveFilter(LEGACY_TOOLS.get(family == Family.IPV4 ? "iptables-save" : "ip6tables-save"));
    }
}
