package dev.policyc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the arbitraries generate: valid flows, near the edges, and policies that mean what they say. */
class PolicyArbitrariesProperties {

    private static final TestPolicy API = TestPolicies.defaults().parse("""
            policy api {
                allow in tcp from { cidr 10.0.0.0/8, cidr 2001:db8::/32 } port 8000-8080
                deny in from host 10.9.9.9
            }
            """);

    private static final FlowSet SSH_FROM_OUTSIDE = PolicyAssertions.flows("in from outside 10.0.0.0/8 port 22");
    private static final FlowSet TO_METADATA_OR_ICMP = PolicyAssertions.flows("out to 169.254.169.254")
            .union(PolicyAssertions.flows("in icmpv6 from 2001:db8::/64"));

    @Provide
    Arbitrary<Flow> nearApi() {
        return PolicyArbitraries.flowsNear(API);
    }

    @Provide
    Arbitrary<Flow> anyFlow() {
        return PolicyArbitraries.flows();
    }

    @Provide
    Arbitrary<TestPolicy> policies() {
        return PolicyArbitraries.policies();
    }

    @Provide
    Arbitrary<Flow> inSshFromOutside() {
        return PolicyArbitraries.flowsIn(SSH_FROM_OUTSIDE, API);
    }

    @Provide
    Arbitrary<Flow> inToMetadataOrIcmp() {
        return PolicyArbitraries.flowsIn(TO_METADATA_OR_ICMP, API);
    }

    /** flowsIn stays inside its set, whatever the set's shape. */
    @Property
    void flowsInASetAreInTheSet(@ForAll("inSshFromOutside") Flow ssh, @ForAll("inToMetadataOrIcmp") Flow other) {
        assertTrue(SSH_FROM_OUTSIDE.contains(ssh), ssh::toString);
        assertTrue(TO_METADATA_OR_ICMP.contains(other), other::toString);
        assertEquals(new FlowSyntax.Parsed(ssh), FlowSyntax.parse(ssh.toString()));
    }

    /** The edges of the set and of the policy inside it are where flowsIn lands most. */
    @Example
    void flowsInASetVisitItsEdges() {
        Set<String> flows = PolicyArbitraries.flowsIn(SSH_FROM_OUTSIDE, API).sampleStream().limit(3000)
                .map(Flow::toString).collect(Collectors.toSet());
        assertTrue(flows.containsAll(List.of("in tcp 9.255.255.255 22", "in tcp 11.0.0.0 22", "in udp 0.0.0.0 22",
                "in tcp 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff 22", "in tcp 2001:db9:: 22")), flows::toString);
    }

    /** Every generated flow can be written in eval's syntax: icmp only with IPv4, icmpv6 only with IPv6. */
    @Property
    void flowsNearAPolicyAreFlowsOfTheEvalSyntax(@ForAll("nearApi") Flow flow) {
        assertEquals(new FlowSyntax.Parsed(flow), FlowSyntax.parse(flow.toString()));
    }

    @Property
    void flowsOfTheUniverseAreFlowsOfTheEvalSyntax(@ForAll("anyFlow") Flow flow) {
        assertEquals(new FlowSyntax.Parsed(flow), FlowSyntax.parse(flow.toString()));
    }

    /** Generated policies are valid, print as their own text, and their exact meaning agrees with the evaluator. */
    @Property(tries = 200)
    void generatedPoliciesMeanWhatTheEvaluatorSays(@ForAll("policies") TestPolicy policy) {
        assertEquals(policy.policy(), TestPolicies.defaults().parse(policy.toString()).policy());
        var accepted = PolicyMeaning.accepted(policy.policy());
        for (Flow flow : PolicyArbitraries.flowsNear(policy).sampleStream().limit(30).toList()) {
            assertEquals(ReferenceEvaluator.verdict(policy.policy(), flow) == Verdict.ALLOW, accepted.contains(flow), flow::toString);
        }
    }

    /** Each edge shows up often in a few thousand flows, and both directions and families do. */
    @Example
    void flowsNearAPolicyVisitEveryEdge() {
        List<Flow> flows = PolicyArbitraries.flowsNear(API).sampleStream().limit(5000).toList();
        Set<String> addresses = flows.stream().map(f -> f.address().toCanonicalString()).collect(Collectors.toSet());
        assertTrue(addresses.containsAll(List.of("9.255.255.255", "10.0.0.0", "10.255.255.255", "11.0.0.0",
                "10.9.9.8", "10.9.9.9", "10.9.9.10", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::",
                "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::")), addresses::toString);
        Set<Integer> ports = flows.stream().filter(f -> f.port().isPresent()).map(f -> f.port().getAsInt())
                .collect(Collectors.toSet());
        assertTrue(ports.containsAll(List.of(7999, 8000, 8080, 8081, 1, 65535)), ports::toString);
        assertTrue(flows.stream().map(Flow::direction).collect(Collectors.toSet()).containsAll(Set.of(Direction.values())));
        assertTrue(flows.stream().map(Flow::family).collect(Collectors.toSet()).containsAll(Set.of(Family.values())));
        long onAnEdge = flows.stream().filter(f -> f.port().isEmpty() || Set.of(7999, 8000, 8080, 8081, 1, 65535)
                .contains(f.port().getAsInt())).count();
        assertTrue(onAnEdge > flows.size() * 0.7, "ports on an edge: " + onAnEdge + " of " + flows.size());
    }
}
