package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.nftables.reader.NftReader;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Mutants of the emitted golden rulesets: a port changed, a rule dropped, accept and drop swapped,
 * a prefix length changed. Each mutant is also written as the IR it amounts to, so what the
 * reader must make of it is known independently; the verifier must then report a mismatch whose
 * counterexample the reference evaluator and the mutant judge differently.
 */
class NftMutationTest {

    private static final Program PROGRAM = GoldenPolicies.program();
    private static final Verifier VERIFIER = Verifier.of(new NftablesBackend(), new NftReader());

    @Test
    void theUnmutatedOutputIsProvedEquivalent() {
        VerificationResult result = VERIFIER.verify(PROGRAM, EmitOptions.defaults());
        assertTrue(result.passed(), result.diagnostics().toString());
        assertEquals(PROGRAM.policies().size(), result.checks().size());
    }

    @Test
    void aChangedPort() {
        assertMutantCaught("webapp", "ip saddr 192.168.1.0/24 tcp dport 22 ", "ip saddr 192.168.1.0/24 tcp dport 23 ",
                11, r -> withPorts(r, PortSet.of(23)));
    }

    @Test
    void aChangedPortInAConcatenatedSet() {
        assertMutantCaught("webapp", "10.20.0.0/16 . tcp . 5432 ", "10.20.0.0/16 . tcp . 5433 ",
                6, r -> withPorts(r, PortSet.of(5433)));
    }

    @Test
    void aDroppedElementOfAConcatenatedSet() {
        assertMutantCaught("webapp", "\t\t\t10.20.0.0/16 . tcp . 5432 comment \"webapp.policy:6 database\",\n", "",
                6, r -> null);
    }

    @Test
    void aDroppedRule() {
        assertMutantCaught("webapp",
                "\t\tct state new ip daddr 10.20.99.0/24 counter log prefix \"policyc webapp 12: \" drop comment \"webapp.policy:12\"\n", "",
                12, r -> null);
    }

    @Test
    void acceptSwappedForDrop() {
        assertMutantCaught("webapp", "ct state new tcp dport 8080 counter accept", "ct state new tcp dport 8080 counter drop",
                10, r -> withVerdict(r, Verdict.DENY));
    }

    @Test
    void dropSwappedForAccept() {
        assertMutantCaught("mixed", "meta nfproto ipv4 meta l4proto icmp counter drop", "meta nfproto ipv4 meta l4proto icmp counter accept",
                11, r -> withVerdict(r, Verdict.ALLOW));
    }

    @Test
    void aShorterPrefix() {
        assertMutantCaught("webapp", "ip saddr 192.168.1.0/24 tcp", "ip saddr 192.168.0.0/23 tcp",
                11, r -> withPeer(r, "192.168.0.0/23"));
    }

    @Test
    void aShorterPrefixInAConcatenatedSet() {
        assertMutantCaught("webapp", "10.20.0.0/16 . tcp", "10.20.0.0/15 . tcp",
                6, r -> withPeer(r, "10.20.0.0/15"));
    }

    @Test
    void aLongerPrefixInASet() {
        assertMutantCaught("mixed", "10.0.0.0/8, 172.16.0.0/12 }", "10.0.0.0/8, 172.16.0.0/13 }",
                4, r -> withPeer(r, "10.0.0.0/8", "10.1.0.0/16", "10.200.0.1", "172.16.0.0/13", "2001:db8:bad::/48"));
    }

    @Test
    void aMutantNftWouldRefuseIsNotVerifiedEither() {
        String mutant = emitted("mixed").replaceFirst("\t\tflags interval\n", "");
        assertNotRead("mixed", mutant, NftReader.INVALID, "10.0.0.0/8");
    }

    @Test
    void aMutantWithHostBitsIsNotGuessedAt() {
        String mutant = emitted("webapp").replace("10.20.0.0/16 . tcp", "10.20.0.0/12 . tcp");
        assertNotRead("webapp", mutant, NftReader.UNSUPPORTED, "10.20.0.0/12");
    }

