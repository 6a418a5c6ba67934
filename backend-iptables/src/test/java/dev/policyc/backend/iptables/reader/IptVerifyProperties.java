package dev.policyc.backend.iptables.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.iptables.IptablesBackend;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.diag.Diagnostic;
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
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The iptables target verified end to end on generated policies: emitted, read back by the
 * independent reader, proved equivalent; and, after a mutation of both files whose meaning is
 * known from the IR (the lines of one rule dropped, the default rule of a chain flipped, the jump
 * from a built-in chain removed where its policy is set), found different exactly when the
 * mutation changed the meaning, with a counterexample the two sides judge differently; and
 * refused where the mutation leaves flows to a built-in policy the files do not set.
 */
class IptVerifyProperties {

    private static final Verifier VERIFIER = Verifier.of(new IptablesBackend(), new IptReader());

    @Property(tries = 200)
    void everyGeneratedProgramIsProvedEquivalent(@ForAll("programs") Program program) {
        VerificationResult result = VERIFIER.verify(program, EmitOptions.defaults());
        assertTrue(result.passed(), () -> result.diagnostics() + "\n" + emitted(program).artifacts());
        assertEquals(program.policies().size(), result.checks().size());
    }

    @Property(tries = 150)
    void droppingTheLinesOfOneRuleIsCaughtExactlyWhenItMatters(@ForAll("numberedPolicies") PolicyIr policy, @ForAll int pick) {
        Assume.that(!policy.rules().isEmpty());
        int k = Math.floorMod(pick, policy.rules().size());
        String marker = "--comment \"" + policy.rules().get(k).span().fileAndLine() + "\"";
        List<Rule> kept = new ArrayList<>(policy.rules());
        kept.remove(k);
        assertMutationJudged(policy, policy.withRules(ImmutableList.copyOf(kept)), text -> withoutLines(text, l -> l.contains(marker)));
        Statistics.coverage(checker -> {
            checker.check(true).percentage(p -> p > 20);
            checker.check(false).percentage(p -> p > 10);
        });
    }

    @Property(tries = 100)
    void flippingTheDefaultRuleOfAChainIsCaughtExactlyWhenItMatters(@ForAll("numberedPolicies") PolicyIr policy,
            @ForAll Direction direction) {
        DefaultAction old = policy.defaultFor(direction);
        Verdict flipped = old.verdict() == Verdict.ALLOW ? Verdict.DENY : Verdict.ALLOW;
        Pattern defaultRule = Pattern.compile("(-A \\S+ -m comment --comment \"[^\"]*default \\w+ " + direction.keyword() + "\" -j )(ACCEPT|DROP)");
        String target = flipped == Verdict.ALLOW ? "ACCEPT" : "DROP";
        PolicyIr meant = withDefault(policy, direction, new DefaultAction(flipped, old.log(), old.span()));
        assertMutationJudged(policy, meant, text -> defaultRule.matcher(text).replaceAll("$1" + target));
        Statistics.coverage(checker -> {
            checker.check(true).percentage(p -> p > 50);
            checker.check(false).percentage(p -> p > 0);
        });
    }

    @Property(tries = 100)
    void removingTheJumpFromABuiltInChainIsCaughtExactlyWhenItMatters(@ForAll("numberedPolicies") PolicyIr policy,
            @ForAll Direction direction) {
        // With the built-in chain's policy set to the policy's default, the default decides every
        // flow of that direction once the jump is gone.
        String builtIn = direction == Direction.IN ? "INPUT" : "OUTPUT";
        String policyLine = ":" + builtIn + " " + (policy.defaultFor(direction).verdict() == Verdict.ALLOW ? "ACCEPT" : "DROP") + " [0:0]";
        PolicyIr meant = policy.withRules(policy.rules().stream().filter(r -> r.direction() != direction)
                .collect(ImmutableList.toImmutableList()));
        assertMutationJudged(policy, meant, text -> withoutLines(text, l -> l.startsWith("-A " + builtIn + " -j "))
                .replace("*filter\n", "*filter\n" + policyLine + "\n"));
    }

