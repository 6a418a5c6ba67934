package dev.policyc.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.backend.FeatureCheck;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifierTest {

    private static final Backend BACKEND = ScriptedTarget.backend(EnumSet.allOf(Feature.class));

    /** allow out tcp to 10.0.0.0/8 port 443 (line 3); deny out to 10.9.0.0/16 (line 4). */
    private static final PolicyIr POLICY = new PolicyIr("web", TestIr.line(1),
            DefaultAction.implicitDeny(), DefaultAction.implicitDeny(),
            ImmutableList.of(
                    TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8")
                            .ports(PortSet.of(443)).line(3).build(),
                    TestIr.rule(Verdict.DENY, Direction.OUT).peer("10.9.0.0/16").line(4).build()));

    private static final Program PROGRAM = new Program(ImmutableList.of(POLICY));

    @Test
    void theExactMeaningIsProvedEquivalent() {
        ScriptedTarget.Reader reader = new ScriptedTarget.Reader(Map.of("web", ScriptedTarget.exact(POLICY)), List.of());
        VerificationResult result = Verifier.of(BACKEND, reader).verify(PROGRAM, EmitOptions.defaults());
        assertTrue(result.passed(), result.toString());
        assertEquals(List.of(new PolicyCheck.Equivalent("web")), result.checks());
        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of("web.txt"), reader.read, "the reader is given what the backend emitted");
        assertEquals(ScriptedTarget.ID, result.targetId());
    }

    @Test
    void aFlowTheArtifactAcceptsButThePolicyDeniesIsTheCounterexample() {
        Flow denied = TestIr.flow(Direction.OUT, Protocol.TCP, "10.9.1.1", 443);
        FlowSet tooMuch = PolicyMeaning.accepted(POLICY).union(FlowSet.of(denied));
        SourceSpan at = SourceSpan.at("web.txt", 7, 3);
        ArtifactRule culprit = new ArtifactRule(at, "accept everything to 10.9.1.1", Verdict.ALLOW, FlowSet.of(denied));
        ArtifactRule other = new ArtifactRule(SourceSpan.at("web.txt", 2, 1), "drop", Verdict.DENY, FlowSet.all());
        ArtifactMeaning wrong = new ArtifactMeaning("web", tooMuch, ImmutableList.of(other, culprit));
        VerificationResult result = Verifier.of(BACKEND, new ScriptedTarget.Reader(Map.of("web", wrong), List.of()))
                .verify(PROGRAM, EmitOptions.defaults());

        assertFalse(result.passed());
        PolicyCheck.Mismatch mismatch = result.mismatches().get(0);
        Counterexample c = mismatch.counterexample();
        assertEquals(denied, c.flow());
        assertEquals(Verdict.DENY, c.policyVerdict());
        assertEquals(POLICY.rules().get(1), c.policyDecision().deciding().get(0), "the deny rule decides it in the policy");
        assertEquals(Verdict.ALLOW, c.artifactVerdict());
        assertEquals(Optional.of(culprit), c.artifactRule(), "the rule with the artifact's verdict that decides the flow");
        assertEquals(FlowSet.of(denied), mismatch.onlyArtifactAccepts());
        assertTrue(mismatch.onlyPolicyAccepts().isEmpty());

        Diagnostic d = result.diagnostics().get(0);
        assertEquals(Verifier.MISMATCH, d.code());
        assertEquals(4, d.span().line(), "located at the policy rule that decides the flow");
        assertEquals("the scripted output accepts 'out tcp 10.9.1.1 443' but policy web drops it", d.message());
        assertTrue(d.hint().contains("web.txt:7") && d.hint().contains("accept everything to 10.9.1.1"), d.hint());
    }

    @Test
    void aFlowThePolicyAcceptsButTheArtifactDropsIsTheCounterexample() {
        FlowSet lost = FlowSet.box(EnumSet.of(Direction.OUT), ImmutableRangeSet.of(Range.singleton(6)),
                List.of(TestIr.address("10.1.0.0/16")), Optional.of(PortSet.of(443)));
        ArtifactMeaning wrong = new ArtifactMeaning("web", PolicyMeaning.accepted(POLICY).difference(lost), ImmutableList.of());
        PolicyCheck check = Verifier.compare(POLICY, wrong);

        PolicyCheck.Mismatch mismatch = (PolicyCheck.Mismatch) check;
        assertEquals(lost, mismatch.onlyPolicyAccepts());
        assertTrue(mismatch.onlyArtifactAccepts().isEmpty());
        Counterexample c = mismatch.counterexample();
        assertTrue(lost.contains(c.flow()), c.flow().toString());
        assertEquals(Verdict.ALLOW, c.policyVerdict());
        assertEquals(Verdict.DENY, c.artifactVerdict());
        assertEquals(Optional.empty(), c.artifactRule(), "this reader names no rules");
    }

    @Test
    void aPolicyTheReaderCouldNotReadIsNotVerified() {
        Diagnostic unreadable = Diagnostic.error("scripted-unreadable", SourceSpan.at("web.txt", 1, 1), "cannot read this");
        VerificationResult result = Verifier.of(BACKEND, new ScriptedTarget.Reader(Map.of(), List.of(unreadable)))
                .verify(PROGRAM, EmitOptions.defaults());
        assertFalse(result.passed());
        assertEquals(List.of(new PolicyCheck.NotRead("web")), result.checks());
        assertEquals(List.of("scripted-unreadable", Verifier.NOT_READ), result.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(POLICY.span(), result.diagnostics().get(1).span());
    }

    @Test
    void aPolicyMissingWithoutAReasonIsStillNotVerified() {
        VerificationResult result = Verifier.of(BACKEND, new ScriptedTarget.Reader(Map.of(), List.of()))
                .verify(PROGRAM, EmitOptions.defaults());
        assertFalse(result.passed());
        assertEquals("the output holds no ruleset for this policy", result.diagnostics().get(0).hint());
    }

    @Test
    void aRulesetForAPolicyTheProgramLacksFailsVerification() {
        ArtifactMeaning stray = new ArtifactMeaning("stray", FlowSet.all(), ImmutableList.of());
        VerificationResult result = Verifier.of(BACKEND,
                new ScriptedTarget.Reader(Map.of("web", ScriptedTarget.exact(POLICY), "stray", stray), List.of()))
                .verify(PROGRAM, EmitOptions.defaults());
        assertEquals(List.of(new PolicyCheck.Equivalent("web")), result.checks());
        assertFalse(result.passed());
        assertEquals(List.of(Verifier.UNEXPECTED_POLICY), result.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void whenEmissionFailsNothingIsRead() {
        PolicyIr ipv6 = TestIr.policy(TestIr.rule(Verdict.ALLOW, Direction.OUT).peer("2001:db8::/32").build());
        ScriptedTarget.Reader reader = new ScriptedTarget.Reader(Map.of(), List.of());
        VerificationResult result = Verifier.of(ScriptedTarget.backend(EnumSet.noneOf(Feature.class)), reader)
                .verify(new Program(ImmutableList.of(ipv6)), EmitOptions.defaults());
        assertFalse(result.passed());
        assertEquals(List.of(), result.checks());
        assertEquals(List.of(FeatureCheck.UNSUPPORTED_FEATURE), result.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(List.of(), reader.read);
    }

    @Test
    void givenArtifactsAreReadAsTheyAre() {
        ScriptedTarget.Reader reader = new ScriptedTarget.Reader(Map.of("web", ScriptedTarget.exact(POLICY)), List.of());
        VerificationResult result = Verifier.of(BACKEND, reader)
                .verifyArtifacts(PROGRAM, List.of(Artifact.file("kept/web.txt", "web")));
        assertTrue(result.passed());
        assertEquals(List.of("kept/web.txt"), reader.read);
    }

    @Test
    void theReaderMustReadTheBackendsTarget() {
        ArtifactReader other = new ArtifactReader() {
            @Override
            public String targetId() {
                return "other";
            }

            @Override
            public ReadResult read(List<Artifact> artifacts) {
                throw new AssertionError("never called");
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Verifier.of(BACKEND, other));
    }

    @Test
    void anUnboundProgramIsACallersMistake() {
        PolicyIr unbound = TestIr.policy(TestIr.rule(Verdict.ALLOW, Direction.OUT)
                .peer(new Endpoint.DnsName("example.com", TestIr.line(3))).build());
        Verifier verifier = Verifier.of(BACKEND, new ScriptedTarget.Reader(Map.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> verifier.verify(new Program(ImmutableList.of(unbound)), EmitOptions.defaults()));
    }
}
