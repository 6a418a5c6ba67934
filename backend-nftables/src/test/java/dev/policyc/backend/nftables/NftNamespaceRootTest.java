package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.RuntimeSet;
import dev.policyc.core.backend.RuntimeSets;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loads emitted files for real, inside a network namespace this test creates and deletes (never
 * the host's), to show that loading a file again replaces the table rather than adding to it or
 * failing, and that the runtime-set goldens work as the OCI hook uses them. Needs nft, ip and
 * root; skipped with the reason otherwise.
 */
@Tag("root")
class NftNamespaceRootTest {

    private static final Pattern COMMENT = Pattern.compile("comment \"[^\"]*\"");

    private String namespace;

    @BeforeEach
    void createNamespace() {
        Optional<String> reason = NftCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        Assumptions.assumeTrue(NftCommand.executable("ip").isPresent(), "skipped: ip (iproute2) is not installed");
        namespace = "policyc-nfttest-" + UUID.randomUUID().toString().substring(0, 8);
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
    void loadingAgainReplacesTheTable() {
        PolicyIr webapp = GoldenPolicies.program().policy("webapp").orElseThrow();
        String full = emit(webapp);
        String smaller = emit(webapp.withRules(webapp.rules().subList(0, 2)));

        assertLoads(full);
        assertLoads(full);
        String once = listTable();
        assertEquals(ruleLines(full), ruleLines(once), "the kernel holds the rules of the file once, not twice");

        assertLoads(smaller);
        String replaced = listTable();
        assertEquals(ruleLines(smaller), ruleLines(replaced), "the smaller version replaced the full one");
        assertEquals(List.of("table inet policyc_webapp"), nft("list", "tables").output().lines().toList(),
                "one table, and only ours");
    }

    @Test
    void theKernelKeepsEveryRuleAndCommentOfTheGoldenFiles() throws IOException {
        for (String name : NftablesGoldenTest.goldenNames()) {
            String script = Files.readString(NftablesGoldenTest.GOLDEN.resolve(name + ".nft"), StandardCharsets.UTF_8);
            assertLoads(script);
            NftCommand.Result listed = nft("list", "table", "inet", TableWriter.tableName(name));
            assertTrue(listed.ok(), listed.output());
            assertEquals(comments(script), comments(listed.output()), name + ": comments as the kernel holds them");
            assertEquals(ruleLines(script), ruleLines(listed.output()), name + ": rules as the kernel holds them");
        }
    }

    /**
     * The runtime-set goldens with {@code add element} lines appended, as the OCI hook loads them
     * in one {@code nft -f}: {@code nft -c} accepts them, and loading again replaces the elements
     * rather than adding to them.
     */
    @Test
    void filledRuntimeSetsLoadInOneTransactionAndReplaceEarlierElements() throws IOException {
        for (PolicyIr policy : GoldenPolicies.runtimeProgram().policies()) {
            String script = Files.readString(
                    NftablesGoldenTest.RUNTIME_GOLDEN.resolve(policy.name() + ".nft"), StandardCharsets.UTF_8);
            List<RuntimeSet> sets = RuntimeSets.of(policy).all();
            String first = script + elements(policy.name(), sets, "192.0.2.1, 192.0.2.2", "2001:db8::1, 2001:db8::2");
            NftCommand.Result checked = NftCommand.check(first);
            assertTrue(checked.ok(), policy.name() + " with elements rejected by nft -c:\n" + checked.output());
            assertLoads(first);
            assertLoads(script + elements(policy.name(), sets, "198.51.100.9", "2001:db8::9"));
            for (RuntimeSet set : sets) {
                String listed = nft("list", "set", "inet", TableWriter.tableName(policy.name()), set.name()).output();
                String expected = set.family() == Family.IPV4 ? "198.51.100.9" : "2001:db8::9";
                assertTrue(listed.contains("elements = { " + expected + " }"), policy.name() + " " + set.name() + ":\n" + listed);
            }
        }
        assertEquals(List.of("table inet policyc_webapp", "table inet policyc_names"), nft("list", "tables").output().lines().toList());
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

    /** Every {@code comment "..."} of a script, in order. */
    private static List<String> comments(String text) {
        return COMMENT.matcher(text).results().map(MatchResult::group).toList();
    }

    private static String emit(PolicyIr policy) {
        return new NftablesBackend().emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults())
                .artifacts().get(0).content();
    }

    /** How many rules the chains of a script (or nft's listing) have: the lines of chain blocks but their type. */
    private static long ruleLines(String text) {
        long rules = 0;
        boolean inChain = false;
        for (String line : text.lines().map(String::trim).toList()) {
            if (line.startsWith("chain ")) {
                inChain = true;
            } else if (line.equals("}")) {
                inChain = false;
            } else if (inChain && !line.startsWith("type ") && !line.isEmpty()) {
                rules++;
            }
        }
        return rules;
    }

    private void assertLoads(String script) {
        NftCommand.Result loaded = NftCommand.run(script,
                List.of(NftCommand.executable("ip").orElseThrow().toString(), "netns", "exec", namespace, NftCommand.nftPath(), "-f", "-"));
        assertTrue(loaded.ok(), "nft -f failed in " + namespace + ":\n" + loaded.output());
    }

    private String listTable() {
        NftCommand.Result listed = nft("list", "table", "inet", "policyc_webapp");
        assertTrue(listed.ok(), listed.output());
        return listed.output();
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
