package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code iptables-ipset} target's script for real, inside a network namespace this test
 * creates and deletes: applying twice gives the same ruleset and the same sets; a new version's
 * sets replace the old ones, which are destroyed, while another policy's stay; a live set that was
 * changed, or a temporary set an interrupted run left, is put right; and a file the tools refuse
 * stops the script with the ruleset as it was. Needs iptables, ipset, ip and root; skipped with the
 * reason otherwise.
 */
@Tag("root")
class IpsetNamespaceRootTest {

    private ScratchNamespace namespace;

    @TempDir
    Path dir;

    @BeforeEach
    void createNamespace() {
        Optional<String> reason = IpsetRestoreCheckAsRootTest.unavailableReason();
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
    void applyingTwiceGivesTheSameRulesetAndSets() throws IOException {
        PolicyIr tree = GoldenPolicies.program().policy("tree").orElseThrow();
        ScratchNamespace.write(dir, emit(tree));
        namespace.assertRuns(dir.resolve("tree.sh"));
        List<String> rules = namespace.savedRulesets();
        SortedMap<String, Set<String>> sets = namespace.savedSets();
        assertEquals(declaredSets("tree"), sets, "the kernel holds exactly the file's sets");
        assertTrue(rules.stream().allMatch(r -> r.contains("--match-set PC-tree-")), "the rules match the sets");
        assertTrue(rules.stream().noneMatch(r -> r.contains(":PC-")), "and no address chain");
        namespace.assertRuns(dir.resolve("tree.sh"));
        assertEquals(rules, namespace.savedRulesets(), "applying again changes no rule");
        assertEquals(sets, namespace.savedSets(), "nor any set");
    }

    @Test
    void aNewVersionsSetsReplaceTheOldOnesAndThoseOfOtherPoliciesStay() throws IOException {
        PolicyIr tree = GoldenPolicies.program().policy("tree").orElseThrow();
        // Its stem starts with the other's: the script must still tell their sets apart.
        PolicyIr other = new PolicyIr("tree-a", tree.span(), tree.defaultFor(Direction.IN), tree.defaultFor(Direction.OUT), tree.rules());
        ScratchNamespace.write(dir, emit(other));
        namespace.assertRuns(dir.resolve("tree-a.sh"));
        SortedMap<String, Set<String>> otherSets = declaredSets("tree-a");
        ScratchNamespace.write(dir, emit(tree));
        namespace.assertRuns(dir.resolve("tree.sh"));
        List<String> full = namespace.savedRulesets();
        SortedMap<String, Set<String>> fullSets = declaredSets("tree");

        Rule web = tree.rules().get(0);
        PolicyIr smaller = tree.withRules(ImmutableList.of(
                web.withPeer(Optional.of(web.peer().orElseThrow().subList(0, 40))), tree.rules().get(2).withPeer(Optional.empty())));
        ScratchNamespace.write(dir, emit(smaller));
        namespace.assertRuns(dir.resolve("tree.sh"));
        SortedMap<String, Set<String>> smallerSets = declaredSets("tree");
        assertNotEquals(fullSets.keySet(), smallerSets.keySet());
        assertEquals(union(otherSets, smallerSets), namespace.savedSets(), "the older version's sets are gone, the other policy's stay");

        ScratchNamespace.write(dir, emit(tree));
        namespace.assertRuns(dir.resolve("tree.sh"));
        assertEquals(full, namespace.savedRulesets(), "the larger version comes back exactly");
        assertEquals(union(otherSets, fullSets), namespace.savedSets());
    }

    @Test
    void aChangedLiveSetAndALeftoverTemporarySetArePutRight() throws IOException {
        ScratchNamespace.write(dir, emit(GoldenPolicies.program().policy("tree").orElseThrow()));
        namespace.assertRuns(dir.resolve("tree.sh"));
        SortedMap<String, Set<String>> sets = namespace.savedSets();
        String first = sets.firstKey();
        String family = sets.get(first).contains("family inet6") ? "inet6" : "inet";
        String tampered = family.equals("inet") ? "10.9.9.9" : "2001:db8:99::9";
        assertOk(namespace.ipset("", "add", first, tampered));
        assertOk(namespace.ipset("", "create", first + "-n", "hash:net", "family", family));
        assertOk(namespace.ipset("", "create", sets.lastKey() + "-n", "hash:net", "family", "inet"));
        assertNotEquals(sets, namespace.savedSets());
        namespace.assertRuns(dir.resolve("tree.sh"));
        assertEquals(sets, namespace.savedSets());
    }

    @Test
    void aRulesFileTheToolRefusesStopsTheScriptWithTheRulesetAsItWas() throws IOException {
        PolicyIr tree = GoldenPolicies.program().policy("tree").orElseThrow();
        ScratchNamespace.write(dir, emit(tree));
        namespace.assertRuns(dir.resolve("tree.sh"));
        List<String> rules = namespace.savedRulesets();
        SortedMap<String, Set<String>> sets = namespace.savedSets();

        PolicyIr smaller = tree.withRules(ImmutableList.of(tree.rules().get(0).withPeer(
                Optional.of(tree.rules().get(0).peer().orElseThrow().subList(0, 30)))));
        ScratchNamespace.write(dir, emit(smaller));
        Path v6 = dir.resolve("tree.v6.rules");
        Files.writeString(v6, Files.readString(v6).replace("COMMIT\n", "-A POLICYC-tree-OUT --no-such-option\nCOMMIT\n"));
        IptCommand.Result run = namespace.runScript(dir.resolve("tree.sh"));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("policyc tree.sh: ip6tables-restore refused tree.v6.rules; nothing was changed"), run.stderr());
        assertEquals(rules, namespace.savedRulesets(), "no rule changed");
        SortedMap<String, Set<String>> after = namespace.savedSets();
        sets.forEach((name, content) -> assertEquals(content, after.get(name), "the loaded rules' set " + name + " is as it was"));

        ScratchNamespace.write(dir, emit(smaller));
        namespace.assertRuns(dir.resolve("tree.sh"));
        assertEquals(declaredSets("tree"), namespace.savedSets(), "the next run leaves the new version's sets alone");
    }

