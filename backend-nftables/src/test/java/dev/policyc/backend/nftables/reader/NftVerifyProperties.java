package dev.policyc.backend.nftables.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.nftables.NftablesBackend;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.Counterexample;
import dev.policyc.core.verify.PolicyCheck;
import dev.policyc.core.verify.VerificationResult;
import dev.policyc.core.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The nftables target verified end to end on generated policies: emitted, read back by the
 * independent reader, proved equivalent; and, after a mutation whose meaning is known from the IR
 * (the lines of one rule dropped, a chain's policy flipped), found different exactly when the
 * mutation changed the meaning, with a counterexample the two sides judge differently.
 */
class NftVerifyProperties {

    private static final Verifier VERIFIER = Verifier.of(new NftablesBackend(), new NftReader());

    @Property(tries = 200)
    void everyGeneratedProgramIsProvedEquivalent(@ForAll("programs") Program program) {
        VerificationResult result = VERIFIER.verify(program, EmitOptions.defaults());
        assertTrue(result.passed(), () -> result.diagnostics() + "\n" + emitted(program));
        assertEquals(program.policies().size(), result.checks().size());
    }

    @Property(tries = 150)
    void droppingTheLinesOfOneRuleIsCaughtExactlyWhenItMatters(@ForAll("numberedPolicies") PolicyIr policy, @ForAll int pick) {
        Assume.that(!policy.rules().isEmpty());
        int k = Math.floorMod(pick, policy.rules().size());
        Rule dropped = policy.rules().get(k);
        String marker = "comment \"" + dropped.span().fileAndLine() + "\"";
        String text = emitted(policy).content();
        String mutated = text.lines().filter(l -> !l.contains(marker)).map(l -> l + "\n").collect(Collectors.joining());
        List<Rule> kept = new ArrayList<>(policy.rules());
        kept.remove(k);
        assertMutationJudged(policy, policy.withRules(ImmutableList.copyOf(kept)), mutated);
        Statistics.coverage(checker -> {
            checker.check(true).percentage(p -> p > 20);
            checker.check(false).percentage(p -> p > 10);
        });
    }

    @Property(tries = 100)
    void flippingAChainsPolicyIsCaughtExactlyWhenItMatters(@ForAll("numberedPolicies") PolicyIr policy, @ForAll Direction direction) {
        String hook = direction == Direction.IN ? "input" : "output";
        boolean accepts = policy.defaultFor(direction).verdict() == Verdict.ALLOW;
        String header = "type filter hook " + hook + " priority 0; policy ";
        String mutated = emitted(policy).content()
                .replace(header + (accepts ? "accept;" : "drop;"), header + (accepts ? "drop;" : "accept;"));
        DefaultAction flipped = new DefaultAction(accepts ? Verdict.DENY : Verdict.ALLOW, false, Optional.empty());
        PolicyIr meant = new PolicyIr(policy.name(), policy.span(),
                direction == Direction.IN ? flipped : policy.defaultIn(), direction == Direction.OUT ? flipped : policy.defaultOut(),
                policy.rules());
        assertMutationJudged(policy, meant, mutated);
        Statistics.coverage(checker -> {
            checker.check(true).percentage(p -> p > 50);
            checker.check(false).percentage(p -> p > 0);
        });
    }

    /**
     * The mutated text must read as {@code meant} (known from the IR, not from the reader), and the
     * verifier must report a mismatch exactly when {@code meant} differs from {@code policy}.
     */
    private static void assertMutationJudged(PolicyIr policy, PolicyIr meant, String mutated) {
        Artifact artifact = Artifact.file(policy.name() + ".nft", mutated);
        ArtifactMeaning read = new NftReader().read(List.of(artifact)).policies().get(policy.name());
        assertEquals(PolicyMeaning.accepted(meant), read.accepted(), mutated);
        VerificationResult result = VERIFIER.verifyArtifacts(new Program(ImmutableList.of(policy)), List.of(artifact));
        boolean changed = !PolicyMeaning.accepted(meant).equals(PolicyMeaning.accepted(policy));
        // Both outcomes must occur often enough for the property to say something about each.
        Statistics.collect(changed);
        assertEquals(!changed, result.passed(), mutated);
        if (changed) {
            Counterexample c = ((PolicyCheck.Mismatch) result.checks().get(0)).counterexample();
            Flow flow = c.flow();
            assertEquals(ReferenceEvaluator.verdict(policy, flow), c.policyVerdict());
            assertEquals(read.verdict(flow), c.artifactVerdict());
            assertEquals(ReferenceEvaluator.verdict(meant, flow), c.artifactVerdict(), "the file now means the mutated policy");
            assertNotEquals(c.policyVerdict(), c.artifactVerdict());
        }
    }

    @Provide
    Arbitrary<Program> programs() {
        return IrArbitraries.boundPolicies().list().ofMinSize(1).ofMaxSize(3).map(policies -> {
            List<PolicyIr> named = new ArrayList<>();
            for (int i = 0; i < policies.size(); i++) {
                PolicyIr p = policies.get(i);
                named.add(new PolicyIr("p" + i, p.span(), p.defaultIn(), p.defaultOut(), p.rules()));
            }
            return new Program(ImmutableList.copyOf(named));
        });
    }

    /** Generated policies whose rules sit on lines of their own, so that a rule's lines can be found by its comment. */
    @Provide
    Arbitrary<PolicyIr> numberedPolicies() {
        return IrArbitraries.boundPolicies().map(p -> {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < p.rules().size(); i++) {
                Rule r = p.rules().get(i);
                rules.add(new Rule(r.verdict(), r.direction(), r.protocols(), r.peer(), r.ports(), r.log(), r.comment(),
                        SourceSpan.at(IrArbitraries.FILE, i + 2, 5)));
            }
            return p.withRules(ImmutableList.copyOf(rules));
        });
    }

    private static Artifact emitted(PolicyIr policy) {
        return emitted(new Program(ImmutableList.of(policy))).artifacts().get(0);
    }

    private static EmitResult emitted(Program program) {
        return new NftablesBackend().emit(program, EmitOptions.defaults());
    }
}
