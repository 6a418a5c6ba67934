package dev.policyc.testing;

import static dev.policyc.testing.PolicyAssertions.assertThat;
import static dev.policyc.testing.PolicyAssertions.flows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Proof that the toolkit finds mistakes: each policy below has a twin with one port or one
 * address too many. The properties run with jqwik's default number of tries and a fresh seed
 * every time; they must fail, and {@link FindsPlantedError} checks that they did and that jqwik
 * shrank the counterexample to the boundary flow. The exact assertions find the same mistakes
 * every time, without any luck.
 */
@AddLifecycleHook(value = FindsPlantedError.Hook.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class PlantedErrorProperties {

    private static final TestPolicies LOADER = TestPolicies.defaults();

    /** A service port range: the twin opens one port too many. */
    static final TestPolicy PORTS = LOADER.parse("""
            policy api {
                allow in tcp from cidr 10.0.0.0/8 port 8000-8080
                allow out udp to host 10.0.2.3 port 53
            }
            """);
    static final TestPolicy PORTS_ONE_TOO_MANY = LOADER.parse("""
            policy api {
                allow in tcp from cidr 10.0.0.0/8 port 8000-8081
                allow out udp to host 10.0.2.3 port 53
            }
            """);

    /** ssh from the company network only: the twin lets one more address in. */
    static final TestPolicy SSH = LOADER.parse("""
            policy bastion {
                allow in tcp from cidr 10.0.0.0/8 port 20-22
                allow out tcp port 443
            }
            """);
    static final TestPolicy SSH_ONE_ADDRESS_TOO_MANY = LOADER.parse("""
            policy bastion {
                allow in tcp from { cidr 10.0.0.0/8, host 11.0.0.0 } port 20-22
                allow out tcp port 443
            }
            """);
    static final FlowSet SSH_FROM_OUTSIDE = flows("in tcp from outside 10.0.0.0/8 port 22");

    /** Link-local services but not the metadata service: the twin's deny is one address off. */
    static final TestPolicy METADATA = LOADER.parse("""
            policy sidecar {
                allow out tcp to cidr 169.254.0.0/16 port 80
                deny out to host 169.254.169.254
            }
            """);
    static final TestPolicy METADATA_OFF_BY_ONE = LOADER.parse("""
            policy sidecar {
                allow out tcp to cidr 169.254.0.0/16 port 80
                deny out to host 169.254.169.253
            }
            """);
    static final FlowSet TO_METADATA = flows("out to 169.254.169.254");

    @Provide
    Arbitrary<Flow> nearBothPortPolicies() {
        return PolicyArbitraries.flowsNear(PORTS, PORTS_ONE_TOO_MANY);
    }

    @Property(afterFailure = AfterFailureMode.RANDOM_SEED)
    @FindsPlantedError(shrinksTo = "in tcp 10.0.0.0 8081")
    boolean onePortTooManyIsFoundAndShrunkToTheBoundary(@ForAll("nearBothPortPolicies") Flow flow) {
        return verdict(PORTS, flow) == verdict(PORTS_ONE_TOO_MANY, flow);
    }

    @Provide
    Arbitrary<Flow> nearTheSshPolicyAndTheGuard() {
        return PolicyArbitraries.flowsNear(List.of(SSH_ONE_ADDRESS_TOO_MANY.policy()), List.of(SSH_FROM_OUTSIDE));
    }

    @Property(afterFailure = AfterFailureMode.RANDOM_SEED)
    @FindsPlantedError(shrinksTo = "in tcp 11.0.0.0 22")
    boolean oneAddressTooManyBreaksTheSshGuard(@ForAll("nearTheSshPolicyAndTheGuard") Flow flow) {
        return !(SSH_FROM_OUTSIDE.contains(flow) && verdict(SSH_ONE_ADDRESS_TOO_MANY, flow) == Verdict.ALLOW);
    }

    @Provide
    Arbitrary<Flow> sshFromOutside() {
        return PolicyArbitraries.flowsIn(SSH_FROM_OUTSIDE, SSH_ONE_ADDRESS_TOO_MANY);
    }

    /** The same guard with flows drawn from the guarded set only: found sooner, shrunk alike. */
    @Property(afterFailure = AfterFailureMode.RANDOM_SEED)
    @FindsPlantedError(shrinksTo = "in tcp 11.0.0.0 22")
    void oneAddressTooManyIsFoundAmongTheGuardedFlows(@ForAll("sshFromOutside") Flow flow) {
        assertThat(SSH_ONE_ADDRESS_TOO_MANY).drops(flow);
    }

    @Provide
    Arbitrary<Flow> nearTheMetadataTypo() {
        return PolicyArbitraries.flowsNear(METADATA_OFF_BY_ONE);
    }

    @Property(afterFailure = AfterFailureMode.RANDOM_SEED)
    @FindsPlantedError(shrinksTo = "out tcp 169.254.169.254 80")
    boolean aDenyOneAddressOffLetsTheMetadataServiceThrough(@ForAll("nearTheMetadataTypo") Flow flow) {
        return !(TO_METADATA.contains(flow) && verdict(METADATA_OFF_BY_ONE, flow) == Verdict.ALLOW);
    }

    /** The same guards hold for the intended policies: the failures above are the planted errors. */
    @Property
    boolean theIntendedPoliciesKeepTheGuards(@ForAll("nearTheSshPolicyAndTheGuard") Flow nearSsh,
            @ForAll("nearTheMetadataTypo") Flow nearMetadata) {
        return !(SSH_FROM_OUTSIDE.contains(nearSsh) && verdict(SSH, nearSsh) == Verdict.ALLOW)
                && !(TO_METADATA.contains(nearMetadata) && verdict(METADATA, nearMetadata) == Verdict.ALLOW);
    }

    @Example
    void theExactAssertionsFindEachPlantedErrorAtItsBoundary() {
        AssertionError ports = assertThrows(AssertionError.class, () -> assertThat(PORTS_ONE_TOO_MANY).equivalentTo(PORTS));
        assertTrue(ports.getMessage().contains("they differ on in tcp 10.0.0.0 8081"), ports.getMessage());
        assertTrue(ports.getMessage().contains("only the first accepts: FlowSet{in tcp 10.0.0.0/8 port 8081}"),
                ports.getMessage());

        AssertionError ssh = assertThrows(AssertionError.class,
                () -> assertThat(SSH_ONE_ADDRESS_TOO_MANY).neverAccepts(SSH_FROM_OUTSIDE));
        assertTrue(ssh.getMessage().contains("counterexample: in tcp 11.0.0.0 22 is allowed, expected deny"), ssh.getMessage());
        assertTrue(ssh.getMessage().contains("decided by inline.policy:2  allow in tcp from { cidr 10.0.0.0/8, host 11.0.0.0 }"
                + " port 20-22  [matches host 11.0.0.0]"), ssh.getMessage());

        AssertionError metadata = assertThrows(AssertionError.class,
                () -> assertThat(METADATA_OFF_BY_ONE).neverAccepts(TO_METADATA));
        assertTrue(metadata.getMessage().contains("counterexample: out tcp 169.254.169.254 80 is allowed, expected deny"),
                metadata.getMessage());

        assertThat(PORTS).equivalentTo(PORTS);
        assertThat(SSH).neverAccepts(SSH_FROM_OUTSIDE);
        assertThat(METADATA).neverAccepts(TO_METADATA);
    }

    @Provide
    Arbitrary<TestPolicy> policies() {
        return PolicyArbitraries.policies();
    }

    /**
     * Whatever the policy, a flow it drops by default and that is then allowed by one planted rule
     * is found by the exact assertions, as the one counterexample there is.
     */
    @Property(tries = 200)
    void theExactAssertionsFindAFlowPlantedInAnyPolicy(@ForAll("policies") TestPolicy policy, @ForAll long choice) {
        List<Flow> candidates = PolicyArbitraries.flowsNear(policy).sampleStream().limit(50)
                .filter(f -> f.namedProtocol().isPresent())
                .filter(f -> {
                    var decision = ReferenceEvaluator.evaluate(policy.policy(), f);
                    return decision.isDefault() && decision.verdict() == Verdict.DENY;
                })
                .toList();
        net.jqwik.api.Assume.that(!candidates.isEmpty());
        Flow planted = candidates.get((int) Math.floorMod(choice, (long) candidates.size()));
        TestPolicy withPlant = LOADER.parse(plantRule(policy.toString(), planted));
        assertEquals(Verdict.ALLOW, verdict(withPlant, planted));

        AssertionError difference = assertThrows(AssertionError.class, () -> assertThat(withPlant).equivalentTo(policy));
        assertTrue(difference.getMessage().contains("they differ on " + planted + "\n"), difference.getMessage());
        AssertionError never = assertThrows(AssertionError.class, () -> assertThat(withPlant).neverAccepts(FlowSet.of(planted)));
        assertTrue(never.getMessage().contains("counterexample: " + planted + " is allowed"), never.getMessage());
        assertThat(policy).equivalentTo(policy).neverAccepts(FlowSet.of(planted));
    }

    /** The policy text with one more rule, allowing exactly {@code flow}, before its closing brace. */
    private static String plantRule(String text, Flow flow) {
        String peer = flow.direction().keyword().equals("in") ? "from" : "to";
        String rule = "    allow " + flow.direction().keyword() + " " + flow.namedProtocol().orElseThrow().keyword() + " "
                + peer + " host " + flow.address().toCanonicalString()
                + (flow.port().isPresent() ? " port " + flow.port().getAsInt() : "") + "\n";
        int end = text.lastIndexOf('}');
        return text.substring(0, end) + rule + text.substring(end);
    }

    private static Verdict verdict(TestPolicy policy, Flow flow) {
        return ReferenceEvaluator.verdict(policy.policy(), flow);
    }
}