    @Test
    void aSetFileIpsetRefusesStopsTheScriptBeforeAnythingChanges() throws IOException {
        PolicyIr tree = GoldenPolicies.program().policy("tree").orElseThrow();
        ScratchNamespace.write(dir, emit(tree));
        namespace.assertRuns(dir.resolve("tree.sh"));
        List<String> rules = namespace.savedRulesets();
        Path sets = dir.resolve("tree.ipset");
        Files.writeString(sets, Files.readString(sets) + "add " + namespace.savedSets().firstKey() + " 192.0.2.300\n");
        IptCommand.Result run = namespace.runScript(dir.resolve("tree.sh"));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("policyc tree.sh: ipset could not load tree.ipset; nothing was changed"), run.stderr());
        assertEquals(rules, namespace.savedRulesets());
    }

    @Test
    void aMissingIpsetStopsTheScriptBeforeAnythingChanges() throws IOException {
        ScratchNamespace.write(dir, emit(GoldenPolicies.program().policy("tree").orElseThrow()));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("iptables-restore", "ip6tables-restore", "iptables-save", "ip6tables-save", "dirname")) {
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + IptCommand.path(tool) + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        IptCommand.Result run = namespace.exec("", List.of("/usr/bin/env", "PATH=" + bin, IptCommand.path("sh"),
                dir.resolve("tree.sh").toString()));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("policyc tree.sh: ipset not found: install ipset"), run.stderr());
        assertEquals(List.of(), IptText.appendCommands(namespace.saveFilter(Family.IPV4)));
        assertEquals(new TreeMap<>(), namespace.savedSets());
    }

    private static SortedMap<String, Set<String>> union(SortedMap<String, Set<String>> a, SortedMap<String, Set<String>> b) {
        SortedMap<String, Set<String>> both = new TreeMap<>(a);
        both.putAll(b);
        assertEquals(a.size() + b.size(), both.size(), "no set name in common");
        return both;
    }

    /** The sets of {@code policy}'s set file as written to {@link #dir}. */
    private SortedMap<String, Set<String>> declaredSets(String policy) throws IOException {
        SortedMap<String, Set<String>> sets = IpsetText.sets(Files.readString(dir.resolve(IpsetFile.fileName(policy))));
        assertFalse(sets.isEmpty(), policy + " has sets");
        return sets;
    }

    private static ImmutableList<Artifact> emit(PolicyIr policy) {
        EmitResult result = new IpsetBackend().emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        assertEquals(List.of(), result.diagnostics());
        return result.artifacts();
    }

    private static void assertOk(IptCommand.Result result) {
        assertTrue(result.ok(), result.output());
    }
}