    @Property(tries = 50)
    void removingTheJumpIsRefusedWhenTheFileLeavesTheBuiltInPolicyAsItWas(@ForAll("numberedPolicies") PolicyIr policy,
            @ForAll Direction direction) {
        // The emitted files do not set the built-in chains' policies, which no flow reaches while the
        // jumps are there; without one, every flow of its direction gets a policy the files do not know.
        String builtIn = direction == Direction.IN ? "INPUT" : "OUTPUT";
        List<Artifact> mutated = emitted(new Program(ImmutableList.of(policy))).artifacts().stream()
                .map(a -> new Artifact(a.path(), withoutLines(a.content(), l -> l.startsWith("-A " + builtIn + " -j ")), a.executable()))
                .toList();
        List<Diagnostic> errors = new IptReader().read(mutated).diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(List.of(IptReader.LAYOUT, IptReader.LAYOUT), errors.stream().map(Diagnostic::code).toList(), errors::toString);
        assertTrue(errors.get(0).message().contains("can reach the end of chain " + builtIn + ", whose policy the file does not set"),
                errors.get(0)::message);
        assertFalse(VERIFIER.verifyArtifacts(new Program(ImmutableList.of(policy)), mutated).passed());
    }

    @Property(tries = 50)
    void theBuiltInChainsPoliciesDecideNothingBeforeTheOwnChainsDefaults(@ForAll("numberedPolicies") PolicyIr policy,
            @ForAll Verdict in, @ForAll Verdict out) {
        String policies = ":INPUT " + (in == Verdict.ALLOW ? "ACCEPT" : "DROP") + " [0:0]\n:OUTPUT "
                + (out == Verdict.ALLOW ? "ACCEPT" : "DROP") + " [0:0]\n";
        assertMutationJudged(policy, policy, text -> text.replace("*filter\n", "*filter\n" + policies));
    }

    /**
     * Both files mutated by {@code mutation} must read as {@code meant} (known from the IR, not
     * from the reader), and the verifier must report a mismatch exactly when {@code meant} differs
     * from {@code policy}.
     */
    private static void assertMutationJudged(PolicyIr policy, PolicyIr meant, UnaryOperator<String> mutation) {
        List<Artifact> mutated = emitted(new Program(ImmutableList.of(policy))).artifacts().stream()
                .map(a -> new Artifact(a.path(), mutation.apply(a.content()), a.executable()))
                .toList();
        ArtifactMeaning read = new IptReader().read(mutated).policies().get(policy.name());
        assertEquals(PolicyMeaning.accepted(meant), read.accepted(), mutated::toString);
        VerificationResult result = VERIFIER.verifyArtifacts(new Program(ImmutableList.of(policy)), mutated);
        boolean changed = !PolicyMeaning.accepted(meant).equals(PolicyMeaning.accepted(policy));
        // Both outcomes must occur often enough for the property to say something about each.
        Statistics.collect(changed);
        assertEquals(!changed, result.passed(), mutated::toString);
        if (changed) {
            Counterexample c = ((PolicyCheck.Mismatch) result.checks().get(0)).counterexample();
            Flow flow = c.flow();
            assertEquals(ReferenceEvaluator.verdict(policy, flow), c.policyVerdict());
            assertEquals(read.verdict(flow), c.artifactVerdict());
            assertEquals(ReferenceEvaluator.verdict(meant, flow), c.artifactVerdict(), "the files now mean the mutated policy");
            assertNotEquals(c.policyVerdict(), c.artifactVerdict());
        }
    }

    private static String withoutLines(String text, Predicate<String> drop) {
        return text.lines().filter(drop.negate()).map(l -> l + "\n").collect(Collectors.joining());
    }

    private static PolicyIr withDefault(PolicyIr p, Direction direction, DefaultAction changed) {
        return new PolicyIr(p.name(), p.span(), direction == Direction.IN ? changed : p.defaultIn(),
                direction == Direction.OUT ? changed : p.defaultOut(), p.rules());
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

    private static EmitResult emitted(Program program) {
        return new IptablesBackend().emit(program, EmitOptions.defaults());
    }
}
