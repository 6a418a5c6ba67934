package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.iptables.reader.IptReader;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.GoldenCorpus;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.Counterexample;
import dev.policyc.core.verify.PolicyCheck;
import dev.policyc.core.verify.VerificationResult;
import dev.policyc.core.verify.Verifier;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Mutants of the emitted golden files: a port changed, a rule dropped, ACCEPT and DROP swapped,
 * a prefix length changed, the jump into the policy's chain removed. Each mutant is also written
 * as the IR it amounts to, so what the reader must make of it is known independently; the
 * verifier must then report a mismatch whose counterexample the reference evaluator and the
 * mutant judge differently.
 */
class IptMutationTest {

    private static final Program PROGRAM = GoldenPolicies.program();
    private static final Verifier VERIFIER = Verifier.of(new IptablesBackend(), new IptReader());

    @Test
    void theUnmutatedOutputIsProvedEquivalent() {
        VerificationResult result = VERIFIER.verify(PROGRAM, EmitOptions.defaults());
        assertTrue(result.passed(), result.diagnostics().toString());
        assertEquals(PROGRAM.policies().size(), result.checks().size());
    }

    @Test
    void aChangedPort() {
        assertMutantCaught("webapp.v4.rules", "-m tcp --dport 5432 ", "-m tcp --dport 5433 ", 6, r -> withPorts(r, PortSet.of(5433)));
    }

    @Test
    void aDroppedRule() {
        assertMutantCaught("webapp.v4.rules", text -> text.lines().filter(l -> !l.contains("\"webapp.policy:12\""))
                .map(l -> l + "\n").collect(Collectors.joining()), 12, r -> null);
    }

    @Test
    void acceptSwappedForDrop() {
        UnaryOperator<String> swap = text -> text.replace("--comment \"webapp.policy:10\" -j ACCEPT", "--comment \"webapp.policy:10\" -j DROP");
        assertMutantCaught(List.of("webapp.v4.rules", "webapp.v6.rules"), swap, 10, r -> withVerdict(r, Verdict.DENY));
    }

    @Test
    void dropSwappedForAccept() {
        assertMutantCaught("mixed.v4.rules", "\"mixed.policy:11\" -j DROP", "\"mixed.policy:11\" -j ACCEPT", 11,
                r -> withVerdict(r, Verdict.ALLOW));
    }

    @Test
    void aShorterPrefix() {
        assertMutantCaught("webapp.v4.rules", "-d 10.20.0.0/16 ", "-d 10.20.0.0/15 ", 6, r -> withPeer(r, "10.20.0.0/15"));
    }

    @Test
    void aLongerPrefixOnTheLogAndTheDropLines() {
        assertMutantCaught("mixed.v4.rules", "-d 172.16.0.0/12 ", "-d 172.16.0.0/13 ", 4,
                r -> withPeer(r, "10.0.0.0/8", "172.16.0.0/13", "2001:db8:bad::/48"));
    }

    @Test
    void aHostChangedInALeafOfAnAddressTree() {
        assertMutantCaught("tree.v4.rules", "-A PC-tree-T15 -d 192.0.2.1/32 -j ACCEPT\n", "-A PC-tree-T15 -d 192.0.2.2/32 -j ACCEPT\n", 3,
                r -> withBlocks(r, b -> b.equals("192.0.2.1/32") ? "192.0.2.2/32" : b));
    }

    @Test
    void aLeafLineDroppedFromTheIpv6TreeOfALoggedDeny() {
        assertMutantCaught("tree.v6.rules", "-A PC-tree-T3 -d 2001:db8:bad::2d/128 -j PC-tree-V1\n", "", 4,
                r -> withBlocks(r, b -> b.equals("2001:db8:bad::2d/128") ? null : b));
    }

    @Test
    void aBranchOfAnAddressTreeNarrowed() {
        // T13 holds 192.0.2.0/25 as two leaves of /26: the upper one is no longer reached.
        assertMutantCaught("tree.v4.rules", "-A PC-tree-T11 -d 192.0.2.0/25 -j PC-tree-T13\n", "-A PC-tree-T11 -d 192.0.2.0/26 -j PC-tree-T13\n",
                3, r -> withBlocks(r, b -> b.startsWith("192.0.2.") && b.endsWith("/32")
                        && Integer.parseInt(b.substring("192.0.2.".length(), b.length() - 3)) >= 64
                        && Integer.parseInt(b.substring("192.0.2.".length(), b.length() - 3)) < 128 ? null : b));
    }