    @Test
    void overlappingElementsOfAConcatenatedSetAreNotRead() {
        String mutant = emitted("webapp").replace("192.0.2.80 . tcp . 80 comment", "10.20.1.0/24 . tcp . 5432 comment");
        assertNotRead("webapp", mutant, NftReader.INVALID, "10.20.1.0/24");
    }

    /** The mutant of {@code name}'s output is not verified: {@code code} errors, the first on the line holding {@code at}. */
    private static void assertNotRead(String name, String mutant, String code, String at) {
        List<String> lines = mutant.lines().toList();
        int line = 1 + lines.indexOf(lines.stream().filter(l -> l.contains(at)).findFirst().orElseThrow());
        Program one = new Program(ImmutableList.of(PROGRAM.policy(name).orElseThrow()));
        VerificationResult result = VERIFIER.verifyArtifacts(one, List.of(artifact(name, mutant)));
        assertFalse(result.passed());
        assertEquals(List.of(new PolicyCheck.NotRead(name)), result.checks());
        List<String> codes = result.diagnostics().stream().map(Diagnostic::code).toList();
        assertEquals(Verifier.NOT_READ, codes.get(codes.size() - 1));
        assertTrue(codes.size() > 1 && codes.subList(0, codes.size() - 1).stream().allMatch(code::equals), codes.toString());
        assertEquals(line, result.diagnostics().get(0).span().line());
    }

    /**
     * Replaces {@code from} by {@code to} once in the output of {@code policy}, which must then mean
     * the policy with its rule at {@code line} changed by {@code change} ({@code null}: removed).
     */
    private static void assertMutantCaught(String name, String from, String to, int line, UnaryOperator<Rule> change) {
        PolicyIr policy = PROGRAM.policy(name).orElseThrow();
        String text = emitted(name);
        assertEquals(text.indexOf(from), text.lastIndexOf(from), "the mutation applies at one place");
        assertTrue(text.contains(from), from);
        String mutant = text.replace(from, to);
        PolicyIr meant = policy.withRules(policy.rules().stream()
                .map(r -> r.span().line() == line ? change.apply(r) : r)
                .filter(r -> r != null)
                .collect(ImmutableList.toImmutableList()));
        FlowSet meantFlows = PolicyMeaning.accepted(meant);
        assertNotEquals(PolicyMeaning.accepted(policy), meantFlows, "the mutant changes the meaning");

        ArtifactMeaning read = new NftReader().read(List.of(artifact(name, mutant))).policies().get(name);
        assertEquals(meantFlows, read.accepted(), "the reader reads the mutant as the mutated policy");

        List<Artifact> artifacts = PROGRAM.policies().stream()
                .map(p -> p.name().equals(name) ? artifact(name, mutant) : artifact(p.name(), emitted(p.name())))
                .toList();
        VerificationResult result = VERIFIER.verifyArtifacts(PROGRAM, artifacts);
        assertFalse(result.passed());
        assertEquals(1, result.mismatches().size(), "only the mutated policy differs");
        PolicyCheck.Mismatch mismatch = result.mismatches().get(0);
        assertEquals(name, mismatch.policy());
        Counterexample c = mismatch.counterexample();
        Flow flow = c.flow();
        assertTrue(PolicyMeaning.accepted(policy).symmetricDifference(meantFlows).contains(flow), flow.toString());
        assertEquals(ReferenceEvaluator.verdict(policy, flow), c.policyVerdict());
        assertEquals(read.accepted().contains(flow) ? Verdict.ALLOW : Verdict.DENY, c.artifactVerdict());
        assertEquals(ReferenceEvaluator.verdict(meant, flow), c.artifactVerdict());
        assertNotEquals(c.policyVerdict(), c.artifactVerdict());
        Diagnostic d = result.diagnostics().stream().filter(x -> x.code().equals(Verifier.MISMATCH)).findFirst().orElseThrow();
        assertTrue(d.message().contains("'" + flow + "'"), d.message());
    }

    private static String emitted(String name) {
        return new NftablesBackend().emit(new Program(ImmutableList.of(PROGRAM.policy(name).orElseThrow())), EmitOptions.defaults())
                .artifacts().get(0).content();
    }

    private static Artifact artifact(String name, String text) {
        return Artifact.file(name + ".nft", text);
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
}
