package dev.policyc.core.opt;

import static dev.policyc.core.opt.Rules.withComment;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.lint.Outcomes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    private static final Optimizer PARANOID = Optimizer.standard(true);

    /** A broken pass: drops the deny rules. */
    private static final Pass DROP_DENIES = new Pass() {
        @Override
        public String name() {
            return "drop-denies";
        }

        @Override
        public PassResult apply(PolicyIr policy) {
            return PassResult.of(policy.withRules(
                    policy.rules().stream().filter(r -> r.verdict() == Verdict.ALLOW).collect(ImmutableList.toImmutableList())));
        }
    };

    /** A broken pass: forgets every log flag. */
    private static final Pass FORGET_LOG = new Pass() {
        @Override
        public String name() {
            return "forget-log";
        }

        @Override
        public PassResult apply(PolicyIr policy) {
            return PassResult.of(policy.withRules(policy.rules().stream()
                    .map(r -> new Rule(r.verdict(), r.direction(), r.protocols(), r.peer(), r.ports(), false, r.comment(), r.span()))
                    .collect(ImmutableList.toImmutableList())));
        }
    };

    @Test
    void theStandardPassesRunInTheDocumentedOrder() {
        assertEquals(List.of("minimal-cidrs", "merge-peers", "merge-ports", "remove-subsumed", "fold-denies"),
                Optimizer.standardPasses().stream().map(Pass::name).toList());
        assertTrue(PARANOID.paranoid());
        assertFalse(Optimizer.standard(false).paranoid());
    }

    @Test
    void aPolicyLikeTheSpecsExampleShrinksAndMeansTheSame() {
        PolicyIr in = policy(
                withComment(rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.20.0.0/16").ports(PortSet.of(5432)).line(5).build(), "database"),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("140.82.112.3", "140.82.112.4").ports(PortSet.of(80)).line(6).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("140.82.112.4", "140.82.112.5").ports(PortSet.of(443)).line(7).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP, Protocol.UDP).peer("1.1.1.1", "1.0.0.1").ports(PortSet.of(53)).line(8).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP, Protocol.UDP).peer("1.1.1.1").ports(PortSet.of(53)).line(9).build(),
                rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(8080)).line(10).build(),
                rule(Verdict.DENY, Direction.OUT).peer("10.20.99.0/24").log().line(12).build(),
                rule(Verdict.DENY, Direction.OUT).peer("192.0.2.0/24").line(13).build());
        PassResult result = PARANOID.optimize(in);
        assertEquals(List.of(), result.diagnostics());
        PolicyIr out = result.policy();
        Outcomes.assertSame(in, out);
        // Line 9 is inside line 8; line 13 overrides nothing; the logged deny stays.
        assertEquals(List.of(5, 6, 7, 8, 10, 12), out.rules().stream().map(r -> r.span().line()).toList());
        assertEquals(Optional.of("database"), out.rules().get(0).comment());
        assertEquals(out, PARANOID.optimize(out).policy());
    }

    @Test
    void mergesCascadeUntilNothingChanges() {
        // Peers merge (3, 4), then the merged rule equals 5 apart from ports, then its ports merge.
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/25").ports(PortSet.of(80)).line(3).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.128/25").ports(PortSet.of(80)).line(4).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/24").ports(PortSet.of(81)).line(5).build());
        PolicyIr out = PARANOID.optimize(in).policy();
        assertEquals(1, out.rules().size());
        assertEquals(Optional.of(PortSet.range(80, 81)), out.rules().get(0).ports());
        assertEquals("10.0.0.0/24", ((Endpoint.Block) out.rules().get(0).peer().orElseThrow().get(0)).block().toCanonicalString());
    }

    @Test
    void paranoidModeNamesThePassThatChangedTheVerdictOfAFlow() {
        Optimizer broken = new Optimizer(List.of(new MinimalCidrPass(), DROP_DENIES), true);
        PolicyIr in = policy(
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.0.0.0/8").line(3).build(),
                rule(Verdict.DENY, Direction.OUT).peer("10.1.0.0/16").log().line(4).build());
        PassResult result = broken.optimize(in);
        assertTrue(result.hasErrors());
        Diagnostic error = result.diagnostics().get(0);
        assertEquals(Optimizer.CHANGED_MEANING, error.code());
        assertEquals("optimizer pass drop-denies changed the meaning of policy test: 'out tcp 10.1.0.0 1' was dropped"
                + " before it and is accepted after it", error.message());
        assertTrue(error.hintText().orElseThrow().contains("bug in policyc"));
        assertSame(in, result.policy(), "the policy as it was before the broken pass");
    }

    @Test
    void paranoidModeNamesThePassThatChangedLogging() {
        Optimizer broken = new Optimizer(List.of(FORGET_LOG), true);
        PolicyIr in = policy(rule(Verdict.DENY, Direction.IN).peer("192.0.2.0/24").log().line(3).build());
        PassResult result = broken.optimize(in);
        assertEquals(List.of(Optimizer.CHANGED_MEANING), result.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(result.diagnostics().get(0).message().startsWith("optimizer pass forget-log changed what policy test logs: '"),
                result.diagnostics().get(0).message());
    }

    @Test
    void withoutParanoiaABrokenPassGoesUnnoticed() {
        // Not a feature: this shows that the check above is what catches broken passes.
        Optimizer broken = new Optimizer(List.of(DROP_DENIES), false);
        PolicyIr in = policy(rule(Verdict.DENY, Direction.IN).peer("192.0.2.0/24").line(3).build());
        PassResult result = broken.optimize(in);
        assertFalse(result.hasErrors());
        assertEquals(List.of(), result.policy().rules());
    }

    @Test
    void anUnboundPolicyIsRefused() {
        PolicyIr unbound = policy(new Rule(Verdict.ALLOW, Direction.OUT, com.google.common.collect.ImmutableSet.of(),
                Optional.of(ImmutableList.of(new Endpoint.DnsName("example.com", dev.policyc.core.testing.TestIr.line(3)))),
                Optional.empty(), false, Optional.empty(), dev.policyc.core.testing.TestIr.line(3)));
        assertThrows(IllegalArgumentException.class, () -> PARANOID.optimize(unbound));
    }
}
