package dev.policyc.core.verify;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * Proves a target's output equivalent to the policies it came from: emits (feature check
 * first), reads the artifacts back with the target's {@link ArtifactReader}, and compares, per
 * policy, the flows the artifact accepts with {@link PolicyMeaning#accepted}. Both are exact
 * sets, so equal sets are a proof for every flow, not a sample; on a difference one flow of the
 * symmetric difference is the counterexample.
 */
public final class Verifier {

    /** Code of the error for a policy whose artifact accepts other flows than the policy. */
    public static final String MISMATCH = "verify-mismatch";
    /** Code of the error for a policy whose artifact could not be read back. */
    public static final String NOT_READ = "verify-not-read";
    /** Code of the error for a ruleset in the artifacts that belongs to no policy of the program. */
    public static final String UNEXPECTED_POLICY = "verify-unexpected-policy";

    private final Backend backend;
    private final ArtifactReader reader;

    private Verifier(Backend backend, ArtifactReader reader) {
        this.backend = backend;
        this.reader = reader;
    }

    /**
     * A verifier of {@code backend}'s output.
     *
     * @throws IllegalArgumentException if {@code reader} reads another target's artifacts
     */
    public static Verifier of(Backend backend, ArtifactReader reader) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(reader, "reader");
        if (!backend.id().equals(reader.targetId())) {
            throw new IllegalArgumentException(
                    "reader of target '" + reader.targetId() + "' cannot verify target '" + backend.id() + "'");
        }
        return new Verifier(backend, reader);
    }

    /**
     * Emits {@code program} and verifies the output. When emission fails, the result has no
     * checks and emission's diagnostics.
     *
     * @param program a bound program (every endpoint an address block)
     * @throws IllegalArgumentException if {@code program} is not bound: bind it first
     */
    public VerificationResult verify(Program program, EmitOptions options) {
        requireBound(program);
        EmitResult emitted = Backends.emit(backend, program, options);
        if (emitted.hasErrors()) {
            return new VerificationResult(backend.id(), ImmutableList.of(), emitted.diagnostics());
        }
        return check(program, emitted.artifacts(), emitted.diagnostics());
    }

    /**
     * Verifies artifacts said to come from {@code program} on this target, such as files written
     * earlier.
     *
     * @throws IllegalArgumentException if {@code program} is not bound
     */
    public VerificationResult verifyArtifacts(Program program, List<Artifact> artifacts) {
        requireBound(program);
        return check(program, artifacts, ImmutableList.of());
    }

    private VerificationResult check(Program program, List<Artifact> artifacts, List<Diagnostic> earlier) {
        ReadResult read = reader.read(artifacts);
        Diagnostics found = new Diagnostics().addAll(earlier).addAll(read.diagnostics());
        ImmutableList.Builder<PolicyCheck> checks = ImmutableList.builder();
        for (PolicyIr policy : program.policies()) {
            ArtifactMeaning meaning = read.policies().get(policy.name());
            if (meaning == null) {
                checks.add(new PolicyCheck.NotRead(policy.name()));
                found.error(NOT_READ, policy.span(),
                        "the " + backend.id() + " output of policy " + policy.name() + " could not be read back, so it is not verified",
                        read.hasErrors() ? "see the errors about the output above" : "the output holds no ruleset for this policy");
                continue;
            }
            PolicyCheck check = compare(policy, meaning);
            checks.add(check);
            if (check instanceof PolicyCheck.Mismatch mismatch) {
                found.add(mismatchDiagnostic(policy, mismatch.counterexample()));
            }
        }
        for (String name : read.policies().keySet()) {
            if (program.policy(name).isEmpty()) {
                found.error(UNEXPECTED_POLICY, null,
                        "the " + backend.id() + " output holds a ruleset for policy " + name + ", which the program does not have");
            }
        }
        return new VerificationResult(backend.id(), checks.build(), found.toList());
    }

    /**
     * Compares one policy with what its artifact was read to mean.
     *
     * @throws IllegalArgumentException if {@code policy} is not bound
     */
    public static PolicyCheck compare(PolicyIr policy, ArtifactMeaning meaning) {
        FlowSet expected = PolicyMeaning.accepted(policy);
        FlowSet actual = meaning.accepted();
        if (expected.equals(actual)) {
            return new PolicyCheck.Equivalent(policy.name());
        }
        FlowSet onlyPolicy = expected.difference(actual);
        FlowSet onlyArtifact = actual.difference(expected);
        Flow flow = onlyPolicy.union(onlyArtifact).anyMember()
                .orElseThrow(() -> new IllegalStateException("unequal flow sets have a flow in one of them"));
        Counterexample counterexample = new Counterexample(
                flow, ReferenceEvaluator.evaluate(policy, flow), meaning.verdict(flow), meaning.decidedBy(flow));
        return new PolicyCheck.Mismatch(policy.name(), counterexample, onlyPolicy, onlyArtifact);
    }

    /** An error at what decides the flow in the policy, naming both verdicts and where the output decides it. */
    private Diagnostic mismatchDiagnostic(PolicyIr policy, Counterexample counterexample) {
        String message = "the " + backend.id() + " output " + verb(counterexample.artifactVerdict())
                + " '" + counterexample.flow() + "' but policy " + policy.name() + " "
                + verb(counterexample.policyVerdict()) + " it";
        String where = counterexample.artifactRule()
                .map(r -> "the output decides it at " + r.location().fileAndLine() + " (" + r.text() + "); ")
                .orElse("");
        return Diagnostic.error(MISMATCH, decidingSpan(policy, counterexample.policyDecision()), message)
                .withHint(where + "this is a bug in the " + backend.id() + " backend: please report it with the policy");
    }

    private static SourceSpan decidingSpan(PolicyIr policy, Decision decision) {
        if (!decision.deciding().isEmpty()) {
            return decision.deciding().get(0).span();
        }
        return decision.byDefault().flatMap(DefaultAction::span).orElse(policy.span());
    }

    private static String verb(Verdict verdict) {
        return verdict == Verdict.ALLOW ? "accepts" : "drops";
    }

    private static void requireBound(Program program) {
        for (PolicyIr policy : program.policies()) {
            if (!policy.isBound()) {
                throw new IllegalArgumentException(
                        "policy " + policy.name() + " has unbound dns or resolver endpoints; bind the program before verifying");
            }
        }
    }
}