    @Test
    void theVerdictOfALoggedRulesVerdictChainSwapped() {
        assertMutantCaught(List.of("tree.v4.rules", "tree.v6.rules"),
                text -> text.replace("--comment \"tree.policy:4\" -j DROP", "--comment \"tree.policy:4\" -j ACCEPT"), 4,
                r -> withVerdict(r, Verdict.ALLOW));
    }

    @Test
    void theJumpIntoThePolicysOutputChainRemovedFromTheIpv4File() {
        // The file leaves OUTPUT's policy as it was, so without the jump no one knows what outgoing IPv4 flows get.
        String mutant = emitted("webapp.v4.rules").replace("-A OUTPUT -j POLICYC-webapp-OUT\n", "");
        assertNotRead("webapp", "webapp.v4.rules", mutant, IptReader.LAYOUT, "# policy webapp ");
    }

    @Test
    void theJumpIntoThePolicysOutputChainRemovedWhereTheIpv4FileSetsOutputsPolicy() {
        // OUTPUT's policy is then webapp's default, deny: no IPv4 flow goes out, the IPv6 rules still hold.
        assertMutantCaught(List.of("webapp.v4.rules"),
                text -> text.replace("-A OUTPUT -j POLICYC-webapp-OUT\n", "").replace("*filter\n", "*filter\n:OUTPUT DROP [0:0]\n"),
                List.of(6, 7, 8, 9, 12, 13), r -> ipv6Only(r));
    }

    @Test
    void aMutantIptablesWouldRefuseIsNotVerifiedEither() {
        String mutant = emitted("webapp.v4.rules").replace("-p tcp -m conntrack --ctstate NEW -m tcp --dport 5432",
                "-m conntrack --ctstate NEW -m tcp --dport 5432");
        assertNotRead("webapp", "webapp.v4.rules", mutant, IptReader.INVALID, "5432");
    }

    @Test
    void aMutantWithHostBitsIsNotGuessedAt() {
        String mutant = emitted("webapp.v4.rules").replace("-d 10.20.0.0/16 ", "-d 10.20.0.0/12 ");
        assertNotRead("webapp", "webapp.v4.rules", mutant, IptReader.UNSUPPORTED, "10.20.0.0/12");
    }

    /** The mutant of {@code file} is not verified: {@code code} errors, the first on the line holding {@code at}. */
    private static void assertNotRead(String name, String file, String mutant, String code, String at) {
        List<String> lines = mutant.lines().toList();
        int line = 1 + lines.indexOf(lines.stream().filter(l -> l.contains(at)).findFirst().orElseThrow());
        Program one = new Program(ImmutableList.of(PROGRAM.policy(name).orElseThrow()));
        List<Artifact> artifacts = artifacts(one, file, t -> mutant);
        VerificationResult result = VERIFIER.verifyArtifacts(one, artifacts);
        assertFalse(result.passed());
        assertEquals(List.of(new PolicyCheck.NotRead(name)), result.checks());
        List<String> codes = result.diagnostics().stream().map(Diagnostic::code).toList();
        assertEquals(List.of(code, Verifier.NOT_READ), codes);
        assertEquals(line, result.diagnostics().get(0).span().line());
        assertEquals(file, result.diagnostics().get(0).span().file());
    }

    private static void assertMutantCaught(String file, String from, String to, int line, UnaryOperator<Rule> change) {
        assertTrue(emitted(file).contains(from), from);
        assertMutantCaught(file, text -> text.replace(from, to), line, change);
    }

    private static void assertMutantCaught(String file, UnaryOperator<String> mutation, int line, UnaryOperator<Rule> change) {
        assertMutantCaught(List.of(file), mutation, line, change);
    }

    private static void assertMutantCaught(List<String> files, UnaryOperator<String> mutation, int line, UnaryOperator<Rule> change) {
        assertMutantCaught(files, mutation, List.of(line), change);
    }

