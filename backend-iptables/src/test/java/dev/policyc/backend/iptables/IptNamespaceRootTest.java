package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the emitted script for real, inside a network namespace this test creates and deletes
 * (never the host's): applying twice gives the same ruleset, the kernel holds exactly the rules of
 * each golden file, and the script fails loudly, changing nothing it need not, when a tool or a
 * file fails. Needs iptables, ip and root; skipped with the reason otherwise.
 */
@Tag("root")
class IptNamespaceRootTest {

    private ScratchNamespace namespace;

    @TempDir
    Path dir;

    @BeforeEach
    void createNamespace() {
        Optional<String> reason = IptCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        namespace = ScratchNamespace.create();
    }

    @AfterEach
    void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void applyingTwiceGivesTheSameRuleset() throws IOException {
        PolicyIr webapp = GoldenPolicies.program().policy("webapp").orElseThrow();
        ScratchNamespace.write(dir, emit(webapp));
        namespace.assertRuns(dir.resolve("webapp.sh"));
        List<String> once = namespace.savedRulesets();
        namespace.assertRuns(dir.resolve("webapp.sh"));
        assertEquals(once, namespace.savedRulesets(), "applying again changes nothing");

        ScratchNamespace.write(dir, emit(webapp.withRules(webapp.rules().subList(0, 2))));
        namespace.assertRuns(dir.resolve("webapp.sh"));
        assertNotEquals(once, namespace.savedRulesets(), "a smaller version replaces the rules");
        ScratchNamespace.write(dir, emit(webapp));
        namespace.assertRuns(dir.resolve("webapp.sh"));
        assertEquals(once, namespace.savedRulesets(), "and the full version brings them back exactly");
    }

    @Test
    void chainsOfAnOlderVersionAreDeletedAndThoseOfOtherPoliciesKept() throws IOException {
        PolicyIr tree = GoldenPolicies.program().policy("tree").orElseThrow();
        // Its stem starts with the other's: the script must still tell their chains apart.
        PolicyIr other = new PolicyIr("tree-a", tree.span(), tree.defaultFor(Direction.IN), tree.defaultFor(Direction.OUT), tree.rules());
        ScratchNamespace.write(dir, emit(other));
        namespace.assertRuns(dir.resolve("tree-a.sh"));
        ScratchNamespace.write(dir, emit(tree));
        namespace.assertRuns(dir.resolve("tree.sh"));
        List<String> full = namespace.savedRulesets();
        Rule web = tree.rules().get(0);
        PolicyIr smaller = tree.withRules(ImmutableList.of(
                web.withPeer(Optional.of(web.peer().orElseThrow().subList(0, 40))), tree.rules().get(2).withPeer(Optional.empty())));
        ScratchNamespace.write(dir, emit(smaller));
        namespace.assertRuns(dir.resolve("tree.sh"));
        for (Family family : Family.values()) {
            Set<String> declared = declaredChains(Files.readString(dir.resolve(IptSyntax.fileName("tree", family))));
            Set<String> held = declaredChains(namespace.saveFilter(family));
            assertEquals(extraChains(declared, "tree"), extraChains(held, "tree"), "v" + family.version() + ": no chain of the larger version stays");
            Set<String> others = extraChains(held, "tree-a");
            assertTrue(others.size() > 3, () -> "v" + family.version() + ": the other policy's chains stay: " + held);
            assertTrue(extraChains(declared, "tree").size() < others.size(), "the smaller version has fewer chains");
        }
        ScratchNamespace.write(dir, emit(tree));
        namespace.assertRuns(dir.resolve("tree.sh"));
        assertEquals(full, namespace.savedRulesets(), "the larger version comes back exactly, the other policy's chains untouched");
    }

    /** The extra chains of the policy with stem {@code stem} among {@code chains}. */
    private static Set<String> extraChains(Set<String> chains, String stem) {
        return chains.stream().filter(c -> c.matches("PC-" + stem + "-[A-Z][0-9]+")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theKernelHoldsExactlyTheRulesOfEachGoldenFile() throws IOException {
        for (String file : IptablesGoldenTest.goldenFiles()) {
            Path copy = dir.resolve(file);
            Files.writeString(copy, IptablesGoldenTest.read(file), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(file.endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--"));
        }
        for (String file : IptablesGoldenTest.goldenFiles()) {
            if (!file.endsWith(".sh")) {
                continue;
            }
            String name = file.substring(0, file.length() - ".sh".length());
            namespace.assertRuns(dir.resolve(file));
            for (Family family : Family.values()) {
                String rules = IptablesGoldenTest.read(IptSyntax.fileName(name, family));
                // The file declares its own chains; INPUT and OUTPUT, whose policies it leaves alone, it empties with -F.
                Set<String> ours = new HashSet<>(declaredChains(rules));
                assertTrue(ours.contains(PolicyChains.of(name).chain(Direction.IN)) && !ours.contains("INPUT"), ours::toString);
                assertTrue(rules.contains("\n-F INPUT\n-F OUTPUT\n"), rules);
                ours.addAll(Set.of("INPUT", "OUTPUT"));
                // Chains of the policies loaded before stay, unused: the file declares only its own.
                List<List<String>> held = IptText.appendCommands(namespace.saveFilter(family)).stream()
                        .filter(command -> ours.contains(command.get(1)))
                        .toList();
                assertEquals(IptText.byChain(IptText.appendCommands(rules)), IptText.byChain(held),
                        name + " v" + family.version() + ": rules as the kernel holds them");
            }
        }
    }

    /** The chains a rules file declares, as iptables-restore reads {@code :NAME POLICY [counters]}. */
    private static Set<String> declaredChains(String rules) {
        return rules.lines().filter(l -> l.startsWith(":")).map(l -> l.substring(1).split(" ")[0]).collect(Collectors.toSet());
    }

    @Test
    void aFileTheToolRefusesStopsTheScriptBeforeAnythingChanges() throws IOException {
        IptCommand.Result run = runWithAnExtraIpv6Rule("-A POLICYC-webapp-OUT --no-such-option");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("policyc webapp.sh: ip6tables-restore refused webapp.v6.rules; nothing was changed"), run.stderr());
        assertEquals(List.of(), IptText.appendCommands(namespace.saveFilter(Family.IPV4)), "the IPv4 file was not loaded either");
    }

    @Test
    void anIpv4FileTheToolRefusesStopsTheScriptBeforeAnythingChanges() throws IOException {
        // Not checked with --test: its load is the check, before the IPv6 file (checked) loads.
        ScratchNamespace.write(dir, emit(GoldenPolicies.program().policy("webapp").orElseThrow()));
        Path v4 = dir.resolve("webapp.v4.rules");
        Files.writeString(v4, Files.readString(v4).replace("COMMIT\n", "-A POLICYC-webapp-OUT --no-such-option\nCOMMIT\n"));
        IptCommand.Result run = namespace.runScript(dir.resolve("webapp.sh"));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("policyc webapp.sh: iptables-restore could not load webapp.v4.rules; nothing was changed"),
                run.stderr());
        for (Family family : Family.values()) {
            assertEquals(List.of(), IptText.appendCommands(namespace.saveFilter(family)), "nothing was loaded in " + family);
        }
    }

    @Test
    void aFileTheKernelRefusesFailsTheScript() throws IOException {
        // A jump to a chain that does not exist: iptables-nft --test does not see it, loading does.
        IptCommand.Result run = runWithAnExtraIpv6Rule("-A POLICYC-webapp-OUT -j NO-SUCH-CHAIN");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("policyc webapp.sh: ip6tables-restore ") && run.stderr().contains("webapp.v6.rules"), run.stderr());
        assertEquals(List.of(), IptText.appendCommands(namespace.saveFilter(Family.IPV6)), "no IPv6 rule was loaded");
    }

    /** Runs the webapp script after adding {@code rule} at the end of its IPv6 file. */
    private IptCommand.Result runWithAnExtraIpv6Rule(String rule) throws IOException {
        ScratchNamespace.write(dir, emit(GoldenPolicies.program().policy("webapp").orElseThrow()));
        Path v6 = dir.resolve("webapp.v6.rules");
        Files.writeString(v6, Files.readString(v6).replace("COMMIT\n", rule + "\nCOMMIT\n"));
        return namespace.runScript(dir.resolve("webapp.sh"));
    }

    @Test
    void aMissingToolStopsTheScriptBeforeAnythingChanges() throws IOException {
        ScratchNamespace.write(dir, emit(GoldenPolicies.program().policy("webapp").orElseThrow()));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("iptables-restore", "dirname")) {
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + IptCommand.path(tool) + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        IptCommand.Result run = namespace.exec("", List.of("/usr/bin/env", "PATH=" + bin, IptCommand.path("sh"),
                dir.resolve("webapp.sh").toString()));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("policyc webapp.sh: ip6tables-restore not found: install iptables"), run.stderr());
        assertEquals(List.of(), IptText.appendCommands(namespace.saveFilter(Family.IPV4)));
    }

    private static ImmutableList<Artifact> emit(PolicyIr policy) {
        EmitResult result = new IptablesBackend().emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        assertEquals(List.of(), result.diagnostics());
        return result.artifacts();
    }
}