    /**
     * Mutates {@code files} of one policy with {@code mutation}; they must then mean the policy with
     * its rules at {@code lines} changed by {@code change} ({@code null}: removed).
     */
    private static void assertMutantCaught(List<String> files, UnaryOperator<String> mutation, List<Integer> lines,
            UnaryOperator<Rule> change) {
        String name = files.get(0).substring(0, files.get(0).indexOf('.'));
        PolicyIr policy = PROGRAM.policy(name).orElseThrow();
        for (String file : files) {
            assertNotEquals(emitted(file), mutation.apply(emitted(file)), "the mutation applies to " + file);
        }
        PolicyIr meant = policy.withRules(policy.rules().stream()
                .map(r -> lines.contains(r.span().line()) ? change.apply(r) : r)
                .filter(r -> r != null)
                .collect(ImmutableList.toImmutableList()));
        FlowSet meantFlows = PolicyMeaning.accepted(meant);
        assertNotEquals(PolicyMeaning.accepted(policy), meantFlows, "the mutant changes the meaning");

        List<Artifact> artifacts = PROGRAM.policies().stream()
                .flatMap(p -> artifacts(new Program(ImmutableList.of(p)), null, null).stream())
                .map(a -> files.contains(a.path()) ? new Artifact(a.path(), mutation.apply(a.content()), a.executable()) : a)
                .toList();
        ArtifactMeaning read = new IptReader().read(artifacts).policies().get(name);
        assertEquals(meantFlows, read.accepted(), "the reader reads the mutant as the mutated policy");

        VerificationResult result = VERIFIER.verifyArtifacts(PROGRAM, artifacts);
        assertFalse(result.passed());
        assertEquals(1, result.mismatches().size(), "only the mutated policy differs");
        PolicyCheck.Mismatch mismatch = result.mismatches().get(0);
        assertEquals(name, mismatch.policy());
        Counterexample c = mismatch.counterexample();
        Flow flow = c.flow();
        assertTrue(PolicyMeaning.accepted(policy).symmetricDifference(meantFlows).contains(flow), flow.toString());
        assertEquals(ReferenceEvaluator.verdict(policy, flow), c.policyVerdict());
        assertEquals(read.verdict(flow), c.artifactVerdict());
        assertEquals(ReferenceEvaluator.verdict(meant, flow), c.artifactVerdict());
        assertNotEquals(c.policyVerdict(), c.artifactVerdict());
        assertTrue(c.artifactRule().isPresent(), "the reader knows which line decides " + flow);
        assertTrue(files.contains(c.artifactRule().get().location().file()), c.artifactRule().toString());
        Diagnostic d = result.diagnostics().stream().filter(x -> x.code().equals(Verifier.MISMATCH)).findFirst().orElseThrow();
        assertTrue(d.message().contains("'" + flow + "'"), d.message());
    }

    /** The emitted files of {@code program}, with {@code file} (if not null) replaced by {@code mutation} of it. */
    private static List<Artifact> artifacts(Program program, String file, UnaryOperator<String> mutation) {
        return new IptablesBackend().emit(program, EmitOptions.defaults()).artifacts().stream()
                .map(a -> a.path().equals(file) ? new Artifact(a.path(), mutation.apply(a.content()), a.executable()) : a)
                .toList();
    }

    private static String emitted(String file) {
        return artifacts(PROGRAM, null, null).stream().filter(a -> a.path().equals(file)).findFirst().orElseThrow().content();
    }

    private static Rule withPorts(Rule r, PortSet ports) {
        return new Rule(r.verdict(), r.direction(), r.protocols(), r.peer(), Optional.of(ports), r.log(), r.comment(), r.span());
    }

    private static Rule withVerdict(Rule r, Verdict verdict) {
        return new Rule(verdict, r.direction(), r.protocols(), r.peer(), r.ports(), r.log(), r.comment(), r.span());
    }

    private static Rule withPeer(Rule r, String... blocks) {
        ImmutableList<Endpoint> peer = List.of(blocks).stream()
                .map(b -> (Endpoint) GoldenCorpus.block("mutant.policy", r.span().line(), b))
                .collect(ImmutableList.toImmutableList());
        return r.withPeer(Optional.of(peer));
    }

    /** {@code r} with each block, as {@code ADDRESS/LENGTH} text, mapped by {@code change} ({@code null}: dropped). */
    private static Rule withBlocks(Rule r, Function<String, String> change) {
        List<String> blocks = r.peer().orElseThrow().stream()
                .map(e -> IptSyntax.address(((Endpoint.Block) e).block()))
                .map(change)
                .filter(b -> b != null)
                .toList();
        return withPeer(r, blocks.toArray(String[]::new));
    }

    /** An outgoing rule kept to its IPv6 blocks ({@code null} when it has none). */
    private static Rule ipv6Only(Rule r) {
        assertEquals(Direction.OUT, r.direction());
        ImmutableList<Endpoint> v6 = r.peer().orElseThrow().stream()
                .filter(e -> ((Endpoint.Block) e).block().isIPv6())
                .collect(ImmutableList.toImmutableList());
        return v6.isEmpty() ? null : r.withPeer(Optional.of(v6));
    }
}
